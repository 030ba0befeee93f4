"""The JetStream Object Store media store against a real nats-server: photo bytes travel on a connection of
their own (never queued ahead of the process's requests and replies), it fails fast when NATS is away,
and a dropped connection is dialled again on next use."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import time
import uuid
from pathlib import Path

import pytest
from nats.aio.client import Client as NatsClient
from nats.js.object_store import OBJ_META_PRE_TEMPLATE

from services.common.media_store import (
    MEDIA_BUCKET,
    STAGING_BUCKET,
    BlobNotFound,
    FilesystemMedia,
    ObjectStoreMedia,
    staging_name,
)
from services.common.nats_server import NatsServer, free_port
from services.common.testing import eventually


async def test_bytes_travel_on_the_store_s_own_connection(
    nats_server: NatsServer, nats_client: NatsClient
) -> None:
    store = ObjectStoreMedia(nats_server.url, "test")
    photo = os.urandom(1_500_000)  # 12 chunks
    name = staging_name()
    sent_before = nats_client.stats["out_bytes"]
    try:
        await store.put(name, photo)
        assert await store.get(name) == photo
        connection = store.connection
        assert connection is not None and connection is not nats_client
        assert connection.stats["out_bytes"] >= len(photo)
        assert connection.stats["in_bytes"] >= len(photo)
        # The bytes are in JetStream, readable by anyone (the media service reads what the gateway put).
        reader = ObjectStoreMedia(nats_server.url, "reader")
        try:
            assert await reader.get(name) == photo
        finally:
            await reader.close()
        assert nats_client.stats["out_bytes"] - sent_before < 10_000
        await store.delete(name)
        with pytest.raises(BlobNotFound):
            await store.get(name)
    finally:
        await store.close()
    assert store.connection is None


async def test_a_dropped_connection_is_dialled_again(nats_server: NatsServer) -> None:
    store = ObjectStoreMedia(nats_server.url, "test")
    try:
        await store.put("staging/first", b"one")
        first = store.connection
        assert first is not None
        await first.close()  # as a dropped connection ends: closed for good
        await store.put("staging/second", b"two")
        assert store.connection is not None and store.connection is not first
        assert await store.get("staging/first") == b"one"
    finally:
        await store.close()


async def test_nats_away_fails_at_once_with_a_connection_error() -> None:
    store = ObjectStoreMedia(f"nats://127.0.0.1:{free_port()}", "test")
    with pytest.raises(ConnectionError, match="cannot reach NATS"):
        await store.put(staging_name(), b"photo")
    assert store.connection is None


async def test_a_large_object_arrives_whole_and_an_altered_one_is_refused(
    nats_server: NatsServer, nats_client: NatsClient
) -> None:
    store = ObjectStoreMedia(nats_server.url, "test")
    photo = os.urandom(10_000_000)  # 77 chunks: the server asks for flow control several times
    name = staging_name()
    try:
        await store.put(name, photo)
        assert await store.get(name) == photo
        await store.put("staging/empty", b"")
        assert await store.get("staging/empty") == b""
        # The object's record now names a digest its chunks do not have: refused, not served.
        bucket = await nats_client.jetstream().object_store(STAGING_BUCKET)
        info = await bucket.get_info(name)
        record = info.as_dict()
        record["digest"] = "SHA-256=" + base64.urlsafe_b64encode(hashlib.sha256(b"other").digest()).decode()
        subject = OBJ_META_PRE_TEMPLATE.format(
            bucket=STAGING_BUCKET, obj=base64.urlsafe_b64encode(name.encode()).decode()
        )
        await nats_client.jetstream().publish(
            subject, json.dumps(record).encode(), headers={"Nats-Rollup": "sub"}
        )
        with pytest.raises(ConnectionError, match="incomplete or altered"):
            await store.get(name)
    finally:
        await store.close()


async def test_staged_uploads_expire_in_a_bucket_of_their_own_and_photos_stay(
    nats_server: NatsServer, nats_client: NatsClient
) -> None:
    """An upload a crash left in staging is removed by nats-server after the staging maximum age; photos
    are in the other bucket, with no maximum age."""
    store = ObjectStoreMedia(nats_server.url, "test", staging_max_age=1.0)
    staged, photo = staging_name(), "photos/" + "a" * 64 + ".jpg"
    try:
        await store.put(staged, b"left behind")
        await store.put(photo, b"a photo")
        js = nats_client.jetstream()
        staging = await js.stream_info(f"OBJ_{STAGING_BUCKET}")
        photos = await js.stream_info(f"OBJ_{MEDIA_BUCKET}")
        assert staging.config.max_age == 1.0 and not photos.config.max_age
        assert await store.get(staged) == b"left behind"

        async def expired() -> bool:
            return not await store.exists(staged)

        await eventually(expired, timeout=15, interval=0.2, what="the staged upload expired")
        with pytest.raises(BlobNotFound):
            await store.get(staged)
        assert await store.get(photo) == b"a photo"
        assert await store.expire_staged(1.0) == 0  # nothing for the service to do here
    finally:
        await store.close()


async def test_a_directory_store_removes_only_staged_files_older_than_the_age(tmp_path: Path) -> None:
    store = FilesystemMedia(tmp_path)
    old, fresh, photo = staging_name(), staging_name(), "photos/" + "b" * 64 + ".jpg"
    for name in (old, fresh, photo):
        await store.put(name, b"bytes")
    half_written = tmp_path / "staging" / f".{uuid.uuid4()}.{uuid.uuid4().hex}"  # as a crash leaves one
    half_written.write_bytes(b"by")
    hour_ago = time.time() - 3600
    for path in (tmp_path / old, half_written, tmp_path / photo):
        os.utime(path, (hour_ago, hour_ago))
    assert await store.expire_staged(600) == 2
    assert not await store.exists(old) and not half_written.exists()
    assert await store.get(fresh) == b"bytes" and await store.get(photo) == b"bytes"
    assert await FilesystemMedia(tmp_path / "none-yet").expire_staged(600) == 0

"""The JetStream Object Store media store against a real nats-server: photo bytes travel on a connection of
their own (never queued ahead of the process's requests and replies), it fails fast when NATS is away,
and a dropped connection is dialled again on next use."""

from __future__ import annotations

import base64
import hashlib
import json
import os

import pytest
from nats.aio.client import Client as NatsClient
from nats.js.object_store import OBJ_META_PRE_TEMPLATE

from services.common.media_store import MEDIA_BUCKET, BlobNotFound, ObjectStoreMedia, staging_name
from services.common.nats_server import NatsServer, free_port


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
        bucket = await nats_client.jetstream().object_store(MEDIA_BUCKET)
        info = await bucket.get_info(name)
        record = info.as_dict()
        record["digest"] = "SHA-256=" + base64.urlsafe_b64encode(hashlib.sha256(b"other").digest()).decode()
        subject = OBJ_META_PRE_TEMPLATE.format(
            bucket=MEDIA_BUCKET, obj=base64.urlsafe_b64encode(name.encode()).decode()
        )
        await nats_client.jetstream().publish(
            subject, json.dumps(record).encode(), headers={"Nats-Rollup": "sub"}
        )
        with pytest.raises(ConnectionError, match="incomplete or altered"):
            await store.get(name)
    finally:
        await store.close()

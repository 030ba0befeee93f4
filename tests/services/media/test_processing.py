"""The media service on its own, with the filesystem store: processing runs in a bounded pool of worker
processes beside the event loop (health and reads answer while photos are decoded), staged uploads are
removed, renditions land in the store, and a name outside the staging folder is never processed (nor
deleted)."""

from __future__ import annotations

import asyncio
import functools
import math
import os
import resource
import time
from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from nats.aio.client import Client as NatsClient
from PIL import Image

from cityfix_contracts import DomainError, RpcContext, UserActor
from cityfix_contracts.commands.media import GetPhoto, ProcessedPhoto, ProcessUpload
from cityfix_contracts.events.media import RedactionRegion
from cityfix_contracts.rpc import health_subject
from services.common.media_store import FilesystemMedia, staging_name
from services.common.nats_server import free_port
from services.common.rpc import RpcClient, RpcFailure
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.media import handlers
from services.media.domain import Limits, render
from services.media.processing import StoreAddress, cpu_budget, process_staged, redact_stored
from services.media.service import spec
from tests.support.held_render import dying_render, entered, held_render, spinning_render
from tests.support.photos import jpeg

CITIZEN = RpcContext(correlation_id="test", actor=UserActor(user_id="citizen-1", role="citizen"))


@pytest.fixture
async def media(run_service: Callable[..., Awaitable[ServiceRuntime]], tmp_path: Path) -> FilesystemMedia:
    await run_service(
        spec, media_store="filesystem", media_directory=tmp_path / "media", media_processing_workers=1
    )
    return FilesystemMedia(tmp_path / "media")


async def test_processing_is_bounded_and_off_the_event_loop(
    media: FilesystemMedia, nats_client: NatsClient, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    gate = tmp_path / "gate"
    gate.mkdir()
    monkeypatch.setattr(handlers, "render", functools.partial(held_render, str(gate)))
    rpc = RpcClient(nats_client, timeout=60)
    staged = [staging_name() for _ in range(2)]
    for number, name in enumerate(staged):
        await media.put(name, jpeg(seed=number))
    uploads = [asyncio.create_task(rpc.call(ProcessUpload(staging_object=name), CITIZEN)) for name in staged]
    try:
        await eventually(
            lambda: asyncio.sleep(0, result=len(entered(gate)) == 1), what="one photo in processing"
        )
        # Decoding runs in a worker process, not in the service's: its loop answers meanwhile.
        assert entered(gate)[0] != os.getpid()
        health = await rpc.request_raw(health_subject("media"), "media", b"", CITIZEN, timeout=10)
        assert health.ok
        with pytest.raises(RpcFailure) as missing:
            await rpc.call(GetPhoto(media_id="no-such-photo"), CITIZEN, timeout=10)
        assert missing.value.error.code == "photo_not_found"
        await asyncio.sleep(0.3)
        assert len(entered(gate)) == 1  # one worker: the second upload waits for it
    finally:
        (gate / "release").touch()
    results: list[ProcessedPhoto] = await asyncio.gather(*uploads)
    assert len(entered(gate)) == 2 and len({r.id for r in results}) == 2
    assert len(set(entered(gate))) == 1  # both in the one worker process
    for name in staged:
        assert not await media.exists(name)
    assert len(list((media.root / "photos").iterdir())) == 2
    assert len(list((media.root / "thumbnails").iterdir())) == 2
    stored = await rpc.call(GetPhoto(media_id=results[0].id, rendition="thumbnail"), CITIZEN)
    assert (await media.get(stored.object_name)).startswith(b"\xff\xd8\xff")


async def test_only_staged_objects_are_processed(media: FilesystemMedia, nats_client: NatsClient) -> None:
    rpc = RpcClient(nats_client, timeout=60)
    name = staging_name()
    await media.put(name, jpeg())
    photo = await rpc.call(ProcessUpload(staging_object=name), CITIZEN)
    stored = await rpc.call(GetPhoto(media_id=photo.id), CITIZEN)
    for outside in (stored.object_name, "staging/../photos/x.jpg", "photos"):
        with pytest.raises(RpcFailure) as refused:
            await rpc.call(ProcessUpload(staging_object=outside), CITIZEN)
        assert refused.value.error.code == "upload_not_found"
    assert await media.exists(stored.object_name)  # never deleted as if it were a staged upload
    anonymous = RpcContext(correlation_id="test")
    with pytest.raises(RpcFailure) as unsigned:
        await rpc.call(ProcessUpload(staging_object=staging_name()), anonymous)
    assert unsigned.value.error.kind == "unauthenticated"
    with pytest.raises(RpcFailure) as hidden:
        await rpc.call(GetPhoto(media_id=photo.id), anonymous)
    assert hidden.value.error.kind == "not_found"


def test_filesystem_names_cannot_leave_the_store(tmp_path: Path) -> None:
    store = FilesystemMedia(tmp_path)
    for name in ("../etc/passwd", "photos/../../x", "/abs", "photos/a/b", "other/x.jpg"):
        with pytest.raises(ValueError, match="not a media object name"):
            store._path(name)


async def test_uploads_per_account_are_limited(
    run_service: Callable[..., Awaitable[ServiceRuntime]], nats_client: NatsClient, tmp_path: Path
) -> None:
    await run_service(
        spec, media_store="filesystem", media_directory=tmp_path / "media", media_uploads_per_hour=2
    )
    store = FilesystemMedia(tmp_path / "media")
    rpc = RpcClient(nats_client, timeout=60)
    for seed in range(2):
        name = staging_name()
        await store.put(name, jpeg(seed=seed))
        await rpc.call(ProcessUpload(staging_object=name), CITIZEN)
    name = staging_name()
    await store.put(name, jpeg(seed=3))
    with pytest.raises(RpcFailure) as limited:
        await rpc.call(ProcessUpload(staging_object=name), CITIZEN)
    assert (limited.value.error.kind, limited.value.error.code) == ("rate_limited", "too_many_uploads")
    assert 3540 <= limited.value.error.details["retry_after"] <= 3600  # the first upload, moments ago
    assert not await store.exists(name)  # a refused upload is not left staged
    other = RpcContext(correlation_id="test", actor=UserActor(user_id="citizen-2", role="citizen"))
    name = staging_name()
    await store.put(name, jpeg(seed=3))
    assert (await rpc.call(ProcessUpload(staging_object=name), other)).id


def test_the_cpu_budget_counts_from_now_and_is_lifted_after_the_photo() -> None:
    before = resource.getrlimit(resource.RLIMIT_CPU)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    used = usage.ru_utime + usage.ru_stime
    with cpu_budget(100):
        soft, hard = resource.getrlimit(resource.RLIMIT_CPU)
        assert hard == before[1]
        assert math.ceil(used + 100) <= soft <= math.ceil(used + 101)
    # Restored: redaction, which runs in the same workers without a budget, is not cut short.
    assert resource.getrlimit(resource.RLIMIT_CPU) == before
    with cpu_budget(None):
        assert resource.getrlimit(resource.RLIMIT_CPU) == before


async def test_a_photo_over_its_cpu_budget_ends_its_worker_and_the_next_photo_is_processed(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
    nats_client: NatsClient,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    await run_service(
        spec,
        media_store="filesystem",
        media_directory=tmp_path / "media",
        media_processing_workers=1,
        media_processing_cpu_seconds=1,
    )
    store = FilesystemMedia(tmp_path / "media")
    rpc = RpcClient(nats_client, timeout=60)
    monkeypatch.setattr(handlers, "render", spinning_render)  # would spin for a minute
    name = staging_name()
    await store.put(name, jpeg(seed=1))
    started = asyncio.get_running_loop().time()
    with pytest.raises(RpcFailure) as failed:
        await rpc.call(ProcessUpload(staging_object=name), CITIZEN)
    assert (failed.value.error.kind, failed.value.error.code) == ("unavailable", "processing_failed")
    assert asyncio.get_running_loop().time() - started < 30  # ended at its budget, not after the minute
    assert not await store.exists(name)
    monkeypatch.undo()
    for seed in (2, 3):  # the replacement worker has the whole budget for each photo
        name = staging_name()
        await store.put(name, jpeg(seed=seed))
        assert (await rpc.call(ProcessUpload(staging_object=name), CITIZEN)).id


async def test_a_worker_that_dies_refuses_its_photo_and_the_next_one_is_processed(
    media: FilesystemMedia, nats_client: NatsClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    rpc = RpcClient(nats_client, timeout=60)
    monkeypatch.setattr(handlers, "render", dying_render)
    name = staging_name()
    await media.put(name, jpeg(seed=1))
    with pytest.raises(RpcFailure) as failed:
        await rpc.call(ProcessUpload(staging_object=name), CITIZEN)
    assert (failed.value.error.kind, failed.value.error.code) == ("unavailable", "processing_failed")
    assert not await media.exists(name)  # not left staged
    monkeypatch.undo()
    name = staging_name()
    await media.put(name, jpeg(seed=2))
    assert (await rpc.call(ProcessUpload(staging_object=name), CITIZEN)).id


def test_a_worker_refuses_when_the_store_is_away_or_the_upload_is_gone(tmp_path: Path) -> None:
    limits = Limits(max_pixels=40_000_000)
    away = StoreAddress("object_store", tmp_path, f"nats://127.0.0.1:{free_port()}")
    with pytest.raises(DomainError) as unavailable:
        process_staged(away, staging_name(), limits, render)
    assert (unavailable.value.reply.kind, unavailable.value.reply.code) == (
        "unavailable",
        "media_store_unavailable",
    )
    directory = StoreAddress("filesystem", tmp_path, "nats://unused:4222")
    with pytest.raises(DomainError) as gone:
        process_staged(directory, staging_name(), limits, render)
    assert gone.value.reply.code == "upload_not_found"
    staged = staging_name()
    (tmp_path / staged).parent.mkdir(parents=True)
    (tmp_path / staged).write_bytes(jpeg())
    processed = process_staged(directory, staged, limits, render)
    assert (tmp_path / "photos" / f"{processed.content_hash}.jpg").read_bytes().startswith(b"\xff\xd8\xff")
    assert (tmp_path / "thumbnails" / f"{processed.content_hash}.jpg").is_file()
    assert max(processed.thumbnail.width, processed.thumbnail.height) <= limits.thumbnail_side


def test_a_worker_redacts_from_the_store_into_the_store(tmp_path: Path) -> None:
    """Redaction reads the stored photo and writes its renditions in the worker (the bytes never pass
    through the service); a store that is away, or a stored photo that is missing, is said as such."""
    limits = Limits(max_pixels=40_000_000)
    region = (RedactionRegion(x=0, y=0, width=160, height=240, style="black"),)
    away = StoreAddress("object_store", tmp_path, f"nats://127.0.0.1:{free_port()}")
    with pytest.raises(DomainError) as unavailable:
        redact_stored(away, "photos/" + "0" * 64 + ".jpg", region, limits)
    assert unavailable.value.reply.code == "media_store_unavailable"
    directory = StoreAddress("filesystem", tmp_path, "nats://unused:4222")
    with pytest.raises(DomainError) as missing:
        redact_stored(directory, "photos/" + "0" * 64 + ".jpg", region, limits)
    assert missing.value.reply.code == "stored_photo_missing"

    staged = staging_name()
    (tmp_path / staged).parent.mkdir(parents=True)
    (tmp_path / staged).write_bytes(jpeg())
    processed = process_staged(directory, staged, limits, render)
    original = tmp_path / "photos" / f"{processed.content_hash}.jpg"
    before = original.read_bytes()
    redacted = redact_stored(directory, f"photos/{processed.content_hash}.jpg", region, limits)
    assert redacted.content_hash != processed.content_hash
    assert original.read_bytes() == before  # stored beside the original, never over it
    photo = tmp_path / "photos" / f"{redacted.content_hash}.jpg"
    assert photo.stat().st_size == redacted.photo.bytes
    assert (
        tmp_path / "thumbnails" / f"{redacted.content_hash}.jpg"
    ).stat().st_size == redacted.thumbnail.bytes
    with Image.open(photo) as image:
        assert image.size == (redacted.photo.width, redacted.photo.height) == (320, 240)
        left = image.convert("RGB").crop((8, 8, 150, 230))
        assert max(channel_max for _, channel_max in left.getextrema()) < 24  # the region is black
        assert image.convert("RGB").getpixel((300, 120))[2] > 150  # the rest is untouched (blue)


async def test_the_service_removes_uploads_a_crash_left_in_staging(
    run_service: Callable[..., Awaitable[ServiceRuntime]], tmp_path: Path
) -> None:
    """With the directory store, the service itself removes staged uploads older than their maximum age
    (a gateway that ended between staging an upload and asking for it leaves one); what is younger, and
    every photo, stays."""
    await run_service(
        spec,
        media_store="filesystem",
        media_directory=tmp_path / "media",
        media_processing_workers=1,
        media_staging_max_age_seconds=8.0,  # looked for every 2 s
    )
    media = FilesystemMedia(tmp_path / "media")
    left, waiting, photo = staging_name(), staging_name(), "photos/" + "c" * 64 + ".jpg"
    for name in (left, waiting, photo):
        await media.put(name, jpeg())
    hour_ago = time.time() - 3600
    for name in (left, photo):
        os.utime(tmp_path / "media" / name, (hour_ago, hour_ago))

    async def removed() -> bool:
        return not await media.exists(left)

    await eventually(removed, timeout=20, what="the left-behind upload removed")
    assert await media.exists(waiting) and await media.exists(photo)

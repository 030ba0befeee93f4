"""The media service: wiring of its documents, handlers and subscribers onto the shared runtime.

Its dependencies hold the media store (the JetStream Object Store, over a NATS connection of its own, or
a directory) and the processing pool: worker processes, started on the first photo, that read an upload
from the store, decode and re-encode it and write its renditions (processing.py). Processes rather than
threads, because Pillow holds the GIL for parts of every photo (allocating and zeroing the decoded image,
freeing it, the encoder's loop), tens of milliseconds for a 12 MP photo, and every request the service's
loop (in `cityfix dev`, the whole stack's loop) answers would wait for them. The workers run at the
lowest CPU priority (services/common/priority.py), and the pool's size bounds how many photos are in
memory decoded at once. Workers are spawned, never forked from this multi-threaded process. The pool
lives as long as the service's background work and is shut down with it; a worker whose parent dies
exits at once (services/common/workers.py), and a pool whose worker died is replaced
(`MediaDeps.in_pool`).
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ProcessPoolExecutor

from services.common.logs import get_logger
from services.common.media_store import open_media_store
from services.common.service import ServiceRuntime, ServiceSpec
from services.common.workers import spawned_pool

from . import moderation  # noqa: F401 - registers the moderation handlers and subscribers
from .documents import DOCUMENTS
from .handlers import MediaDeps, rpc
from .processing import StoreAddress, prepare_worker
from .settings import media_settings
from .subscribers import events

log = get_logger("cityfix.media")
EXPIRY_SECONDS = 300.0


def processing_pool(workers: int) -> ProcessPoolExecutor:
    """`workers` spawned processes at the lowest priority, for `processing.process_staged` and
    `processing.redact_stored`."""
    return spawned_pool(workers, prepare_worker)


def dependencies(runtime: ServiceRuntime) -> MediaDeps:
    settings = media_settings(runtime.settings)
    return MediaDeps(
        settings=settings,
        unit_of_work=runtime.unit_of_work,
        store=open_media_store(settings, settings.nats_url, f"cityfix-{runtime.name}"),
        store_address=StoreAddress(
            settings.media_store,
            settings.media_directory,
            settings.nats_url,
            settings.media_staging_max_age_seconds,
        ),
        pool=processing_pool(settings.media_processing_workers),
        new_pool=lambda: processing_pool(settings.media_processing_workers),
    )


async def background(runtime: ServiceRuntime) -> None:
    """Keeps the processing pool and the media store's connection until the service stops, and removes
    staged uploads a crash left behind (`MediaStore.expire_staged`; the object store's staging bucket
    expires them by itself) every quarter of their maximum age, at most every EXPIRY_SECONDS."""
    deps: MediaDeps = runtime.deps
    max_age = deps.settings.media_staging_max_age_seconds
    try:
        while True:
            await asyncio.sleep(min(max_age / 4, EXPIRY_SECONDS))
            try:
                removed = await deps.store.expire_staged(max_age)
            except OSError as exc:  # the shared directory away for a moment: try again next time
                log.warning("cannot remove expired uploads", error=repr(exc))
                continue
            if removed:
                log.info("expired uploads removed", count=removed)
    finally:
        deps.pool.shutdown(wait=False, cancel_futures=True)
        await deps.store.close()


spec = ServiceSpec(
    name="media",
    documents=DOCUMENTS,
    rpc=rpc,
    events=events,
    dependencies=dependencies,
    background=background,
)

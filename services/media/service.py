"""The media service: wiring of its documents, handlers and subscribers onto the shared runtime.

Its dependencies hold the media store (the JetStream Object Store of the runtime's own connection, or a
directory) and the processing pool, a few threads beside the event loop: decoding and encoding release
the GIL in Pillow, and the pool's size bounds how many photos are in memory decoded at once. The pool
lives as long as the service's background work and is shut down with it.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor

from services.common.media_store import open_media_store
from services.common.service import ServiceRuntime, ServiceSpec

from . import moderation  # noqa: F401 - registers the moderation handlers and subscribers
from .documents import DOCUMENTS
from .handlers import MediaDeps, rpc
from .settings import media_settings
from .subscribers import events


def dependencies(runtime: ServiceRuntime) -> MediaDeps:
    settings = media_settings(runtime.settings)
    return MediaDeps(
        settings=settings,
        unit_of_work=runtime.unit_of_work,
        store=open_media_store(settings, runtime.jetstream),
        pool=ThreadPoolExecutor(
            max_workers=settings.media_processing_workers, thread_name_prefix="media-processing"
        ),
    )


async def background(runtime: ServiceRuntime) -> None:
    """Nothing runs beside the handlers; this keeps the processing pool until the service stops."""
    deps: MediaDeps = runtime.deps
    try:
        await asyncio.Event().wait()
    finally:
        deps.pool.shutdown(wait=False, cancel_futures=True)


spec = ServiceSpec(
    name="media",
    documents=DOCUMENTS,
    rpc=rpc,
    events=events,
    dependencies=dependencies,
    background=background,
)

"""Commands and queries the media service answers: plain functions of (request, context, dependencies).

ProcessUpload takes the name of a staging object the gateway streamed an upload into (the bytes never
travel over request/reply, DESIGN §1). The gateway owns the transport limits (the size cap while reading,
one file part); this service owns every decision about the content: the type by magic bytes, the pixel
cap from the header before any decode, then decoding and re-encoding. All of that runs in a bounded pool
of worker processes at the lowest CPU priority, the photo's bytes included: the worker reads the staged
object itself and writes the renditions (processing.py). The pool's size, a setting, bounds how many are
decoded at once; up to UPLOADS_IN_FLIGHT requests wait for it. The staging object is removed whatever the
outcome; the renditions are written once per content hash; the photo's record and its PhotoUploaded are
stored in one unit of work.

GetPhoto answers where a rendition is, for the gateway to stream from the store, to those who may see
it (visibility.py; 404 to everyone else, so their existence does not leak). A redacted photo's public
renditions are the redacted ones; the `original` rendition is for its municipality's staff.
"""

from __future__ import annotations

import asyncio
import math
import uuid
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, Executor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, TypeVar

from pydantic import BaseModel

from cityfix_contracts import DomainError, RpcContext, envelope_for, utc_now
from cityfix_contracts.commands.media import GetPhoto, ProcessedPhoto, ProcessUpload, StoredRendition
from cityfix_contracts.events import PhotoUploaded
from services.common.access import require_user
from services.common.logs import get_logger
from services.common.media_store import STAGING, MediaStore, checked_name
from services.common.rpc import RpcRegistry
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import PhotoDocument
from .domain import CONTENT_TYPE, Limits, render
from .processing import StoreAddress, process_staged, upload_not_found
from .settings import MediaSettings
from .visibility import sight

log = get_logger("cityfix.media")

T = TypeVar("T")

rpc = RpcRegistry("media")

UPLOADERS = ("citizen", "operator", "manager")
# Uploads one instance takes at once: they wait on the store and the pool, which bounds the decoding.
UPLOADS_IN_FLIGHT = 8
RATE_WINDOW = timedelta(hours=1)


@dataclass
class MediaDeps:
    settings: MediaSettings
    unit_of_work: Callable[[], UnitOfWork]
    store: MediaStore
    store_address: StoreAddress  # the same store, for the pool's workers to open
    pool: Executor
    new_pool: Callable[[], Executor] | None = None  # replaces a pool whose worker died

    async def in_pool(self, work: Callable[..., T], *args: Any) -> T:
        """`work(*args)` in the processing pool. A worker that dies (killed for its memory, ended for its
        CPU budget, or crashed in a decoder) breaks the whole pool: it is replaced, so the next photo has a
        worker, and this one is refused as unavailable, to be sent again."""
        pool = self.pool
        try:
            return await asyncio.get_running_loop().run_in_executor(pool, work, *args)
        except BrokenExecutor:
            log.error("a photo processing worker died; replacing the pool", work=work.__name__)
            if self.pool is pool and self.new_pool is not None:
                self.pool = self.new_pool()
                pool.shutdown(wait=False, cancel_futures=True)
            raise DomainError(
                "unavailable",
                "processing_failed",
                "The photo could not be processed just now; please send it again, or another photo if "
                "this one fails again.",
            ) from None

    @property
    def limits(self) -> Limits:
        return Limits(
            max_pixels=self.settings.media_max_pixels,
            photo_max_side=self.settings.media_photo_max_side,
            thumbnail_side=self.settings.media_thumbnail_side,
        )


def photo_not_found(media_id: str) -> DomainError:
    return DomainError("not_found", "photo_not_found", f"No photo with id {media_id} exists.")


def is_staged(name: str) -> bool:
    try:
        return checked_name(name).startswith(f"{STAGING}/")
    except ValueError:
        return False


class UploadTime(BaseModel):
    """The one field the upload limit reads: with the (owner_id, created_at) index, MongoDB answers from
    the index alone, and no photo document is read or sent (so `_id`, not in the index, is left out)."""

    created_at: datetime

    class Settings:
        projection = {"created_at": 1, "_id": 0}


async def check_upload_rate(owner_id: str, deps: MediaDeps) -> None:
    """At most `media_uploads_per_hour` photos per account in any hour; 429 with the wait otherwise."""
    limit = deps.settings.media_uploads_per_hour
    now = utc_now()
    # The limit-th newest upload within the window, alone: there is none while under the limit, and when
    # there is, the next upload is allowed once it leaves the window. One document, however many exist.
    nth = (
        await PhotoDocument.find({"owner_id": owner_id, "created_at": {"$gt": now - RATE_WINDOW}})
        .sort("-created_at")
        .skip(limit - 1)
        .limit(1)
        .project(UploadTime)
        .to_list()
    )
    if not nth:
        return
    oldest = nth[0].created_at.replace(tzinfo=UTC)
    wait = max(1, math.ceil((oldest + RATE_WINDOW - now).total_seconds()))
    raise DomainError(
        "rate_limited",
        "too_many_uploads",
        f"You have uploaded {limit} photos within the last hour; please wait {math.ceil(wait / 60)} min "
        "before the next one.",
        {"retry_after": wait, "limit": limit},
    )


@rpc.handles(ProcessUpload, concurrency=UPLOADS_IN_FLIGHT)
async def process_upload(cmd: ProcessUpload, ctx: RpcContext, deps: MediaDeps) -> ProcessedPhoto:
    """Check, process and store an uploaded photo (citizens and staff, who attach photos to reports)."""
    user = require_user(ctx)
    if not is_staged(cmd.staging_object):  # never process (and then delete) a stored rendition
        raise upload_not_found()
    try:
        if user.role not in UPLOADERS:
            raise DomainError(
                "forbidden", "may_not_upload", "Only citizens and municipal staff can upload photos."
            )
        await check_upload_rate(user.user_id, deps)
        # All of it in a worker: reading the bytes, the header check (a refused file is never decoded),
        # decoding and re-encoding, writing the renditions. `render` is looked up here, for tests.
        processed = await deps.in_pool(
            process_staged,
            deps.store_address,
            cmd.staging_object,
            deps.limits,
            render,
            deps.settings.media_processing_cpu_seconds,
        )
    finally:
        await deps.store.delete(cmd.staging_object)
    photo = PhotoDocument(
        id=str(uuid.uuid4()),
        owner_id=user.user_id,
        content_hash=processed.content_hash,
        content_type=CONTENT_TYPE,
        width=processed.photo.width,
        height=processed.photo.height,
        size=processed.photo.bytes,
        thumbnail_width=processed.thumbnail.width,
        thumbnail_height=processed.thumbnail.height,
        thumbnail_size=processed.thumbnail.bytes,
        created_at=utc_now(),
    )
    async with deps.unit_of_work() as uow:
        session = uow.session if isinstance(uow, MongoUnitOfWork) else None
        await photo.insert(session=session)
        uow.emit(
            envelope_for(
                PhotoUploaded(media_id=photo.id, owner_id=user.user_id),
                aggregate_id=photo.id,
                sequence=photo.version,
                actor=user,
                correlation_id=ctx.correlation_id,
                occurred_at=photo.created_at,
            )
        )
    log.info("photo stored", media_id=photo.id, content_hash=processed.content_hash)
    return ProcessedPhoto(
        id=photo.id, width=photo.width, height=photo.height, suggested_location=processed.location
    )


@rpc.handles(GetPhoto)
async def get_photo(query: GetPhoto, ctx: RpcContext, deps: MediaDeps) -> StoredRendition:
    """Where a photo's rendition is stored, if the asker may see it (public once attached)."""
    photo = await PhotoDocument.get(query.media_id)
    if photo is None:
        raise photo_not_found(query.media_id)
    seen = await sight(photo, ctx)
    original = query.rendition == "original"
    if not (seen.staff if original else seen.visible):
        raise photo_not_found(query.media_id)
    thumbnail = query.rendition == "thumbnail"
    content_hash = photo.content_hash if original else photo.redacted_hash or photo.content_hash
    if thumbnail:
        size = photo.redacted_thumbnail_size or photo.thumbnail_size
    else:
        size = photo.size if original else photo.redacted_size or photo.size
    return StoredRendition(
        object_name=photo.object_name(query.rendition),
        content_type=photo.content_type,
        size=size,
        etag=f'"{content_hash[:32]}{"-t" if thumbnail else ""}"',
        public=seen.public and not original,
        # Attached but not public (hidden), or the original: served for who asks, kept by no cache.
        restricted=original or (photo.ticket_id is not None and not seen.public),
    )

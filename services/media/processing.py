"""One staged upload, processed whole in a worker of the processing pool: read from the store, checked
(`domain.inspect`: type by magic bytes, pixel cap and GPS from the header, before anything is decoded),
decoded and re-encoded (`domain.render`), and its renditions written to the store. What comes back to
the service is a few numbers and the content hash, never the bytes. A redaction is done the same way
(`redact_stored`): the worker reads the stored photo and writes the redacted renditions.

Why the worker and not the service: a photo is a few MB, and every byte of it read from the store costs
CPU (the socket, the NATS protocol, the copies, and handing it to the worker through a pipe). In the
service's process that work ran at normal priority beside the loop that answers requests and health
checks; in the worker it runs at the lowest priority (services/common/priority.py), like the decoding.
Under bench/media's upload load (about 3.8 photos a second) the media service's own CPU halved, from 68
to 34 ms a second. The worker opens its own store from `StoreAddress` for each photo and closes it
after: a connection kept between photos would sit unanswered while the worker waits for work. A refused
file now waits for a worker like any other, and is refused there before anything is decoded.

Each photo has a CPU budget (`media_processing_cpu_seconds`): the pixel cap bounds the memory a file
can claim, not the time its decoding takes (a progressive JPEG can hold thousands of scans, each a pass
over the whole image). A worker over budget is ended by the kernel (SIGXCPU, RLIMIT_CPU), inside the
decoder as anywhere else, and the service replaces it (`MediaDeps.in_pool`): one such file cannot hold
the workers, and every photo queued behind them, for minutes.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import resource
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import nats.errors
from PIL import Image

from cityfix_contracts import DomainError, Point
from cityfix_contracts.events.media import RedactionRegion
from services.common.media_store import BlobNotFound, MediaStore, MediaStoreSettings, open_media_store
from services.common.priority import lowest_priority

from .documents import rendition_object
from .domain import Inspection, Limits, Rendered, Rendition, inspect
from .redaction import redact

Render = Callable[[bytes, Inspection, Limits], Rendered]

WORKER_CLIENT = "cityfix-media-worker"
# Pillow's memory blocks (16 MiB each) a worker keeps for the next photo instead of returning them to the
# system: a 12 MP photo decoded and resized needs about six.
CACHED_IMAGE_BLOCKS = 8


def keep_image_memory() -> None:
    """Pillow keeps up to CACHED_IMAGE_BLOCKS of its memory blocks for the next image.

    By default it returns a decoded image's memory to the system when the image is freed, so the next
    photo faults it in again, page by page, each page zeroed by the kernel: 23,000 page faults and 50 ms
    of kernel time per 12 MP photo decoded whole, a fifth of its processing, and kernel time that other
    processes woken on the worker's CPU can wait for. With the blocks kept: about 4,000 faults and 7 ms,
    and the photo is processed in about 210 ms instead of 250 (bench/media). Since a 12 MP JPEG is
    decoded at half scale (domain._decode_reduced) the saving there is smaller (11,800 → 8,600 faults,
    101 → 97 ms); it stays what it was for PNG, WebP and HEIC, which are decoded whole. The cost: up to
    CACHED_IMAGE_BLOCKS × 16 MiB held by each worker between photos."""
    Image.core.set_blocks_max(CACHED_IMAGE_BLOCKS)  # type: ignore[attr-defined]


def prepare_worker() -> None:
    """Each pool worker, once: the lowest CPU priority, Pillow keeping its memory between photos, and no
    core files."""
    lowest_priority()
    keep_image_memory()
    # A worker ended for its CPU budget (SIGXCPU) leaves no core file of a decoded photo behind.
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


@contextlib.contextmanager
def cpu_budget(seconds: float | None) -> Iterator[None]:
    """Within the block, the kernel ends this process (SIGXCPU) once it has used `seconds` more CPU time
    (whole seconds, rounded up); the limit in force before is restored after it."""
    if seconds is None:
        yield
        return
    before = resource.getrlimit(resource.RLIMIT_CPU)
    usage = resource.getrusage(resource.RUSAGE_SELF)
    soft = math.ceil(usage.ru_utime + usage.ru_stime + seconds)
    hard = before[1]
    resource.setrlimit(
        resource.RLIMIT_CPU, (soft if hard == resource.RLIM_INFINITY else min(soft, hard), hard)
    )
    try:
        yield
    finally:
        resource.setrlimit(resource.RLIMIT_CPU, before)


@dataclass(frozen=True)
class StoreAddress:
    """Enough to open the service's media store in another process (it pickles)."""

    media_store: str
    media_directory: Path
    nats_url: str
    staging_max_age: float = 3600.0

    def open(self) -> MediaStore:
        settings = MediaStoreSettings.model_validate(
            {
                "media_store": self.media_store,
                "media_directory": self.media_directory,
                "media_staging_max_age_seconds": self.staging_max_age,
            }
        )
        return open_media_store(settings, self.nats_url, WORKER_CLIENT)


@dataclass(frozen=True)
class Size:
    width: int
    height: int
    bytes: int

    @classmethod
    def of(cls, rendition: Rendition) -> Size:
        return cls(rendition.width, rendition.height, len(rendition.data))


@dataclass(frozen=True)
class Stored:
    """A photo's renditions as written to the store: what a worker reports back instead of the bytes."""

    content_hash: str
    photo: Size
    thumbnail: Size


@dataclass(frozen=True)
class Processed(Stored):
    location: Point | None


STORED_PHOTO_MISSING = "stored_photo_missing"


def stored_photo_missing() -> DomainError:
    """The photo's record names an object the store does not hold (the service logs it as an error)."""
    return DomainError("not_found", STORED_PHOTO_MISSING, "This photo's image cannot be found.")


def upload_not_found() -> DomainError:
    return DomainError(
        "invalid", "upload_not_found", "There is no such upload; please upload the photo again."
    )


def store_unavailable() -> DomainError:
    return DomainError(
        "unavailable",
        "media_store_unavailable",
        "Photos cannot be stored or read right now; please send the photo again.",
    )


def process_staged(
    address: StoreAddress, staging_object: str, limits: Limits, work: Render, cpu_seconds: float | None = None
) -> Processed:
    """In a pool worker: the staged upload checked, rendered and stored (`work` is `domain.render`), the
    worker ended if that takes more than `cpu_seconds` of CPU."""
    with cpu_budget(cpu_seconds):
        return asyncio.run(_process_staged(address, staging_object, limits, work))


async def _process_staged(
    address: StoreAddress, staging_object: str, limits: Limits, work: Render
) -> Processed:
    inspection: Inspection | None = None

    def checked_and_rendered(data: bytes) -> Rendered:
        nonlocal inspection
        inspection = inspect(data, limits)  # refuses before anything is decoded
        return work(data, inspection, limits)

    stored = await _rendered_in_store(address, staging_object, upload_not_found(), checked_and_rendered)
    assert inspection is not None
    return Processed(stored.content_hash, stored.photo, stored.thumbnail, inspection.location)


def redact_stored(
    address: StoreAddress, photo_object: str, regions: Sequence[RedactionRegion], limits: Limits
) -> Stored:
    """In a pool worker: the stored photo `photo_object` with `regions` obscured (`redaction.redact`), its
    photo and thumbnail written to the store beside it. No CPU budget: the input is the service's own
    rendition (at most `photo_max_side` px, decoded once), not a file from outside."""
    return asyncio.run(
        _rendered_in_store(
            address, photo_object, stored_photo_missing(), lambda original: redact(original, regions, limits)
        )
    )


async def _rendered_in_store(
    address: StoreAddress, name: str, missing: DomainError, render_from: Callable[[bytes], Rendered]
) -> Stored:
    """The object `name` read from the store (`missing` when there is none), rendered by `render_from`, and
    the photo and thumbnail written under their content hash unless already there (a photo is stored
    once). Only their sizes and hash come back."""
    store = address.open()
    try:
        try:
            data = await store.get(name)
        except BlobNotFound:
            raise missing from None
        rendered = render_from(data)
        del data
        for rendition, output in (("photo", rendered.photo), ("thumbnail", rendered.thumbnail)):
            stored_name = rendition_object(rendition, rendered.content_hash)
            if not await store.exists(stored_name):
                await store.put(stored_name, output.data)
    except (ConnectionError, OSError, TimeoutError, nats.errors.Error):
        # The store's own exceptions may not cross back to the service whole; say what happened instead.
        raise store_unavailable() from None
    finally:
        await store.close()
    return Stored(rendered.content_hash, Size.of(rendered.photo), Size.of(rendered.thumbnail))

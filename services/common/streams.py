"""The three JetStream streams of DESIGN §2, created or updated at start by every process that needs them."""

from __future__ import annotations

from nats.js import JetStreamContext
from nats.js.api import DiscardPolicy, RetentionPolicy, StorageType, StreamConfig
from nats.js.errors import NotFoundError

from cityfix_contracts.subjects import (
    DLQ_PREFIX,
    DLQ_STREAM,
    EVENTS_PREFIX,
    EVENTS_STREAM,
    PRIVATE_PREFIX,
    PRIVATE_STREAM,
)

DAY = 24 * 3600.0
DUPLICATE_WINDOW_SECONDS = 300.0  # ≥ 2 minutes: a relay that re-publishes after a crash is deduplicated

STREAMS: tuple[StreamConfig, ...] = (
    StreamConfig(
        name=EVENTS_STREAM,
        description="Domain events, tenant-scoped; may be granted to outside systems",
        subjects=[f"{EVENTS_PREFIX}.>"],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        max_age=400 * DAY,  # replay a year, with margin
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
        discard=DiscardPolicy.OLD,
    ),
    StreamConfig(
        name=PRIVATE_STREAM,
        description="Personal data and secrets, keyed by user id; never granted outside",
        subjects=[f"{PRIVATE_PREFIX}.>"],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        max_age=7 * DAY,
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
        discard=DiscardPolicy.OLD,
    ),
    StreamConfig(
        name=DLQ_STREAM,
        description="Messages that exhausted their deliveries; listed and replayed by the admin service",
        subjects=[f"{DLQ_PREFIX}.>"],
        retention=RetentionPolicy.LIMITS,
        storage=StorageType.FILE,
        max_age=90 * DAY,
        duplicate_window=DUPLICATE_WINDOW_SECONDS,
        discard=DiscardPolicy.OLD,
    ),
)


async def ensure_streams(js: JetStreamContext) -> None:
    """Create the streams, or bring an existing one's configuration up to date."""
    for config in STREAMS:
        assert config.name is not None
        try:
            await js.stream_info(config.name)
        except NotFoundError:
            await js.add_stream(config=config)
        else:
            await js.update_stream(config=config)

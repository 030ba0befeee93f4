"""Reading and replaying CITYFIX_DLQ (DESIGN §2–3): what the admin service lists and replays.

A dead letter is the original event body, published by the consumer that gave up on it under
`cityfix.dlq.<original subject>` with the original subject, the last error, the delivery count and the
consumer's durable name in headers (see `consumer.dead_letter`).

Replaying publishes the body again on its original subject with a fresh `Nats-Msg-Id`
(`replay-<dlq sequence>`, so JetStream's duplicate window does not drop it as the original event, yet a
replay repeated after a crash is dropped), then deletes the dead letter. The body — and so its
`event_id` — is unchanged: every consumer of that subject sees it again, and those that already handled
it skip it through their inbox; only the one that failed applies it.
"""

from __future__ import annotations

import contextlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from nats.js import JetStreamContext
from nats.js.api import RawStreamMsg
from nats.js.errors import NotFoundError

from cityfix_contracts.subjects import (
    DLQ_PREFIX,
    DLQ_STREAM,
    EVENTS_PREFIX,
    EVENTS_STREAM,
    PRIVATE_PREFIX,
    PRIVATE_STREAM,
    original_of_dlq,
)

from .consumer import CONSUMER_HEADER, DELIVERY_COUNT_HEADER, ERROR_HEADER, ORIGINAL_SUBJECT_HEADER
from .logs import get_logger

log = get_logger("cityfix.dead_letters")

REPLAY_OF_HEADER = "Cityfix-Replay-Of"


class DeadLetterNotFound(LookupError):
    """No dead letter has this sequence (never existed, or already replayed or removed)."""

    def __init__(self, sequence: int) -> None:
        super().__init__(f"no dead letter with sequence {sequence} in {DLQ_STREAM}")
        self.sequence = sequence


@dataclass(frozen=True)
class DeadLetter:
    """One message in CITYFIX_DLQ, described without its body (which may hold personal data)."""

    sequence: int  # in CITYFIX_DLQ: what `replay_dead_letter` takes
    original_subject: str
    error: str
    delivery_count: int | None
    consumer: str | None
    event_id: str | None  # None when the body is not a readable envelope
    event_type: str | None
    time: datetime | None  # when it was dead-lettered


@dataclass(frozen=True)
class Replayed:
    """Where a replayed dead letter went."""

    dead_letter_sequence: int
    subject: str
    stream: str
    stream_sequence: int
    duplicate: bool  # True when this replay had already been published (a retried replay)


def _header(msg: RawStreamMsg, name: str) -> str | None:
    headers: dict[str, Any] = msg.headers or {}
    value = headers.get(name)
    return str(value) if value is not None else None


def _original_subject(msg: RawStreamMsg) -> str:
    return _header(msg, ORIGINAL_SUBJECT_HEADER) or original_of_dlq(msg.subject or "")


def _envelope_head(body: bytes | None) -> tuple[str | None, str | None]:
    try:
        parsed = json.loads(body or b"")
    except ValueError:
        return None, None
    if not isinstance(parsed, dict):
        return None, None
    event_id, event_type = parsed.get("event_id"), parsed.get("event_type")
    return (
        event_id if isinstance(event_id, str) else None,
        event_type if isinstance(event_type, str) else None,
    )


def _delivery_count(value: str | None) -> int | None:
    try:
        return int(value) if value is not None else None
    except ValueError:
        return None


def describe(msg: RawStreamMsg) -> DeadLetter:
    event_id, event_type = _envelope_head(msg.data)
    assert msg.seq is not None
    return DeadLetter(
        sequence=msg.seq,
        original_subject=_original_subject(msg),
        error=_header(msg, ERROR_HEADER) or "",
        delivery_count=_delivery_count(_header(msg, DELIVERY_COUNT_HEADER)),
        consumer=_header(msg, CONSUMER_HEADER),
        event_id=event_id,
        event_type=event_type,
        time=msg.time,
    )


async def list_dead_letters(js: JetStreamContext, limit: int = 100, after: int = 0) -> list[DeadLetter]:
    """Dead letters, oldest first: at most `limit`, with a sequence greater than `after` (a cursor)."""
    if limit <= 0:
        return []
    found: list[DeadLetter] = []
    sequence = max(after + 1, 1)
    while len(found) < limit:
        try:
            # The next message at or after `sequence`: skips deleted (replayed) ones in one request.
            msg = await js.get_msg(DLQ_STREAM, seq=sequence, subject=f"{DLQ_PREFIX}.>", next=True)
        except NotFoundError:
            break
        assert msg.seq is not None
        found.append(describe(msg))
        sequence = msg.seq + 1
    return found


def _stream_of(subject: str) -> str:
    """The stream a replay must land in; anything else is refused (a DLQ header is not trusted to
    send a message to an RPC subject, or back into the DLQ)."""
    if subject.startswith(EVENTS_PREFIX + "."):
        return EVENTS_STREAM
    if subject.startswith(PRIVATE_PREFIX + "."):
        return PRIVATE_STREAM
    raise ValueError(f"dead letter names {subject!r} as its subject, which is not an event subject")


async def replay_dead_letter(js: JetStreamContext, sequence: int) -> Replayed:
    """Publish dead letter `sequence` again on its original subject, then remove it from the DLQ.

    Raises DeadLetterNotFound if there is no such dead letter. Publishing comes first: if the process
    dies before the removal, replaying again is dropped by JetStream as a duplicate (same message id).
    """
    try:
        msg = await js.get_msg(DLQ_STREAM, seq=sequence)
    except NotFoundError:
        raise DeadLetterNotFound(sequence) from None
    if msg.seq != sequence:
        raise DeadLetterNotFound(sequence)
    subject = _original_subject(msg)
    stream = _stream_of(subject)
    headers = {"Nats-Msg-Id": f"replay-{sequence}", REPLAY_OF_HEADER: str(sequence)}
    _, event_type = _envelope_head(msg.data)
    if event_type is not None:
        headers["Cityfix-Event-Type"] = event_type
    ack = await js.publish(subject, msg.data or b"", stream=stream, headers=headers)
    # Already gone if a concurrent replay removed it; the duplicate window then dropped our copy.
    with contextlib.suppress(NotFoundError):
        await js.delete_msg(DLQ_STREAM, sequence)
    log.info(
        "replayed dead letter",
        dead_letter=sequence,
        subject=subject,
        stream_sequence=ack.seq,
        duplicate=bool(ack.duplicate),
    )
    return Replayed(
        dead_letter_sequence=sequence,
        subject=subject,
        stream=ack.stream,
        stream_sequence=ack.seq,
        duplicate=bool(ack.duplicate),
    )

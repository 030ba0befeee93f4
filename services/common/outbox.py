"""The transactional outbox and its relay (DESIGN §3.1: no lost events).

A service stores the events of a change in the same transaction as the change (see `uow.py`). The relay
publishes what is pending with `Nats-Msg-Id = event_id`, and forgets an entry only after JetStream has
acknowledged it. While NATS is away it keeps retrying; a relay that dies between the publish and the
removal publishes again, and JetStream's duplicate window (or the consumers' inbox) drops the copy.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from nats.js import JetStreamContext

from cityfix_contracts import Envelope, utc_now

from .aio import settle
from .logs import get_logger
from .metrics import OUTBOX_PENDING

log = get_logger("cityfix.outbox")


@dataclass(frozen=True)
class OutboxEntry:
    event_id: str
    subject: str
    payload: bytes
    headers: dict[str, str]

    @classmethod
    def of(cls, envelope: Envelope[Any]) -> OutboxEntry:
        return cls(
            event_id=envelope.event_id,
            subject=envelope.subject,
            payload=envelope.model_dump_json(by_alias=True).encode(),
            headers=envelope.headers(),
        )


def outbox_document(entry: OutboxEntry) -> dict[str, Any]:
    return {
        "event_id": entry.event_id,
        "subject": entry.subject,
        "payload": entry.payload.decode(),
        "headers": entry.headers,
        "created_at": utc_now(),
    }


def entry_of(document: dict[str, Any]) -> OutboxEntry:
    return OutboxEntry(
        document["event_id"], document["subject"], document["payload"].encode(), dict(document["headers"])
    )


class OutboxStore(Protocol):
    async def pending(self, limit: int) -> list[OutboxEntry]: ...
    async def remove(self, event_ids: Sequence[str]) -> None: ...
    async def count(self) -> int: ...


class MongoOutboxStore:
    """The `outbox` collection of one service's database (plain PyMongo: Beanie binds a document class
    to one database per process, and every service in the embedded stack has its own outbox)."""

    def __init__(self, collection: Any) -> None:
        self.collection = collection

    async def pending(self, limit: int) -> list[OutboxEntry]:
        cursor = self.collection.find({}).sort([("created_at", 1), ("_id", 1)]).limit(limit)
        return [entry_of(d) async for d in cursor]

    async def remove(self, event_ids: Sequence[str]) -> None:
        # Removed rather than flagged: once JetStream acknowledged it, the stream is the durable record.
        await self.collection.delete_many({"event_id": {"$in": list(event_ids)}})

    async def count(self) -> int:
        n: int = await self.collection.count_documents({})
        return n


class MemoryOutboxStore:
    """The outbox of the in-memory adapters (unit tests and database-free benchmarks)."""

    def __init__(self) -> None:
        self.entries: dict[str, OutboxEntry] = {}

    def add(self, entries: Sequence[OutboxEntry]) -> None:
        for entry in entries:
            self.entries.setdefault(entry.event_id, entry)

    async def pending(self, limit: int) -> list[OutboxEntry]:
        return list(self.entries.values())[:limit]

    async def remove(self, event_ids: Sequence[str]) -> None:
        for event_id in event_ids:
            self.entries.pop(event_id, None)

    async def count(self) -> int:
        return len(self.entries)


class OutboxRelay:
    """Publishes pending outbox entries, in batches with bounded in-flight publishes."""

    def __init__(
        self,
        service: str,
        store: OutboxStore,
        jetstream: Callable[[], JetStreamContext | None],
        *,
        poll_seconds: float = 1.0,
        max_in_flight: int = 256,
        publish_timeout: float = 5.0,
    ) -> None:
        self.service = service
        self.store = store
        self.jetstream = jetstream
        self.poll_seconds = poll_seconds
        self.max_in_flight = max_in_flight
        self.publish_timeout = publish_timeout
        self._wake = asyncio.Event()
        self.task: asyncio.Task[None] | None = None
        self.published = 0

    def wake(self) -> None:
        """Called after a commit so new events leave at once rather than at the next poll."""
        self._wake.set()

    def start(self) -> None:
        if self.task is None:
            self.task = asyncio.create_task(self._run(), name=f"{self.service}-outbox-relay")

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            await settle([self.task], 5.0, f"{self.service} outbox relay")
            self.task = None

    async def _run(self) -> None:
        failures = 0
        while True:
            try:
                sent = await self.drain()
                failures = 0
            except Exception as exc:  # NATS away, database hiccup: keep the entries, retry later
                failures += 1
                log.warning("outbox relay could not publish", service=self.service, error=repr(exc))
                await asyncio.sleep(min(0.1 * 2**failures, 5.0))
                continue
            if sent:
                continue
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), self.poll_seconds)

    async def drain(self) -> int:
        """Publish one batch of pending entries; returns how many were acknowledged.

        Raises if any publish failed, after removing those that succeeded.
        """
        entries = await self.store.pending(self.max_in_flight)
        OUTBOX_PENDING.labels(self.service).set(len(entries))
        if not entries:
            return 0
        js = self.jetstream()
        if js is None:
            raise ConnectionError("not connected to NATS")
        results = await asyncio.gather(
            *(
                js.publish(e.subject, e.payload, headers=e.headers, timeout=self.publish_timeout)
                for e in entries
            ),
            return_exceptions=True,
        )
        acknowledged = [
            e.event_id for e, r in zip(entries, results, strict=True) if not isinstance(r, BaseException)
        ]
        if acknowledged:
            await self.store.remove(acknowledged)
            self.published += len(acknowledged)
        failed = [r for r in results if isinstance(r, BaseException)]
        if failed:
            raise failed[0]
        return len(acknowledged)

"""Work queued as documents and done in the background under a lease: emails (notifications) and webhook
deliveries (integrations).

A consumer only queues a document (status `pending`, `next_attempt_at`) inside its unit of work, so a slow
or failing destination never holds up or redelivers an event. A `LeasedWork` loop then takes what is due:
taking moves a document's `next_attempt_at` ahead by the lease under a fresh `lease_id` (compare-and-set),
so two replicas never work on the same one, and a process that dies mid-attempt leaves it due again when
the lease ends. What an attempt is, and how its outcome is recorded (checking the `lease_id` it took), is
the subclass's `deliver`.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Generic, TypeVar

from services.common.logs import get_logger
from services.common.uow import MongoUnitOfWork, UnitOfWork

log = get_logger("cityfix.leased")

D = TypeVar("D")
WAKE_DELAY_SECONDS = 0.05  # woken from inside the queueing unit of work: let it commit first
BATCH = 50


def session_of(uow: UnitOfWork) -> Any:
    """The MongoDB session of `uow`, or None for an in-memory unit of work."""
    return uow.session if isinstance(uow, MongoUnitOfWork) else None


class LeasedWork(Generic[D]):
    """Takes due documents of `document` (a Beanie document with `status`, `next_attempt_at` and
    `lease_id`) under a lease, and runs `deliver` on each, side by side."""

    what = "queued work"  # for the log

    def __init__(
        self,
        document: type[D],
        unit_of_work: Callable[[], UnitOfWork],
        clock: Callable[[], datetime],
        lease: timedelta,
        poll_seconds: float,
    ) -> None:
        self.document: Any = document  # a Beanie document class (its query API is untyped here)
        self.unit_of_work = unit_of_work
        self.clock = clock
        self.lease = lease
        self.poll_seconds = poll_seconds
        self._wake = asyncio.Event()

    def wake(self) -> None:
        """Look for due work soon (after the caller's unit of work has committed), not at the next poll."""
        with contextlib.suppress(RuntimeError):  # no running loop: the next poll finds the work
            asyncio.get_running_loop().call_later(WAKE_DELAY_SECONDS, self._wake.set)

    async def poll_forever(self) -> None:
        while True:
            self._wake.clear()  # before the pass: a wake during it brings the next one at once
            try:
                while await self.send_due():
                    pass
            except Exception as exc:  # the database away for a moment: try again at the next poll
                log.warning("background work failed", what=self.what, error=repr(exc))
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_seconds)

    async def send_due(self) -> int:
        """Attempt everything that is due; returns how many were taken."""
        taken = await self.take_due()
        await asyncio.gather(*(self.deliver(item) for item in taken))
        return len(taken)

    async def take_due(self) -> list[D]:
        now = self.clock()
        taken: list[D] = []
        async with self.unit_of_work() as uow:
            session = session_of(uow)
            collection = self.document.get_pymongo_collection()
            due = (
                await self.document.find(
                    {"status": "pending", "next_attempt_at": {"$lte": now}}, session=session
                )
                .sort("+next_attempt_at")
                .limit(BATCH)
                .to_list()
            )
            for item in due:
                lease_id = uuid.uuid4().hex
                changed = await collection.update_one(
                    {"_id": item.id, "status": "pending", "lease_id": item.lease_id},
                    {"$set": {"lease_id": lease_id, "next_attempt_at": now + self.lease}},
                    session=session,
                )
                if changed.modified_count == 1:
                    item.lease_id = lease_id
                    taken.append(item)
        return taken

    async def deliver(self, item: D) -> None:
        raise NotImplementedError

"""Time in the ticket lifecycle: the tickets service's scheduler, a loop beside its handlers.

Two jobs, each a change of the ticket like any other (load, ask the domain, versioned save with the
events the domain recorded, in one unit of work), made by the system actor `{system: "tickets"}`:

- **SLA breach**: an open ticket past its `due_at` records SlaBreached and its `sla_breached_at`, once in
  its life (the due date is the promise made at the report; reopening does not renew it).
- **Auto-close**: a ticket `resolved` for the confirmation window (setting `confirmation_window_days`)
  is closed (StatusChanged → closed), as the status table allows the system.

What is due is read from the database, never remembered: a restarted service catches up everything
that fell due while it was down, and the versioned update is the guard against doing it twice — when
two instances (or two passes) change the same ticket, one update matches the version it loaded and the
other matches nothing, so its unit of work, with its events, is dropped.

The loop wakes at the earliest due time the database holds, but sleeps at most
`scheduler_max_sleep_seconds`, so a ticket reported meanwhile with an earlier due time (at least an
hour ahead: `sla_hours` ≥ 1) is still handled in time; `wake()` makes it look at once. The clock is the
service's (`TicketsDeps.clock`), so tests move time instead of waiting for it.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from pymongo.errors import PyMongoError

from cityfix_contracts import DomainError, RpcContext, SystemActor
from cityfix_contracts.events.tickets import OPEN_STATUSES
from services.common.context import new_correlation_id
from services.common.logs import get_logger

from .documents import TicketDocument
from .domain import Actor, LifecyclePolicy, Ticket
from .handlers import TicketsDeps, load, save, session_of, ticket_from

log = get_logger("cityfix.tickets.scheduler")

SYSTEM = Actor.system("tickets")
ENVELOPE_ACTOR = SystemActor(system="tickets")
RETRY_SECONDS = 1.0  # something due could not be handled (a conflict, the database away): look again soon


@dataclass(frozen=True)
class PassOutcome:
    """What one pass changed."""

    breached: int = 0
    closed: int = 0


class TicketScheduler:
    def __init__(self, deps: TicketsDeps) -> None:
        self.deps = deps
        self.last_pass_at: datetime | None = None
        """The clock's time at the start of the last finished pass (tests wait for it)."""
        self._wake = asyncio.Event()

    @property
    def confirmation_window(self) -> timedelta:
        return timedelta(days=self.deps.settings.confirmation_window_days)

    def wake(self) -> None:
        """Look for due tickets now (the clock moved, or a change may be due sooner than expected)."""
        self._wake.set()

    async def run(self) -> None:
        """Pass after pass until cancelled; a failing pass is logged and retried, never the end."""
        while True:
            self._wake.clear()  # before the pass: a wake during it brings the next one at once
            try:
                await self.run_pass()
                sleep = await self.seconds_to_next()
            except Exception as exc:  # the database away for a moment
                log.warning("scheduler pass failed", error=repr(exc))
                sleep = RETRY_SECONDS
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=sleep)

    async def run_pass(self) -> PassOutcome:
        """Handle everything due at the clock's present time."""
        now = self.deps.clock()
        policy = LifecyclePolicy(confirmation_window=self.confirmation_window)
        breached = await self._each_due(
            self._overdue(now), "due_at", lambda ticket: ticket.breach_sla(now), now
        )
        closed = await self._each_due(
            self._confirmed(now), "resolved_at", lambda ticket: ticket.close(SYSTEM, now, policy=policy), now
        )
        self.last_pass_at = now
        if breached or closed:
            log.info("scheduler pass", breached=breached, closed=closed)
        return PassOutcome(breached, closed)

    async def next_due(self) -> datetime | None:
        """The earliest moment something will be due: a due date not yet breached, or the end of a
        resolved ticket's confirmation window."""
        tickets = TicketDocument.get_pymongo_collection()
        moments: list[datetime] = []
        breach = await tickets.find_one(self._overdue(None), {"due_at": 1}, sort=[("due_at", 1)])
        if breach is not None:
            moments.append(breach["due_at"])
        close = await tickets.find_one(self._confirmed(None), {"resolved_at": 1}, sort=[("resolved_at", 1)])
        if close is not None:
            moments.append(close["resolved_at"] + self.confirmation_window)
        return min(moments, default=None)

    async def seconds_to_next(self) -> float:
        longest = self.deps.settings.scheduler_max_sleep_seconds
        upcoming = await self.next_due()
        if upcoming is None:
            return longest
        wait = (upcoming - self.deps.clock()).total_seconds()
        if wait <= 0:  # due, yet the pass just made could not handle it
            return min(RETRY_SECONDS, longest)
        return min(wait, longest)

    # ----- the two jobs ----------------------------------------------------------------------------------

    @staticmethod
    def _overdue(now: datetime | None) -> dict[str, Any]:
        """Open tickets with a due date not yet breached (due by `now`, if given)."""
        due: dict[str, Any] = {"$ne": None} if now is None else {"$ne": None, "$lte": now}
        return {"status": {"$in": sorted(OPEN_STATUSES)}, "sla_breached_at": None, "due_at": due}

    def _confirmed(self, now: datetime | None) -> dict[str, Any]:
        """Resolved tickets (whose confirmation window has passed by `now`, if given)."""
        resolved: dict[str, Any] = {"$ne": None}
        if now is not None:
            resolved["$lte"] = now - self.confirmation_window
        return {"status": "resolved", "resolved_at": resolved}

    async def _each_due(
        self, criteria: dict[str, Any], order: str, change: Callable[[Ticket], None], now: datetime
    ) -> int:
        """Apply `change` to every ticket matching `criteria`, batch by batch, each in its own unit of
        work; returns how many changed. A ticket is tried once per pass, whatever happens to it."""
        tickets = TicketDocument.get_pymongo_collection()
        batch = self.deps.settings.scheduler_batch_size
        tried: list[str] = []
        changed = 0
        while True:
            query = {**criteria, "_id": {"$nin": tried}} if tried else criteria
            cursor = tickets.find(query, {"_id": 1}).sort([(order, 1), ("_id", 1)]).limit(batch)
            found = [document["_id"] async for document in cursor]
            for ticket_id in found:
                tried.append(ticket_id)
                changed += await self._apply(ticket_id, change, now)
            if len(found) < batch:
                return changed

    async def _apply(self, ticket_id: str, change: Callable[[Ticket], None], now: datetime) -> bool:
        ctx = RpcContext(correlation_id=new_correlation_id(), actor=ENVELOPE_ACTOR)
        try:
            async with self.deps.unit_of_work() as uow:
                loaded = await load(ticket_id, session_of(uow))
                ticket = ticket_from(loaded)
                change(ticket)
                changed = ticket.version != loaded.version
                await save(uow, ticket, loaded, ctx, now)
        except DomainError as refused:
            # Changed meanwhile (another instance was first, a manager acted): the next pass reads it anew.
            log.info("scheduler left a ticket", ticket_id=ticket_id, code=refused.reply.code)
            return False
        except PyMongoError as failure:  # e.g. a write conflict with another instance on a real server
            log.warning("scheduler could not change a ticket", ticket_id=ticket_id, error=repr(failure))
            return False
        return changed

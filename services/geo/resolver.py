"""Fills in tickets' addresses: reverse-geocodes queued tickets and publishes AddressResolved.

The geocoder is slow by policy (one request a second), so it is never asked inside a unit of work: the
TicketCreated consumer only queues the ticket (AddressRequestDocument) and wakes this loop, which asks
the geocoder with no transaction open and then records the answer and its event in one short unit of
work. A failed attempt is retried with backoff, up to `address_max_attempts`; the queue survives restarts.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Callable
from datetime import timedelta

from cityfix_contracts import DomainError, Point, SystemActor, envelope_for, utc_now
from cityfix_contracts.events import AddressResolved
from services.common.logs import get_logger
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import AddressRequestDocument
from .geocoder import Geocoder

log = get_logger("cityfix.geo")

ACTOR = SystemActor(system="geo")
WAKE_DELAY_SECONDS = 0.05  # woken from inside the queueing unit of work: let it commit first


class AddressResolver:
    def __init__(
        self,
        geocoder: Geocoder,
        unit_of_work: Callable[[], UnitOfWork],
        *,
        poll_seconds: float,
        max_attempts: int,
    ) -> None:
        self.geocoder = geocoder
        self.unit_of_work = unit_of_work
        self.poll_seconds = poll_seconds
        self.max_attempts = max_attempts
        self._wake = asyncio.Event()

    def wake(self) -> None:
        with contextlib.suppress(RuntimeError):  # no running loop: the next poll finds the work
            asyncio.get_running_loop().call_later(WAKE_DELAY_SECONDS, self._wake.set)

    async def run(self) -> None:
        while True:
            try:
                while await self.resolve_due():
                    pass
            except Exception as exc:  # the database away for a moment: try again at the next poll
                log.warning("address resolver failed", error=repr(exc))
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.poll_seconds)

    async def resolve_due(self) -> int:
        """Resolve every queued ticket that is due; returns how many were tried."""
        due = (
            await AddressRequestDocument.find({"status": "pending", "next_attempt_at": {"$lte": utc_now()}})
            .sort("+next_attempt_at")
            .limit(50)
            .to_list()
        )
        for request in due:
            await self.resolve(request)
        return len(due)

    async def resolve(self, request: AddressRequestDocument) -> None:
        try:
            place = await self.geocoder.reverse(request.lat, request.lon)
        except DomainError as exc:
            attempts = request.attempts + 1
            failed = attempts >= self.max_attempts
            log.warning("reverse geocoding failed", ticket_id=request.id, attempts=attempts, error=str(exc))
            await AddressRequestDocument.get_pymongo_collection().update_one(
                {"_id": request.id, "status": "pending"},
                {
                    "$set": {
                        "attempts": attempts,
                        "status": "failed" if failed else "pending",
                        "next_attempt_at": utc_now() + timedelta(seconds=self.poll_seconds * 2**attempts),
                    }
                },
            )
            return
        async with self.unit_of_work() as uow:
            session = uow.session if isinstance(uow, MongoUnitOfWork) else None
            status = "not_found" if place is None else "resolved"
            changed = await AddressRequestDocument.get_pymongo_collection().update_one(
                {"_id": request.id, "status": "pending"},
                {"$set": {"status": status, "address": place.address if place else None}},
                session=session,
            )
            if place is None or changed.modified_count != 1:
                return  # nothing known there, or another replica got there first
            uow.emit(
                envelope_for(
                    AddressResolved(
                        address_id=request.address_id,
                        ticket_id=request.id,
                        address=place.address,
                        location=Point(lat=request.lat, lon=request.lon),
                    ),
                    aggregate_id=request.address_id,
                    sequence=1,
                    actor=ACTOR,
                    correlation_id=request.correlation_id,
                    causation_id=request.causation_id,
                    municipality_id=request.municipality_id,
                )
            )

"""The in-memory adapter of the tickets service's store (store.py): dicts instead of MongoDB, for unit
tests and for the benchmark without a real MongoDB (DESIGN §9: the in-process engine cannot carry the
budgets, so a benchmark without `CITYFIX_TEST_MONGO_URL` measures the same path on this adapter and says
so).

Writes to tickets, their history and the report origins are staged in the unit of work
(`TicketsMemoryUnitOfWork`) and applied when it commits, together with its outbox entries and inbox
marks; a unit that raises leaves nothing behind. The commit checks again that every versioned update
still finds the version it read and that no history place is taken, so two interleaved units cannot both
win. Two things apply at once instead: reference numbers (an aborted report leaves a gap, where MongoDB
would roll the counter back) and the projections of other services' events (idempotent by sequence, so
applying one again after an abort ends in the same state).

Documents are the service's Beanie documents used as plain records: the runtime binds them (to the
in-process engine, which then stays empty) before anything here builds one.
"""

from __future__ import annotations

import bisect
import dataclasses
import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from types import TracebackType
from typing import Any, Self

from pymongo.errors import DuplicateKeyError

from cityfix_contracts import DomainError, Envelope
from cityfix_contracts.events import (
    BoundaryChanged,
    CategoryChanged,
    MunicipalityCreated,
    MunicipalityUpdated,
)
from services.common.mongo import Client
from services.common.municipality_areas import municipality_details
from services.common.outbox import MemoryOutboxStore
from services.common.service import ServiceRuntime, ServiceSpec
from services.common.uow import MemoryUnitOfWork, UnitOfWork

from .documents import CategoryDocument, MunicipalityDocument, TicketDocument, TicketEventDocument
from .domain import StaffRecord
from .handlers import TicketsDeps
from .service import dependencies as mongo_dependencies
from .service import spec as mongo_spec
from .store import category_fields


def ticket_changed(ticket_id: str) -> DomainError:
    return DomainError(
        "conflict",
        "ticket_changed",
        "Someone else changed this ticket a moment ago; reload it and try again.",
        {"ticket_id": ticket_id},
    )


@dataclass
class Staged:
    """The writes of one unit of work, applied on commit."""

    inserts: list[TicketDocument] = field(default_factory=list)
    updates: list[tuple[str, int, dict[str, Any]]] = field(default_factory=list)
    history: list[TicketEventDocument] = field(default_factory=list)
    origins: list[tuple[str, datetime]] = field(default_factory=list)


class TicketsMemoryUnitOfWork(MemoryUnitOfWork):
    """A MemoryUnitOfWork that also commits the store writes staged in it."""

    def __init__(
        self,
        store: MemoryTicketStore,
        outbox: MemoryOutboxStore,
        inbox: set[tuple[str, str]],
        on_commit: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__(outbox, inbox, on_commit)
        self.store = store
        self.staged = Staged()

    async def __aenter__(self) -> Self:
        self.staged = Staged()
        return await super().__aenter__()

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is None:
            self.store.commit(self.staged)  # raises (and so commits nothing) when a concurrent unit won
        await super().__aexit__(exc_type, exc, tb)


def staged(uow: UnitOfWork) -> Staged:
    assert isinstance(uow, TicketsMemoryUnitOfWork), "the memory store works in its own unit of work"
    return uow.staged


class MemoryTicketStore:
    """The tickets service's state in dicts (one process, one event loop)."""

    def __init__(self) -> None:
        self.tickets: dict[str, TicketDocument] = {}
        self.references: set[tuple[str, str]] = set()  # (municipality, reference): unique, as the index
        self.history: dict[tuple[str, int], TicketEventDocument] = {}
        self.counters: dict[str, int] = {}
        self.reports: dict[str, list[datetime]] = {}  # account → its reports' times, sorted
        self.origins: dict[str, list[datetime]] = {}  # client address → its reports' times, sorted
        self.municipality_areas: dict[str, MunicipalityDocument] = {}
        self.categories: dict[str, CategoryDocument] = {}
        self.people: dict[str, StaffRecord] = {}

    # ----- committing a unit of work

    def commit(self, changes: Staged) -> None:
        """Check every staged write against what is held now, then apply them all (no await between)."""
        inserted: set[tuple[str, str]] = set()
        for ticket in changes.inserts:
            place = (ticket.municipality_id, ticket.reference)
            if ticket.id in self.tickets or place in self.references or place in inserted:
                raise DomainError("conflict", "ticket_exists", "This ticket was stored already.")
            inserted.add(place)
        for ticket_id, version, _ in changes.updates:
            held = self.tickets.get(ticket_id)
            if held is None or held.version != version:
                raise ticket_changed(ticket_id)
        places = [(event.ticket_id, event.sequence) for event in changes.history]
        if len(set(places)) != len(places) or any(place in self.history for place in places):
            raise ticket_changed(places[0][0])
        for ticket in changes.inserts:
            self.tickets[ticket.id] = ticket
            self.references.add((ticket.municipality_id, ticket.reference))
            bisect.insort(self.reports.setdefault(ticket.reported_by, []), ticket.created_at)
        for ticket_id, _, fields in changes.updates:
            held = self.tickets[ticket_id]
            if "reference" in fields:
                self.references.discard((held.municipality_id, held.reference))
            self.tickets[ticket_id] = updated = held.model_copy(update=fields)
            self.references.add((updated.municipality_id, updated.reference))
        for event in changes.history:
            self.history[(event.ticket_id, event.sequence)] = event
        for address, at in changes.origins:
            bisect.insort(self.origins.setdefault(address, []), at)

    # ----- tickets

    async def ticket(self, ticket_id: str, uow: UnitOfWork | None = None) -> TicketDocument | None:
        return self.tickets.get(ticket_id)

    async def insert_ticket(self, uow: UnitOfWork, ticket: TicketDocument) -> None:
        if ticket.id in self.tickets:
            raise DuplicateKeyError(f"ticket {ticket.id} exists")
        staged(uow).inserts.append(ticket)

    async def update_ticket(
        self, uow: UnitOfWork, ticket_id: str, version: int, changes: dict[str, Any]
    ) -> bool:
        held = self.tickets.get(ticket_id)
        if held is None or held.version != version:
            return False
        staged(uow).updates.append((ticket_id, version, changes))
        return True

    async def add_history(self, uow: UnitOfWork, events: Sequence[TicketEventDocument]) -> None:
        for event in events:
            if (event.ticket_id, event.sequence) in self.history:
                raise DuplicateKeyError(f"ticket {event.ticket_id} has an event {event.sequence}")
        staged(uow).history.extend(events)

    async def next_reference_number(self, uow: UnitOfWork, municipality_id: str) -> int:
        self.counters[municipality_id] = number = self.counters.get(municipality_id, 0) + 1
        return number

    def events_of(self, ticket_id: str) -> list[TicketEventDocument]:
        """The ticket's history, in sequence order."""
        held = [event for (ticket, _), event in self.history.items() if ticket == ticket_id]
        return sorted(held, key=lambda event: event.sequence)

    # ----- the rate limits

    async def recent_reports(self, reported_by: str, since: datetime, limit: int) -> list[datetime]:
        return newest_after(self.reports.get(reported_by, []), since, limit)

    async def recent_origins(self, client_address: str, since: datetime, limit: int) -> list[datetime]:
        return newest_after(self.origins.get(client_address, []), since, limit)

    async def record_origin(
        self, uow: UnitOfWork, client_address: str, reported_at: datetime, expires_at: datetime
    ) -> None:
        staged(uow).origins.append((client_address, reported_at))

    # ----- projections

    async def municipality(
        self, municipality_id: str, uow: UnitOfWork | None = None
    ) -> MunicipalityDocument | None:
        return self.municipality_areas.get(municipality_id)

    async def municipalities(self) -> list[MunicipalityDocument]:
        return list(self.municipality_areas.values())

    async def category(self, category_id: str) -> CategoryDocument | None:
        return self.categories.get(category_id)

    async def staff(self, user_id: str, uow: UnitOfWork | None = None) -> StaffRecord:
        held = self.people.get(user_id)
        return StaffRecord() if held is None else dataclasses.replace(held)

    async def project_municipality(
        self, uow: UnitOfWork, envelope: Envelope[Any]
    ) -> MunicipalityDocument | None:
        data, sequence = envelope.data, envelope.sequence
        municipality_id: str = data.municipality_id
        held = self.municipality_areas.get(municipality_id) or MunicipalityDocument(id=municipality_id)
        changes: dict[str, Any] = {}
        if isinstance(data, MunicipalityCreated | MunicipalityUpdated) and held.details_sequence < sequence:
            changes.update(municipality_details(data, sequence))
        if isinstance(data, MunicipalityCreated | BoundaryChanged) and held.boundary_sequence < sequence:
            changes.update(boundary=data.boundary, boundary_sequence=sequence)
        updated: MunicipalityDocument = held.model_copy(update=changes)
        self.municipality_areas[municipality_id] = updated
        return updated

    async def project_category(self, uow: UnitOfWork, data: CategoryChanged, sequence: int) -> None:
        held = self.categories.get(data.category_id)
        if held is None or held.sequence < sequence:
            self.categories[data.category_id] = CategoryDocument(
                id=data.category_id, **category_fields(data, sequence)
            )

    async def save_staff(self, uow: UnitOfWork, user_id: str, record: StaffRecord) -> None:
        self.people[user_id] = dataclasses.replace(record)


def newest_after(times: list[datetime], since: datetime, limit: int) -> list[datetime]:
    """The newest `limit` of the sorted `times` after `since`, newest first."""
    start = max(bisect.bisect_right(times, since), len(times) - limit)
    return list(itertools.islice(reversed(times), len(times) - start))


def memory_spec(store: MemoryTicketStore | None = None) -> ServiceSpec:
    """The tickets service on the in-memory adapter: its store, its outbox and its inbox in this process.

    Reporting, reading and working a ticket and the projections use `store`; the modules that still use
    the Beanie documents directly (queries, conversation, management, scheduler, stats) find the
    in-process engine empty."""
    held = store if store is not None else MemoryTicketStore()
    outbox = MemoryOutboxStore()
    inbox: set[tuple[str, str]] = set()

    def unit_of_work(client: Client, database: str, on_commit: Callable[[], None]) -> UnitOfWork:
        return TicketsMemoryUnitOfWork(held, outbox, inbox, on_commit)

    def dependencies(runtime: ServiceRuntime) -> TicketsDeps:
        deps = mongo_dependencies(runtime)
        deps.store = held
        return deps

    return dataclasses.replace(
        mongo_spec,
        unit_of_work=unit_of_work,
        outbox_store=lambda runtime: outbox,
        dependencies=dependencies,
    )

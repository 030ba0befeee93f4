"""What the tickets service needs from storage to report, read and work a ticket, as one interface with two
implementations: `MongoTicketStore` (Beanie/PyMongo, the service's default) and `MemoryTicketStore`
(memory.py: dicts, for unit tests and the database-free benchmark, DESIGN §9).

Writes take the unit of work they belong to: the Mongo store writes in its transaction, the memory store
stages them and applies them when the unit commits. Reads outside a unit of work pass none.

Reporting (create), reading one ticket (get) and working it (assignment, status, feedback) in handlers.py
go through `TicketsDeps.store`, and so do the projections of municipalities, categories and staff in
subscribers.py. The other modules (queries, conversation, management, scheduler, stats) still use the
Beanie documents directly.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from datetime import datetime
from typing import Any, Protocol

from pymongo import ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession

from cityfix_contracts import Envelope
from cityfix_contracts.events import CategoryChanged
from services.common.municipality_areas import project_municipality_area
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import (
    CategoryDocument,
    MunicipalityDocument,
    ReferenceCounterDocument,
    ReportOriginDocument,
    StaffDocument,
    TicketDocument,
    TicketEventDocument,
)
from .domain import StaffRecord


class TicketStore(Protocol):
    # ----- tickets
    async def ticket(self, ticket_id: str, uow: UnitOfWork | None = None) -> TicketDocument | None:
        """The stored ticket, or None."""
        ...

    async def insert_ticket(self, uow: UnitOfWork, ticket: TicketDocument) -> None: ...

    async def update_ticket(
        self, uow: UnitOfWork, ticket_id: str, version: int, changes: dict[str, Any]
    ) -> bool:
        """Set `changes` if the stored ticket is still at `version`; False when someone else changed it."""
        ...

    async def add_history(self, uow: UnitOfWork, events: Sequence[TicketEventDocument]) -> None:
        """Keep the ticket's events; pymongo's DuplicateKeyError when one's (ticket, sequence) is taken."""
        ...

    async def next_reference_number(self, uow: UnitOfWork, municipality_id: str) -> int:
        """The next number of the municipality's references (1, 2, 3 …)."""
        ...

    # ----- the rate limits
    async def recent_reports(self, reported_by: str, since: datetime, limit: int) -> list[datetime]:
        """When the account filed its newest reports after `since` (at most `limit`)."""
        ...

    async def recent_origins(self, client_address: str, since: datetime, limit: int) -> list[datetime]:
        """When the newest citizens' reports after `since` came from this address (at most `limit`)."""
        ...

    async def record_origin(
        self, uow: UnitOfWork, client_address: str, reported_at: datetime, expires_at: datetime
    ) -> None: ...

    # ----- projections of other services' events
    async def municipality(
        self, municipality_id: str, uow: UnitOfWork | None = None
    ) -> MunicipalityDocument | None: ...

    async def municipalities(self) -> list[MunicipalityDocument]: ...

    async def category(self, category_id: str) -> CategoryDocument | None: ...

    async def staff(self, user_id: str, uow: UnitOfWork | None = None) -> StaffRecord:
        """The person as the auth service's events describe them (an empty record if unknown)."""
        ...

    async def project_municipality(
        self, uow: UnitOfWork, envelope: Envelope[Any]
    ) -> MunicipalityDocument | None:
        """Apply a municipality event if it is newer than what is held; the municipality as held now."""
        ...

    async def project_category(self, uow: UnitOfWork, data: CategoryChanged, sequence: int) -> None:
        """Hold the whole category as of this event, if it is newer than what is held."""
        ...

    async def save_staff(self, uow: UnitOfWork, user_id: str, record: StaffRecord) -> None: ...


def _session(uow: UnitOfWork | None) -> Any:
    return uow.session if isinstance(uow, MongoUnitOfWork) else None


async def next_number(municipality_id: str, session: AsyncClientSession | None) -> int:
    counter = await ReferenceCounterDocument.get_pymongo_collection().find_one_and_update(
        {"_id": municipality_id},
        {"$inc": {"last": 1}},
        upsert=True,
        return_document=ReturnDocument.AFTER,
        session=session,
    )
    assert counter is not None  # upserted
    number: int = counter["last"]
    return number


async def newest_times(
    collection: Any, key: str, value: str, time_field: str, since: datetime, limit: int
) -> list[datetime]:
    """The newest `limit` values of `time_field` after `since` among the documents with `key` = `value`."""
    cursor = (
        collection.find({key: value, time_field: {"$gt": since}}, {time_field: 1, "_id": 0})
        .sort(time_field, -1)
        .limit(limit)
    )
    return [found[time_field] async for found in cursor]


def category_fields(data: CategoryChanged, sequence: int) -> dict[str, Any]:
    """A CategoryChanged as the category projection holds it."""
    return {
        "municipality_id": data.municipality_id,
        "code": data.code,
        "name": data.name,
        "active": data.active,
        "sla_hours": data.sla_hours,
        "default_priority": data.default_priority,
        "duplicate_radius_m": data.duplicate_radius_m,
        "default_operator_id": data.default_operator_id,
        "questions": [question.model_dump(mode="json") for question in data.questions],
        "sequence": sequence,
    }


class MongoTicketStore:
    """The service's documents on MongoDB (a real server or the in-process engine), in the unit of work's
    transaction."""

    async def ticket(self, ticket_id: str, uow: UnitOfWork | None = None) -> TicketDocument | None:
        return await TicketDocument.get(ticket_id, session=_session(uow))

    async def insert_ticket(self, uow: UnitOfWork, ticket: TicketDocument) -> None:
        await ticket.insert(session=_session(uow))

    async def update_ticket(
        self, uow: UnitOfWork, ticket_id: str, version: int, changes: dict[str, Any]
    ) -> bool:
        result = await TicketDocument.get_pymongo_collection().update_one(
            {"_id": ticket_id, "version": version}, {"$set": changes}, session=_session(uow)
        )
        return bool(result.matched_count == 1)

    async def add_history(self, uow: UnitOfWork, events: Sequence[TicketEventDocument]) -> None:
        if not isinstance(uow, MongoUnitOfWork):
            return
        for event in events:  # one by one (a change records a few): a clash is then a plain DuplicateKeyError
            await event.insert(session=uow.session)

    async def next_reference_number(self, uow: UnitOfWork, municipality_id: str) -> int:
        return await next_number(municipality_id, _session(uow))

    # Both read the times alone, which their indexes hold: covered queries, no document is fetched.
    async def recent_reports(self, reported_by: str, since: datetime, limit: int) -> list[datetime]:
        return await newest_times(
            TicketDocument.get_pymongo_collection(), "reported_by", reported_by, "created_at", since, limit
        )

    async def recent_origins(self, client_address: str, since: datetime, limit: int) -> list[datetime]:
        return await newest_times(
            ReportOriginDocument.get_pymongo_collection(),
            "client_address",
            client_address,
            "reported_at",
            since,
            limit,
        )

    async def record_origin(
        self, uow: UnitOfWork, client_address: str, reported_at: datetime, expires_at: datetime
    ) -> None:
        origin = ReportOriginDocument(
            client_address=client_address, reported_at=reported_at, expires_at=expires_at
        )
        await origin.insert(session=_session(uow))

    async def municipality(
        self, municipality_id: str, uow: UnitOfWork | None = None
    ) -> MunicipalityDocument | None:
        return await MunicipalityDocument.get(municipality_id, session=_session(uow))

    async def municipalities(self) -> list[MunicipalityDocument]:
        return await MunicipalityDocument.find_all().to_list()

    async def category(self, category_id: str) -> CategoryDocument | None:
        return await CategoryDocument.get(category_id)

    async def staff(self, user_id: str, uow: UnitOfWork | None = None) -> StaffRecord:
        stored = await StaffDocument.get(user_id, session=_session(uow))
        return StaffRecord() if stored is None else StaffRecord(**stored.model_dump(exclude={"id"}))

    async def project_municipality(
        self, uow: UnitOfWork, envelope: Envelope[Any]
    ) -> MunicipalityDocument | None:
        session = _session(uow)
        await project_municipality_area(MunicipalityDocument.get_pymongo_collection(), envelope, session)
        return await MunicipalityDocument.get(envelope.data.municipality_id, session=session)

    async def project_category(self, uow: UnitOfWork, data: CategoryChanged, sequence: int) -> None:
        session = _session(uow)
        collection = CategoryDocument.get_pymongo_collection()
        await collection.update_one(
            {"_id": data.category_id}, {"$setOnInsert": {"sequence": 0}}, upsert=True, session=session
        )
        await collection.update_one(
            {"_id": data.category_id, "sequence": {"$lt": sequence}},
            {"$set": category_fields(data, sequence)},
            session=session,
        )

    async def save_staff(self, uow: UnitOfWork, user_id: str, record: StaffRecord) -> None:
        await StaffDocument(id=user_id, **asdict(record)).save(session=_session(uow))


MONGO_STORE = MongoTicketStore()
"""The default store (stateless: the documents are bound to their database by the runtime)."""

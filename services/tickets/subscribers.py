"""Events the tickets service reacts to: handlers of (envelope, unit of work, dependencies).

The service keeps what it needs to accept a report from the admin service's events: municipalities with
their boundaries (also held in the in-memory locator) and categories; from the auth service's, its staff
(who may be assigned, and under what name); from the geo service's, the address of a ticket reported
without one (AddressResolved). Each projection applies an event
only when it is newer (higher `sequence` of its aggregate) than what it holds, so redelivered,
duplicated and shuffled events leave the same state (DESIGN §3.4).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from cityfix_contracts import Envelope
from cityfix_contracts.events import (
    AccountDeleted,
    AddressResolved,
    BoundaryChanged,
    CategoryChanged,
    MunicipalityCreated,
    MunicipalityUpdated,
    StaffProfileChanged,
    UserDeactivated,
    UserReactivated,
    UserRegistered,
    UserRoleChanged,
)
from services.common.consumer import ConsumerRegistry
from services.common.municipality_areas import project_municipality_area, refresh_locator
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import CategoryDocument, MunicipalityDocument, StaffDocument, TicketDocument
from .domain import StaffRecord
from .handlers import TicketsDeps

events = ConsumerRegistry("tickets")


def _session(uow: UnitOfWork) -> Any:
    return uow.session if isinstance(uow, MongoUnitOfWork) else None


@events.on(MunicipalityCreated, MunicipalityUpdated, BoundaryChanged, consumer="municipalities")
async def project_municipality(envelope: Envelope[Any], uow: UnitOfWork, deps: TicketsDeps) -> None:
    """Keep the municipality (details and boundary, newest first) and the locator fed from it."""
    session = _session(uow)
    await project_municipality_area(MunicipalityDocument.get_pymongo_collection(), envelope, session)
    area = await MunicipalityDocument.get(envelope.data.municipality_id, session=session)
    if area is not None:
        refresh_locator(deps.locator, area)


@events.on(CategoryChanged, consumer="categories")
async def project_category(envelope: Envelope[Any], uow: UnitOfWork, deps: TicketsDeps) -> None:
    """A category event carries the whole category: the newest one replaces what is held."""
    data: CategoryChanged = envelope.data
    session = _session(uow)
    collection = CategoryDocument.get_pymongo_collection()
    await collection.update_one(
        {"_id": data.category_id}, {"$setOnInsert": {"sequence": 0}}, upsert=True, session=session
    )
    await collection.update_one(
        {"_id": data.category_id, "sequence": {"$lt": envelope.sequence}},
        {
            "$set": {
                "municipality_id": data.municipality_id,
                "code": data.code,
                "name": data.name,
                "active": data.active,
                "sla_hours": data.sla_hours,
                "default_priority": data.default_priority,
                "duplicate_radius_m": data.duplicate_radius_m,
                "default_operator_id": data.default_operator_id,
                "questions": [question.model_dump(mode="json") for question in data.questions],
                "sequence": envelope.sequence,
            }
        },
        session=session,
    )


STAFF_EVENTS = (
    UserRegistered,
    UserRoleChanged,
    StaffProfileChanged,
    UserDeactivated,
    UserReactivated,
    AccountDeleted,
)


@events.on(*STAFF_EVENTS, consumer="staff")
async def learn_staff(envelope: Envelope[Any], uow: UnitOfWork, deps: TicketsDeps) -> None:
    """Keep role, municipality, display name and active flag of every account (no email)."""
    session = _session(uow)
    user_id = envelope.data.user_id
    stored = await StaffDocument.get(user_id, session=session)
    record = StaffRecord() if stored is None else StaffRecord(**stored.model_dump(exclude={"id"}))
    record.apply(envelope.data, envelope.sequence)
    await StaffDocument(id=user_id, **asdict(record)).save(session=session)


@events.on(AddressResolved, consumer="addresses")
async def fill_in_address(envelope: Envelope[Any], uow: UnitOfWork, deps: TicketsDeps) -> None:
    """A ticket reported without an address gets the one geo resolved for its location. Only an empty
    address is filled, so what the reporter wrote is never replaced, and a second resolution (redelivery,
    a late duplicate) changes nothing: order-insensitive by construction."""
    data: AddressResolved = envelope.data
    await TicketDocument.get_pymongo_collection().update_one(
        {"_id": data.ticket_id, "address": None}, {"$set": {"address": data.address}}, session=_session(uow)
    )

"""Events the tickets service reacts to: handlers of (envelope, unit of work, dependencies).

The service keeps what it needs to accept a report from the admin service's events: municipalities with
their boundaries (also held in the in-memory locator) and categories; from the auth service's, its staff
(who may be assigned, and under what name); from the geo service's, the address of a ticket reported
without one (AddressResolved). Each projection applies an event
only when it is newer (higher `sequence` of its aggregate) than what it holds, so redelivered,
duplicated and shuffled events leave the same state (DESIGN §3.4).
"""

from __future__ import annotations

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
from services.common.municipality_areas import refresh_locator
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import TicketDocument
from .handlers import TicketsDeps

events = ConsumerRegistry("tickets")


def _session(uow: UnitOfWork) -> Any:
    """The Mongo session of `uow`, for projections that use the documents directly (not the store)."""
    return uow.session if isinstance(uow, MongoUnitOfWork) else None


@events.on(MunicipalityCreated, MunicipalityUpdated, BoundaryChanged, consumer="municipalities")
async def project_municipality(envelope: Envelope[Any], uow: UnitOfWork, deps: TicketsDeps) -> None:
    """Keep the municipality (details and boundary, newest first) and the locator fed from it."""
    area = await deps.store.project_municipality(uow, envelope)
    if area is not None:
        refresh_locator(deps.locator, area)


@events.on(CategoryChanged, consumer="categories")
async def project_category(envelope: Envelope[Any], uow: UnitOfWork, deps: TicketsDeps) -> None:
    """A category event carries the whole category: the newest one replaces what is held."""
    await deps.store.project_category(uow, envelope.data, envelope.sequence)


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
    user_id = envelope.data.user_id
    record = await deps.store.staff(user_id, uow)
    record.apply(envelope.data, envelope.sequence)
    await deps.store.save_staff(uow, user_id, record)


@events.on(AddressResolved, consumer="addresses")
async def fill_in_address(envelope: Envelope[Any], uow: UnitOfWork, deps: TicketsDeps) -> None:
    """A ticket reported without an address gets the one geo resolved for its location. Only an empty
    address is filled, so what the reporter wrote is never replaced, and a second resolution (redelivery,
    a late duplicate) changes nothing: order-insensitive by construction."""
    data: AddressResolved = envelope.data
    await TicketDocument.get_pymongo_collection().update_one(
        {"_id": data.ticket_id, "address": None}, {"$set": {"address": data.address}}, session=_session(uow)
    )

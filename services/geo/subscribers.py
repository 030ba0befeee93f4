"""Events the geo service reacts to: handlers of (envelope, unit of work, dependencies).

Municipality events keep geo's projection of every boundary (and its in-memory locator) current; a
TicketCreated without an address queues the ticket for reverse geocoding (resolver.py), which happens
outside the unit of work so a slow geocoder never holds one open.
"""

from __future__ import annotations

import uuid
from typing import Any

from cityfix_contracts import Envelope
from cityfix_contracts.events import BoundaryChanged, MunicipalityCreated, MunicipalityUpdated, TicketCreated
from services.common.consumer import ConsumerRegistry
from services.common.locator import Locator, Municipality
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import AddressRequestDocument, MunicipalityAreaDocument
from .handlers import GeoDeps

events = ConsumerRegistry("geo")


def _session(uow: UnitOfWork) -> Any:
    return uow.session if isinstance(uow, MongoUnitOfWork) else None


def refresh_locator(locator: Locator, area: MunicipalityAreaDocument) -> None:
    """Hold the area's boundary if it is complete (details known, boundary set) and active; else drop it."""
    if area.details_sequence and area.active and area.boundary is not None:
        locator.put(Municipality(area.id, area.slug, area.name), area.boundary)
    else:
        locator.remove(area.id)


@events.on(MunicipalityCreated, MunicipalityUpdated, BoundaryChanged, consumer="municipalities")
async def project_municipality(envelope: Envelope[Any], uow: UnitOfWork, deps: GeoDeps) -> None:
    """Apply a municipality event if it is newer than what the projection holds for those fields."""
    data = envelope.data
    sequence = envelope.sequence
    session = _session(uow)
    collection = MunicipalityAreaDocument.get_pymongo_collection()
    await collection.update_one(
        {"_id": data.municipality_id},
        {"$setOnInsert": {"details_sequence": 0, "boundary_sequence": 0, "active": True}},
        upsert=True,
        session=session,
    )
    if isinstance(data, MunicipalityCreated | MunicipalityUpdated):
        details: dict[str, Any] = {"name": data.name, "slug": data.slug, "details_sequence": sequence}
        if isinstance(data, MunicipalityUpdated):
            details["active"] = data.active
        await collection.update_one(
            {"_id": data.municipality_id, "details_sequence": {"$lt": sequence}},
            {"$set": details},
            session=session,
        )
    if isinstance(data, MunicipalityCreated | BoundaryChanged):
        await collection.update_one(
            {"_id": data.municipality_id, "boundary_sequence": {"$lt": sequence}},
            {"$set": {"boundary": data.boundary, "boundary_sequence": sequence}},
            session=session,
        )
    area = await MunicipalityAreaDocument.get(data.municipality_id, session=session)
    if area is not None:
        refresh_locator(deps.locator, area)


@events.on(TicketCreated, consumer="ticket-addresses")
async def queue_address(envelope: Envelope[Any], uow: UnitOfWork, deps: GeoDeps) -> None:
    """A ticket reported without an address gets one: queue it for the resolver."""
    data: TicketCreated = envelope.data
    if data.address:
        return
    await AddressRequestDocument.get_pymongo_collection().update_one(
        {"_id": data.ticket_id},
        {
            "$setOnInsert": AddressRequestDocument(
                id=data.ticket_id,
                address_id=str(uuid.uuid4()),
                municipality_id=envelope.municipality_id,
                lat=data.location.lat,
                lon=data.location.lon,
                correlation_id=envelope.correlation_id,
                causation_id=envelope.event_id,
            ).model_dump(exclude={"id"})
        },
        upsert=True,
        session=_session(uow),
    )
    deps.wake_resolver()

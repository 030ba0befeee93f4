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
from services.common.municipality_areas import project_municipality_area, refresh_locator
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import AddressRequestDocument, MunicipalityAreaDocument
from .handlers import GeoDeps

events = ConsumerRegistry("geo")


def _session(uow: UnitOfWork) -> Any:
    return uow.session if isinstance(uow, MongoUnitOfWork) else None


@events.on(MunicipalityCreated, MunicipalityUpdated, BoundaryChanged, consumer="municipalities")
async def project_municipality(envelope: Envelope[Any], uow: UnitOfWork, deps: GeoDeps) -> None:
    """Keep the municipality (details and boundary, newest first) and the locator fed from it."""
    session = _session(uow)
    await project_municipality_area(MunicipalityAreaDocument.get_pymongo_collection(), envelope, session)
    area = await MunicipalityAreaDocument.get(envelope.data.municipality_id, session=session)
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

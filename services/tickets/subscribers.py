"""Events the tickets service reacts to: handlers of (envelope, unit of work, dependencies).

The service keeps what it needs to accept a report from the admin service's events: municipalities with
their boundaries (also held in the in-memory locator) and categories. Each projection applies an event
only when it is newer (higher `sequence` of its aggregate) than what it holds, so redelivered,
duplicated and shuffled events leave the same state (DESIGN §3.4).
"""

from __future__ import annotations

from typing import Any

from cityfix_contracts import Envelope
from cityfix_contracts.events import (
    BoundaryChanged,
    CategoryChanged,
    MunicipalityCreated,
    MunicipalityUpdated,
)
from services.common.consumer import ConsumerRegistry
from services.common.locator import Locator, Municipality
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import CategoryDocument, MunicipalityDocument
from .handlers import TicketsDeps

events = ConsumerRegistry("tickets")


def _session(uow: UnitOfWork) -> Any:
    return uow.session if isinstance(uow, MongoUnitOfWork) else None


def refresh_locator(locator: Locator, municipality: MunicipalityDocument) -> None:
    """Hold the municipality's boundary if it is complete (details known, boundary set) and active."""
    if municipality.details_sequence and municipality.active and municipality.boundary is not None:
        locator.put(
            Municipality(municipality.id, municipality.slug, municipality.name), municipality.boundary
        )
    else:
        locator.remove(municipality.id)


@events.on(MunicipalityCreated, MunicipalityUpdated, BoundaryChanged, consumer="municipalities")
async def project_municipality(envelope: Envelope[Any], uow: UnitOfWork, deps: TicketsDeps) -> None:
    """Details and boundary each take the newest event that set them."""
    data = envelope.data
    sequence = envelope.sequence
    session = _session(uow)
    collection = MunicipalityDocument.get_pymongo_collection()
    await collection.update_one(
        {"_id": data.municipality_id},
        {"$setOnInsert": {"details_sequence": 0, "boundary_sequence": 0, "active": True}},
        upsert=True,
        session=session,
    )
    if isinstance(data, MunicipalityCreated | MunicipalityUpdated):
        await collection.update_one(
            {"_id": data.municipality_id, "details_sequence": {"$lt": sequence}},
            {
                "$set": {
                    "name": data.name,
                    "slug": data.slug,
                    "reference_prefix": data.reference_prefix,
                    "active": data.active,
                    "details_sequence": sequence,
                }
            },
            session=session,
        )
    if isinstance(data, MunicipalityCreated | BoundaryChanged):
        await collection.update_one(
            {"_id": data.municipality_id, "boundary_sequence": {"$lt": sequence}},
            {"$set": {"boundary": data.boundary, "boundary_sequence": sequence}},
            session=session,
        )
    municipality = await MunicipalityDocument.get(data.municipality_id, session=session)
    if municipality is not None:
        refresh_locator(deps.locator, municipality)


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

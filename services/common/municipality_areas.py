"""The municipality projection geo and tickets both keep, and the locator fed from it (DESIGN §6).

Details (MunicipalityCreated/Updated) and the boundary (MunicipalityCreated/BoundaryChanged) each take the
newest event that set them, so the projection ends the same whatever order or duplicates arrive in.
"""

from __future__ import annotations

from typing import Any, Protocol

from cityfix_contracts import Envelope
from cityfix_contracts.events import BoundaryChanged, MunicipalityCreated, MunicipalityUpdated

from .locator import Locator, Municipality


class MunicipalityArea(Protocol):
    id: str
    slug: str
    name: str
    active: bool
    details_sequence: int
    boundary: dict[str, Any] | None


async def project_municipality_area(collection: Any, envelope: Envelope[Any], session: Any) -> None:
    """Apply one municipality event to `collection` (PyMongo), if it is newer than what it replaces."""
    data = envelope.data
    sequence = envelope.sequence
    await collection.update_one(
        {"_id": data.municipality_id},
        {"$setOnInsert": {"details_sequence": 0, "boundary_sequence": 0, "active": True}},
        upsert=True,
        session=session,
    )
    if isinstance(data, MunicipalityCreated | MunicipalityUpdated):
        await collection.update_one(
            {"_id": data.municipality_id, "details_sequence": {"$lt": sequence}},
            {"$set": municipality_details(data, sequence)},
            session=session,
        )
    if isinstance(data, MunicipalityCreated | BoundaryChanged):
        await collection.update_one(
            {"_id": data.municipality_id, "boundary_sequence": {"$lt": sequence}},
            {"$set": {"boundary": data.boundary, "boundary_sequence": sequence}},
            session=session,
        )


def municipality_details(data: MunicipalityCreated | MunicipalityUpdated, sequence: int) -> dict[str, Any]:
    """The details a municipality event sets, as the projection holds them."""
    return {
        "name": data.name,
        "slug": data.slug,
        "reference_prefix": data.reference_prefix,
        "active": data.active,
        "timezone": data.timezone,
        "working_hours": None if data.working_hours is None else data.working_hours.model_dump(mode="json"),
        "details_sequence": sequence,
    }


def refresh_locator(locator: Locator, area: MunicipalityArea) -> None:
    """Hold the area's boundary if it is complete (details known, boundary set) and active; else drop it."""
    if area.details_sequence and area.active and area.boundary is not None:
        locator.put(Municipality(area.id, area.slug, area.name), area.boundary)
    else:
        locator.remove(area.id)

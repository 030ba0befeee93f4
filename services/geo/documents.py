"""How the geo service stores its state (Beanie documents).

`MunicipalityAreaDocument` is geo's projection of the admin service's municipality events (what the
in-memory locator is rebuilt from at start); `AddressRequestDocument` is a ticket waiting for its address
(reverse geocoding happens outside any unit of work, see resolver.py).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from cityfix_contracts import utc_now


class MunicipalityAreaDocument(Document):
    id: str  # type: ignore[assignment]  # the municipality's id
    name: str = ""
    slug: str = ""
    reference_prefix: str = ""
    active: bool = True
    boundary: dict[str, Any] | None = None
    details_sequence: int = 0  # sequence of the event that last set name, slug, active
    boundary_sequence: int = 0  # sequence of the event that last set the boundary

    class Settings:
        name = "municipality_areas"


class AddressRequestDocument(Document):
    id: str  # type: ignore[assignment]  # the ticket's id: one address per ticket
    address_id: str
    municipality_id: str
    lat: float
    lon: float
    correlation_id: str
    causation_id: str
    status: Literal["pending", "resolved", "not_found", "failed"] = "pending"
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utc_now)
    address: str | None = None
    created_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "address_requests"
        indexes = [IndexModel([("status", 1), ("next_attempt_at", 1)])]


DOCUMENTS: list[type[Document]] = [MunicipalityAreaDocument, AddressRequestDocument]

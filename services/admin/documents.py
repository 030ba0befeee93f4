"""How the admin service stores municipalities, categories and the staff it learns from auth's events."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from cityfix_contracts import utc_now
from cityfix_contracts.events.municipalities import WorkingWeek


class MunicipalityDocument(Document):
    id: str  # type: ignore[assignment]  # our own immutable id, used in subjects
    name: str
    slug: str
    reference_prefix: str
    boundary: dict[str, Any] | None = None
    # The boundary's bounding box, so the overlap check reads only the boundaries that could touch it.
    min_lon: float | None = None
    min_lat: float | None = None
    max_lon: float | None = None
    max_lat: float | None = None
    contact_email: str | None = None  # for staff only: never in events or public views
    timezone: str = "Europe/Berlin"
    default_locale: str = "de"
    active: bool = True
    working_hours: dict[str, Any] | None = None  # a WorkingWeek as JSON (local times as strings)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    version: int = 0  # sequence of the last event of this municipality

    class Settings:
        name = "municipalities"
        indexes = [IndexModel("slug", unique=True), IndexModel("reference_prefix", unique=True)]

    def working_week(self) -> WorkingWeek | None:
        return None if self.working_hours is None else WorkingWeek.model_validate(self.working_hours)

    def set_working_week(self, week: WorkingWeek | None) -> None:
        self.working_hours = None if week is None else week.model_dump(mode="json")

    @property
    def bbox(self) -> tuple[float, float, float, float] | None:
        if self.min_lon is None or self.min_lat is None or self.max_lon is None or self.max_lat is None:
            return None
        return (self.min_lon, self.min_lat, self.max_lon, self.max_lat)


class CategoryDocument(Document):
    id: str  # type: ignore[assignment]
    municipality_id: str
    code: str
    name: str
    name_key: str  # case-folded name: unique per municipality
    group: str = ""
    description: str = ""
    keywords: list[str] = Field(default_factory=list)
    active: bool = True
    sla_hours: int | None = None
    default_priority: str = "normal"
    duplicate_radius_m: int = 50
    default_operator_id: str | None = None
    questions: list[dict[str, Any]] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    version: int = 0  # sequence of the last CategoryChanged

    class Settings:
        name = "categories"
        indexes = [
            IndexModel([("municipality_id", 1), ("name_key", 1)], unique=True),
            IndexModel([("municipality_id", 1), ("code", 1)], unique=True),
            IndexModel([("municipality_id", 1), ("created_at", 1)]),
        ]


class StaffDocument(Document):
    """A person as the auth service's events describe them (no name, no email): a stored
    `domain.StaffRecord`, kept order-insensitive by the sequences it remembers."""

    id: str  # type: ignore[assignment]  # the user id
    role: str | None = None
    municipality_id: str | None = None
    role_sequence: int = 0
    active: bool = True
    active_sequence: int = 0
    deleted: bool = False

    class Settings:
        name = "staff"
        indexes = [IndexModel([("municipality_id", 1), ("role", 1)])]


DOCUMENTS: list[type[Document]] = [MunicipalityDocument, CategoryDocument, StaffDocument]

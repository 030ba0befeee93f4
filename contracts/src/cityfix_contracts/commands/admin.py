"""Commands and queries answered by the admin service (municipalities and categories)."""

from __future__ import annotations

from typing import Any

from pydantic import AwareDatetime, Field

from ..envelope import Contract
from ..events.municipalities import CategoryQuestion
from ..rpc import Request

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"


class MunicipalityView(Contract):
    id: str
    name: str
    slug: str
    reference_prefix: str
    boundary: dict[str, Any] | None = None
    created_at: AwareDatetime


class MunicipalityList(Contract):
    data: tuple[MunicipalityView, ...]
    next_cursor: str | None = None


class CategoryView(Contract):
    id: str
    municipality_id: str
    code: str
    name: str
    description: str
    active: bool
    sla_hours: int | None
    questions: tuple[CategoryQuestion, ...]
    created_at: AwareDatetime


class CategoryList(Contract):
    data: tuple[CategoryView, ...]
    next_cursor: str | None = None


class CreateMunicipality(Request):
    service = "admin"
    reply_model = MunicipalityView

    name: str = Field(min_length=2, max_length=120)
    slug: str = Field(min_length=2, max_length=60, pattern=SLUG_PATTERN)
    reference_prefix: str = Field(min_length=2, max_length=5, pattern=r"^[A-Z]+$")
    boundary: dict[str, Any] | None = Field(default=None, description="GeoJSON Polygon or MultiPolygon")


class ListMunicipalities(Request):
    service = "admin"
    reply_model = MunicipalityList

    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = None


class NewCategory(Contract):
    """A category as its creator describes it (the HTTP body; the municipality comes from the path)."""

    code: str = Field(
        min_length=1, max_length=40, pattern=r"^[a-z0-9_-]+$", description="Open311 service_code"
    )
    name: str = Field(min_length=2, max_length=80)
    description: str = Field(default="", max_length=1000)
    sla_hours: int | None = Field(default=None, ge=1, le=24 * 365)
    questions: tuple[CategoryQuestion, ...] = ()


class CreateCategory(NewCategory, Request):
    service = "admin"
    reply_model = CategoryView

    municipality_id: str


class ListCategories(Request):
    service = "admin"
    reply_model = CategoryList

    municipality_id: str
    limit: int = Field(default=100, ge=1, le=500)
    cursor: str | None = None

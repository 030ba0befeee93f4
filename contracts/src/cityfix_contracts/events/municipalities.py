"""Events of municipalities and their categories, emitted by the admin service.

Municipality events travel under the municipality's own id (aggregate_id = tenant = municipality id, one
sequence for MunicipalityCreated, MunicipalityUpdated and BoundaryChanged); categories are their own
aggregate (aggregate_id = category id) inside their municipality's tenant. A municipality's contact
email is for staff and never travels in events.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from ..envelope import Contract, DomainEvent


class MunicipalityCreated(DomainEvent):
    aggregate = "municipality"
    municipality_id: str
    name: str
    slug: str = Field(description="Human, URL-friendly name; may change, unlike the id")
    reference_prefix: str = Field(description="Prefix of ticket references, e.g. SPR")
    boundary: dict[str, Any] | None = Field(
        default=None,
        description="GeoJSON Polygon or MultiPolygon (WGS84); BoundaryChanged follows whenever one is set",
    )
    timezone: str = "Europe/Berlin"
    default_locale: str = "de"
    active: bool = True


class MunicipalityUpdated(DomainEvent):
    """A municipality's details changed; carries its whole public state (not its boundary)."""

    aggregate = "municipality"
    municipality_id: str
    name: str
    slug: str
    reference_prefix: str
    timezone: str = "Europe/Berlin"
    default_locale: str = "de"
    active: bool = True


class BoundaryChanged(DomainEvent):
    """A municipality's area changed (also sent when it is first set): the locators refresh from it."""

    aggregate = "municipality"
    municipality_id: str
    boundary: dict[str, Any] | None = Field(description="GeoJSON Polygon or MultiPolygon (WGS84); null: none")


class QuestionValue(Contract):
    key: str = Field(min_length=1, max_length=60)
    name: str = Field(min_length=1, max_length=200)


class CategoryQuestion(Contract):
    """A question a reporter answers for this category: Open311's attribute model."""

    code: str = Field(min_length=1, max_length=60, pattern=r"^[a-z0-9_]+$")
    datatype: Literal["string", "number", "datetime", "text", "singlevaluelist", "multivaluelist"] = "string"
    required: bool = False
    order: int = 0
    description: str = Field(min_length=1, max_length=500)
    values: tuple[QuestionValue, ...] = ()


class CategoryChanged(DomainEvent):
    """A category was created or changed; carries its whole current state."""

    aggregate = "category"
    category_id: str
    municipality_id: str
    change: Literal["created", "updated", "deactivated", "reactivated"]
    code: str = Field(description="Unique within the municipality; the Open311 service_code")
    name: str
    group: str = ""
    description: str = ""
    keywords: tuple[str, ...] = ()
    active: bool = True
    sla_hours: int | None = Field(default=None, ge=1)
    default_priority: Literal["low", "normal", "high", "urgent"] = "normal"
    duplicate_radius_m: int = Field(default=50, ge=0)
    default_operator_id: str | None = Field(default=None, description="New reports are assigned to them")
    questions: tuple[CategoryQuestion, ...] = ()

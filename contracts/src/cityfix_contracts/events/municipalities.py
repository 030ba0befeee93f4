"""Events of municipalities and their categories, emitted by the admin service.

Municipality events travel under the municipality's own id (aggregate_id = tenant = municipality id, one
sequence for MunicipalityCreated, MunicipalityUpdated and BoundaryChanged); categories are their own
aggregate (aggregate_id = category id) inside their municipality's tenant. A municipality's contact
email is for staff and never travels in events.
"""

from __future__ import annotations

from datetime import time
from itertools import pairwise
from typing import Any, Literal

from pydantic import Field, model_validator

from ..envelope import Contract, DomainEvent

MIDNIGHT = time(0)
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")


class WorkingSpan(Contract):
    """One stretch of a working day, in the municipality's local time (its `timezone`)."""

    opens: time = Field(description="Local time the stretch begins, e.g. 08:00")
    closes: time = Field(
        description="Local time it ends, after `opens`; 00:00 means midnight at the day's end"
    )

    @model_validator(mode="after")
    def _opens_before_it_closes(self) -> WorkingSpan:
        if self.opens.tzinfo is not None or self.closes.tzinfo is not None:
            raise ValueError("give local times without an offset; the municipality's timezone applies")
        if self.closes != MIDNIGHT and self.closes <= self.opens:
            raise ValueError(
                f"a span must close after it opens ({self.opens:%H:%M}-{self.closes:%H:%M}); "
                "use 00:00 for midnight at the end of the day"
            )
        return self

    @property
    def end(self) -> time | None:
        """Where the span ends within its day; None for midnight at the day's end."""
        return None if self.closes == MIDNIGHT else self.closes


class WorkingWeek(Contract):
    """When a municipality's staff work: the spans of each weekday, in its local time (`timezone`).

    Due dates are counted in this time only. A day without spans is a day off. Public holidays are not
    part of it (yet).
    """

    monday: tuple[WorkingSpan, ...] = ()
    tuesday: tuple[WorkingSpan, ...] = ()
    wednesday: tuple[WorkingSpan, ...] = ()
    thursday: tuple[WorkingSpan, ...] = ()
    friday: tuple[WorkingSpan, ...] = ()
    saturday: tuple[WorkingSpan, ...] = ()
    sunday: tuple[WorkingSpan, ...] = ()

    @model_validator(mode="after")
    def _spans_in_order(self) -> WorkingWeek:
        for name, spans in zip(WEEKDAYS, self.days(), strict=True):
            for earlier, later in pairwise(spans):
                if earlier.end is None or later.opens < earlier.end:
                    raise ValueError(
                        f"{name}: list the spans in order without overlap "
                        f"({earlier.opens:%H:%M}-{earlier.closes:%H:%M} and "
                        f"{later.opens:%H:%M}-{later.closes:%H:%M})"
                    )
        if not any(self.days()):
            raise ValueError("working hours need at least one span in the week; leave them out instead")
        return self

    def days(self) -> tuple[tuple[WorkingSpan, ...], ...]:
        """The spans of each weekday, Monday first (as `date.weekday()` counts)."""
        return tuple(getattr(self, name) for name in WEEKDAYS)


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
    working_hours: WorkingWeek | None = Field(
        default=None,
        description="Local working time per weekday (in `timezone`); due dates count only it. Null: "
        "every hour counts",
    )


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
    working_hours: WorkingWeek | None = Field(
        default=None,
        description="Local working time per weekday (in `timezone`); due dates count only it. Null: "
        "every hour counts",
    )


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

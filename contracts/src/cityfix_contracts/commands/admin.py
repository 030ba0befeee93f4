"""Commands and queries answered by the admin service: municipalities, categories, dead letters.

Partial updates (`UpdateMunicipality`, `UpdateCategory`) follow JSON merge patch: a field left out stays
as it is, a field sent as null is cleared (only where the field may be empty). Over request/reply they
carry exactly the fields their sender gave (`Patch`), so "left out" survives the hop.
"""

from __future__ import annotations

from typing import Annotated, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import (
    AwareDatetime,
    EmailStr,
    Field,
    SerializerFunctionWrapHandler,
    field_validator,
    model_serializer,
    model_validator,
)

from ..envelope import Contract
from ..events.municipalities import CategoryQuestion, WorkingWeek
from ..events.tickets import Priority
from ..rpc import Request

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
LOCALE_PATTERN = r"^[a-z]{2}(?:-[A-Z]{2})?$"
CATEGORY_CODE_PATTERN = r"^[a-z0-9_-]+$"
Keyword = Annotated[str, Field(min_length=1, max_length=40)]


def _known_timezone(value: str | None) -> str | None:
    if value is None:
        return None
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValueError(f"{value!r} is not an IANA time zone such as 'Europe/Berlin'") from None
    return value


class Patch(Contract):
    """A partial update: serializes only the fields that were given, so absent and null stay apart."""

    @model_serializer(mode="wrap")
    def _only_given(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        data: dict[str, Any] = handler(self)
        given = {
            self.__class__.model_fields[name].serialization_alias or name for name in self.model_fields_set
        }
        return {key: value for key, value in data.items() if key in given}

    @model_validator(mode="after")
    def _refuse_clearing_required_fields(self) -> Patch:
        cleared = sorted(
            name
            for name in self.model_fields_set
            if name in self.required_fields() and getattr(self, name) is None
        )
        if cleared:
            raise ValueError(f"{', '.join(cleared)} cannot be empty; leave the field out to keep it as it is")
        return self

    @classmethod
    def required_fields(cls) -> frozenset[str]:
        """Fields the resource always has: null for them is refused."""
        return frozenset()


# ----- municipalities ------------------------------------------------------------------------------------


class MunicipalitySummary(Contract):
    """A municipality in a list: no boundary (fetch one municipality for it), but its bounding box."""

    id: str
    name: str
    slug: str
    reference_prefix: str
    timezone: str
    default_locale: str
    active: bool
    bbox: tuple[float, float, float, float] | None = Field(
        default=None, description="[min_lon, min_lat, max_lon, max_lat] of the boundary; null: none"
    )


class MunicipalityView(Contract):
    """One municipality with its boundary.

    `contact_email` is for staff: it is filled in only for admins and that municipality's own staff, and
    null for everyone else (the public view carries no private field).
    """

    id: str
    name: str
    slug: str
    reference_prefix: str
    boundary: dict[str, Any] | None = None
    timezone: str = "Europe/Berlin"
    default_locale: str = "de"
    active: bool = True
    working_hours: WorkingWeek | None = Field(
        default=None, description="Local working time per weekday; null: due dates count every hour"
    )
    contact_email: str | None = Field(
        default=None, description="Only for admins and this municipality's staff; null otherwise"
    )
    created_at: AwareDatetime
    updated_at: AwareDatetime | None = None


class MunicipalityList(Contract):
    data: tuple[MunicipalitySummary, ...]
    next_cursor: str | None = None


class CreateMunicipality(Request):
    service = "admin"
    reply_model = MunicipalityView

    name: str = Field(min_length=2, max_length=120)
    slug: str = Field(min_length=2, max_length=60, pattern=SLUG_PATTERN)
    reference_prefix: str = Field(
        min_length=2, max_length=5, pattern=r"^[A-Z]+$", description="Prefix of ticket references; fixed"
    )
    boundary: dict[str, Any] | None = Field(default=None, description="GeoJSON Polygon or MultiPolygon")
    contact_email: EmailStr | None = None
    timezone: str = "Europe/Berlin"
    default_locale: str = Field(default="de", pattern=LOCALE_PATTERN)
    active: bool = True
    working_hours: WorkingWeek | None = Field(
        default=None, description="Local working time per weekday (in `timezone`) that due dates count"
    )

    _timezone = field_validator("timezone")(_known_timezone)


class MunicipalityPatch(Patch):
    """What an admin may change of a municipality (the reference prefix is fixed: tickets carry it)."""

    name: str | None = Field(default=None, min_length=2, max_length=120)
    slug: str | None = Field(default=None, min_length=2, max_length=60, pattern=SLUG_PATTERN)
    boundary: dict[str, Any] | None = Field(
        default=None, description="GeoJSON Polygon or MultiPolygon; null removes the boundary"
    )
    contact_email: EmailStr | None = None
    timezone: str | None = None
    default_locale: str | None = Field(default=None, pattern=LOCALE_PATTERN)
    active: bool | None = None
    working_hours: WorkingWeek | None = Field(
        default=None, description="Local working time per weekday; null removes it (every hour counts)"
    )

    _timezone = field_validator("timezone")(_known_timezone)

    @classmethod
    def required_fields(cls) -> frozenset[str]:
        return frozenset({"name", "slug", "timezone", "default_locale", "active"})


class UpdateMunicipality(MunicipalityPatch, Request):
    service = "admin"
    reply_model = MunicipalityView

    municipality_id: str


class GetMunicipality(Request):
    service = "admin"
    reply_model = MunicipalityView

    municipality_id: str


class ListMunicipalities(Request):
    service = "admin"
    reply_model = MunicipalityList

    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = None


# ----- categories ----------------------------------------------------------------------------------------


class CategoryView(Contract):
    id: str
    municipality_id: str
    code: str = Field(description="Unique within the municipality; the Open311 service_code")
    name: str
    group: str = ""
    description: str
    keywords: tuple[str, ...] = ()
    active: bool
    sla_hours: int | None
    default_priority: Priority = "normal"
    duplicate_radius_m: int = 50
    default_operator_id: str | None = None
    questions: tuple[CategoryQuestion, ...]
    created_at: AwareDatetime
    updated_at: AwareDatetime | None = None


class CategoryList(Contract):
    data: tuple[CategoryView, ...]
    next_cursor: str | None = None


class NewCategory(Contract):
    """A category as its creator describes it (the HTTP body; the municipality comes from the path)."""

    code: str = Field(
        min_length=1, max_length=40, pattern=CATEGORY_CODE_PATTERN, description="Open311 service_code"
    )
    name: str = Field(min_length=2, max_length=80)
    group: str = Field(default="", max_length=80, description="Open311 group, e.g. 'Streets'")
    description: str = Field(default="", max_length=1000)
    keywords: tuple[Keyword, ...] = Field(default=(), max_length=30)
    sla_hours: int | None = Field(default=None, ge=1, le=24 * 365)
    default_priority: Priority = "normal"
    duplicate_radius_m: int = Field(
        default=50, ge=0, le=5000, description="Reports this close in the same category may be duplicates"
    )
    default_operator_id: str | None = Field(
        default=None, description="An active operator of this municipality; new reports go to them"
    )
    questions: tuple[CategoryQuestion, ...] = Field(default=(), max_length=30)


class CreateCategory(NewCategory, Request):
    service = "admin"
    reply_model = CategoryView

    municipality_id: str


class CategoryPatch(Patch):
    """What may change of a category; its code is fixed (outside systems file reports under it).

    `active: false` deactivates it: it stays, with its history, but takes no new reports.
    """

    name: str | None = Field(default=None, min_length=2, max_length=80)
    group: str | None = Field(default=None, max_length=80)
    description: str | None = Field(default=None, max_length=1000)
    keywords: tuple[Keyword, ...] | None = Field(default=None, max_length=30)
    sla_hours: int | None = Field(default=None, ge=1, le=24 * 365, description="null: no SLA")
    default_priority: Priority | None = None
    duplicate_radius_m: int | None = Field(default=None, ge=0, le=5000)
    default_operator_id: str | None = Field(default=None, description="null: new reports start unassigned")
    active: bool | None = None
    questions: tuple[CategoryQuestion, ...] | None = Field(default=None, max_length=30)

    @classmethod
    def required_fields(cls) -> frozenset[str]:
        return frozenset(
            {
                "name",
                "group",
                "description",
                "keywords",
                "default_priority",
                "duplicate_radius_m",
                "active",
                "questions",
            }
        )


class UpdateCategory(CategoryPatch, Request):
    service = "admin"
    reply_model = CategoryView

    municipality_id: str
    category_id: str


class ListCategories(Request):
    service = "admin"
    reply_model = CategoryList

    municipality_id: str
    include_inactive: bool = Field(
        default=False, description="Also deactivated ones (that municipality's staff and admins only)"
    )
    limit: int = Field(default=100, ge=1, le=500)
    cursor: str | None = None


# ----- dead letters --------------------------------------------------------------------------------------


class DeadLetterView(Contract):
    """A message in CITYFIX_DLQ, without its body (which may hold personal data)."""

    id: int = Field(description="Its sequence in CITYFIX_DLQ: what replay takes")
    original_subject: str
    error: str
    delivery_count: int | None = None
    consumer: str | None = None
    event_id: str | None = None
    event_type: str | None = None
    dead_lettered_at: AwareDatetime | None = None


class DeadLetterList(Contract):
    data: tuple[DeadLetterView, ...]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page")


class ListDeadLetters(Request):
    service = "admin"
    reply_model = DeadLetterList

    limit: int = Field(default=50, ge=1, le=500)
    cursor: str | None = Field(default=None, pattern=r"^[0-9]+$")


class DeadLetterReplayed(Contract):
    id: int
    subject: str
    stream: str
    stream_sequence: int
    duplicate: bool = Field(description="True when this replay had already been published before")


class ReplayDeadLetter(Request):
    service = "admin"
    reply_model = DeadLetterReplayed

    dead_letter_id: int = Field(ge=1)

"""How the tickets service stores its state (Beanie documents).

`TicketDocument` is the ticket itself (with its location as a GeoJSON Point); `ReferenceCounterDocument`
numbers the tickets of one municipality. `MunicipalityDocument` and `CategoryDocument` are the service's
projections of the admin service's events, `StaffDocument` its projection of the auth service's: what it
needs to accept a report or an assignment without asking anyone.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beanie import Document
from pydantic import Field, model_validator
from pymongo import IndexModel

from cityfix_contracts import utc_now
from cityfix_contracts.events.municipalities import WorkingWeek

from .query_fields import priority_rank, searchable


class TicketDocument(Document):
    id: str  # type: ignore[assignment]  # the ticket's id
    reference: str
    municipality_id: str
    category_id: str
    reporter_id: str | None = None
    reported_by: str = Field(description="User id of the account that filed the report (rate limit)")
    description: str
    location: dict[str, Any] = Field(description="GeoJSON Point: coordinates [lon, lat]")
    address: str | None = None
    answers: dict[str, str | int | float | bool] = Field(default_factory=dict)
    photo_ids: list[str] = Field(default_factory=list)
    after_photo_ids: list[str] = Field(default_factory=list, description="Taken when it was resolved")
    hidden_photo_ids: list[str] = Field(default_factory=list, description="Photos hidden by moderation")
    status: str = "received"
    priority: str = "normal"
    assigned_operator_id: str | None = None
    assigned_operator_name: str | None = None
    supporters: list[str] = Field(default_factory=list)
    followers: list[str] = Field(default_factory=list)
    due_at: datetime | None = None
    resolved_at: datetime | None = None
    duplicate_of: str | None = None
    sla_breached_at: datetime | None = None
    history: list[dict[str, Any]] = Field(
        default_factory=list, description="Changes of status: actor, from, to, note, at"
    )
    feedback: list[dict[str, Any]] = Field(
        default_factory=list, description="The reporter's ratings: resolution, rating, comment, at"
    )
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    version: int = 0  # the sequence of the ticket's last event
    hidden: bool = False  # hidden from the public by moderation
    moderation: list[dict[str, Any]] = Field(
        default_factory=list, description="The moderation audit: actor, action, before, after, reason, at"
    )
    transfers: list[dict[str, Any]] = Field(
        default_factory=list, description="Moves between municipalities: actor, from/to, references, note, at"
    )
    former_references: list[str] = Field(
        default_factory=list, description="References from municipalities the ticket left (searchable)"
    )
    # Derived from the fields above whenever a document is built (lists search and sort on them):
    priority_rank: int = 1
    search_text: str = ""

    @model_validator(mode="before")
    @classmethod
    def _derive_query_fields(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {
                **data,
                "priority_rank": priority_rank(data.get("priority", "normal")),
                "search_text": searchable(
                    data.get("reference"), data.get("description"), *data.get("former_references", ())
                ),
            }
        return data

    class Settings:
        name = "tickets"
        indexes = [
            IndexModel([("municipality_id", 1), ("status", 1), ("created_at", -1)]),
            IndexModel([("municipality_id", 1), ("reference", 1)], unique=True),
            IndexModel([("reported_by", 1), ("created_at", -1)]),
            IndexModel([("location", "2dsphere")]),
            IndexModel([("former_references", 1)]),
            # The scheduler's queries: the next ticket to breach its due time, the next to auto-close.
            IndexModel([("sla_breached_at", 1), ("due_at", 1)]),
            IndexModel([("status", 1), ("resolved_at", 1)]),
            # lists: one's own reports, an operator's queue, overdue tickets
            IndexModel([("reporter_id", 1), ("created_at", -1), ("_id", -1)]),
            IndexModel([("municipality_id", 1), ("assigned_operator_id", 1), ("status", 1), ("due_at", 1)]),
            IndexModel([("municipality_id", 1), ("due_at", 1)]),
            # a municipality's tickets by report time: staff lists and the CSV export's chunks
            IndexModel([("municipality_id", 1), ("created_at", 1), ("_id", 1)]),
        ]


class ReferenceCounterDocument(Document):
    id: str  # type: ignore[assignment]  # the municipality's id
    last: int = 0  # the number of the municipality's latest reference

    class Settings:
        name = "reference_counters"


class MunicipalityDocument(Document):
    """Projection of MunicipalityCreated, MunicipalityUpdated and BoundaryChanged."""

    id: str  # type: ignore[assignment]  # the municipality's id
    name: str = ""
    slug: str = ""
    reference_prefix: str = ""
    active: bool = True
    boundary: dict[str, Any] | None = None
    timezone: str = "Europe/Berlin"
    working_hours: dict[str, Any] | None = None  # a WorkingWeek as JSON; None: calendar hours
    details_sequence: int = 0  # sequence of the event that last set the details
    boundary_sequence: int = 0  # sequence of the event that last set the boundary

    class Settings:
        name = "municipalities"

    def working_week(self) -> WorkingWeek | None:
        return None if self.working_hours is None else WorkingWeek.model_validate(self.working_hours)


class CategoryDocument(Document):
    """Projection of CategoryChanged: the whole category as of its newest event."""

    id: str  # type: ignore[assignment]  # the category's id
    municipality_id: str = ""
    code: str = ""
    name: str = ""
    active: bool = False
    sla_hours: int | None = None
    default_priority: str = "normal"
    duplicate_radius_m: int = 50
    default_operator_id: str | None = None
    questions: list[dict[str, Any]] = Field(default_factory=list)
    sequence: int = 0  # sequence of the event this state comes from

    class Settings:
        name = "categories"


class StaffDocument(Document):
    """A person as the auth service's events describe them: a stored `domain.StaffRecord` (role,
    municipality and, for staff, the public display name; no email), kept order-insensitive by the
    sequences it remembers."""

    id: str  # type: ignore[assignment]  # the user id
    role: str | None = None
    municipality_id: str | None = None
    role_sequence: int = 0
    display_name: str | None = None
    name_sequence: int = 0
    active: bool = True
    active_sequence: int = 0
    deleted: bool = False

    class Settings:
        name = "staff"
        indexes = [IndexModel([("municipality_id", 1), ("role", 1)])]


class TicketEventDocument(Document):
    """One event of a ticket as the ticket recorded it, written in the same unit of work as the change
    (see `history.py`): the ticket's history, which its timeline and its comments are read from. One
    event per (ticket, sequence), so two changes can never both claim the same place in the history."""

    id: str  # type: ignore[assignment]  # the event's id
    ticket_id: str
    municipality_id: str
    sequence: int
    event_type: str
    occurred_at: datetime
    actor: dict[str, Any] = Field(description="The envelope's actor: {user_id, role} or {system}")
    data: dict[str, Any] = Field(description="The event's data as published (by alias)")

    class Settings:
        name = "ticket_events"
        indexes = [
            IndexModel([("ticket_id", 1), ("sequence", 1)], unique=True),
            IndexModel([("ticket_id", 1), ("event_type", 1), ("sequence", 1)]),
        ]


class ReportOriginDocument(Document):
    """Where a citizen's report came from, for the per-address limit: the client address and the time,
    never linked to the ticket or the account, and removed by MongoDB an hour later (TTL index)."""

    client_address: str
    reported_at: datetime
    expires_at: datetime

    class Settings:
        name = "report_origins"
        indexes = [
            IndexModel([("client_address", 1), ("reported_at", -1)]),
            IndexModel("expires_at", expireAfterSeconds=0),
        ]


class ExportDocument(Document):
    """A CSV export as it was started (see `export.py`): who asked, for which municipality and filters,
    and the moment its rows are read as of. Its chunks are read against this, never against new filters."""

    id: str  # type: ignore[assignment]  # the export's id
    municipality_id: str
    actor: dict[str, Any] = Field(description="The envelope's actor: {user_id, role} or {system}")
    filters: dict[str, Any] = Field(description="The TicketFilters asked for, as JSON")
    as_of: datetime
    row_count: int

    class Settings:
        name = "exports"
        indexes = [IndexModel([("municipality_id", 1), ("as_of", -1)])]


DOCUMENTS: list[type[Document]] = [
    TicketDocument,
    ReportOriginDocument,
    ReferenceCounterDocument,
    MunicipalityDocument,
    CategoryDocument,
    StaffDocument,
    TicketEventDocument,
    ExportDocument,
]

"""Events of the ticket aggregate, emitted by the tickets service (aggregate_id = ticket id)."""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ..envelope import DomainEvent, Point

TicketStatus = Literal[
    "received",
    "triaged",
    "assigned",
    "in_progress",
    "action_scheduled",
    "resolved",
    "closed",
    "reopened",
    "duplicate",
    "not_responsible",
    "unable_to_fix",
]
OPEN_STATUSES: frozenset[str] = frozenset(
    {"received", "triaged", "assigned", "in_progress", "action_scheduled", "reopened"}
)
Priority = Literal["low", "normal", "high", "urgent"]


class TicketEvent(DomainEvent):
    aggregate = "ticket"
    ticket_id: str


class TicketCreated(TicketEvent):
    """A report was accepted. Carries no reporter name or email: only the reporter's id."""

    reference: str = Field(description="Human reference per municipality, e.g. SPR-1042")
    municipality_id: str
    category_id: str
    description: str
    location: Point
    address: str | None = None
    status: TicketStatus = "received"
    priority: Priority = "normal"
    due_at: AwareDatetime | None = None
    photo_ids: tuple[str, ...] = ()
    answers: dict[str, str | int | float | bool] = Field(default_factory=dict)
    reporter_id: str | None = Field(
        default=None, description="User id of the reporter; never a name or email"
    )
    created_at: AwareDatetime


class TicketAssigned(TicketEvent):
    operator_id: str
    operator_name: str = Field(description="Staff display name, shown to citizens")
    previous_operator_id: str | None = None


class StatusChanged(TicketEvent):
    from_: TicketStatus = Field(alias="from")
    to: TicketStatus
    note: str | None = None
    photo_ids: tuple[str, ...] = Field(
        default=(), description="'After' photos taken by whoever resolved the ticket (to = resolved only)"
    )


class CommentAdded(TicketEvent):
    comment_id: str
    author_id: str
    author_role: Literal["citizen", "operator", "manager", "admin"]
    author_name: str | None = Field(default=None, description="Staff display name; null for citizens")
    body: str
    visibility: Literal["public", "internal"] = "public"


class FeedbackSubmitted(TicketEvent):
    rating: int = Field(ge=1, le=5)
    comment: str | None = None


class TicketUnassigned(TicketEvent):
    """The operator was taken off the ticket; a StatusChanged (assigned → triaged) follows."""

    previous_operator_id: str


class TicketReopened(TicketEvent):
    """A resolved or closed ticket came back ("still broken"); a StatusChanged (→ reopened) follows."""

    by_reporter: bool = Field(description="True when the reporter said it is still broken")
    note: str | None = None


class TicketFollowed(TicketEvent):
    follower_id: str = Field(description="User id of the follower; never a name or email")


class TicketUnfollowed(TicketEvent):
    follower_id: str = Field(description="User id of the former follower; never a name or email")


class SupportAdded(TicketEvent):
    """Someone else said "me too"; one per user."""

    supporter_id: str = Field(description="User id of the supporter; never a name or email")
    support_count: int = Field(ge=1, description="Supporters of the ticket after this one")


class SlaBreached(TicketEvent):
    """An open ticket passed its `due_at`. Emitted once per ticket: a ticket resolved or closed in time
    never breaches, and reopening keeps the original promise (its `due_at`), so it is not emitted again."""

    due_at: AwareDatetime
    status: TicketStatus = Field(description="The ticket's open status when the breach was noticed")
    priority: Priority
    assigned_operator_id: str | None = Field(default=None, description="User id of the operator, if any")
    breached_at: AwareDatetime = Field(
        description="When the service recorded the breach: at or after due_at (later if it was down then)"
    )

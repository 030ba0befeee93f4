"""Events of the notifications service (aggregate_id = the notification's id).

A notification is one message in one person's inbox, decided by the notifications service from another
event (nothing ever asks it to notify anyone). NotificationCreated is private (CITYFIX_PRIVATE, keyed by
the recipient's id), so the gateway can push it live to that person alone; it names people by id only.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ..envelope import Contract, DomainEvent
from .tickets import TicketStatus

NotificationKind = Literal[
    "ticket_created",
    "ticket_assigned",
    "status_changed",
    "comment_added",
    "feedback_submitted",
    "ticket_reopened",
    "sla_breached",
]
NotificationReason = Literal["manager", "assignee", "reporter", "follower", "area_alert"]


class Notification(Contract):
    """What a person is told, and why: the event it comes from in the words of the ticket it concerns."""

    id: str
    kind: NotificationKind = Field(description="What happened, after the event's name")
    reason: NotificationReason = Field(
        description="Why this person hears of it: they manage the municipality, work the ticket (assignee), "
        "reported it, follow it, or it is a new report inside one of their area alerts (area_alert)"
    )
    ticket_id: str
    reference: str = Field(description="The ticket's human reference, e.g. POT-17")
    municipality_id: str
    status: TicketStatus = Field(description="The ticket's status once this happened")
    previous_status: TicketStatus | None = Field(
        default=None, description="status_changed: where it came from"
    )
    operator_name: str | None = Field(
        default=None, description="ticket_assigned: the operator's display name"
    )
    rating: int | None = Field(default=None, description="feedback_submitted: 1 to 5")
    visibility: Literal["public", "internal"] | None = Field(default=None, description="comment_added")
    excerpt: str | None = Field(
        default=None, description="The beginning of the comment, note or feedback, up to 200 characters"
    )
    created_at: AwareDatetime = Field(description="When it happened (the event's occurred_at)")


class NotificationCreated(DomainEvent):
    """A notification was stored in a person's inbox (the gateway pushes it to them live)."""

    aggregate = "notification"
    private = True
    user_id: str = Field(description="The recipient")
    notification: Notification

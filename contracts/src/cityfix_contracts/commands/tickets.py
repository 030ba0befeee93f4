"""Commands and queries answered by the tickets service: reporting a problem and reading a ticket.

CreateTicket fails with `not_covered` (422) when no municipality holds the point, `category_not_found`
or `category_inactive` (422) when the category is not one the municipality offers, `answer_*` (422,
details name the question) when the answers do not fit the category's questions, `too_many_photos`,
`duplicate_photo`, `photo_not_available` or `photo_already_attached` (422, details name the photo) unless
the photos are at most five of the reporter's own unattached uploads, and `too_many_reports` (429, `retry_after` in details) beyond the
per-account hourly limit, `too_many_reports_from_address` (429) beyond the per-address one (citizens only:
staff reporting for callers are exempt). A category's default operator, when an active operator of the
municipality, gets the new ticket at once (TicketAssigned and StatusChanged by the system). GetTicket answers one of three views: `public` (no reporter identity),
`reporter` (the reporter's own ticket) and `staff` (that municipality's managers and operators).

Working a ticket: AssignTicket / UnassignTicket (that municipality's managers; `not_an_operator` (422)
when the operator is not an active operator of the ticket's municipality), ChangeTicketStatus (by the
status table: the assigned operator or a manager; `transition_not_allowed` (409), `note_required` (422))
and SubmitFeedback (the reporter, once per resolution). Each answers the ticket as GetTicket does, and
`ticket_changed` (409) when a concurrent change won the race.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ..envelope import Contract, Point
from ..events.tickets import Priority, TicketStatus
from ..rpc import Request

AnswerValue = str | int | float | bool
TicketViewKind = Literal["public", "reporter", "staff"]


class TicketView(Contract):
    """A ticket as the asker may see it; `view` says which of the three views this is."""

    view: TicketViewKind
    id: str
    reference: str = Field(description="Human reference per municipality, e.g. POT-17")
    municipality_id: str
    category_id: str
    status: TicketStatus
    priority: Priority
    description: str
    location: Point
    address: str | None = None
    answers: dict[str, AnswerValue] = Field(default_factory=dict)
    photo_ids: tuple[str, ...] = ()
    after_photo_ids: tuple[str, ...] = Field(default=(), description="Photos taken when it was resolved")
    hidden_photo_ids: tuple[str, ...] = Field(
        default=(),
        description="Staff only: which of the photos moderation hid (the public sees none of them)",
    )
    assigned_operator_name: str | None = Field(default=None, description="Staff display name")
    support_count: int = 0
    due_at: AwareDatetime | None = None
    sla_breached_at: AwareDatetime | None = Field(
        default=None, description="When the ticket was found open past due_at (SlaBreached); null: never"
    )
    created_at: AwareDatetime
    updated_at: AwareDatetime
    reporter_id: str | None = Field(
        default=None, description="The reporter's user id: in the reporter's own view and for staff only"
    )
    assigned_operator_id: str | None = Field(default=None, description="Staff view only")
    hidden: bool = Field(
        default=False, description="Hidden from the public by moderation; only its reporter and staff see it"
    )
    former_references: tuple[str, ...] = Field(
        default=(), description="References the ticket had before it was transferred, oldest first"
    )


class CreateTicket(Request):
    """Report a problem at a point (a citizen, or staff of that municipality for someone who phoned)."""

    service = "tickets"
    reply_model = TicketView

    category_id: str = Field(min_length=1, max_length=100)
    location: Point
    description: str = Field(min_length=1, max_length=4000, description="Plain text, no HTML")
    address: str | None = Field(default=None, max_length=300)
    answers: dict[str, AnswerValue] = Field(
        default_factory=dict, max_length=30, description="Answers to the category's questions, by code"
    )
    photo_ids: tuple[str, ...] = Field(
        default=(),
        max_length=10,
        description="Up to 5 of the reporter's own photos not yet on a report (POST /media)",
    )


class GetTicket(Request):
    """One ticket, in the view the asker is entitled to (public without sign-in)."""

    service = "tickets"
    reply_model = TicketView

    ticket_id: str = Field(min_length=1, max_length=100)


class AssignmentBody(Contract):
    """Whom to give the ticket to: an active operator of the ticket's municipality."""

    operator_id: str = Field(min_length=1, max_length=100)


class AssignTicket(AssignmentBody, Request):
    """Assign a ticket to an operator (managers of its municipality): TicketAssigned, then StatusChanged."""

    service = "tickets"
    reply_model = TicketView

    ticket_id: str = Field(min_length=1, max_length=100)


class UnassignTicket(Request):
    """Take the operator off an assigned ticket (managers of its municipality); back to triaged."""

    service = "tickets"
    reply_model = TicketView

    ticket_id: str = Field(min_length=1, max_length=100)


class StatusBody(Contract):
    """A move of the status table; `note` is required for resolved, not_responsible and unable_to_fix,
    `duplicate_of` (the original's id) for duplicate."""

    status: TicketStatus
    note: str | None = Field(default=None, max_length=4000, description="Plain text, no HTML")
    duplicate_of: str | None = Field(default=None, max_length=100)
    photo_ids: tuple[str, ...] = Field(
        default=(),
        max_length=10,
        description="'After' photos when resolving: the resolver's own uploads, not attached elsewhere",
    )


class ChangeTicketStatus(StatusBody, Request):
    service = "tickets"
    reply_model = TicketView

    ticket_id: str = Field(min_length=1, max_length=100)


class FeedbackBody(Contract):
    """The reporter's rating of the resolution; the status does not change."""

    rating: int = Field(ge=1, le=5, description="1 (poor) to 5 (very good)")
    comment: str | None = Field(default=None, max_length=4000, description="Plain text, no HTML")


class SubmitFeedback(FeedbackBody, Request):
    service = "tickets"
    reply_model = TicketView

    ticket_id: str = Field(min_length=1, max_length=100)

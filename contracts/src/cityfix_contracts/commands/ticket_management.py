"""Managers' tools on a ticket (tickets service): the partial update, moderation and transfer.

UpdateTicket (PUT /tickets/{id}) changes any of `assigned_operator_id`, `priority`, `category_id` at once,
in one change with one version: assigning behaves exactly like AssignTicket (TicketAssigned, then
StatusChanged → assigned when the status moves), `assigned_operator_id: null` like UnassignTicket; a new
priority emits TicketPrioritized, a new category (an active one of the same municipality; 422
`category_not_found` / `category_inactive` otherwise) TicketRecategorized. Fields left out stay; an empty
body is refused. A field equal to what the ticket has changes nothing and emits nothing.

ModerateTicket edits the public description (TicketEdited) and hides or unhides the ticket (TicketHidden,
TicketUnhidden); each change goes into the moderation audit (who, when, before, after, reason) that
GetModeration shows to the municipality's staff. A hidden ticket answers 404 to everyone but its reporter
and staff.

TransferTicket moves a misrouted ticket to another municipality (its current municipality's managers, or
an admin): TicketTransferred under the receiving municipality, with a new reference there.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field, model_validator

from ..envelope import Contract, UserActor
from ..events.tickets import Priority
from ..rpc import Request
from .admin import Patch
from .tickets import TicketView

_TICKET_FIELDS = ("assigned_operator_id", "priority", "category_id")
_MODERATION_FIELDS = ("description", "hidden")


class TicketPatch(Patch):
    """A partial update of a ticket by a manager of its municipality: at least one field."""

    assigned_operator_id: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="An active operator of the ticket's municipality; null takes the operator off",
    )
    priority: Priority | None = None
    category_id: str | None = Field(
        default=None, min_length=1, max_length=100, description="An active category of the same municipality"
    )

    @classmethod
    def required_fields(cls) -> frozenset[str]:
        return frozenset({"priority", "category_id"})

    @model_validator(mode="after")
    def _changes_something(self) -> TicketPatch:
        if not self.model_fields_set & set(_TICKET_FIELDS):
            raise ValueError(f"Name at least one of {', '.join(_TICKET_FIELDS)} to change.")
        return self


class UpdateTicket(TicketPatch, Request):
    service = "tickets"
    reply_model = TicketView

    ticket_id: str = Field(min_length=1, max_length=100)


class ModerationPatch(Patch):
    """What a manager changes of a report's public face: its description, whether the public sees it."""

    description: str | None = Field(
        default=None, min_length=1, max_length=4000, description="The new public text; plain, no HTML"
    )
    hidden: bool | None = Field(default=None, description="true hides the ticket from the public")
    reason: str | None = Field(
        default=None, max_length=1000, description="Why; kept in the audit for staff, never published"
    )

    @classmethod
    def required_fields(cls) -> frozenset[str]:
        return frozenset(_MODERATION_FIELDS)

    @model_validator(mode="after")
    def _changes_something(self) -> ModerationPatch:
        if not self.model_fields_set & set(_MODERATION_FIELDS):
            raise ValueError(f"Name at least one of {', '.join(_MODERATION_FIELDS)} to change.")
        return self


class ModerationEntry(Contract):
    """One moderation change, as the audit keeps it."""

    action: Literal["edited", "hidden", "unhidden"]
    by: UserActor
    at: AwareDatetime
    before: str | bool = Field(description="The description before an edit; the hidden flag before")
    after: str | bool = Field(description="The description after an edit; the hidden flag after")
    reason: str | None = None


class ModerationView(Contract):
    """A ticket's moderation: its current public face, the text as reported, and every change."""

    ticket_id: str
    reference: str
    hidden: bool
    description: str = Field(description="The public description now")
    original_description: str = Field(description="The description as it was reported")
    entries: tuple[ModerationEntry, ...] = Field(default=(), description="Oldest first")


class ModerateTicket(ModerationPatch, Request):
    service = "tickets"
    reply_model = ModerationView

    ticket_id: str = Field(min_length=1, max_length=100)


class GetModeration(Request):
    """The moderation audit of a ticket (staff of its municipality, and admins)."""

    service = "tickets"
    reply_model = ModerationView

    ticket_id: str = Field(min_length=1, max_length=100)


class TransferBody(Contract):
    """Where a misrouted ticket belongs: the receiving municipality and one of its active categories."""

    municipality_id: str = Field(min_length=1, max_length=100)
    category_id: str = Field(min_length=1, max_length=100)
    note: str = Field(min_length=1, max_length=4000, description="Why it moves; plain text, no HTML")


class TransferTicket(TransferBody, Request):
    service = "tickets"
    reply_model = TicketView

    ticket_id: str = Field(min_length=1, max_length=100)

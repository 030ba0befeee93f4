"""Events of the managers' tools on a ticket (aggregate ticket, emitted by the tickets service): priority,
category, moderation and transfer to another municipality.

Like every ticket event they carry `aggregate_id` = the ticket's id and its next `sequence`. None of them
names the reporter, except TicketTransferred, which carries the reporter's id as TicketCreated does (never
a name or email). Moderation events carry no reason and never the text that was replaced: what a manager
removes from a report (a phone number, an insult) must not travel on a stream outside systems may read.
"""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from ..envelope import Point
from .tickets import Priority, TicketEvent, TicketStatus


class TicketPrioritized(TicketEvent):
    """A manager changed the ticket's priority."""

    from_: Priority = Field(alias="from")
    to: Priority


class TicketRecategorized(TicketEvent):
    """A manager moved the ticket to another active category of its municipality.

    `due_at` is recomputed from the new category's `sla_hours`, counted from the moment of the report (the
    promise is about this kind of problem, reported then); the reporter's answers stay as they were given.
    """

    from_: str = Field(alias="from", description="The previous category's id")
    to: str = Field(description="The new category's id")
    due_at: AwareDatetime | None = None


class TicketEdited(TicketEvent):
    """A manager edited the report's public description (moderation). Carries the new public text only;
    the original stays in the moderation audit, visible to the municipality's staff."""

    description: str


class TicketHidden(TicketEvent):
    """A manager hid the ticket from the public: public views and lists no longer show it; its reporter
    and the municipality's staff still do."""


class TicketUnhidden(TicketEvent):
    """A manager made a hidden ticket public again."""


class TicketTransferred(TicketEvent):
    """A misrouted ticket moved to another municipality: published under the receiving municipality's id
    (`from_municipality_id` names the one it left), with a new reference there, that municipality's
    category, no operator, status `received` and a new `due_at` counted from the transfer.

    It carries the whole ticket, as TicketCreated does, so a consumer of the receiving municipality that
    never saw this ticket can start from it: its `sequence` continues the ticket's, so such a consumer
    takes it as a snapshot rather than waiting for the earlier sequences. When the status changed, a
    StatusChanged (→ received) follows under the same municipality.
    """

    from_municipality_id: str
    municipality_id: str = Field(description="The receiving municipality")
    from_reference: str = Field(description="The reference the ticket had; it stays searchable")
    reference: str = Field(description="The new reference in the receiving municipality, e.g. COT-17")
    former_references: tuple[str, ...] = Field(
        default=(), description="Every reference the ticket had before this one, oldest first"
    )
    from_category_id: str
    category_id: str
    from_status: TicketStatus
    status: TicketStatus = "received"
    previous_operator_id: str | None = None
    note: str = Field(description="Why it was transferred (staff's words)")
    description: str
    location: Point
    address: str | None = None
    priority: Priority = "normal"
    due_at: AwareDatetime | None = None
    photo_ids: tuple[str, ...] = ()
    answers: dict[str, str | int | float | bool] = Field(default_factory=dict)
    hidden: bool = Field(default=False, description="True while the ticket is hidden from the public")
    reporter_id: str | None = Field(
        default=None, description="User id of the reporter; never a name or email"
    )
    created_at: AwareDatetime = Field(description="When the problem was first reported")

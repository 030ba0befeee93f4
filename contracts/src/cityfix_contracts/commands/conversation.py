"""The conversation around a ticket, answered by the tickets service: comments, following, "me too" and the
ticket's timeline.

Decisions, so clients and reviewers can rely on them:

- **Who may comment.** Any signed-in citizen may add a public comment, as on FixMyStreet: neighbours
  add what they see ("it has grown", "there is a second one at number 14"), and an account stands
  behind every comment. Staff (managers and operators) of the ticket's municipality may comment
  publicly or internally. Staff of another municipality and admins may not (403 `other_municipality`,
  `admins_do_not_work_tickets`), nobody signed in gets 401.
- **Internal comments** are for the ticket's staff only: anyone else asking for `internal` gets 403
  `internal_for_staff` (a question of who asks, not of a malformed body), and their comment is not stored.
- **When.** Citizens comment while a ticket is open or resolved; once it is closed, a duplicate,
  not the municipality's responsibility or unable to be fixed, citizens get 409 `comments_closed`
  (the message says what to do instead). Staff may comment in any state.
- **The body** is plain text, 1 to 2000 characters (`comment_too_long`, `comment_has_html` and
  `comment_required` otherwise, all 422). CommentAdded carries the staff author's display name as
  `author_name`; for citizens it is null: their name or email never leaves the auth service.
- **Reading** comments and the timeline is public, like the ticket: the `view` of the page says what the
  asker sees. `public`: public comments, no citizen author's identity; `reporter`: the same, plus the
  reporter's own ids; `staff` (the ticket's municipality): everything, internal comments included.
  In every view a person sees the `author_id` of their own comments.
- **Following** is idempotent: following twice, or unfollowing a ticket one does not follow, answers
  200 and records nothing the second time.
- **Support ("me too")** is one per person and not idempotent: a second one is 409 `already_supported`,
  so a client learns that the first counted. The reporter cannot support their own report (409
  `reporter_cannot_support`: the report already counts), and only open tickets take support (409
  `ticket_not_open`).

Every comment, follow and support is an event of the ticket itself (`aggregate_id` = the ticket's id, its
next `sequence`), stored with a versioned update of the ticket like any other change; a concurrent change
makes the service try again from the fresh ticket.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import AwareDatetime, Field

from ..envelope import Contract
from ..events.tickets import TicketStatus
from ..rpc import Request
from .tickets import TicketView, TicketViewKind

MAX_COMMENT = 2000
Visibility = Literal["public", "internal"]
PersonRole = Literal["citizen", "operator", "manager", "admin"]
TicketId = Annotated[str, Field(min_length=1, max_length=100)]
Cursor = Annotated[
    str | None, Field(pattern=r"^[0-9]{1,9}$", description="`next_cursor` of the previous page")
]


class CommentBody(Contract):
    """A comment on a ticket: plain text; `internal` notes are for the municipality's staff only."""

    body: str = Field(min_length=1, max_length=MAX_COMMENT, description="Plain text, no HTML")
    visibility: Visibility = "public"


class CommentView(Contract):
    """One comment as the asker may see it."""

    id: str
    ticket_id: str
    sequence: int = Field(description="The comment's place in the ticket's history (its event's sequence)")
    body: str
    visibility: Visibility
    author_role: PersonRole
    author_name: str | None = Field(default=None, description="Staff display name; null for citizens")
    author_id: str | None = Field(
        default=None, description="For the ticket's staff, and for the author themselves; null otherwise"
    )
    by_reporter: bool | None = Field(
        default=None, description="Whether the reporter wrote it: in the reporter's and the staff view only"
    )
    created_at: AwareDatetime


class AddComment(CommentBody, Request):
    """Comment on a ticket: CommentAdded, answered with the comment as its author sees it."""

    service = "tickets"
    reply_model = CommentView

    ticket_id: TicketId


class CommentPage(Contract):
    view: TicketViewKind = Field(description="Which view of the ticket the comments are shown in")
    data: tuple[CommentView, ...]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page")


class ListComments(Request):
    """A ticket's comments, oldest first, in the asker's view (public without sign-in)."""

    service = "tickets"
    reply_model = CommentPage

    ticket_id: TicketId
    limit: int = Field(default=50, ge=1, le=200)
    cursor: Cursor = None


class FollowView(Contract):
    ticket_id: str
    following: bool = Field(description="Whether the asker now follows the ticket")


class FollowTicket(Request):
    """Get updates about a ticket (TicketFollowed the first time; following again changes nothing)."""

    service = "tickets"
    reply_model = FollowView

    ticket_id: TicketId


class UnfollowTicket(Request):
    """Stop updates about a ticket (TicketUnfollowed if one followed it; otherwise nothing changes)."""

    service = "tickets"
    reply_model = FollowView

    ticket_id: TicketId


class SupportTicket(Request):
    """ "Me too": SupportAdded with the new count; answered with the ticket."""

    service = "tickets"
    reply_model = TicketView

    ticket_id: TicketId


TimelineKind = Literal[
    "created",
    "assigned",
    "unassigned",
    "status_changed",
    "reopened",
    "comment",
    "feedback",
    "supported",
    "other",
]


class TimelineEntry(Contract):
    """One step of a ticket's history. Which fields are set depends on `kind`:

    `created`; `assigned` (`operator_name`); `unassigned` (`operator_name` of the previous operator);
    `status_changed` (`from`, `to`, `note`, and `duplicate_of` when it became a duplicate); `reopened`
    (`note`, `by_reporter`); `comment` (`comment_id`, `body`, `visibility`); `feedback` (`rating`, `body`);
    `supported` (`support_count`); `other` (staff view only: an event this version does not describe;
    `event_type` names it).
    """

    sequence: int = Field(description="The event's sequence in the ticket's history; entries come in order")
    at: AwareDatetime
    kind: TimelineKind
    event_type: str
    actor_role: Literal["citizen", "operator", "manager", "admin", "system"]
    actor_name: str | None = Field(default=None, description="Staff display name; null for citizens")
    actor_id: str | None = Field(
        default=None, description="For the ticket's staff, and for the asker's own steps; null otherwise"
    )
    by_reporter: bool | None = Field(
        default=None, description="Whether the reporter took this step: reporter's and staff view only"
    )
    from_: TicketStatus | None = Field(default=None, alias="from")
    to: TicketStatus | None = None
    note: str | None = None
    duplicate_of: str | None = None
    operator_name: str | None = None
    operator_id: str | None = Field(default=None, description="Staff view only")
    comment_id: str | None = None
    body: str | None = Field(default=None, description="A comment's text, or the feedback's comment")
    visibility: Visibility | None = None
    rating: int | None = None
    support_count: int | None = None


class TimelinePage(Contract):
    view: TicketViewKind = Field(description="Which view of the ticket the history is shown in")
    data: tuple[TimelineEntry, ...]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page")


class GetTimeline(Request):
    """A ticket's history in order, in the asker's view (public without sign-in)."""

    service = "tickets"
    reply_model = TimelinePage

    ticket_id: TicketId
    limit: int = Field(default=100, ge=1, le=200)
    cursor: Cursor = None

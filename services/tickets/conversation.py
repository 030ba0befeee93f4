"""The conversation around a ticket: comments, following, "me too", and the ticket's timeline.

Each change is a change of the ticket aggregate like any other: load it in a unit of work, ask the domain,
and store it with a versioned update together with its events (so a comment, a follow or a support takes
the ticket's next `sequence`). These changes do not depend on what a concurrent change did, so when one
loses the race (`ticket_changed`) it is simply made again on the fresh ticket.

Comments and the timeline are read from the ticket's history (`history.py`) in the view the asker is
entitled to, decided exactly as for the ticket itself (`ticket_view`): `public` shows public comments and
no citizen's identity, `reporter` adds the reporter's own ids, `staff` of the ticket's municipality see
everything, internal comments included. Everyone sees their own id on their own steps. Following and
unfollowing are personal subscriptions, not steps of the ticket, and stay out of every timeline.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any, TypeVar, cast

from cityfix_contracts import DomainError, Envelope, RpcContext
from cityfix_contracts.commands.conversation import (
    AddComment,
    CommentPage,
    CommentView,
    FollowTicket,
    FollowView,
    GetTimeline,
    ListComments,
    SupportTicket,
    TimelineEntry,
    TimelineKind,
    TimelinePage,
    UnfollowTicket,
)
from cityfix_contracts.commands.tickets import TicketView, TicketViewKind
from cityfix_contracts.errors import not_found

from .documents import StaffDocument, TicketDocument, TicketEventDocument
from .domain import Ticket
from .handlers import TicketsDeps, domain_actor, load, rpc, save, session_of, ticket_from, ticket_view
from .history import actor_fields, history_document

T = TypeVar("T")

ATTEMPTS = 3

# What a ticket's history shows outside its staff, and under which name.
KINDS: dict[str, TimelineKind] = {
    "TicketCreated": "created",
    "TicketAssigned": "assigned",
    "TicketUnassigned": "unassigned",
    "StatusChanged": "status_changed",
    "TicketReopened": "reopened",
    "CommentAdded": "comment",
    "FeedbackSubmitted": "feedback",
    "SupportAdded": "supported",
}
SUBSCRIPTIONS = ("TicketFollowed", "TicketUnfollowed")


async def again_if_overtaken(change: Callable[[], Awaitable[T]]) -> T:
    """Make `change` again (it loads the ticket afresh) while a concurrent change wins the race, at most
    `ATTEMPTS` times; every other refusal stands."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await change()
        except DomainError as refused:
            if refused.reply.code != "ticket_changed" or attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")


async def change_ticket(
    ticket_id: str, ctx: RpcContext, deps: TicketsDeps, change: Callable[[Ticket], None]
) -> tuple[TicketDocument, list[Envelope[Any]]]:
    """Load the ticket, apply `change` (a domain command), store it versioned with its events; again
    from the fresh ticket if a concurrent change won. Returns the stored ticket and its new events."""

    async def attempt() -> tuple[TicketDocument, list[Envelope[Any]]]:
        now = deps.clock()
        async with deps.unit_of_work() as uow:
            loaded = await load(ticket_id, session_of(uow))
            ticket = ticket_from(loaded)
            change(ticket)
            doc = await save(uow, ticket, loaded, ctx, now)
            emitted = list(uow.events)
        return doc, emitted

    return await again_if_overtaken(attempt)


# ----- who sees what -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Viewer:
    """The asker, as far as a ticket's conversation is concerned."""

    kind: TicketViewKind
    user_id: str | None
    reporter_id: str | None

    def sees_id_of(self, person_id: str | None) -> bool:
        return person_id is not None and (self.kind == "staff" or person_id == self.user_id)

    def by_reporter(self, person_id: str | None) -> bool | None:
        if self.kind == "public":
            return None
        return person_id is not None and person_id == self.reporter_id


def viewer_of(doc: TicketDocument, ctx: RpcContext) -> Viewer:
    """The view is the ticket's own (`ticket_view` decides it, in one place)."""
    return Viewer(ticket_view(doc, ctx).view, getattr(ctx.actor, "user_id", None), doc.reporter_id)


async def readable(ticket_id: str, ctx: RpcContext) -> tuple[TicketDocument, Viewer]:
    doc = await TicketDocument.get(ticket_id)
    if doc is None:
        raise not_found("ticket", ticket_id)
    return doc, viewer_of(doc, ctx)


async def staff_names(user_ids: set[str]) -> dict[str, str]:
    """Display names of staff from the staff projection (citizens have none there)."""
    if not user_ids:
        return {}
    found = await StaffDocument.find({"_id": {"$in": sorted(user_ids)}}).to_list()
    return {staff.id: staff.display_name for staff in found if staff.display_name}


async def page_of(
    criteria: dict[str, Any], cursor: str | None, limit: int
) -> tuple[list[TicketEventDocument], str | None]:
    """One page of a ticket's history by sequence; the cursor is the last sequence shown."""
    if cursor is not None:
        criteria = {**criteria, "sequence": {"$gt": int(cursor)}}
    found = await TicketEventDocument.find(criteria).sort("+sequence").limit(limit + 1).to_list()
    page = found[:limit]
    more = len(found) > limit
    return page, str(page[-1].sequence) if more and page else None


# ----- comments ------------------------------------------------------------------------------------------


def comment_view(stored: TicketEventDocument, viewer: Viewer) -> CommentView:
    data = stored.data
    return CommentView(
        id=data["comment_id"],
        ticket_id=stored.ticket_id,
        sequence=stored.sequence,
        body=data["body"],
        visibility=data["visibility"],
        author_role=data["author_role"],
        author_name=data.get("author_name"),
        author_id=data["author_id"] if viewer.sees_id_of(data["author_id"]) else None,
        by_reporter=viewer.by_reporter(data["author_id"]),
        created_at=stored.occurred_at,
    )


@rpc.handles(AddComment)
async def add_comment(cmd: AddComment, ctx: RpcContext, deps: TicketsDeps) -> CommentView:
    """Comment on a ticket (any citizen publicly; its staff publicly or internally): 201 with the comment."""
    actor = domain_actor(ctx)
    comment_id = str(uuid.uuid4())
    name = None
    if actor.is_staff:
        stored = await StaffDocument.get(actor.user_id)
        name = stored.display_name if stored is not None else None

    def comment(ticket: Ticket) -> None:
        ticket.add_comment(actor, comment_id, cmd.body, cmd.visibility, author_name=name)

    doc, emitted = await change_ticket(cmd.ticket_id, ctx, deps, comment)
    (added,) = [e for e in emitted if e.aggregate_id == doc.id and e.event_type == "CommentAdded"]
    return comment_view(history_document(added), viewer_of(doc, ctx))


@rpc.handles(ListComments)
async def list_comments(query: ListComments, ctx: RpcContext, deps: TicketsDeps) -> CommentPage:
    """A ticket's comments, oldest first, in the asker's view (public for anyone, signed in or not)."""
    doc, viewer = await readable(query.ticket_id, ctx)
    criteria: dict[str, Any] = {"ticket_id": doc.id, "event_type": "CommentAdded"}
    if viewer.kind != "staff":
        criteria["data.visibility"] = "public"
    page, cursor = await page_of(criteria, query.cursor, query.limit)
    return CommentPage(
        view=viewer.kind, data=tuple(comment_view(c, viewer) for c in page), next_cursor=cursor
    )


# ----- following and support ----------------------------------------------------------------------------


@rpc.handles(FollowTicket)
async def follow_ticket(cmd: FollowTicket, ctx: RpcContext, deps: TicketsDeps) -> FollowView:
    """Follow a ticket (citizens; staff of its municipality); following again changes nothing."""
    actor = domain_actor(ctx)
    doc, _ = await change_ticket(cmd.ticket_id, ctx, deps, lambda ticket: ticket.follow(actor))
    return FollowView(ticket_id=doc.id, following=True)


@rpc.handles(UnfollowTicket)
async def unfollow_ticket(cmd: UnfollowTicket, ctx: RpcContext, deps: TicketsDeps) -> FollowView:
    """Stop following a ticket; unfollowing one not followed changes nothing."""
    actor = domain_actor(ctx)
    doc, _ = await change_ticket(cmd.ticket_id, ctx, deps, lambda ticket: ticket.unfollow(actor))
    return FollowView(ticket_id=doc.id, following=False)


@rpc.handles(SupportTicket)
async def support_ticket(cmd: SupportTicket, ctx: RpcContext, deps: TicketsDeps) -> TicketView:
    """ "Me too" on an open ticket, once per person, never by its reporter: 200 with the ticket."""
    actor = domain_actor(ctx)
    doc, _ = await change_ticket(cmd.ticket_id, ctx, deps, lambda ticket: ticket.support(actor))
    return ticket_view(doc, ctx)


# ----- the timeline -------------------------------------------------------------------------------------


def timeline_entry(
    stored: TicketEventDocument, viewer: Viewer, names: dict[str, str], duplicate_of: str | None
) -> TimelineEntry:
    user_id, role = actor_fields(stored.actor)
    data = stored.data
    staff_view = viewer.kind == "staff"
    fields: dict[str, Any] = {
        "sequence": stored.sequence,
        "at": stored.occurred_at,
        "kind": KINDS.get(stored.event_type, "other"),
        "event_type": stored.event_type,
        "actor_role": role,
        "actor_name": names.get(user_id or "") if role in ("operator", "manager") else None,
        "actor_id": user_id if viewer.sees_id_of(user_id) else None,
        "by_reporter": viewer.by_reporter(user_id),
    }
    match stored.event_type:
        case "TicketAssigned":
            fields["operator_name"] = data["operator_name"]
            fields["operator_id"] = data["operator_id"] if staff_view else None
        case "TicketUnassigned":
            fields["operator_name"] = names.get(data["previous_operator_id"])
            fields["operator_id"] = data["previous_operator_id"] if staff_view else None
        case "StatusChanged":
            fields.update({"from": data["from"], "to": data["to"], "note": data.get("note")})
            fields["duplicate_of"] = duplicate_of if data["to"] == "duplicate" else None
        case "TicketReopened":
            fields["note"] = data.get("note")
        case "CommentAdded":
            fields.update(comment_id=data["comment_id"], body=data["body"], visibility=data["visibility"])
            fields["actor_name"] = data.get("author_name")
        case "FeedbackSubmitted":
            fields.update(rating=data["rating"], body=data.get("comment"))
        case "SupportAdded":
            fields["support_count"] = data["support_count"]
    return TimelineEntry.model_validate(fields)


@rpc.handles(GetTimeline)
async def get_timeline(query: GetTimeline, ctx: RpcContext, deps: TicketsDeps) -> TimelinePage:
    """A ticket's history in order, in the asker's view (public for anyone, signed in or not)."""
    doc, viewer = await readable(query.ticket_id, ctx)
    criteria: dict[str, Any] = {"ticket_id": doc.id}
    if viewer.kind == "staff":
        criteria["event_type"] = {"$nin": list(SUBSCRIPTIONS)}
    else:
        criteria["event_type"] = {"$in": list(KINDS)}
        criteria["$or"] = [{"event_type": {"$ne": "CommentAdded"}}, {"data.visibility": "public"}]
    page, cursor = await page_of(criteria, query.cursor, query.limit)
    people = {actor_fields(stored.actor)[0] for stored in page} | {
        cast(str, stored.data.get("previous_operator_id")) for stored in page
    }
    names = await staff_names({person for person in people if person})
    entries = tuple(timeline_entry(stored, viewer, names, doc.duplicate_of) for stored in page)
    return TimelinePage(view=viewer.kind, data=entries, next_cursor=cursor)

"""The conversation around a ticket (tickets service): comments, following, "me too", and the timeline.

Reading is public like the ticket itself; writing needs a signed-in person. Who may do what is decided by
the tickets service (see `cityfix_contracts.commands.conversation` for the rules).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, status

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.conversation import (
    AddComment,
    CommentBody,
    CommentPage,
    CommentView,
    FollowTicket,
    FollowView,
    GetTimeline,
    ListComments,
    SupportTicket,
    TimelinePage,
    UnfollowTicket,
)
from cityfix_contracts.commands.tickets import TicketView

from ..deps import Ctx, Rpc, require_role

router = APIRouter(prefix="/tickets", tags=["tickets"])

PEOPLE = Depends(require_role("citizen", "operator", "manager"))
Limit = Annotated[int, Query(ge=1, le=200, description="Entries per page")]
Cursor = Annotated[
    str | None, Query(pattern=r"^[0-9]{1,9}$", description="`next_cursor` of the previous page")
]
UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorResponse, "description": "The tickets service is not answering"}
}
READ_ERRORS: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "`ticket_not_found`"},
    **UNAVAILABLE,
}


def write_errors(forbidden: str, conflict: str, invalid: str = "Malformed fields") -> dict[int | str, Any]:
    return {
        403: {"model": ErrorResponse, "description": forbidden},
        404: {"model": ErrorResponse, "description": "`ticket_not_found`"},
        409: {"model": ErrorResponse, "description": conflict},
        422: {"model": ErrorResponse, "description": invalid},
        **UNAVAILABLE,
    }


@router.post(
    "/{ticket_id}/comments",
    status_code=status.HTTP_201_CREATED,
    response_model=CommentView,
    dependencies=[PEOPLE],
    operation_id="tickets-comment",
    responses=write_errors(
        "`internal_for_staff` (internal notes are for the ticket's staff), `other_municipality`, admins",
        "`comments_closed` (a citizen on a closed, duplicate, not_responsible or unable_to_fix ticket), "
        "or `ticket_changed` when concurrent changes kept winning",
        "`comment_required`, `comment_too_long`, `comment_has_html`, or malformed fields",
    ),
)
async def add_comment(ticket_id: str, body: CommentBody, rpc: Rpc, ctx: Ctx) -> CommentView:
    """Comment on a ticket: any signed-in citizen publicly (while it is open or resolved), staff of its
    municipality publicly or `internal` (staff only), in any state. Plain text up to 2000 characters.
    CommentAdded names a staff author by display name, a citizen by id only."""
    command = AddComment(ticket_id=ticket_id, body=body.body, visibility=body.visibility)
    comment: CommentView = await rpc.call(command, ctx)
    return comment


@router.get(
    "/{ticket_id}/comments",
    response_model=CommentPage,
    operation_id="tickets-list-comments",
    responses=READ_ERRORS,
)
async def list_comments(
    ticket_id: str, rpc: Rpc, ctx: Ctx, limit: Limit = 50, cursor: Cursor = None
) -> CommentPage:
    """A ticket's comments, oldest first (public). The `view` says what the asker sees: internal comments
    only in the `staff` view, a citizen author's id only to staff and to the author."""
    page: CommentPage = await rpc.call(ListComments(ticket_id=ticket_id, limit=limit, cursor=cursor), ctx)
    return page


@router.post(
    "/{ticket_id}/follow",
    response_model=FollowView,
    dependencies=[PEOPLE],
    operation_id="tickets-follow",
    responses=write_errors("`other_municipality`, admins", "`ticket_changed`"),
)
async def follow_ticket(ticket_id: str, rpc: Rpc, ctx: Ctx) -> FollowView:
    """Get updates about a ticket (TicketFollowed); following again changes nothing."""
    following: FollowView = await rpc.call(FollowTicket(ticket_id=ticket_id), ctx)
    return following


@router.delete(
    "/{ticket_id}/follow",
    response_model=FollowView,
    dependencies=[PEOPLE],
    operation_id="tickets-unfollow",
    responses=write_errors("`other_municipality`, admins", "`ticket_changed`"),
)
async def unfollow_ticket(ticket_id: str, rpc: Rpc, ctx: Ctx) -> FollowView:
    """Stop updates about a ticket (TicketUnfollowed); unfollowing one not followed changes nothing."""
    following: FollowView = await rpc.call(UnfollowTicket(ticket_id=ticket_id), ctx)
    return following


@router.post(
    "/{ticket_id}/support",
    response_model=TicketView,
    dependencies=[PEOPLE],
    operation_id="tickets-support",
    responses=write_errors(
        "`other_municipality`, admins",
        "`already_supported` (one per person), `reporter_cannot_support`, `ticket_not_open`",
    ),
)
async def support_ticket(ticket_id: str, rpc: Rpc, ctx: Ctx) -> TicketView:
    """ "Me too": this problem affects the asker too (SupportAdded; `support_count` on the ticket). Once per
    person and only on open tickets; the reporter's own report already counts."""
    view: TicketView = await rpc.call(SupportTicket(ticket_id=ticket_id), ctx)
    return view


@router.get(
    "/{ticket_id}/timeline",
    response_model=TimelinePage,
    operation_id="tickets-timeline",
    responses=READ_ERRORS,
)
async def get_timeline(
    ticket_id: str, rpc: Rpc, ctx: Ctx, limit: Limit = 100, cursor: Cursor = None
) -> TimelinePage:
    """A ticket's history in order (public): reported, assignments by operator name, status changes with
    their notes, reopenings, comments, feedback and support. `view` says what the asker sees: `public`
    (no reporter identity, no internal comments), `reporter`, or `staff` (everything)."""
    page: TimelinePage = await rpc.call(GetTimeline(ticket_id=ticket_id, limit=limit, cursor=cursor), ctx)
    return page

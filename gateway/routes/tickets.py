"""Tickets (tickets service): reporting a problem, reading one ticket, and working it (assignment,
status, the reporter's feedback)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Response, status

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.tickets import (
    AssignmentBody,
    AssignTicket,
    ChangeTicketStatus,
    CreateTicket,
    FeedbackBody,
    GetTicket,
    StatusBody,
    SubmitFeedback,
    TicketView,
    UnassignTicket,
)

from ..deps import Ctx, Rpc, require_role

router = APIRouter(prefix="/tickets", tags=["tickets"])

CREATE_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorResponse, "description": "Admins, or staff reporting outside their municipality"},
    422: {
        "model": ErrorResponse,
        "description": "`not_covered`, `category_not_found`, `category_inactive`, `answer_*` (details name "
        "the question), `description_has_html`, `too_many_photos`, `duplicate_photo`, `photo_not_available`, "
        "`photo_already_attached` (details name the photo), or malformed fields",
    },
    429: {
        "model": ErrorResponse,
        "description": "`too_many_reports` (per account) or `too_many_reports_from_address`; see Retry-After",
    },
    503: {"model": ErrorResponse, "description": "The tickets service is not answering"},
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=TicketView,
    dependencies=[Depends(require_role("citizen", "manager", "operator"))],
    operation_id="tickets-create",
    responses=CREATE_ERRORS,
)
async def create_ticket(body: CreateTicket, rpc: Rpc, ctx: Ctx) -> TicketView:
    """Report a problem at a point: a signed-in citizen, or a manager or operator of the municipality on
    behalf of someone who phoned. The point decides the municipality; the category must be one of its
    active categories; answers are checked against the category's questions."""
    view: TicketView = await rpc.call(body, ctx)
    return view


@router.get(
    "/{ticket_id}",
    response_model=TicketView,
    operation_id="tickets-get",
    responses={404: {"model": ErrorResponse, "description": "`ticket_not_found`"}},
)
async def get_ticket(ticket_id: str, rpc: Rpc, ctx: Ctx) -> Response:
    """One ticket (public). `view` says what the asker sees: `public` (no reporter identity),
    `reporter` (their own ticket) or `staff` (that municipality's managers and operators)."""
    # The hot read path: the service's TicketView goes out as the JSON it sent, not validated and
    # serialized twice more here (response_model above still documents it).
    body = await rpc.call_json(GetTicket(ticket_id=ticket_id), ctx)
    return Response(body, media_type="application/json")


def work_errors(forbidden: str, conflict: str, invalid: str) -> dict[int | str, dict[str, Any]]:
    return {
        403: {"model": ErrorResponse, "description": forbidden},
        404: {"model": ErrorResponse, "description": "`ticket_not_found`"},
        409: {
            "model": ErrorResponse,
            "description": f"{conflict}, or `ticket_changed` when a concurrent change won",
        },
        422: {"model": ErrorResponse, "description": invalid},
        503: {"model": ErrorResponse, "description": "The tickets service is not answering"},
    }


@router.post(
    "/{ticket_id}/assignment",
    response_model=TicketView,
    dependencies=[Depends(require_role("manager"))],
    operation_id="tickets-assign",
    responses=work_errors(
        "Anyone but a manager of the ticket's municipality",
        "`ticket_not_open`",
        "`not_an_operator` (not an active operator of the ticket's municipality)",
    ),
)
async def assign_ticket(ticket_id: str, body: AssignmentBody, rpc: Rpc, ctx: Ctx) -> TicketView:
    """Give the ticket to an operator of its municipality (its managers): TicketAssigned, then
    StatusChanged → assigned when the status changes."""
    view: TicketView = await rpc.call(AssignTicket(ticket_id=ticket_id, operator_id=body.operator_id), ctx)
    return view


@router.delete(
    "/{ticket_id}/assignment",
    response_model=TicketView,
    dependencies=[Depends(require_role("manager"))],
    operation_id="tickets-unassign",
    responses=work_errors(
        "Anyone but a manager of the ticket's municipality", "`not_assigned`", "Malformed fields"
    ),
)
async def unassign_ticket(ticket_id: str, rpc: Rpc, ctx: Ctx) -> TicketView:
    """Take the operator off an assigned ticket (its managers): back to triaged."""
    view: TicketView = await rpc.call(UnassignTicket(ticket_id=ticket_id), ctx)
    return view


@router.post(
    "/{ticket_id}/status",
    response_model=TicketView,
    dependencies=[Depends(require_role("citizen", "operator", "manager"))],
    operation_id="tickets-change-status",
    responses=work_errors(
        "`not_allowed` (the status table names someone else), `other_municipality`",
        "`transition_not_allowed`, `use_assignment`, `use_unassignment`, `reopen_window_passed`",
        "`note_required`, `original_required`, `note_has_html`, or malformed fields",
    ),
)
async def change_status(ticket_id: str, body: StatusBody, rpc: Rpc, ctx: Ctx) -> TicketView:
    """Move the ticket by the status table: the assigned operator or a manager works it; the reporter
    may reopen it ("still broken") within 30 days of the resolution."""
    command = ChangeTicketStatus(ticket_id=ticket_id, **body.model_dump(by_alias=False))
    view: TicketView = await rpc.call(command, ctx)
    return view


@router.post(
    "/{ticket_id}/feedback",
    response_model=TicketView,
    dependencies=[Depends(require_role("citizen", "operator", "manager"))],
    operation_id="tickets-feedback",
    responses=work_errors(
        "`reporter_only`",
        "`not_resolved`, `feedback_already_given`",
        "`invalid_rating`, `comment_has_html`, or malformed fields",
    ),
)
async def submit_feedback(ticket_id: str, body: FeedbackBody, rpc: Rpc, ctx: Ctx) -> TicketView:
    """The reporter rates the resolution, 1 to 5, once per resolution; the status does not change."""
    command = SubmitFeedback(ticket_id=ticket_id, rating=body.rating, comment=body.comment)
    view: TicketView = await rpc.call(command, ctx)
    return view

"""Tickets (tickets service): reporting a problem and reading one ticket."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, status

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.tickets import CreateTicket, GetTicket, TicketView

from ..deps import Ctx, Rpc, require_role

router = APIRouter(prefix="/tickets", tags=["tickets"])

CREATE_ERRORS: dict[int | str, dict[str, Any]] = {
    403: {"model": ErrorResponse, "description": "Admins, or staff reporting outside their municipality"},
    422: {
        "model": ErrorResponse,
        "description": "`not_covered`, `category_not_found`, `category_inactive`, `answer_*` (details name "
        "the question), `description_has_html`, `photos_not_supported`, or malformed fields",
    },
    429: {"model": ErrorResponse, "description": "`too_many_reports`; see Retry-After"},
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
async def get_ticket(ticket_id: str, rpc: Rpc, ctx: Ctx) -> TicketView:
    """One ticket (public). `view` says what the asker sees: `public` (no reporter identity),
    `reporter` (their own ticket) or `staff` (that municipality's managers and operators)."""
    view: TicketView = await rpc.call(GetTicket(ticket_id=ticket_id), ctx)
    return view

"""Managers' tools on a ticket (tickets service): the partial update, moderation and transfer."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.ticket_management import (
    GetModeration,
    ModerateTicket,
    ModerationPatch,
    ModerationView,
    TicketPatch,
    TransferBody,
    TransferTicket,
    UpdateTicket,
)
from cityfix_contracts.commands.tickets import TicketView

from ..deps import Ctx, Rpc, require_role

router = APIRouter(prefix="/tickets", tags=["tickets"])


def errors(forbidden: str, conflict: str | None, invalid: str) -> dict[int | str, dict[str, Any]]:
    described: dict[int | str, dict[str, Any]] = {
        403: {"model": ErrorResponse, "description": forbidden},
        404: {"model": ErrorResponse, "description": "`ticket_not_found`"},
        409: {
            "model": ErrorResponse,
            "description": f"{conflict + ', or ' if conflict else ''}`ticket_changed` when a concurrent "
            "change won",
        },
        422: {"model": ErrorResponse, "description": invalid},
        503: {"model": ErrorResponse, "description": "The tickets service is not answering"},
    }
    return described


@router.put(
    "/{ticket_id}",
    response_model=TicketView,
    dependencies=[Depends(require_role("manager"))],
    operation_id="tickets-update",
    responses=errors(
        "Anyone but a manager of the ticket's municipality",
        "`ticket_not_open`, `not_assigned` (null for a ticket already being worked)",
        "An empty body, unknown fields, `not_an_operator`, `category_not_found`, `category_inactive`",
    ),
)
async def update_ticket(ticket_id: str, body: TicketPatch, rpc: Rpc, ctx: Ctx) -> TicketView:
    """Change a ticket's `assigned_operator_id`, `priority` and `category_id` (its managers); fields left out
    stay. Assigning is exactly POST …/assignment (TicketAssigned, then StatusChanged → assigned), null
    takes the operator off an assigned ticket (…/assignment DELETE). Another category (an active one of the
    same municipality) recomputes `due_at` from its SLA, counted from the report, and keeps the answers."""
    command = UpdateTicket(**body.model_dump(exclude_unset=True), ticket_id=ticket_id)
    view: TicketView = await rpc.call(command, ctx)
    return view


@router.get(
    "/{ticket_id}/moderation",
    response_model=ModerationView,
    dependencies=[Depends(require_role("manager", "operator", "admin"))],
    operation_id="tickets-moderation",
    responses={
        403: {"model": ErrorResponse, "description": "`staff_only`: staff of another municipality"},
        404: {"model": ErrorResponse, "description": "`ticket_not_found`"},
    },
)
async def get_moderation(ticket_id: str, rpc: Rpc, ctx: Ctx) -> ModerationView:
    """The ticket's moderation record for its staff: the text as reported, and every edit and hiding with
    who, when, before, after and why."""
    view: ModerationView = await rpc.call(GetModeration(ticket_id=ticket_id), ctx)
    return view


@router.patch(
    "/{ticket_id}/moderation",
    response_model=ModerationView,
    dependencies=[Depends(require_role("manager"))],
    operation_id="tickets-moderate",
    responses=errors(
        "Anyone but a manager of the ticket's municipality",
        None,
        "An empty body, unknown fields, `description_has_html`, `reason_too_long`",
    ),
)
async def moderate_ticket(ticket_id: str, body: ModerationPatch, rpc: Rpc, ctx: Ctx) -> ModerationView:
    """Edit the report's public `description` and/or set `hidden` (its managers), with an optional `reason`
    for the audit. A hidden ticket is 404 to the public; its reporter and staff still see it. Events
    TicketEdited, TicketHidden, TicketUnhidden carry neither the replaced text nor the reason."""
    command = ModerateTicket(**body.model_dump(exclude_unset=True), ticket_id=ticket_id)
    view: ModerationView = await rpc.call(command, ctx)
    return view


@router.post(
    "/{ticket_id}/transfer",
    response_model=TicketView,
    dependencies=[Depends(require_role("manager", "admin"))],
    operation_id="tickets-transfer",
    responses=errors(
        "Anyone but a manager of the ticket's municipality or an admin",
        "`ticket_not_transferable` (resolved, closed, duplicate, unable_to_fix)",
        "`same_municipality`, `municipality_not_found`, `municipality_inactive`, `category_not_found`, "
        "`category_inactive`, `note_has_html`, or malformed fields",
    ),
)
async def transfer_ticket(ticket_id: str, body: TransferBody, rpc: Rpc, ctx: Ctx) -> TicketView:
    """Move a misrouted ticket to another municipality and one of its categories (the managers of its
    municipality, or an admin): a new reference there (the old one stays in `former_references`), no
    operator, back to `received`, a new due date. Answers the ticket as the caller now sees it: for the
    managers it left, the public view."""
    command = TransferTicket(**body.model_dump(), ticket_id=ticket_id)
    view: TicketView = await rpc.call(command, ctx)
    return view

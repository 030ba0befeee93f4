"""Emails the notifications service gave up on, for platform admins: by recipient id and error, never an
address or a body."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from cityfix_contracts.commands.notifications import CURSOR_PATTERN, FailedDeliveryList, ListFailedDeliveries

from ..deps import Ctx, Rpc, require_role

router = APIRouter(
    prefix="/admin/notifications", tags=["admin"], dependencies=[Depends(require_role("admin"))]
)


@router.get("/failed", response_model=FailedDeliveryList, operation_id="admin-list_failed_deliveries")
async def list_failed_deliveries(
    rpc: Rpc,
    ctx: Ctx,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(pattern=CURSOR_PATTERN)] = None,
) -> FailedDeliveryList:
    """Emails given up for good (refused by the mail server, or not handed over after every retry),
    newest first (platform admins)."""
    page: FailedDeliveryList = await rpc.call(ListFailedDeliveries(limit=limit, cursor=cursor), ctx)
    return page

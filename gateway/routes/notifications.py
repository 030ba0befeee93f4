"""The inbox (notifications service): a signed-in person's own notifications and their read marks.

Another person's notification is answered 404, exactly like one that does not exist.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.notifications import (
    NOTIFICATION_CURSOR_PATTERN,
    ListNotifications,
    MarkAllNotificationsRead,
    MarkNotificationRead,
    NotificationList,
    NotificationsMarked,
    NotificationView,
)

from ..deps import Ctx, Rpc, current_user

router = APIRouter(prefix="/notifications", tags=["notifications"], dependencies=[Depends(current_user)])

UNAVAILABLE: dict[int | str, dict[str, Any]] = {
    503: {"model": ErrorResponse, "description": "The notifications service is not answering"}
}


@router.get("", response_model=NotificationList, operation_id="notifications-list", responses=UNAVAILABLE)
async def list_notifications(
    rpc: Rpc,
    ctx: Ctx,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(pattern=NOTIFICATION_CURSOR_PATTERN)] = None,
    unread_only: bool = False,
) -> NotificationList:
    """Your notifications, newest first, with how many are unread (on every page)."""
    page: NotificationList = await rpc.call(
        ListNotifications(limit=limit, cursor=cursor, unread_only=unread_only), ctx
    )
    return page


@router.post(
    "/read-all",
    response_model=NotificationsMarked,
    operation_id="notifications-read_all",
    responses=UNAVAILABLE,
)
async def mark_all_read(rpc: Rpc, ctx: Ctx) -> NotificationsMarked:
    """Mark all your notifications read."""
    marked: NotificationsMarked = await rpc.call(MarkAllNotificationsRead(), ctx)
    return marked


@router.post(
    "/{notification_id}/read",
    response_model=NotificationView,
    operation_id="notifications-read",
    responses={404: {"model": ErrorResponse, "description": "`notification_not_found`"}, **UNAVAILABLE},
)
async def mark_read(
    notification_id: Annotated[str, Path(min_length=1, max_length=100)], rpc: Rpc, ctx: Ctx
) -> NotificationView:
    """Mark one of your notifications read; marking it again changes nothing."""
    view: NotificationView = await rpc.call(MarkNotificationRead(notification_id=notification_id), ctx)
    return view

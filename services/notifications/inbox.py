"""The inbox: a person's own notifications, newest first, and their read marks; and, for admins, the emails
given up for good.

Every query names the asker as recipient, so another person's notification is not found (404), exactly
like one that does not exist. Lists come newest first and page by an opaque cursor: for the inbox the
last id of the page (notification ids sort as things happened), for failed emails the time (in
microseconds) and the id of the last one.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from cityfix_contracts import RpcContext
from cityfix_contracts.commands.notifications import (
    FailedDelivery,
    FailedDeliveryList,
    ListFailedDeliveries,
    ListNotifications,
    MarkAllNotificationsRead,
    MarkNotificationRead,
    NotificationList,
    NotificationsMarked,
    NotificationView,
)
from cityfix_contracts.errors import not_found
from services.common.access import require_role, require_user

from .documents import DeliveryDocument, NotificationDocument
from .domain import as_utc
from .handlers import NotificationDeps, rpc

EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
NEWEST_FIRST = [("created_at", -1), ("_id", -1)]


def cursor_of(entry: dict[str, Any]) -> str:
    microseconds = (as_utc(entry["created_at"]) - EPOCH) // timedelta(microseconds=1)
    return f"{microseconds}.{entry['_id']}"


def older_than(cursor: str) -> dict[str, Any]:
    """The entries after `cursor` in newest-first order (the request model checked its shape)."""
    microseconds, _, last_id = cursor.partition(".")
    moment = EPOCH + timedelta(microseconds=int(microseconds))
    return {"$or": [{"created_at": {"$lt": moment}}, {"created_at": moment, "_id": {"$lt": last_id}}]}


async def page_of(
    collection: Any, criteria: dict[str, Any], cursor: str | None, limit: int
) -> tuple[list[dict[str, Any]], str | None]:
    if cursor is not None:
        criteria = {**criteria, **older_than(cursor)}
    found = [entry async for entry in collection.find(criteria).sort(NEWEST_FIRST).limit(limit + 1)]
    page = found[:limit]
    return page, cursor_of(page[-1]) if len(found) > limit and page else None


def notification_view(entry: dict[str, Any]) -> NotificationView:
    fields = {name: entry.get(name) for name in NotificationView.model_fields if name != "id"}
    return NotificationView.model_validate({**fields, "id": entry["_id"]})


async def unread(recipient: str) -> int:
    count: int = await NotificationDocument.get_pymongo_collection().count_documents(
        {"recipient": recipient, "read_at": None}
    )
    return count


@rpc.handles(ListNotifications)
async def list_notifications(
    query: ListNotifications, ctx: RpcContext, deps: NotificationDeps
) -> NotificationList:
    """The asker's own notifications, newest first, with how many are unread."""
    user = require_user(ctx)
    criteria: dict[str, Any] = {"recipient": user.user_id}
    if query.unread_only:
        criteria["read_at"] = None
    if query.cursor is not None:
        criteria["_id"] = {"$lt": query.cursor}
    found = NotificationDocument.get_pymongo_collection().find(criteria).sort([("_id", -1)])
    page = [entry async for entry in found.limit(query.limit + 1)]
    more, page = len(page) > query.limit, page[: query.limit]
    return NotificationList(
        data=tuple(notification_view(entry) for entry in page),
        next_cursor=page[-1]["_id"] if more and page else None,
        unread_count=await unread(user.user_id),
    )


@rpc.handles(MarkNotificationRead)
async def mark_read(cmd: MarkNotificationRead, ctx: RpcContext, deps: NotificationDeps) -> NotificationView:
    """Mark one of the asker's notifications read; one that is read already keeps its time."""
    user = require_user(ctx)
    collection = NotificationDocument.get_pymongo_collection()
    mine = {"_id": cmd.notification_id, "recipient": user.user_id}
    await collection.update_one({**mine, "read_at": None}, {"$set": {"read_at": deps.clock()}})
    entry = await collection.find_one(mine)
    if entry is None:
        raise not_found("notification", cmd.notification_id)
    return notification_view(entry)


@rpc.handles(MarkAllNotificationsRead)
async def mark_all_read(
    cmd: MarkAllNotificationsRead, ctx: RpcContext, deps: NotificationDeps
) -> NotificationsMarked:
    """Mark every unread notification of the asker read."""
    user = require_user(ctx)
    result = await NotificationDocument.get_pymongo_collection().update_many(
        {"recipient": user.user_id, "read_at": None}, {"$set": {"read_at": deps.clock()}}
    )
    return NotificationsMarked(marked=result.modified_count, unread_count=await unread(user.user_id))


@rpc.handles(ListFailedDeliveries)
async def list_failed_deliveries(
    query: ListFailedDeliveries, ctx: RpcContext, deps: NotificationDeps
) -> FailedDeliveryList:
    """Emails given up for good, newest first, by recipient id (platform admins)."""
    require_role(ctx, "admin")
    page, next_cursor = await page_of(
        DeliveryDocument.get_pymongo_collection(), {"status": "failed"}, query.cursor, query.limit
    )
    return FailedDeliveryList(
        data=tuple(
            FailedDelivery(
                id=entry["_id"],
                event_id=entry["event_id"],
                recipient_id=entry["recipient"],
                kind=entry["kind"],
                attempts=entry.get("attempts", 0),
                last_error=entry.get("last_error"),
                created_at=as_utc(entry["created_at"]),
            )
            for entry in page
        ),
        next_cursor=next_cursor,
    )

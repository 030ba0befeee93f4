"""Queries and commands answered by the notifications service: a person's own inbox, and the emails that
could not be delivered.

Everything here acts on the asker's own notifications only: another person's notification is answered
as `notification_not_found` (404), exactly as one that does not exist. ListFailedDeliveries is for
platform admins (emails given up for good, by recipient id, never an address or a body).
"""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from ..envelope import Contract
from ..events.notifications import Notification
from ..rpc import Request

CURSOR_PATTERN = r"^[0-9]{1,18}\.[A-Za-z0-9-]{1,64}$"
NOTIFICATION_CURSOR_PATTERN = r"^[0-9A-Za-z-]{1,64}$"


class NotificationView(Notification):
    """A notification in its recipient's inbox."""

    read_at: AwareDatetime | None = Field(default=None, description="When its recipient marked it read")


class NotificationList(Contract):
    data: tuple[NotificationView, ...]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page")
    unread_count: int = Field(ge=0, description="The asker's unread notifications, on every page")


class ListNotifications(Request):
    """The asker's own notifications, newest first."""

    service = "notifications"
    reply_model = NotificationList

    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(
        default=None, pattern=NOTIFICATION_CURSOR_PATTERN, description="From `next_cursor`"
    )
    unread_only: bool = False


class MarkNotificationRead(Request):
    """Mark one of the asker's notifications read (again: nothing changes)."""

    service = "notifications"
    reply_model = NotificationView

    notification_id: str = Field(min_length=1, max_length=100)


class NotificationsMarked(Contract):
    marked: int = Field(ge=0, description="How many were unread until now")
    unread_count: int = Field(ge=0)


class MarkAllNotificationsRead(Request):
    """Mark every notification of the asker read."""

    service = "notifications"
    reply_model = NotificationsMarked


class FailedDelivery(Contract):
    """An email given up for good: the server refused it, or it could not be handed over in time."""

    id: str
    event_id: str = Field(description="The event it was sent for")
    recipient_id: str
    kind: str = Field(description="email_verification, password_reset or the notification's kind")
    attempts: int
    last_error: str | None = None
    created_at: AwareDatetime


class FailedDeliveryList(Contract):
    data: tuple[FailedDelivery, ...]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page")


class ListFailedDeliveries(Request):
    """Emails the service gave up on, newest first (platform admins)."""

    service = "notifications"
    reply_model = FailedDeliveryList

    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = Field(default=None, pattern=CURSOR_PATTERN)

"""Events of user accounts, emitted by the auth service (aggregate_id = user id).

Public events (CITYFIX_EVENTS) carry ids, roles, municipality and staff display names only, under the
user's municipality (`platform` for citizens and admins). Anything with a citizen's email, phone or
name, and every secret, is private (CITYFIX_PRIVATE, keyed by the user id, purged on AccountDeleted).
Never a password hash.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ..envelope import Contract, DomainEvent, Point

Role = Literal["citizen", "operator", "manager", "admin"]


class UserEvent(DomainEvent):
    aggregate = "user"
    user_id: str


class UserRegistered(UserEvent):
    role: Role
    municipality_id: str | None = None
    display_name: str | None = Field(default=None, description="Staff display name; null for citizens")


class UserRoleChanged(UserEvent):
    from_: Role = Field(alias="from")
    to: Role
    municipality_id: str | None = None
    display_name: str | None = Field(default=None, description="Staff display name; null for citizens")


class StaffProfileChanged(UserEvent):
    """A staff member's public display name changed."""

    municipality_id: str | None = None
    display_name: str


class UserDeactivated(UserEvent):
    """The account can no longer sign in; its tokens stop working at once."""

    municipality_id: str | None = None


class UserReactivated(UserEvent):
    municipality_id: str | None = None


class AccountDeleted(UserEvent):
    """A person deleted their account: every service forgets what identifies them."""


class EmailVerificationRequested(UserEvent):
    private = True
    email: str
    full_name: str
    locale: str = "en"
    token: str
    verify_url: str
    expires_at: AwareDatetime


class PasswordResetRequested(UserEvent):
    private = True
    email: str
    full_name: str
    locale: str = "en"
    token: str
    reset_url: str
    expires_at: AwareDatetime


class ContactDetailsChanged(UserEvent):
    """A person's contact details, for the services that write to them (notifications)."""

    private = True
    email: str
    full_name: str
    phone: str | None = None
    locale: str = "en"
    email_verified: bool = False


# ----- notification preferences and area alerts: profile settings the notification service copies ------

NewTicketEmails = Literal["each", "daily_digest", "off"]


class NotificationPreferences(Contract):
    """What a person wants by email. The in-app inbox always gets everything addressed to them, and
    account emails (verification, password reset) are sent whatever these say."""

    email_status_changes: bool = Field(
        default=True, description="Status changes of your reports and of the tickets you follow"
    )
    email_comments: bool = Field(
        default=True,
        description="Public comments on your reports and followed tickets; staff: comments on their tickets",
    )
    email_assignments: bool = Field(
        default=True, description="Operators: tickets assigned to you; reporters: your report was assigned"
    )
    email_feedback: bool = Field(
        default=True, description="Staff: ratings and 'still broken' on the tickets they handle"
    )
    email_new_tickets: NewTicketEmails = Field(
        default="each", description="Managers: one email per new report, one daily digest, or none"
    )
    email_sla_breaches: bool = Field(default=True, description="Managers: a ticket passed its due time")
    email_area_alerts: bool = Field(default=True, description="New reports inside your area alerts")


class NotificationPreferencesChanged(UserEvent):
    """A person changed their notification preferences (the whole set, as it now stands)."""

    private = True
    preferences: NotificationPreferences


class AreaAlert(Contract):
    """New reports inside an area: a circle around a point, or a whole municipality; optionally only some
    categories (none listed: every category)."""

    alert_id: str
    name: str
    kind: Literal["radius", "municipality"]
    center: Point | None = Field(default=None, description="kind radius: the circle's centre")
    radius_m: int | None = Field(default=None, description="kind radius: the circle's radius in metres")
    municipality_id: str | None = Field(default=None, description="kind municipality: which one")
    category_ids: tuple[str, ...] = Field(default=(), description="Only these categories; empty: all")
    created_at: AwareDatetime


class AreaAlertChanged(UserEvent):
    """An area alert was created or deleted (`alert` is null when deleted)."""

    private = True
    alert_id: str
    change: Literal["created", "deleted"]
    alert: AreaAlert | None = None

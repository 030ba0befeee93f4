"""Events of user accounts, emitted by the auth service (aggregate_id = user id).

Public events (CITYFIX_EVENTS) carry ids, roles, municipality and staff display names only, under the
user's municipality (`platform` for citizens and admins). Anything with a citizen's email, phone or
name, and every secret, is private (CITYFIX_PRIVATE, keyed by the user id, purged on AccountDeleted).
Never a password hash.
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ..envelope import DomainEvent

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

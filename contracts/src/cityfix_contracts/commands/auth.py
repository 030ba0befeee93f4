"""Commands and queries answered by the auth service: accounts, tokens, staff, personal data.

The acting user comes from the request's RpcContext (the gateway puts the token's subject there), never
from the body: `GetMe` has no user id field on purpose.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import AwareDatetime, EmailStr, Field

from ..envelope import Contract, Point
from ..events.identity import AreaAlert, NotificationPreferences
from ..rpc import Request

Role = Literal["citizen", "operator", "manager", "admin"]
StaffRole = Literal["operator", "manager"]

PASSWORD_MIN = 8
PASSWORD_MAX = 128

Password = Field(min_length=PASSWORD_MIN, max_length=PASSWORD_MAX, description="8 to 128 characters")


class Jwks(Contract):
    """A JSON Web Key Set: the public keys access tokens are verified with."""

    keys: tuple[dict[str, Any], ...]


class GetJwks(Request):
    """The public keys of the token issuer (the gateway fetches them at start)."""

    service = "auth"
    reply_model = Jwks


class UserView(Contract):
    """The user object wherever it appears (DESIGN §4); `id` is the token's `sub`."""

    id: str
    email: str
    full_name: str
    role: Role
    municipality_id: str | None
    email_verified: bool
    active: bool


class UserList(Contract):
    data: tuple[UserView, ...]
    next_cursor: str | None = None


class TokenPair(Contract):
    access_token: str
    refresh_token: str
    token_type: Literal["bearer"] = "bearer"  # noqa: S105 - the OAuth token type, not a secret
    expires_in: int = Field(description="Seconds until the access token expires")
    user: UserView


class Done(Contract):
    """A command that answers nothing but its success."""

    ok: Literal[True] = True


class StreamToken(Contract):
    """A short-lived token that opens the signed-in person's live stream (and nothing else): a browser's
    EventSource cannot send an Authorization header, so it goes in the query string or a cookie."""

    token: str
    expires_at: AwareDatetime


class IssueStreamToken(Request):
    """A stream token for the signed-in person (an active account)."""

    service = "auth"
    reply_model = StreamToken


class RegisterCitizen(Request):
    service = "auth"
    reply_model = UserView

    email: EmailStr
    password: str = Password
    full_name: str = Field(min_length=1, max_length=120)
    locale: str = Field(default="en", pattern=r"^[a-z]{2}(-[A-Z]{2})?$")


class VerifyEmail(Request):
    service = "auth"
    reply_model = UserView

    token: str = Field(min_length=10, max_length=200)


class Login(Request):
    service = "auth"
    reply_model = TokenPair

    email: str = Field(max_length=320)
    password: str = Field(max_length=PASSWORD_MAX * 4)


class RefreshTokens(Request):
    service = "auth"
    reply_model = TokenPair

    refresh_token: str = Field(min_length=10, max_length=200)


class Logout(Request):
    """Revoke the refresh token's whole family."""

    service = "auth"
    reply_model = Done

    refresh_token: str = Field(min_length=10, max_length=200)


class GetMe(Request):
    service = "auth"
    reply_model = UserView


class UpdateMe(Request):
    service = "auth"
    reply_model = UserView

    full_name: str | None = Field(default=None, min_length=1, max_length=120)
    locale: str | None = Field(default=None, pattern=r"^[a-z]{2}(-[A-Z]{2})?$")
    phone: str | None = Field(default=None, max_length=40, pattern=r"^\+?[0-9 ()/-]{4,40}$")


class RequestPasswordReset(Request):
    """Always answers the same, whether or not the account exists."""

    service = "auth"
    reply_model = Done

    email: str = Field(max_length=320)


class ConfirmPasswordReset(Request):
    service = "auth"
    reply_model = Done

    token: str = Field(min_length=10, max_length=200)
    password: str = Password


class ChangePassword(Request):
    service = "auth"
    reply_model = Done

    current_password: str = Field(max_length=PASSWORD_MAX * 4)
    new_password: str = Password


class PersonalData(Contract):
    """Everything the auth service holds about a person (other services add theirs)."""

    user: UserView
    profile: dict[str, Any]
    sessions: tuple[dict[str, Any], ...]
    exported_at: str


class ExportMyData(Request):
    service = "auth"
    reply_model = PersonalData


class DeleteMyAccount(Request):
    service = "auth"
    reply_model = Done


class CreateStaffUser(Request):
    """Admins create managers (and operators); managers create operators of their own municipality."""

    service = "auth"
    reply_model = UserView

    email: EmailStr
    full_name: str = Field(min_length=1, max_length=120)
    role: StaffRole
    municipality_id: str
    password: str | None = Field(
        default=None,
        min_length=PASSWORD_MIN,
        max_length=PASSWORD_MAX,
        description="Omit to send a set-password link",
    )


class ProvisionUser(Request):
    """Create a verified account of any role from the platform itself (system actors only): the first
    administrator from the shell (`cityfix users create`), and the demo accounts."""

    service = "auth"
    reply_model = UserView

    email: EmailStr
    password: str = Password
    full_name: str = Field(min_length=1, max_length=120)
    role: Role
    municipality_id: str | None = None


class ListUsers(Request):
    service = "auth"
    reply_model = UserList

    role: Role | None = None
    municipality_id: str | None = None
    limit: int = Field(default=50, ge=1, le=200)
    cursor: str | None = None


class GetUser(Request):
    service = "auth"
    reply_model = UserView

    user_id: str


class UserChanges(Contract):
    """What may change on an account: the body of PATCH /users/{id}."""

    full_name: str | None = Field(default=None, min_length=1, max_length=120)
    role: StaffRole | None = None
    active: bool | None = None


class UpdateUser(UserChanges, Request):
    """Change a staff member's name or role, or deactivate/reactivate any account in scope."""

    service = "auth"
    reply_model = UserView

    user_id: str


# ----- notification preferences and area alerts (profile settings; events on CITYFIX_PRIVATE) ----------

MAX_AREA_ALERTS = 20


class GetNotificationPreferences(Request):
    service = "auth"
    reply_model = NotificationPreferences


class SetNotificationPreferences(NotificationPreferences, Request):
    """Replace the signed-in person's preferences (a field left out takes its default)."""

    service = "auth"
    reply_model = NotificationPreferences


class AreaAlertBody(Contract):
    """A new area alert. `kind` radius needs `center` and `radius_m`; `kind` municipality needs
    `municipality_id`. `category_ids` limits it to those categories (each must exist; for a municipality
    alert, in that municipality)."""

    name: str = Field(min_length=1, max_length=80, description="Your name for it, e.g. 'Around the school'")
    kind: Literal["radius", "municipality"]
    center: Point | None = None
    radius_m: int | None = Field(default=None, ge=50, le=10_000)
    municipality_id: str | None = Field(default=None, min_length=1, max_length=100)
    category_ids: tuple[str, ...] = Field(default=(), max_length=50)


class CreateAreaAlert(AreaAlertBody, Request):
    service = "auth"
    reply_model = AreaAlert


class AreaAlertList(Contract):
    data: tuple[AreaAlert, ...]
    next_cursor: str | None = None


class ListAreaAlerts(Request):
    service = "auth"
    reply_model = AreaAlertList


class DeleteAreaAlert(Request):
    service = "auth"
    reply_model = Done

    alert_id: str = Field(min_length=1, max_length=100)

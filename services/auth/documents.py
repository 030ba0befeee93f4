"""How the auth service stores accounts, sessions, one-time links, known municipalities and login failures.

Secrets are never stored: passwords as argon2id hashes, refresh tokens and link tokens as SHA-256 of
their 256-bit random value. Deleting an account deletes every document here that names the person.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from cityfix_contracts import utc_now

from .domain import Role


class UserDocument(Document):
    id: str  # type: ignore[assignment]  # the token's `sub`, used in subjects: a UUID
    email: str  # normalized (domain.normalize_email): unique
    full_name: str
    role: Role
    municipality_id: str | None = None
    email_verified: bool = False
    active: bool = True
    password_hash: str | None = None  # None: a staff account whose owner has not set a password yet
    password_changed_at: datetime | None = None
    locale: str = "en"
    phone: str | None = None
    created_at: datetime = Field(default_factory=utc_now)
    updated_at: datetime = Field(default_factory=utc_now)
    notification_preferences: dict[str, Any] | None = None  # NotificationPreferences; None: the defaults
    # Sequences of the account's events, one per stream, so that a reader of either stream sees 1, 2, 3 …
    version: int = 0  # public events (CITYFIX_EVENTS)
    private_version: int = 0  # private events (CITYFIX_PRIVATE)

    class Settings:
        name = "users"
        indexes = [
            IndexModel("email", unique=True),
            IndexModel([("municipality_id", 1), ("role", 1), ("_id", 1)]),
            IndexModel([("role", 1), ("_id", 1)]),
        ]


class SessionDocument(Document):
    """One sign-in: the family of refresh tokens that rotate from it."""

    id: str  # type: ignore[assignment]
    user_id: str
    created_at: datetime = Field(default_factory=utc_now)
    last_used_at: datetime = Field(default_factory=utc_now)
    expires_at: datetime  # the session's absolute end, however often it is refreshed
    client_address: str | None = None
    revoked_at: datetime | None = None
    revoked_reason: str | None = None

    class Settings:
        name = "sessions"
        indexes = [
            IndexModel([("user_id", 1), ("revoked_at", 1)]),
            IndexModel("expires_at", expireAfterSeconds=0),
        ]


class RefreshTokenDocument(Document):
    """A refresh token, by the hash of its value. Rotated ones stay (until they expire) so reuse is seen."""

    id: str  # type: ignore[assignment]  # sha256 of the token
    session_id: str
    user_id: str
    issued_at: datetime = Field(default_factory=utc_now)
    expires_at: datetime
    rotated_at: datetime | None = None

    class Settings:
        name = "refresh_tokens"
        indexes = [
            IndexModel("session_id"),
            IndexModel("user_id"),
            IndexModel("expires_at", expireAfterSeconds=0),
        ]


LinkPurpose = Literal["verify_email", "password_reset"]


class LinkTokenDocument(Document):
    """A single-use, expiring token sent by email (verification, password reset), by its hash."""

    id: str  # type: ignore[assignment]  # sha256 of the token
    purpose: LinkPurpose
    user_id: str
    created_at: datetime = Field(default_factory=utc_now)
    expires_at: datetime
    used_at: datetime | None = None

    class Settings:
        name = "link_tokens"
        indexes = [
            IndexModel([("user_id", 1), ("purpose", 1)]),
            IndexModel("expires_at", expireAfterSeconds=0),
        ]


class MunicipalityDocument(Document):
    """The municipalities staff can belong to, learnt from MunicipalityCreated (never asked of admin)."""

    id: str  # type: ignore[assignment]
    name: str
    slug: str

    class Settings:
        name = "municipalities"


class CategoryDocument(Document):
    """The categories area alerts may name, learnt from CategoryChanged (the newest state wins)."""

    id: str  # type: ignore[assignment]  # the category's id
    municipality_id: str
    sequence: int = 0

    class Settings:
        name = "categories"


class AreaAlertDocument(Document):
    """One of a person's area alerts (contracts AreaAlert, with its owner)."""

    id: str  # type: ignore[assignment]  # the alert's id
    user_id: str
    name: str
    kind: str
    center: dict[str, float] | None = None  # {lat, lon}
    radius_m: int | None = None
    municipality_id: str | None = None
    category_ids: list[str] = Field(default_factory=list)
    created_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "area_alerts"
        indexes = [IndexModel([("user_id", 1), ("created_at", 1)])]


class LoginThrottleDocument(Document):
    """Recent failed logins of one account (by a hash of the address) or one client address.

    Written outside units of work with single atomic updates, so replicas share it; it expires on its own.
    """

    id: str  # type: ignore[assignment]  # domain.account_throttle_key / address_throttle_key
    failures: list[datetime] = Field(default_factory=list)  # the most recent ones, oldest first
    expires_at: datetime

    class Settings:
        name = "login_throttle"
        indexes = [IndexModel("expires_at", expireAfterSeconds=0)]


DOCUMENTS: list[type[Document]] = [
    UserDocument,
    SessionDocument,
    RefreshTokenDocument,
    LinkTokenDocument,
    MunicipalityDocument,
    CategoryDocument,
    AreaAlertDocument,
    LoginThrottleDocument,
]

"""The auth domain: who may do what to which account, what a password must be, when a login is throttled,
and what secrets look like. Pure rules: no database, no broker, no clock of its own (callers pass `now`).
"""

from __future__ import annotations

import hashlib
import math
import secrets
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from pathlib import Path
from typing import Literal

from cityfix_contracts import DomainError
from cityfix_contracts.commands.auth import PASSWORD_MAX, PASSWORD_MIN

Role = Literal["citizen", "operator", "manager", "admin"]

STAFF_ROLES: frozenset[str] = frozenset({"operator", "manager"})
COMMON_PASSWORDS_FILE = Path(__file__).parent / "data" / "common-passwords.txt"


# ----- identities ----------------------------------------------------------------------------------------


def normalize_email(email: str) -> str:
    """Email addresses are compared without regard to case or surrounding spaces, and stored that way."""
    return email.strip().lower()


def has_display_name(role: str) -> bool:
    """Staff (and admins) are known to the public by name; citizens never are."""
    return role != "citizen"


# ----- passwords -----------------------------------------------------------------------------------------


@cache
def common_passwords() -> frozenset[str]:
    lines = COMMON_PASSWORDS_FILE.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().lower() for line in lines if line.strip())


def check_password(password: str) -> None:
    """A password must be 8 to 128 characters and not one that people commonly choose (ASVS 2.1)."""
    if not PASSWORD_MIN <= len(password) <= PASSWORD_MAX:
        raise DomainError(
            "invalid",
            "password_length",
            f"A password must be {PASSWORD_MIN} to {PASSWORD_MAX} characters long.",
            {"min": PASSWORD_MIN, "max": PASSWORD_MAX},
        )
    if password.strip().lower() in common_passwords():
        raise DomainError(
            "invalid",
            "password_too_common",
            "This password is among the most commonly used ones and easy to guess; please choose another.",
        )


# ----- secrets -------------------------------------------------------------------------------------------


def new_secret() -> str:
    """An unguessable token for links and refresh tokens (256 bits, URL-safe)."""
    return secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """What we store instead of a token: enough to recognise it, useless to anyone who reads the database.

    A plain SHA-256 suffices here (unlike for passwords) because the tokens are 256-bit random values.
    """
    return hashlib.sha256(secret.encode()).hexdigest()


# ----- login throttling ----------------------------------------------------------------------------------


def lockout_seconds(
    failures: Iterable[datetime], *, limit: int, window: timedelta, now: datetime
) -> int | None:
    """Seconds until another attempt is allowed, or None when fewer than `limit` failures lie in the window.

    A sliding window: the lock lifts when the `limit`-th most recent failure leaves the window, so a
    success never resets the count (an attacker cannot interleave logins to their own account, or wait
    for the owner to sign in, to earn more guesses); failures only age out.
    """
    recent = sorted(t for t in failures if t > now - window)
    if len(recent) < limit:
        return None
    release = recent[-limit] + window
    return max(1, math.ceil((release - now).total_seconds()))


def account_throttle_key(email: str) -> str:
    """The throttle record of an address, existing or not; keyed by a hash so it names no one."""
    return "account:" + hashlib.sha256(normalize_email(email).encode()).hexdigest()


def address_throttle_key(address: str) -> str:
    return "address:" + address


# ----- who may do what -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class Acting:
    """The one asking, as the auth service knows them now (not as their possibly older token says)."""

    user_id: str | None  # None: the platform itself (a system actor)
    role: Role | Literal["system"]
    municipality_id: str | None

    @property
    def is_platform(self) -> bool:
        """Platform administrators and the platform's own tools act across municipalities."""
        return self.role in ("admin", "system")

    def manages(self, municipality_id: str | None) -> bool:
        """A manager acts within their own municipality (never within "none")."""
        return (
            self.role == "manager"
            and self.municipality_id is not None
            and municipality_id == self.municipality_id
        )


@dataclass(frozen=True)
class Target:
    """The account acted on."""

    user_id: str
    role: Role
    municipality_id: str | None


def forbidden(message: str) -> DomainError:
    return DomainError("forbidden", "forbidden", message)


def check_create_staff(acting: Acting, role: str, municipality_id: str) -> None:
    """Admins create managers and operators of any municipality; managers create operators of their own."""
    if acting.is_platform:
        return
    if acting.role != "manager":
        raise forbidden("Only managers and administrators create staff accounts.")
    if role != "operator":
        raise forbidden("Managers create operators; only an administrator creates managers.")
    if not acting.manages(municipality_id):
        raise forbidden("Managers create operators of their own municipality only.")


def list_scope(acting: Acting, municipality_id: str | None) -> str | None:
    """The municipality a user list is limited to (None: everyone, for the platform)."""
    if acting.is_platform:
        return municipality_id
    if acting.role != "manager":
        raise forbidden("Only managers and administrators list users.")
    if not acting.manages(acting.municipality_id if municipality_id is None else municipality_id):
        raise forbidden("Managers see the users of their own municipality only.")
    return acting.municipality_id


def can_see(acting: Acting, target: Target) -> bool:
    """Whether `target` exists as far as `acting` is concerned (out of scope reads as not found)."""
    if acting.is_platform or acting.user_id == target.user_id:
        return True
    return acting.manages(target.municipality_id)


def check_update(
    acting: Acting,
    target: Target,
    *,
    full_name: str | None,
    role: str | None,
    active: bool | None,
) -> None:
    """Admins rename staff, move them between operator and manager and (de)activate anyone; managers
    rename and (de)activate their own municipality's operators. Call after `can_see`."""
    if not acting.is_platform:
        if acting.role != "manager":
            raise forbidden("Only managers and administrators change accounts.")
        if target.role != "operator" or not acting.manages(target.municipality_id):
            raise forbidden("Managers change the operators of their own municipality only.")
        if role is not None and role != target.role:
            raise forbidden("Only an administrator changes a staff member's role.")
    if role is not None and role != target.role and target.role not in STAFF_ROLES:
        raise DomainError(
            "invalid",
            "role_not_changeable",
            "Only operators and managers move between those two roles.",
            {"role": target.role},
        )
    if full_name is not None and target.role == "citizen":
        raise DomainError(
            "invalid", "citizen_name", "A citizen's name is changed by the citizen, in their own profile."
        )
    if active is False and acting.user_id == target.user_id:
        raise DomainError("invalid", "cannot_deactivate_self", "You cannot deactivate your own account.")


def check_provisioned_role(role: str, municipality_id: str | None) -> None:
    """Operators and managers belong to a municipality; citizens and administrators to none."""
    if role in STAFF_ROLES and municipality_id is None:
        raise DomainError(
            "invalid", "municipality_required", f"A {role} belongs to a municipality: give municipality_id."
        )
    if role not in STAFF_ROLES and municipality_id is not None:
        raise DomainError(
            "invalid",
            "municipality_not_allowed",
            f"A {role} belongs to no municipality: omit municipality_id.",
        )

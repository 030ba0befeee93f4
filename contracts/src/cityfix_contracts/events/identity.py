"""Events of user accounts, emitted by the auth service (aggregate_id = user id).

Public events carry ids, roles, municipality and staff display names only. Anything with a citizen's
email, phone or name, and every secret, is private (CITYFIX_PRIVATE, keyed by the user id).
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..envelope import DomainEvent

Role = Literal["citizen", "operator", "manager", "admin"]


class UserEvent(DomainEvent):
    aggregate = "user"
    user_id: str


class UserRegistered(UserEvent):
    role: Role
    municipality_id: str | None = None
    display_name: str | None = Field(default=None, description="Staff display name; null for citizens")

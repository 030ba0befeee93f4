"""Who is acting on a ticket: a person with a role (and, for staff, a municipality) or the system."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from cityfix_contracts import Actor as EnvelopeActor
from cityfix_contracts import SystemActor, UserActor

Role = Literal["citizen", "operator", "manager", "admin", "system"]
STAFF_ROLES: frozenset[str] = frozenset({"operator", "manager"})


@dataclass(frozen=True)
class Actor:
    """The acting user as the handler learned it from the token (or the service's own scheduler).

    `municipality_id` is set for operators and managers only; citizens and admins belong to none.
    For the system, `user_id` names the job (e.g. `confirmation_window`).
    """

    user_id: str
    role: Role
    municipality_id: str | None = None

    @classmethod
    def citizen(cls, user_id: str) -> Actor:
        return cls(user_id, "citizen")

    @classmethod
    def operator(cls, user_id: str, municipality_id: str) -> Actor:
        return cls(user_id, "operator", municipality_id)

    @classmethod
    def manager(cls, user_id: str, municipality_id: str) -> Actor:
        return cls(user_id, "manager", municipality_id)

    @classmethod
    def admin(cls, user_id: str) -> Actor:
        return cls(user_id, "admin")

    @classmethod
    def system(cls, name: str) -> Actor:
        return cls(name, "system")

    @property
    def is_staff(self) -> bool:
        return self.role in STAFF_ROLES

    def envelope_actor(self) -> EnvelopeActor:
        """The envelope's `actor` field (DESIGN §2): `{user_id, role}` or `{system: name}`."""
        if self.role == "system":
            return SystemActor(system=self.user_id)
        return UserActor(user_id=self.user_id, role=self.role)

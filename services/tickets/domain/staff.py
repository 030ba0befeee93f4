"""Staff as the tickets service learns them from the auth service's account events (no email, no
citizen's name): who is an active operator of which municipality, and under what display name."""

from __future__ import annotations

from dataclasses import dataclass

from cityfix_contracts import DomainEvent
from cityfix_contracts.events.identity import (
    AccountDeleted,
    StaffProfileChanged,
    UserDeactivated,
    UserReactivated,
    UserRegistered,
    UserRoleChanged,
)


@dataclass
class StaffRecord:
    """Order-insensitive by construction: role and municipality change only with an event newer than the
    one they came from (`role_sequence`), the display name likewise (`name_sequence`), the active flag
    likewise (`active_sequence`), and a deletion is final. So any order of the same events, with any
    duplicates, ends in the same record.
    """

    role: str | None = None
    municipality_id: str | None = None
    role_sequence: int = 0
    display_name: str | None = None
    name_sequence: int = 0
    active: bool = True
    active_sequence: int = 0
    deleted: bool = False

    def apply(self, data: DomainEvent, sequence: int) -> None:
        if self.deleted:
            return
        if isinstance(data, AccountDeleted):
            self.deleted, self.active = True, False
            self.role = self.municipality_id = self.display_name = None
            return
        if isinstance(data, UserRegistered | UserRoleChanged) and sequence > self.role_sequence:
            self.role = data.role if isinstance(data, UserRegistered) else data.to
            self.municipality_id = data.municipality_id
            self.role_sequence = sequence
        if (
            isinstance(data, UserRegistered | UserRoleChanged | StaffProfileChanged)
            and sequence > self.name_sequence
        ):
            self.display_name = data.display_name
            self.name_sequence = sequence
        if (
            isinstance(data, UserRegistered | UserDeactivated | UserReactivated)
            and sequence > self.active_sequence
        ):
            self.active = not isinstance(data, UserDeactivated)
            self.active_sequence = sequence

    def is_operator_of(self, municipality_id: str) -> bool:
        return (
            not self.deleted
            and self.active
            and self.role == "operator"
            and self.municipality_id == municipality_id
        )

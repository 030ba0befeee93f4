"""What the managers' tools leave on a ticket: the moderation audit and the record of transfers.

The rules themselves are the ticket's (`Ticket.prioritize`, `recategorize`, `edit_description`,
`set_hidden`, `transfer`); these are the records they keep, so staff can see who changed what, when and why.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from cityfix_contracts.events.tickets import OPEN_STATUSES

from .actors import Actor

ModerationAction = Literal["edited", "hidden", "unhidden"]

MAX_REASON = 1000

# A ticket may be transferred while it is open, and after its municipality said it is not responsible:
# that is exactly the misrouted report. Resolved, closed, duplicate or unable_to_fix tickets stay put.
TRANSFERABLE: frozenset[str] = OPEN_STATUSES | {"not_responsible"}


@dataclass(frozen=True)
class ModerationRecord:
    """One moderation change: for an edit the description before and after, for hiding the flag."""

    actor: Actor
    action: ModerationAction
    before: str | bool
    after: str | bool
    reason: str | None
    at: datetime


@dataclass(frozen=True)
class TransferRecord:
    """One move of the ticket from a municipality to another."""

    actor: Actor
    from_municipality_id: str
    to_municipality_id: str
    from_reference: str
    to_reference: str
    from_category_id: str
    to_category_id: str
    note: str
    at: datetime

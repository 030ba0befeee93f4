"""The status table of the ticket lifecycle (issue 5), which is the rule, and the windows it names.

    | from                                    | to                                       | who                            |
    | received, reopened                      | triaged                                  | manager                        |
    | received, triaged, reopened             | assigned (only through assignment)       | manager                        |
    | assigned                                | triaged (only through unassignment)      | manager                        |
    | assigned, action_scheduled              | in_progress                              | assigned operator, manager     |
    | assigned, in_progress                   | action_scheduled                         | assigned operator, manager     |
    | assigned, in_progress, action_scheduled | resolved (note required)                 | assigned operator, manager     |
    | resolved                                | closed                                   | system after the confirmation  |
    |                                         |                                          | window (14 days), manager      |
    | resolved, closed                        | reopened                                 | reporter ("still broken",      |
    |                                         |                                          | within 30 days), manager       |
    | any open state                          | duplicate (original's id), not_responsible (note), unable_to_fix (note) | manager |

Admins are platform staff (municipalities, boundaries, managers, dead letters; DESIGN §5): the table
names managers, so an admin changes no ticket. A platform admin who must act does so as a manager of
that municipality. Staff of another municipality may do nothing to a ticket.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta
from typing import Literal

from cityfix_contracts.events.tickets import TicketStatus

Who = Literal["manager", "assigned_operator", "reporter", "system"]
Via = Literal["status", "assignment", "unassignment"]

OPEN: tuple[TicketStatus, ...] = (
    "received",
    "triaged",
    "assigned",
    "in_progress",
    "action_scheduled",
    "reopened",
)


@dataclass(frozen=True)
class LifecyclePolicy:
    """The windows of the table. Municipalities may get their own later; these are the issue's defaults."""

    confirmation_window: timedelta = timedelta(days=14)
    reopen_window: timedelta = timedelta(days=30)


DEFAULT_POLICY = LifecyclePolicy()


@dataclass(frozen=True)
class Transition:
    """One allowed (from, to): by which command, by whom, and what it needs.

    `system` may act only once the confirmation window has passed since the resolution; `reporter`
    only within the reopen window. Managers and the assigned operator have no window.
    """

    via: Via
    who: frozenset[Who]
    needs_note: bool = False
    needs_original: bool = False


def _rows(
    froms: Iterable[TicketStatus],
    tos: Iterable[TicketStatus],
    who: Iterable[Who],
    via: Via = "status",
    needs_note: bool = False,
    needs_original: bool = False,
) -> dict[tuple[TicketStatus, TicketStatus], Transition]:
    rule = Transition(via, frozenset(who), needs_note, needs_original)
    return {(source, target): rule for source in froms for target in tos}


TRANSITIONS: dict[tuple[TicketStatus, TicketStatus], Transition] = {
    **_rows(("received", "reopened"), ("triaged",), ("manager",)),
    **_rows(("received", "triaged", "reopened"), ("assigned",), ("manager",), via="assignment"),
    **_rows(("assigned",), ("triaged",), ("manager",), via="unassignment"),
    **_rows(("assigned", "action_scheduled"), ("in_progress",), ("assigned_operator", "manager")),
    **_rows(("assigned", "in_progress"), ("action_scheduled",), ("assigned_operator", "manager")),
    **_rows(
        ("assigned", "in_progress", "action_scheduled"),
        ("resolved",),
        ("assigned_operator", "manager"),
        needs_note=True,
    ),
    **_rows(("resolved",), ("closed",), ("system", "manager")),
    **_rows(("resolved", "closed"), ("reopened",), ("reporter", "manager")),
    **_rows(OPEN, ("duplicate",), ("manager",), needs_original=True),
    **_rows(OPEN, ("not_responsible", "unable_to_fix"), ("manager",), needs_note=True),
}


def next_statuses(source: TicketStatus) -> list[TicketStatus]:
    """Where a ticket in `source` may go by a status change, for messages that say what is possible."""
    return [
        target for (start, target), rule in TRANSITIONS.items() if start == source and rule.via == "status"
    ]

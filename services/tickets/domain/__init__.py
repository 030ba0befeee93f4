"""The tickets domain: the ticket lifecycle (report, triage, assign, work, resolve, confirm).

Pure rules, no database and no broker: the `Ticket` aggregate checks every command against the status
table of the issue (`lifecycle.TRANSITIONS`), changes itself, and records the events it causes in
`ticket.events` for the unit of work to store in the outbox. The clock is always passed in (`now`).
"""

from __future__ import annotations

from .actors import Actor, Role
from .lifecycle import TRANSITIONS, LifecyclePolicy, Transition, Who
from .management import ModerationRecord, TransferRecord
from .sla import CALENDAR_HOURS, CalendarHours, WorkingHours, WorkingTime, sla_due_at, working_time
from .staff import StaffRecord
from .ticket import (
    MAX_DESCRIPTION,
    AssignedOperator,
    CategoryTerms,
    Feedback,
    HistoryEntry,
    Ticket,
)

__all__ = [
    "CALENDAR_HOURS",
    "MAX_DESCRIPTION",
    "TRANSITIONS",
    "Actor",
    "AssignedOperator",
    "CalendarHours",
    "CategoryTerms",
    "Feedback",
    "HistoryEntry",
    "LifecyclePolicy",
    "ModerationRecord",
    "Role",
    "StaffRecord",
    "Ticket",
    "TransferRecord",
    "Transition",
    "Who",
    "WorkingHours",
    "WorkingTime",
    "sla_due_at",
    "working_time",
]

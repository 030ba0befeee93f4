"""When a ticket is due: its category's `sla_hours` added to the moment it was reported.

Hours are counted on a `WorkingTime`. Today that is always calendar hours; a municipality that defines
working hours (the issue's "or in working hours") plugs in another implementation here, and nothing
else in the domain changes.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol


class WorkingTime(Protocol):
    def add_hours(self, start: datetime, hours: float) -> datetime:
        """The moment `hours` of counted time after `start`."""
        ...


class CalendarHours:
    """Every hour counts: nights, weekends and holidays too."""

    def add_hours(self, start: datetime, hours: float) -> datetime:
        return start + timedelta(hours=hours)


CALENDAR_HOURS = CalendarHours()


def sla_due_at(
    reported_at: datetime, sla_hours: float | None, working_time: WorkingTime = CALENDAR_HOURS
) -> datetime | None:
    """None when the category promises no time to fix."""
    if sla_hours is None:
        return None
    return working_time.add_hours(reported_at, sla_hours)

"""When a ticket is due: its category's `sla_hours` added to the moment it was reported.

Hours are counted on a `WorkingTime`: calendar hours, or the municipality's working hours when it
defines them (`WorkingHours`, from the `working_hours` of its events). Nothing else in the domain
changes with the choice.

The due date is the promise made when the ticket was reported: reopening a ticket does not renew it, so
a ticket breaches its SLA at most once (`Ticket.breach_sla`).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

from cityfix_contracts.events.municipalities import WorkingWeek


class WorkingTime(Protocol):
    def add_hours(self, start: datetime, hours: float) -> datetime:
        """The moment `hours` of counted time after `start`."""
        ...


class CalendarHours:
    """Every hour counts: nights, weekends and holidays too."""

    def add_hours(self, start: datetime, hours: float) -> datetime:
        return start + timedelta(hours=hours)


CALENDAR_HOURS = CalendarHours()

# A stretch of working time on one local day: opens and closes, None for midnight at the day's end.
Span = tuple[time, time | None]
_MICROSECOND = timedelta(microseconds=1)
# No open time for this long means the week has none that exists (cannot happen with a valid week).
_GIVE_UP_AFTER_DAYS = 400


@dataclass(frozen=True)
class WorkingHours:
    """Only the municipality's working time counts, read on the wall clocks of its timezone.

    `add_hours` returns the earliest instant by which `hours` of working time have passed since `start`:
    2 hours from Friday 15:00 with Mon-Fri 08:00-16:00 is Monday 09:00, and 8 hours from Monday 08:00 is
    Monday 16:00 (the close of that day, not the next morning). Time is real elapsed time, so a span
    that a change to summer time shortens counts an hour less. A local time skipped by such a change
    begins at the change; a repeated one is taken at its first occurrence.
    """

    week: tuple[tuple[Span, ...], ...]
    """The spans of each weekday, Monday first; each day's in order and apart."""
    zone: ZoneInfo

    def __post_init__(self) -> None:
        if len(self.week) != 7:
            raise ValueError("a working week has seven days, Monday first")
        if not any(self.week):
            raise ValueError("a working week needs at least one span")

    @classmethod
    def of(cls, week: WorkingWeek, timezone: str) -> WorkingHours:
        return cls(
            tuple(tuple((span.opens, span.end) for span in day) for day in week.days()), ZoneInfo(timezone)
        )

    def add_hours(self, start: datetime, hours: float) -> datetime:
        if start.tzinfo is None or start.utcoffset() is None:
            raise ValueError("working hours are counted from a timezone-aware start")
        remaining = timedelta(hours=hours)
        if remaining < timedelta(0):
            raise ValueError("hours to add cannot be negative")
        position = start.astimezone(UTC)
        if not remaining:
            return position
        for opens, closes in self._intervals_from(position.astimezone(self.zone).date()):
            begin = max(opens, position)
            if closes <= begin:
                continue
            if remaining <= closes - begin:
                return begin + remaining
            remaining -= closes - begin
            position = closes
        raise AssertionError("unreachable: the intervals never end")  # pragma: no cover

    def _intervals_from(self, day: date) -> Iterator[tuple[datetime, datetime]]:
        """The working intervals (UTC) of `day` and every day after it, in order."""
        idle = 0
        while True:
            any_open = False
            for opens, closes in self.week[day.weekday()]:
                begin = self._instant(datetime.combine(day, opens))
                if closes is None:
                    end = self._instant(datetime.combine(day + timedelta(days=1), time(0)))
                else:
                    end = self._instant(datetime.combine(day, closes))
                if end > begin:
                    any_open = True
                    yield begin, end
            idle = 0 if any_open else idle + 1
            if idle > _GIVE_UP_AFTER_DAYS:
                raise ValueError("this working week has no working time that exists in its timezone")
            day += timedelta(days=1)

    def _instant(self, wall: datetime) -> datetime:
        """The first instant (UTC) at which the local clock shows `wall` or later.

        Monotone in `wall`, so the intervals never overlap, whatever the changes of offset."""
        guess = wall.replace(tzinfo=self.zone).astimezone(UTC)  # fold 0: the earlier of two readings
        if guess.astimezone(self.zone).replace(tzinfo=None) == wall:
            return guess
        # Skipped by a change of offset: the change itself is the first instant at or past `wall`.
        # It lies between the readings with the offsets after (earlier) and before (later) the change.
        low, high = wall.replace(tzinfo=self.zone, fold=1).astimezone(UTC), guess
        while high - low > _MICROSECOND:
            middle = low + (high - low) // 2
            if middle.astimezone(self.zone).replace(tzinfo=None) >= wall:
                high = middle
            else:
                low = middle
        return high


def working_time(week: WorkingWeek | None, timezone: str) -> WorkingTime:
    """The municipality's working hours, or calendar hours where it defines none."""
    if week is None:
        return CALENDAR_HOURS
    return WorkingHours.of(week, timezone)


def sla_due_at(
    reported_at: datetime, sla_hours: float | None, working_time: WorkingTime = CALENDAR_HOURS
) -> datetime | None:
    """None when the category promises no time to fix."""
    if sla_hours is None:
        return None
    return working_time.add_hours(reported_at, sla_hours)

"""Due dates in a municipality's working hours: the contract of a working week, `WorkingHours.add_hours`
(examples on the clocks of Potsdam, and properties checked by hypothesis), the tickets service's
projection of the hours, and the whole way from an admin setting them to a report's `due_at`."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from cityfix_contracts import SystemActor, envelope_for
from cityfix_contracts.events import MunicipalityCreated, MunicipalityUpdated
from cityfix_contracts.events.municipalities import WEEKDAYS, WorkingWeek
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.tickets.documents import MunicipalityDocument
from services.tickets.domain import CALENDAR_HOURS, WorkingHours, sla_due_at, working_time
from services.tickets.service import spec
from services.tickets.subscribers import project_municipality
from tests.support.stack import World, world
from tests.support.tickets import reported, tickets_know_world

__all__ = ["world"]

POTSDAM = ZoneInfo("Europe/Berlin")
OFFICE = {"opens": "08:00", "closes": "16:00"}
WEEKDAYS_ONLY: dict[str, Any] = {day: [OFFICE] for day in WEEKDAYS[:5]}


def hours_of(week: dict[str, Any], zone: str = "Europe/Berlin") -> WorkingHours:
    return WorkingHours.of(WorkingWeek.model_validate(week), zone)


def local(year: int, month: int, day: int, hour: int, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=POTSDAM)


# ----- the contract -------------------------------------------------------------------------------------


def test_a_working_week_reads_local_times_and_lists_each_weekday() -> None:
    week = WorkingWeek.model_validate(
        {"monday": [{"opens": "08:00", "closes": "12:00"}, {"opens": "13:00", "closes": "16:30"}]}
    )
    assert week.days()[0][1].closes == time(16, 30) and week.days()[1:] == ((),) * 6
    wire = week.model_dump(mode="json")
    assert wire["monday"][0] == {"opens": "08:00:00", "closes": "12:00:00"} and wire["sunday"] == []
    assert WorkingWeek.model_validate(wire) == week


@pytest.mark.parametrize(
    ("week", "message"),
    [
        ({"monday": [{"opens": "16:00", "closes": "08:00"}]}, "must close after it opens"),
        ({"monday": [{"opens": "08:00", "closes": "08:00"}]}, "must close after it opens"),
        (
            {"friday": [{"opens": "08:00", "closes": "12:00"}, {"opens": "11:00", "closes": "15:00"}]},
            "friday: list the spans in order without overlap",
        ),
        (
            {"friday": [{"opens": "13:00", "closes": "15:00"}, {"opens": "08:00", "closes": "12:00"}]},
            "friday: list the spans in order",
        ),
        ({}, "at least one span"),
        ({"monday": [{"opens": "08:00+01:00", "closes": "16:00"}]}, "without an offset"),
        ({"someday": [OFFICE]}, "Extra inputs are not permitted"),
    ],
)
def test_a_working_week_refuses_what_cannot_be_counted(week: dict[str, Any], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        WorkingWeek.model_validate(week)


def test_midnight_closes_a_span_at_the_end_of_its_day() -> None:
    week = WorkingWeek.model_validate({"saturday": [{"opens": "20:00", "closes": "00:00"}]})
    assert week.saturday[0].end is None
    with pytest.raises(ValidationError, match="without overlap"):
        WorkingWeek.model_validate(
            {"saturday": [{"opens": "20:00", "closes": "00:00"}, {"opens": "22:00", "closes": "23:00"}]}
        )


# ----- WorkingHours.add_hours: examples -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("start", "hours", "due"),
    [
        (local(2025, 3, 14, 15), 2, local(2025, 3, 17, 9)),  # Friday afternoon → Monday morning
        (local(2025, 3, 17, 8), 8, local(2025, 3, 17, 16)),  # a whole day ends at its close
        (local(2025, 3, 17, 10, 30), 0.5, local(2025, 3, 17, 11)),
        (local(2025, 3, 18, 22), 1, local(2025, 3, 19, 9)),  # reported at night
        (local(2025, 3, 15, 12), 72, local(2025, 3, 27, 16)),  # on Saturday: nine working days
        (local(2025, 3, 17, 16), 0, local(2025, 3, 17, 16)),
        (local(2025, 3, 17, 17), 0, local(2025, 3, 17, 17)),  # nothing to add: no waiting for the office
    ],
)
def test_office_hours_on_weekdays(start: datetime, hours: float, due: datetime) -> None:
    assert hours_of(WEEKDAYS_ONLY).add_hours(start, hours) == due


def test_a_lunch_break_does_not_count() -> None:
    week = {"tuesday": [{"opens": "08:00", "closes": "12:00"}, {"opens": "13:00", "closes": "16:00"}]}
    assert hours_of(week).add_hours(local(2025, 3, 18, 10), 3) == local(2025, 3, 18, 14)
    assert hours_of(week).add_hours(local(2025, 3, 18, 12, 30), 1) == local(2025, 3, 18, 14)
    assert hours_of(week).add_hours(local(2025, 3, 18, 10), 5) == local(2025, 3, 18, 16)
    assert hours_of(week).add_hours(local(2025, 3, 18, 10), 6.5) == local(2025, 3, 25, 9, 30)  # a week on


def test_a_span_to_midnight_ends_at_the_next_days_start() -> None:
    week = {
        "saturday": [{"opens": "20:00", "closes": "00:00"}],
        "sunday": [{"opens": "00:00", "closes": "02:00"}],
    }
    assert hours_of(week).add_hours(local(2025, 3, 15, 23), 1) == local(2025, 3, 16, 0)
    assert hours_of(week).add_hours(local(2025, 3, 15, 23), 2) == local(2025, 3, 16, 1)


def test_changes_to_and_from_summer_time_count_real_hours() -> None:
    night = {"sunday": [{"opens": "01:00", "closes": "04:00"}]}
    # 30 March 2025: 02:00 becomes 03:00 — the span lasts two hours that night.
    spring = local(2025, 3, 30, 1)
    assert hours_of(night).add_hours(spring, 2) == datetime(2025, 3, 30, 4, tzinfo=POTSDAM)
    assert hours_of(night).add_hours(spring, 2.5) == local(2025, 4, 6, 1, 30)
    # 26 October 2025: 03:00 becomes 02:00 again — four hours that night.
    autumn = local(2025, 10, 26, 1)
    assert hours_of(night).add_hours(autumn, 4) == datetime(2025, 10, 26, 4, tzinfo=POTSDAM)
    # A span that opens in the skipped hour begins when the clocks jump.
    skipped = {"sunday": [{"opens": "02:30", "closes": "05:00"}]}
    assert hours_of(skipped).add_hours(local(2025, 3, 30, 0), 1) == datetime(2025, 3, 30, 4, tzinfo=POTSDAM)


def test_the_timezone_is_the_municipalitys() -> None:
    start = datetime(2025, 3, 17, 7, 0, tzinfo=UTC)  # 08:00 in Potsdam, 03:00 in New York
    assert hours_of(WEEKDAYS_ONLY).add_hours(start, 1) == datetime(2025, 3, 17, 8, 0, tzinfo=UTC)
    new_york = hours_of(WEEKDAYS_ONLY, "America/New_York")
    assert new_york.add_hours(start, 1) == datetime(2025, 3, 17, 13, 0, tzinfo=UTC)


def test_without_working_hours_every_hour_counts() -> None:
    assert working_time(None, "Europe/Berlin") is CALENDAR_HOURS
    assert isinstance(working_time(WorkingWeek.model_validate(WEEKDAYS_ONLY), "Europe/Berlin"), WorkingHours)
    start = local(2025, 3, 14, 15)
    assert sla_due_at(start, 2) == local(2025, 3, 14, 17)
    assert sla_due_at(start, 2, hours_of(WEEKDAYS_ONLY)) == local(2025, 3, 17, 9)
    assert sla_due_at(start, None, hours_of(WEEKDAYS_ONLY)) is None


def test_times_must_be_aware_and_hours_not_negative() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        hours_of(WEEKDAYS_ONLY).add_hours(datetime(2025, 3, 17, 8), 1)
    with pytest.raises(ValueError, match="negative"):
        hours_of(WEEKDAYS_ONLY).add_hours(local(2025, 3, 17, 8), -1)


# ----- WorkingHours.add_hours: properties ---------------------------------------------------------------

# Zones with summer time (Berlin, New York), a half-hour change (Lord Howe), and odd fixed offsets.
ZONES = ["UTC", "Europe/Berlin", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu"]
FIXED_OFFSET_ZONES = ["UTC", "Asia/Kathmandu"]


def quarter(q: int) -> str:
    return "00:00" if q == 96 else f"{q // 4:02d}:{q % 4 * 15:02d}"


@st.composite
def working_weeks(draw: st.DrawFn) -> WorkingWeek:
    """Random weeks: per day up to three spans on quarter hours, at least one span in the week."""
    days: dict[str, list[dict[str, str]]] = {}
    for name in WEEKDAYS:
        marks = sorted(draw(st.lists(st.integers(0, 96), unique=True, max_size=6)))
        marks = marks[: len(marks) // 2 * 2]
        days[name] = [
            {"opens": quarter(a), "closes": quarter(b)} for a, b in zip(marks[::2], marks[1::2], strict=True)
        ]
    if not any(days.values()):
        days[draw(st.sampled_from(WEEKDAYS))] = [OFFICE]
    return WorkingWeek.model_validate(days)


starts = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
# Quarter hours are exact in binary, so sums of them are too: "a + b" means exactly a + b.
hours = st.integers(0, 160 * 4).map(lambda q: q / 4)
PROPERTY = settings(deadline=None, max_examples=150)


@PROPERTY
@given(working_weeks(), st.sampled_from(ZONES), starts, hours)
def test_the_due_time_is_never_before_the_start(
    week: WorkingWeek, zone: str, start: datetime, h: float
) -> None:
    assert WorkingHours.of(week, zone).add_hours(start, h) >= start


@PROPERTY
@given(working_weeks(), st.sampled_from(ZONES), starts, hours, hours)
def test_more_hours_never_end_sooner(
    week: WorkingWeek, zone: str, start: datetime, a: float, b: float
) -> None:
    counted = WorkingHours.of(week, zone)
    assert counted.add_hours(start, min(a, b)) <= counted.add_hours(start, max(a, b))


@PROPERTY
@given(working_weeks(), st.sampled_from(ZONES), starts, hours, hours)
def test_adding_in_two_steps_is_adding_at_once(
    week: WorkingWeek, zone: str, start: datetime, a: float, b: float
) -> None:
    counted = WorkingHours.of(week, zone)
    assert counted.add_hours(counted.add_hours(start, a), b) == counted.add_hours(start, a + b)


@PROPERTY
@given(st.sampled_from(ZONES), starts, st.floats(0, 5000, allow_nan=False))
def test_a_week_of_whole_days_is_calendar_time(zone: str, start: datetime, h: float) -> None:
    always = WorkingHours.of(
        WorkingWeek.model_validate({day: [{"opens": "00:00", "closes": "00:00"}] for day in WEEKDAYS}), zone
    )
    assert always.add_hours(start, h) == CALENDAR_HOURS.add_hours(start, h)


def working_time_between(week: WorkingWeek, zone: ZoneInfo, begin: datetime, end: datetime) -> timedelta:
    """An independent count, for zones without changes of offset: the overlap of [begin, end] with every
    span of every day in between, summed day by day."""
    total = timedelta(0)
    day: date = begin.astimezone(zone).date() - timedelta(days=1)
    while datetime.combine(day, time(0), tzinfo=zone) < end:
        for span in week.days()[day.weekday()]:
            opens = datetime.combine(day, span.opens, tzinfo=zone)
            closes = datetime.combine(
                day + timedelta(days=1) if span.end is None else day, span.closes, tzinfo=zone
            )
            total += max(timedelta(0), min(closes, end) - max(opens, begin))
        day += timedelta(days=1)
    return total


@PROPERTY
@given(working_weeks(), st.sampled_from(FIXED_OFFSET_ZONES), starts, hours.filter(lambda h: h > 0))
def test_the_due_time_is_the_first_moment_the_hours_have_been_worked(
    week: WorkingWeek, zone: str, start: datetime, h: float
) -> None:
    due = WorkingHours.of(week, zone).add_hours(start, h)
    assert working_time_between(week, ZoneInfo(zone), start, due) == timedelta(hours=h)
    assert working_time_between(week, ZoneInfo(zone), start, due - timedelta(microseconds=1)) < timedelta(
        hours=h
    )


# ----- the tickets service's projection ----------------------------------------------------------------


async def test_the_tickets_service_keeps_the_newest_working_hours(run_service: Any) -> None:
    runtime: ServiceRuntime = await run_service(spec)
    town = "m-town"
    week = WorkingWeek.model_validate(WEEKDAYS_ONLY)
    details = {"municipality_id": town, "name": "Town", "slug": "town", "reference_prefix": "TWN"}
    events = [
        MunicipalityCreated(**details, timezone="Europe/Berlin"),
        MunicipalityUpdated(**details, timezone="Europe/Berlin", working_hours=week),
        MunicipalityUpdated(**details, timezone="America/New_York", working_hours=week),
    ]
    deliveries = [
        envelope_for(
            event,
            aggregate_id=town,
            sequence=n,
            actor=SystemActor(system="admin"),
            correlation_id="t",
            municipality_id=town,
        )
        for n, event in enumerate(events, start=1)
    ] * 2
    random.Random(5).shuffle(deliveries)
    for envelope in deliveries:
        async with runtime.unit_of_work() as uow:
            await project_municipality(envelope, uow, runtime.deps)
    held = await MunicipalityDocument.get(town)
    assert held is not None
    assert held.working_week() == week and held.timezone == "America/New_York"

    cleared = envelope_for(
        MunicipalityUpdated(**details, timezone="America/New_York"),
        aggregate_id=town,
        sequence=4,
        actor=SystemActor(system="admin"),
        correlation_id="t",
        municipality_id=town,
    )
    async with runtime.unit_of_work() as uow:
        await project_municipality(cleared, uow, runtime.deps)
    held = await MunicipalityDocument.get(town)
    assert held is not None and held.working_week() is None


# ----- from the admin to the due date ------------------------------------------------------------------


async def test_reports_are_due_in_the_working_hours_an_admin_sets(world: World) -> None:
    admin = world.person("admin")
    url = f"/api/v1/municipalities/{world.municipality_a}"
    wrong = await world.http.patch(
        url, json={"working_hours": {"monday": [{"opens": "16:00", "closes": "08:00"}]}}, headers=admin.auth()
    )
    assert wrong.status_code == 422, wrong.text
    assert "must close after it opens" in wrong.text

    changed = await world.http.patch(url, json={"working_hours": WEEKDAYS_ONLY}, headers=admin.auth())
    assert changed.status_code == 200, changed.text
    assert changed.json()["working_hours"]["monday"] == [{"opens": "08:00:00", "closes": "16:00:00"}]
    for side, municipality, category in (
        ("a", world.municipality_a, world.category_a),
        ("b", world.municipality_b, world.category_b),
    ):
        promised = await world.http.patch(
            f"/api/v1/municipalities/{municipality}/categories/{category}",
            json={"sla_hours": 10},
            headers=world.person(f"manager_{side}").auth(),
        )
        assert promised.status_code == 200, promised.text

    held = world.runtimes["tickets"].database
    await tickets_know_world(world)

    async def projected() -> bool:
        municipality = await held["municipalities"].find_one({"_id": world.municipality_a}) or {}
        categories = [
            await held["categories"].find_one({"_id": c}) or {} for c in (world.category_a, world.category_b)
        ]
        return municipality.get("working_hours") is not None and all(
            c.get("sla_hours") == 10 for c in categories
        )

    await eventually(projected, what="tickets holds the working hours and the categories' promises")
    ticket = await reported(world, "citizen", "A")
    created, due = datetime.fromisoformat(ticket["created_at"]), datetime.fromisoformat(ticket["due_at"])
    assert due == hours_of(WEEKDAYS_ONLY).add_hours(created, 10)
    assert due - created > timedelta(hours=24)  # ten working hours always span a night
    other = await reported(world, "citizen", "B")  # Cottbus defines no working hours: every hour counts
    assert datetime.fromisoformat(other["due_at"]) - datetime.fromisoformat(other["created_at"]) == timedelta(
        hours=10
    )

    cleared = await world.http.patch(url, json={"working_hours": None}, headers=admin.auth())
    assert cleared.status_code == 200 and cleared.json()["working_hours"] is None
    created = await world.http.post(
        "/api/v1/municipalities",
        json={"name": "Werder", "slug": "werder", "reference_prefix": "WER", "working_hours": WEEKDAYS_ONLY},
        headers=admin.auth(),
    )
    assert created.status_code == 201, created.text
    shown = await world.http.get(f"/api/v1/municipalities/{created.json()['id']}")
    assert WorkingWeek.model_validate(shown.json()["working_hours"]) == WorkingWeek.model_validate(
        WEEKDAYS_ONLY
    )

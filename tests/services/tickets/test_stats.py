"""Managers' statistics: the figures from known tickets (pure), and the route end to end."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.tickets.stats import TicketFacts, period_start, periods, summarize
from tests.support.stack import World, world
from tests.support.tickets import reported, resolved

__all__ = ["world"]

NOW = datetime(2026, 3, 20, 12, tzinfo=UTC)


def at(day: int, hour: int = 9, month: int = 3) -> datetime:
    return datetime(2026, month, day, hour, tzinfo=UTC)


def test_buckets_start_on_monday_and_on_the_first_and_include_empty_ones() -> None:
    assert period_start(date(2026, 3, 19), "week") == date(2026, 3, 16)  # a Thursday → its Monday
    assert period_start(date(2026, 3, 16), "week") == date(2026, 3, 16)
    assert period_start(date(2026, 3, 19), "month") == date(2026, 3, 1)
    assert periods(date(2026, 1, 31), date(2026, 4, 2), "month") == [
        date(2026, 1, 1),
        date(2026, 2, 1),
        date(2026, 3, 1),
        date(2026, 4, 1),
    ]
    assert periods(date(2026, 12, 30), date(2027, 1, 2), "day") == [
        date(2026, 12, 30),
        date(2026, 12, 31),
        date(2027, 1, 1),
        date(2027, 1, 2),
    ]
    assert len(periods(date(2026, 3, 1), date(2026, 3, 31), "week")) == 6  # Feb 23 … Mar 30


def test_counts_median_and_sla_from_known_tickets() -> None:
    facts = [
        # resolved 10 h after the report, before its due time: met
        TicketFacts("pothole", "resolved", at(2), at(3), at(2, 19)),
        # resolved 30 h after, after its due time: breached (closed since)
        TicketFacts("pothole", "closed", at(3), at(4), at(4, 15)),
        # open, past its due time: breached
        TicketFacts("light", "in_progress", at(10), at(12), None),
        # open, due after now: pending
        TicketFacts("light", "received", at(19), at(25), None),
        # closed as a duplicate: no SLA verdict
        TicketFacts("light", "duplicate", at(19), at(21), None),
        # no due time at all
        TicketFacts("graffiti", "triaged", at(18), None, None),
    ]
    stats = summarize(
        facts,
        municipality_id="m",
        first=date(2026, 3, 1),
        last=date(2026, 3, 20),
        bucket="week",
        category_names={"pothole": "Pothole", "light": "Streetlight"},
        now=NOW,
    )
    assert stats.total == 6
    assert stats.by_status == {
        "closed": 1,
        "duplicate": 1,
        "in_progress": 1,
        "received": 1,
        "resolved": 1,
        "triaged": 1,
    }
    assert [(c.category_id, c.name, c.count) for c in stats.by_category] == [
        ("light", "Streetlight", 3),
        ("pothole", "Pothole", 2),
        ("graffiti", "graffiti", 1),  # a category the projection does not know keeps its id as name
    ]
    assert stats.resolved == 2
    assert stats.median_hours_to_resolve == 20.0  # median of 10 h and 30 h
    assert (stats.sla.with_due_date, stats.sla.met, stats.sla.breached, stats.sla.pending) == (4, 1, 2, 1)
    assert stats.sla.compliance == pytest.approx(1 / 3, abs=1e-4)
    weeks = {p.period_start: p for p in stats.over_time}
    assert list(weeks) == [date(2026, 2, 23), date(2026, 3, 2), date(2026, 3, 9), date(2026, 3, 16)]
    assert weeks[date(2026, 3, 2)].created == 2 and weeks[date(2026, 3, 2)].resolved == 2
    assert weeks[date(2026, 3, 2)].by_category == {"pothole": 2}
    assert weeks[date(2026, 3, 9)].by_status == {"in_progress": 1}
    assert weeks[date(2026, 3, 16)].created == 3
    assert weeks[date(2026, 2, 23)].created == 0  # empty buckets are there, so charts have no gaps


def test_nothing_decided_gives_no_compliance_and_no_median() -> None:
    stats = summarize(
        [TicketFacts("light", "received", at(19), at(25), None)],
        municipality_id="m",
        first=date(2026, 3, 19),
        last=date(2026, 3, 20),
        bucket="day",
        category_names={},
        now=NOW,
    )
    assert stats.sla.compliance is None and stats.median_hours_to_resolve is None
    assert [p.created for p in stats.over_time] == [1, 0]


async def test_a_manager_sees_their_municipality_s_reports_and_resolutions(world: World) -> None:
    before = await world.http.get("/api/v1/stats", headers=world.person("manager_a").auth())
    assert before.status_code == 200, before.text
    await reported(world, "citizen", "A")
    fixed = await resolved(world, "A")
    await reported(world, "citizen", "B")

    response = await world.http.get(
        "/api/v1/stats", params={"bucket": "day"}, headers=world.person("manager_a").auth()
    )
    assert response.status_code == 200, response.text
    stats, earlier = response.json(), before.json()
    assert stats["municipality_id"] == world.municipality_a
    assert stats["total"] == earlier["total"] + 2  # B's report is not counted
    assert stats["resolved"] == earlier["resolved"] + 1
    assert stats["by_status"].get("resolved", 0) == earlier["by_status"].get("resolved", 0) + 1
    assert stats["median_hours_to_resolve"] is not None
    today = datetime.fromisoformat(fixed["created_at"]).date().isoformat()
    assert stats["over_time"][-1]["period_start"] == today
    assert stats["over_time"][-1]["by_category"][world.category_a] >= 2
    assert len(stats["over_time"]) == 30  # the last 30 days, one bucket each


@pytest.mark.parametrize(
    ("params", "status", "code"),
    [
        ({"created_from": "2026-03-10", "created_to": "2026-03-01"}, 422, "invalid_period"),
        ({"created_from": "2024-01-01", "created_to": "2026-03-01"}, 422, "period_too_long"),
        ({"bucket": "year"}, 422, None),
        ({"created_from": "yesterday"}, 422, None),
        ({"colour": "red"}, 422, None),
    ],
)
async def test_bad_periods_are_refused_with_a_reason(
    world: World, params: dict[str, str], status: int, code: str | None
) -> None:
    response = await world.http.get("/api/v1/stats", params=params, headers=world.person("manager_a").auth())
    assert response.status_code == status, response.text
    if code is not None:
        assert response.json()["error"]["code"] == code


async def test_an_admin_gets_404_for_a_municipality_tickets_does_not_know(world: World) -> None:
    response = await world.http.get(
        "/api/v1/stats", params={"municipality_id": "m-nowhere"}, headers=world.person("admin").auth()
    )
    assert response.status_code == 404, response.text

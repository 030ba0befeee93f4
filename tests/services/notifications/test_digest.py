"""The managers' daily digest, with a fake clock: one email per manager and day listing that day's new
reports (days in Europe/Berlin, sent from 07:00 the next morning), exactly once however often the job
runs; read from a real SMTP server on loopback (aiosmtpd)."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime
from typing import Any
from zoneinfo import ZoneInfo

from cityfix_contracts import Envelope
from services.notifications.digest import days_due, queue_digests

from .conftest import NotificationsHarness
from .journey import Cast, people_events
from .test_preferences_and_alerts import new_report, preferences
from .test_ticket_notifications import send, send_all

BERLIN = ZoneInfo("Europe/Berlin")


def reported_at(cast: Cast, reference: str, moment: datetime) -> Envelope[Any]:
    envelope = new_report(cast, f"t-{uuid.uuid4().hex[:8]}", reference)
    return envelope.model_copy(update={"occurred_at": moment})


def test_a_day_is_due_from_the_digest_hour_of_the_next_morning() -> None:
    def at(hour: int, minute: int = 0) -> datetime:
        return datetime(2026, 3, 11, hour, minute, tzinfo=BERLIN)

    assert days_due(at(6, 59), BERLIN, 7)[-1] == date(2026, 3, 9)
    assert days_due(at(7), BERLIN, 7)[-1] == date(2026, 3, 10)
    assert days_due(at(7), BERLIN, 7) == [date(2026, 3, 8), date(2026, 3, 9), date(2026, 3, 10)]


async def test_a_digest_manager_gets_one_email_a_day_listing_its_new_reports(
    notifications: NotificationsHarness,
) -> None:
    cast = Cast.fresh()
    await send_all(notifications, people_events(cast))
    await send(notifications, preferences(cast.manager, 3, email_new_tickets="daily_digest"))
    await notifications.idle()
    # Two reports on 10 March in Berlin (the second at 22:30 there), one just after midnight.
    morning = reported_at(cast, "POT-31", datetime(2026, 3, 10, 9, 0, tzinfo=UTC))
    evening = reported_at(cast, "POT-32", datetime(2026, 3, 10, 21, 30, tzinfo=UTC))
    after_midnight = reported_at(cast, "POT-33", datetime(2026, 3, 10, 23, 30, tzinfo=UTC))
    await send_all(notifications, [morning, evening, after_midnight])
    await notifications.idle()
    assert await notifications.deliveries(recipient=cast.manager) == []  # no email per new report
    deps = notifications.runtime.deps

    # Before 07:00 the next morning nothing is due; from then on one digest, however often the job runs.
    assert await queue_digests(deps, now=datetime(2026, 3, 11, 5, 59, tzinfo=UTC)) == 0
    at_eight = datetime(2026, 3, 11, 7, 0, tzinfo=UTC)
    assert await queue_digests(deps, now=at_eight) == 1
    rounds = await asyncio.gather(*(queue_digests(deps, now=at_eight) for _ in range(3)))
    assert sum(rounds) == 0
    [digest] = await notifications.wait_mails(cast.email(cast.manager))
    assert digest.subject == "New reports of 2026-03-10: 2"
    assert "POT-31" in digest.body and "POT-32" in digest.body and "POT-33" not in digest.body
    assert f"/tickets/{morning.aggregate_id}" in digest.body
    assert digest.body.startswith(f"Hello Person {cast.manager},")

    # The next day's digest has the report after midnight; the first one is not sent again.
    assert await queue_digests(deps, now=datetime(2026, 3, 12, 8, 0, tzinfo=UTC)) == 1
    mails = await notifications.wait_mails(cast.email(cast.manager), count=2)
    assert sorted(m.subject for m in mails) == [
        "New reports of 2026-03-10: 2",
        "New reports of 2026-03-11: 1",
    ]
    await notifications.idle()
    assert len(await notifications.deliveries(recipient=cast.manager)) == 2
    # Nobody else received a digest.
    assert {r for m in notifications.smtp.messages for r in m.recipients} == {cast.email(cast.manager)}


async def test_a_manager_told_one_by_one_gets_no_digest(notifications: NotificationsHarness) -> None:
    cast = Cast.fresh()
    await send_all(notifications, people_events(cast))  # the default: an email per new report
    await notifications.idle()
    await send(notifications, reported_at(cast, "POT-34", datetime(2026, 3, 10, 9, 0, tzinfo=UTC)))
    await notifications.idle()
    assert await queue_digests(notifications.runtime.deps, now=datetime(2026, 3, 11, 8, 0, tzinfo=UTC)) == 0
    [mail] = await notifications.wait_mails(cast.email(cast.manager))
    assert mail.subject == "New report POT-34"

"""The notifications service killed in the middle of a burst of 500 ticket events, then started again.

"Killed" is what DESIGN §6 means with the in-process engine: the runtime drops its NATS connection
without acking and its tasks are cancelled mid-handler, while its database stays. A new runtime on the
same database and the same durable consumers then finishes the burst. Every expected inbox entry, queued
email, NotificationCreated and email received by a real SMTP server on loopback (aiosmtpd) exists once.

The SMTP server stays down until the restart: the sender keeps taking mails and failing them, so the
kill also lands among mail attempts, but never between the server accepting a mail and the sender
recording it — the one window in which, by sender.py's own account, a crash sends a mail twice.
Mails the killed sender had taken wait out their lease (34 s with the timeout set here), hence the
generous deadline.

Deliveries: the burst makes handlers of one ticket meet (its version conflicts are tried again) and the
kill costs every in-flight message a delivery, so `consumer_max_deliver` is raised here (said on purpose)
to keep redelivery from ending in the dead-letter stream; the test checks that nothing did.
"""

from __future__ import annotations

import asyncio
import re
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from datetime import UTC, datetime
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient

from cityfix_contracts import Envelope, Point, UserActor, envelope_for
from cityfix_contracts.envelope import envelope_json
from cityfix_contracts.events import StatusChanged, TicketCreated
from cityfix_contracts.subjects import DLQ_STREAM, PRIVATE_STREAM
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.notifications.service import spec as notifications_spec
from tests.services.notifications.conftest import FAST_MAIL, NotificationsHarness, SmtpServer
from tests.services.notifications.journey import MUNICIPALITY, Cast, people_events

TICKETS = 250  # two events each: 500 in the burst
KILL_AFTER = 20  # inbox entries stored before the kill: early in the burst, even on a quiet machine
DEADLINE = 120.0  # a condition's patience, never a performance figure (leases of killed mail tries)
REFERENCE = re.compile(r"POT-\d+")
# A loopback SMTP server answers at once: a short timeout shortens the lease of a killed try (2x + 30 s).
RESTART = {**FAST_MAIL, "consumer_max_deliver": 50, "smtp_timeout_seconds": 2.0}


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    server = SmtpServer()
    server.catcher.mailbox.limit = 10 * TICKETS  # the catcher keeps the last 500: room to see any double
    yield server
    server.stop()


def burst(cast: Cast) -> tuple[list[Envelope[Any]], Counter[tuple[str, str]]]:
    """Each citizen of the cast reports tickets, and the operator starts work on each: 2 events a ticket.

    Returns the events, and who must hear of what: (event_id, recipient), each exactly once — the
    manager of each new report, the reporter of each change of status (the operator acted: not told)."""
    reporters = [cast.citizen, cast.follower, cast.late_follower]
    envelopes: list[Envelope[Any]] = []
    expected: Counter[tuple[str, str]] = Counter()
    for n in range(TICKETS):
        ticket_id = f"t-{uuid.uuid4().hex[:12]}"
        reporter = reporters[n % len(reporters)]
        created = envelope_for(
            TicketCreated(
                ticket_id=ticket_id,
                reference=f"POT-{n + 1}",
                municipality_id=MUNICIPALITY,
                category_id="c-pothole",
                description=f"Pothole number {n + 1}",
                location=Point(lat=52.4, lon=13.06),
                reporter_id=reporter,
                created_at=datetime.now(UTC),
            ),
            aggregate_id=ticket_id,
            sequence=1,
            actor=UserActor(user_id=reporter, role="citizen"),
            correlation_id="burst",
            municipality_id=MUNICIPALITY,
        )
        started = envelope_for(
            StatusChanged(ticket_id=ticket_id, **{"from": "received"}, to="in_progress"),
            aggregate_id=ticket_id,
            sequence=2,
            actor=UserActor(user_id=cast.operator, role="operator"),
            correlation_id="burst",
            municipality_id=MUNICIPALITY,
        )
        envelopes += [created, started]
        expected[(created.event_id, cast.manager)] += 1
        expected[(started.event_id, reporter)] += 1
    return envelopes, expected


def expected_mails(cast: Cast, envelopes: list[Envelope[Any]]) -> Counter[tuple[str, str]]:
    """(address, ticket reference) of every email the burst must cause, each once (the preferences'
    defaults): the manager's of the new report, the reporter's of the change of status. Subjects are in
    the person's language, so the reference in the subject is what is compared."""
    mails: Counter[tuple[str, str]] = Counter()
    for envelope in envelopes:
        data = envelope.data
        if isinstance(data, TicketCreated) and data.reporter_id is not None:
            mails[(cast.email(cast.manager), data.reference)] += 1
            mails[(cast.email(data.reporter_id), data.reference)] += 1
    return mails


def reference_in(subject: str) -> str:
    found = REFERENCE.search(subject)
    assert found is not None, subject
    return found.group(0)


async def publish_all(harness: NotificationsHarness, envelopes: list[Envelope[Any]]) -> None:
    """Publish side by side, as a relay with bounded in-flight publishes would."""
    slots = asyncio.Semaphore(64)

    async def publish(envelope: Envelope[Any]) -> None:
        async with slots:
            await harness.js.publish(
                envelope.subject, envelope_json(envelope), headers={"Nats-Msg-Id": envelope.event_id}
            )

    await asyncio.gather(*(publish(e) for e in envelopes))


async def stored_inbox(runtime: ServiceRuntime, event_ids: list[str]) -> Counter[tuple[str, str]]:
    found = runtime.database["notifications"].find({"event_id": {"$in": event_ids}, "channel": "inbox"})
    return Counter([(n["event_id"], n["recipient"]) async for n in found])


async def test_a_killed_notifications_service_finishes_a_burst_exactly_once(
    run_service: Callable[..., Awaitable[ServiceRuntime]], nats_client: NatsClient, smtp: SmtpServer
) -> None:
    cast = Cast.fresh()
    envelopes, expected = burst(cast)
    event_ids = [e.event_id for e in envelopes]
    assert len(envelopes) == 500 and len(expected) == 500

    first = NotificationsHarness(
        await run_service(notifications_spec, smtp_url=smtp.url, **RESTART), nats_client.jetstream(), smtp
    )
    await publish_all(first, people_events(cast))
    await first.idle()

    async def well_inside_the_burst() -> int:
        stored = sum((await stored_inbox(first.runtime, event_ids)).values())
        return stored if stored >= KILL_AFTER else 0

    async def kill_inside_the_burst() -> None:
        await eventually(well_inside_the_burst, timeout=DEADLINE, what=f"{KILL_AFTER} inbox entries stored")
        await first.runtime.kill()

    # The kill watches while the burst is being published: on a quiet machine the service keeps up with
    # the publisher, so waiting for the whole burst to be sent first would leave nothing to interrupt.
    killing = asyncio.create_task(kill_inside_the_burst())
    await publish_all(first, envelopes)
    await killing
    before_restart = await stored_inbox(first.runtime, event_ids)
    assert sum(before_restart.values()) < len(expected), "the burst was over before the kill"
    assert smtp.messages == []

    smtp.start()
    second = NotificationsHarness(
        await run_service(notifications_spec, smtp_url=smtp.url, **RESTART), nats_client.jetstream(), smtp
    )

    async def all_stored() -> bool:
        return sum((await stored_inbox(second.runtime, event_ids)).values()) >= len(expected)

    await eventually(all_stored, timeout=DEADLINE, what="every inbox entry of the burst")
    await second.idle()
    assert await stored_inbox(second.runtime, event_ids) == expected

    mails = expected_mails(cast, envelopes)

    async def all_sent() -> bool:
        pending = await second.runtime.database["deliveries"].count_documents(
            {"event_id": {"$in": event_ids}, "status": {"$ne": "sent"}}
        )
        return pending == 0 and len(smtp.messages) >= len(mails)

    await eventually(all_sent, timeout=DEADLINE, what="every email of the burst sent")
    deliveries = second.runtime.database["deliveries"].find({"event_id": {"$in": event_ids}})
    queued = Counter([(d["event_id"], d["recipient"]) async for d in deliveries])
    assert queued == expected  # one email queued per notification, none twice
    received = Counter((address, reference_in(m.subject)) for m in smtp.messages for address in m.recipients)
    assert received == mails

    # One NotificationCreated per stored entry on the private stream (the relay's outbox survived too).
    created = "cityfix.private.*.notification.created"
    info = await second.js.stream_info(PRIVATE_STREAM, subjects_filter=created)
    per_person = info.state.subjects or {}
    assert per_person == {
        f"cityfix.private.{cast.manager}.notification.created": TICKETS,
        **{
            f"cityfix.private.{reporter}.notification.created": count
            for reporter, count in Counter(
                recipient for (_, recipient) in expected if recipient != cast.manager
            ).items()
        },
    }
    assert (await second.js.stream_info(DLQ_STREAM)).state.messages == 0

"""Notifications end to end: the whole stack over HTTP and NATS, with a real SMTP server on loopback.

A citizen's report is worked through the tickets API (assign, in progress, resolved, rated, reopened by
its reporter); the test reads what the SMTP server received (the reporter's emails, with the reference
and the link; nothing for anyone else, nothing for an author) and what the inbox API answers each person.
Then every event of the ticket is delivered again, and nothing is stored or sent twice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

import httpx
import nats
import pytest
from nats.aio.client import Client as NatsClient
from nats.js.api import ConsumerConfig, DeliverPolicy

from cityfix_contracts.subjects import EVENTS_STREAM, event_token
from services.common.devmail import CaughtMail, MailCatcher
from services.common.settings import Settings
from services.common.testing import eventually
from tests.support.notifications import notifications_know_staff, notifications_of, wait_notifications
from tests.support.stack import World, world
from tests.support.tickets import reported, tickets_know_operators, worked

__all__ = ["world"]

# Mail retries shortened on purpose, so the test waits for conditions, never for the default backoff.
FAST_MAIL = {"mail_retry_seconds": 0.05, "mail_max_retry_seconds": 0.2, "mail_poll_seconds": 0.2}


@pytest.fixture
def mail_server() -> Iterator[MailCatcher]:
    catcher = MailCatcher()
    catcher.start()
    yield catcher
    catcher.stop()


@pytest.fixture
def settings(settings: Settings, mail_server: MailCatcher) -> Settings:
    """The world's settings, with the notifications service writing to the loopback SMTP server."""
    return settings.model_copy(update={"smtp_url": mail_server.url, **FAST_MAIL})


def mails_to(mail_server: MailCatcher, address: str) -> list[CaughtMail]:
    return [m for m in mail_server.mailbox.messages if address in m.recipients]


async def inbox(w: World, key: str, **params: Any) -> dict[str, Any]:
    response = await w.http.get("/api/v1/notifications", params=params, headers=w.person(key).auth())
    assert response.status_code == 200, response.text
    page: dict[str, Any] = response.json()
    return page


async def ticket_events(nats_client: NatsClient, municipality_id: str, ticket_id: str) -> list[bytes]:
    """Every event of this ticket in CITYFIX_EVENTS, as published."""
    js = nats_client.jetstream()
    subscription = await js.subscribe(
        f"cityfix.events.{municipality_id}.ticket.*",
        stream=EVENTS_STREAM,
        ordered_consumer=True,
        config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL),
    )
    found: list[bytes] = []
    try:
        while True:
            try:
                message = await subscription.next_msg(timeout=2)
            except nats.errors.TimeoutError:
                break
            if json.loads(message.data)["aggregate_id"] == ticket_id:
                found.append(message.data)
            if message.metadata.num_pending == 0:
                break
    finally:
        await subscription.unsubscribe()
    return found


async def notifications_caught_up(w: World, nats_client: NatsClient) -> None:
    js = nats_client.jetstream()

    async def idle() -> bool:
        info = await js.consumer_info(EVENTS_STREAM, "notifications-tickets")
        return info.num_pending == 0 and info.num_ack_pending == 0

    await eventually(idle, what="the notifications service handled every ticket event")


async def test_a_report_worked_to_the_end_tells_each_person_their_part(
    world: World, mail_server: MailCatcher, nats_client: NatsClient
) -> None:
    w = world
    await notifications_know_staff(w)
    ticket = await reported(w, "citizen", "A")
    ticket_id, reference = ticket["id"], ticket["reference"]
    await tickets_know_operators(w)
    await worked(w, ticket_id, "manager_a", "assignment", {"operator_id": w.person("operator_a").id})
    await worked(w, ticket_id, "operator_a", "status", {"status": "in_progress"})
    await worked(w, ticket_id, "operator_a", "status", {"status": "resolved", "note": "Filled the hole."})
    await worked(w, ticket_id, "citizen", "feedback", {"rating": 2, "comment": "It is cracking again"})
    await worked(w, ticket_id, "citizen", "status", {"status": "reopened", "note": "Still broken"})
    # A manager who reports a problem is not told of their own report (no other manager in A).
    own = await reported(w, "manager_a", "A")

    # The reporter is emailed each change of status made by someone else: not their own reopening.
    citizen = w.person("citizen").email
    await wait_notifications(w, {"manager_a": 3, "operator_a": 3, "citizen": 4})

    async def three_mails() -> list[CaughtMail]:
        found = mails_to(mail_server, citizen)
        return found if len(found) >= 3 else []

    mails = await eventually(three_mails, what="three emails to the reporter")
    assert sorted(m.subject for m in mails) == sorted(
        f"Your report {reference}: {status}" for status in ("assigned", "in progress", "resolved")
    )
    link = f"{w.runtimes['notifications'].settings.public_url}/tickets/{ticket_id}"
    for mail in mails:
        assert link in mail.body and mail.body.startswith("Hello Citizen,")

    page = await inbox(w, "citizen")
    assert [(n["kind"], n["status"]) for n in page["data"]] == [
        ("status_changed", "resolved"),
        ("status_changed", "in_progress"),
        ("status_changed", "assigned"),
        ("ticket_assigned", "received"),
    ]
    assert page["unread_count"] == 4 and page["next_cursor"] is None
    assert {n["ticket_id"] for n in page["data"]} == {ticket_id}
    assert page["data"][0]["excerpt"] == "Filled the hole."

    operator = await inbox(w, "operator_a")
    assert [(n["kind"], n["reason"]) for n in operator["data"]] == [
        ("ticket_reopened", "assignee"),
        ("feedback_submitted", "assignee"),
        ("ticket_assigned", "assignee"),
    ]
    manager = await inbox(w, "manager_a")
    assert [(n["kind"], n["reason"]) for n in manager["data"]] == [
        ("ticket_reopened", "manager"),
        ("feedback_submitted", "manager"),
        ("ticket_created", "manager"),
    ]
    assert own["id"] not in json.dumps(manager)
    assert manager["data"][1]["rating"] == 2
    for key in ("manager_b", "operator_b", "citizen_2", "admin"):
        assert (await inbox(w, key))["data"] == [], key

    # Pages, by cursor.
    first = await inbox(w, "citizen", limit=3)
    rest = await inbox(w, "citizen", limit=3, cursor=first["next_cursor"])
    assert [n["id"] for n in first["data"] + rest["data"]] == [n["id"] for n in page["data"]]
    bad = await w.http.get(
        "/api/v1/notifications", params={"cursor": "no spaces allowed"}, headers=w.person("citizen").auth()
    )
    assert bad.status_code == 422 and bad.json()["error"]["code"] == "validation_failed"

    # Every event of the ticket delivered again: nothing is stored or sent twice.
    events = await ticket_events(nats_client, w.municipality_a, ticket_id)
    assert len(events) == 8  # created, assigned, 3 × status, feedback, reopened and its status change
    js = nats_client.jetstream()
    for raw in events:
        envelope = json.loads(raw)
        subject = f"cityfix.events.{w.municipality_a}.ticket.{event_token(envelope['event_type'], 'ticket')}"
        await js.publish(subject, raw, headers={"Nats-Msg-Id": f"again-{envelope['event_id']}"})
    await notifications_caught_up(w, nats_client)
    assert len(await notifications_of(w, "citizen")) == 4
    assert len(await notifications_of(w, "manager_a")) == 3
    assert len(await notifications_of(w, "operator_a")) == 3
    deliveries = w.runtimes["notifications"].database["deliveries"]

    async def all_sent() -> bool:
        return await deliveries.count_documents({"status": {"$ne": "sent"}}) == 0

    await eventually(all_sent, what="every queued email sent")
    assert await deliveries.count_documents({}) == 4
    # The reporter's three, and the manager's of the new report (their preferences' default: each).
    manager = w.person("manager_a").email
    assert {r for m in mail_server.mailbox.messages for r in m.recipients} == {citizen, manager}
    assert len(mails_to(mail_server, citizen)) == 3
    assert [m.subject for m in mails_to(mail_server, manager)] == [f"New report {reference}"]

    # Read marks.
    newest = page["data"][0]["id"]
    marked = await w.http.post(f"/api/v1/notifications/{newest}/read", headers=w.person("citizen").auth())
    assert marked.status_code == 200 and marked.json()["read_at"]
    assert (await inbox(w, "citizen"))["unread_count"] == 3
    assert [n["id"] for n in (await inbox(w, "citizen", unread_only=True))["data"]] == [
        n["id"] for n in page["data"][1:]
    ]
    everything: httpx.Response = await w.http.post(
        "/api/v1/notifications/read-all", headers=w.person("citizen").auth()
    )
    assert everything.json() == {"marked": 3, "unread_count": 0}
    assert (await inbox(w, "operator_a"))["unread_count"] == 3

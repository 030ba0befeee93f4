"""Ticket notifications over the bus: events published on a real nats-server as the tickets and auth
services' relays publish them; the inbox read back over request/reply; the emails read from a real SMTP
server on loopback (aiosmtpd); NotificationCreated read from the private stream.
"""

from __future__ import annotations

import json
import uuid
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient

from cityfix_contracts import Envelope, RpcContext, SystemActor, UserActor, envelope_for
from cityfix_contracts.commands.notifications import (
    FailedDeliveryList,
    ListFailedDeliveries,
    ListNotifications,
    MarkAllNotificationsRead,
    MarkNotificationRead,
    NotificationList,
    NotificationsMarked,
    NotificationView,
)
from cityfix_contracts.envelope import envelope_json
from cityfix_contracts.events import AccountDeleted, ContactDetailsChanged
from cityfix_contracts.subjects import PRIVATE_STREAM
from services.common.rpc import RpcClient, RpcFailure
from services.common.testing import eventually

from .conftest import DEADLINE, NotificationsHarness, SmtpServer, StartNotifications
from .journey import Cast, expected_inbox, inbox_of, journey, people_events

PUBLIC_URL = "http://127.0.0.1:8000"


async def send(harness: NotificationsHarness, envelope: Envelope[Any], msg_id: str | None = None) -> None:
    await harness.js.publish(
        envelope.subject, envelope_json(envelope), headers={"Nats-Msg-Id": msg_id or envelope.event_id}
    )


async def send_all(harness: NotificationsHarness, envelopes: list[Envelope[Any]]) -> None:
    for envelope in envelopes:
        await send(harness, envelope)


def as_user(user_id: str, role: str = "citizen") -> RpcContext:
    return RpcContext(correlation_id=uuid.uuid4().hex, actor=UserActor(user_id=user_id, role=role))  # type: ignore[arg-type]


async def created_events(harness: NotificationsHarness, user_id: str) -> list[dict[str, Any]]:
    """The NotificationCreated envelopes on the private stream under this person's subject."""
    subject = f"cityfix.private.{user_id}.notification.created"
    info = await harness.js.stream_info(PRIVATE_STREAM, subjects_filter=subject)
    count = (info.state.subjects or {}).get(subject, 0)
    if not count:
        return []
    subscription = await harness.js.subscribe(subject, stream=PRIVATE_STREAM, ordered_consumer=True)
    try:
        return [json.loads((await subscription.next_msg(timeout=DEADLINE)).data) for _ in range(count)]
    finally:
        await subscription.unsubscribe()


async def test_a_journey_tells_each_person_what_concerns_them_once(
    notifications: NotificationsHarness, nats_client: NatsClient
) -> None:
    cast = Cast.fresh()
    await send_all(notifications, people_events(cast))
    await notifications.idle()
    events = journey(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-1")
    await send_all(notifications, events)

    # The reporter is emailed on each change of status of their ticket, not on their own reopening.
    mails = await notifications.wait_mails(cast.email(cast.citizen), count=3)
    await notifications.idle()
    by_subject = {m.subject: m for m in mails}  # sent side by side: in any order
    assert sorted(by_subject) == [
        "Your report POT-1: assigned",
        "Your report POT-1: in progress",
        "Your report POT-1: resolved",
    ]
    link = f"{PUBLIC_URL}/tickets/{events[0].aggregate_id}"
    assert all(link in m.body and m.body.startswith(f"Hello Person {cast.citizen},") for m in mails)
    assert "“Filled”" in by_subject["Your report POT-1: resolved"].body  # the operator's note

    expected = expected_inbox(cast)
    for person in cast.everyone():
        assert await inbox_of(notifications.runtime.database, events, person) == expected[person], person
        # One NotificationCreated per stored notification, on that person's own private subject.
        pushed = await created_events(notifications, person)
        assert len(pushed) == len(expected[person])
        assert {p["data"]["notification"]["ticket_id"] for p in pushed} <= {events[0].aggregate_id}
        assert all(p["data"]["user_id"] == person and p["causation_id"] for p in pushed)

    # The manager is emailed of the new report (the preferences' default: one email per new report).
    [new_report] = await notifications.wait_mails(cast.email(cast.manager))
    assert new_report.subject == "New report POT-1"
    # Nobody else got an email: the defaults keep everything else in the inbox.
    await notifications.wait_delivery(recipient=cast.citizen, status="sent")
    await notifications.wait_delivery(recipient=cast.manager, status="sent")
    assert {r for m in notifications.smtp.messages for r in m.recipients} == {
        cast.email(cast.citizen),
        cast.email(cast.manager),
    }

    # Every event delivered again (another message id, so JetStream's dedupe does not catch it).
    for envelope in events:
        await send(notifications, envelope, msg_id=f"again-{envelope.event_id}")
    await notifications.idle()
    for person in cast.everyone():
        assert await inbox_of(notifications.runtime.database, events, person) == expected[person]
        assert len(await created_events(notifications, person)) == len(expected[person])
    assert len(await notifications.deliveries(recipient=cast.citizen)) == 3  # no email queued again
    assert len(notifications.smtp.to(cast.email(cast.citizen))) == 3


async def test_the_inbox_over_request_reply(
    notifications: NotificationsHarness, nats_client: NatsClient
) -> None:
    cast = Cast.fresh()
    await send_all(notifications, people_events(cast))
    events = journey(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-2")
    await send_all(notifications, events)
    await notifications.idle()
    rpc = RpcClient(nats_client, timeout=10.0)
    citizen = as_user(cast.citizen)

    first: NotificationList = await rpc.call(ListNotifications(limit=2), citizen)
    assert first.unread_count == 5 and len(first.data) == 2 and first.next_cursor
    assert [(n.kind, n.status) for n in first.data] == [
        ("status_changed", "resolved"),
        ("status_changed", "in_progress"),
    ]
    assert first.data[0].excerpt == "Filled" and first.data[0].previous_status == "in_progress"
    rest: NotificationList = await rpc.call(ListNotifications(limit=10, cursor=first.next_cursor), citizen)
    assert rest.next_cursor is None
    assert [n.kind for n in rest.data] == ["comment_added", "status_changed", "ticket_assigned"]
    assert rest.data[-1].operator_name == "Olga"

    # Someone else's notification is not found, exactly like one that does not exist.
    someone_elses = (await rpc.call(ListNotifications(), as_user(cast.follower))).data[0]
    for missing in (someone_elses.id, "no-such-notification"):
        with pytest.raises(RpcFailure) as refused:
            await rpc.call(MarkNotificationRead(notification_id=missing), citizen)
        assert (refused.value.error.kind, refused.value.error.code) == ("not_found", "notification_not_found")

    read: NotificationView = await rpc.call(MarkNotificationRead(notification_id=first.data[0].id), citizen)
    assert read.read_at is not None
    again: NotificationView = await rpc.call(MarkNotificationRead(notification_id=first.data[0].id), citizen)
    assert again.read_at == read.read_at
    unread: NotificationList = await rpc.call(ListNotifications(unread_only=True), citizen)
    assert unread.unread_count == 4 and first.data[0].id not in {n.id for n in unread.data}

    marked: NotificationsMarked = await rpc.call(MarkAllNotificationsRead(), citizen)
    assert (marked.marked, marked.unread_count) == (4, 0)
    follower: NotificationList = await rpc.call(ListNotifications(), as_user(cast.follower))
    assert follower.unread_count == 4  # untouched by the citizen's read-all

    anonymous = RpcContext(correlation_id="c", actor=SystemActor(system="anonymous"))
    with pytest.raises(RpcFailure) as refused:
        await rpc.call(ListNotifications(), anonymous)
    assert refused.value.error.kind == "unauthenticated"


async def test_an_email_waits_until_the_person_s_address_is_known(
    notifications: NotificationsHarness,
) -> None:
    cast = Cast.fresh()
    await send_all(notifications, people_events(cast, contacts=False))
    events = journey(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-3")
    await send_all(notifications, events[:4])  # up to the first change of status

    async def tried() -> bool:
        found = await notifications.deliveries(recipient=cast.citizen)
        return bool(found) and found[0]["attempts"] >= 1 and found[0]["status"] == "pending"

    await eventually(tried, timeout=DEADLINE, what="the mail tried without an address")
    [waiting] = await notifications.deliveries(recipient=cast.citizen)
    assert waiting["last_error"] == "the person's email address is not known yet"

    await send(notifications, contact(cast.citizen, cast.email(cast.citizen)))
    [mail] = await notifications.wait_mails(cast.email(cast.citizen))
    assert mail.subject == "Your report POT-3: assigned"


def contact(user_id: str, email: str, *, verified: bool = True, locale: str = "en") -> Envelope[Any]:
    return envelope_for(
        ContactDetailsChanged(
            user_id=user_id, email=email, full_name="Clara Citizen", locale=locale, email_verified=verified
        ),
        aggregate_id=user_id,
        sequence=5,
        actor=UserActor(user_id=user_id, role="citizen"),
        correlation_id="contact",
    )


async def test_an_unverified_address_gets_no_email(notifications: NotificationsHarness) -> None:
    cast = Cast.fresh()
    await send_all(notifications, people_events(cast, verified=False))
    await send_all(notifications, journey(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-4")[:4])
    cancelled = await notifications.wait_delivery(recipient=cast.citizen, status="cancelled")
    assert cancelled["last_error"] == "the email address is not verified"
    assert notifications.smtp.to(cast.email(cast.citizen)) == []


async def test_a_mail_given_up_is_visible_to_admins(
    start_notifications: StartNotifications, smtp: SmtpServer, nats_client: NatsClient
) -> None:
    notifications = await start_notifications(mail_max_attempts=2)  # the SMTP server stays down
    cast = Cast.fresh()
    await send_all(notifications, people_events(cast))
    events = journey(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-5")[:4]
    await send_all(notifications, events)
    failed = await notifications.wait_delivery(recipient=cast.citizen, status="failed")
    assert failed["attempts"] == 2 and failed["last_error"]

    rpc = RpcClient(nats_client, timeout=10.0)
    listed: FailedDeliveryList = await rpc.call(ListFailedDeliveries(), as_user("admin-1", "admin"))
    [entry] = [d for d in listed.data if d.recipient_id == cast.citizen]
    assert (entry.kind, entry.attempts, entry.id) == ("status_changed", 2, failed["_id"])
    assert cast.email(cast.citizen) not in listed.model_dump_json()
    with pytest.raises(RpcFailure) as refused:
        await rpc.call(ListFailedDeliveries(), as_user(cast.manager, "manager"))
    assert refused.value.error.kind == "forbidden"
    # The inbox did not wait for the mail server.
    assert (
        await inbox_of(notifications.runtime.database, events, cast.citizen)
        == expected_inbox(cast)[cast.citizen][:2]
    )


async def test_a_deleted_account_hears_nothing_more(notifications: NotificationsHarness) -> None:
    cast = Cast.fresh()
    await send_all(notifications, people_events(cast))
    events = journey(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-6")
    await send_all(notifications, events[:4])
    await notifications.wait_mails(cast.email(cast.citizen))
    await notifications.idle()

    await send(
        notifications,
        envelope_for(
            AccountDeleted(user_id=cast.citizen),
            aggregate_id=cast.citizen,
            sequence=9,
            actor=UserActor(user_id=cast.citizen, role="citizen"),
            correlation_id="delete",
        ),
    )
    await notifications.idle()
    await send_all(notifications, events[4:])
    await notifications.idle()
    database = notifications.runtime.database
    assert await inbox_of(database, events, cast.citizen) == []
    person = await database["people"].find_one({"_id": cast.citizen})
    assert (
        person is not None and person["deleted"] and person["email"] is None and person["full_name"] is None
    )
    assert len(notifications.smtp.to(cast.email(cast.citizen))) == 1  # only the one sent before
    # The others still hear of the rest of the journey.
    assert (await inbox_of(database, events, cast.follower))[-1][0] == 12


async def test_with_the_mail_server_down_the_inbox_fills_and_emails_go_out_once_it_is_back(
    start_notifications: StartNotifications, smtp: SmtpServer
) -> None:
    notifications = await start_notifications()  # the SMTP server is not running yet
    cast = Cast.fresh()
    await send_all(notifications, people_events(cast))
    events = journey(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-7")
    await send_all(notifications, events)
    await notifications.idle()  # every event handled and acked: the outage holds up none of them
    expected = expected_inbox(cast)
    for person in cast.everyone():
        assert await inbox_of(notifications.runtime.database, events, person) == expected[person]

    async def tried_and_waiting() -> bool:
        found = await notifications.deliveries(recipient=cast.citizen)
        return len(found) == 3 and all(d["status"] == "pending" and d["attempts"] >= 1 for d in found)

    await eventually(tried_and_waiting, timeout=DEADLINE, what="the reporter's mails tried while down")
    assert notifications.smtp.messages == []

    smtp.start()
    await notifications.wait_mails(cast.email(cast.citizen), count=3)
    await notifications.wait_mails(cast.email(cast.manager))  # the new report

    async def all_sent() -> bool:
        found = await notifications.deliveries()
        return len(found) == 4 and all(d["status"] == "sent" for d in found)

    await eventually(all_sent, timeout=DEADLINE, what="every mail recorded sent")
    assert len(notifications.smtp.messages) == 4

"""People's notification preferences and area alerts, as the auth service publishes them privately, decide
emails and who hears of new reports: events on a real nats-server, emails read from a real SMTP server on
loopback (aiosmtpd), the inbox read from the service's database.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from cityfix_contracts import DomainEvent, Envelope, Point, UserActor, envelope_for
from cityfix_contracts.events import (
    AccountDeleted,
    AreaAlert,
    AreaAlertChanged,
    ContactDetailsChanged,
    NotificationPreferences,
    NotificationPreferencesChanged,
    TicketCreated,
)
from services.common.testing import eventually
from services.notifications.area_alerts import distance_m

from .conftest import DEADLINE, NotificationsHarness
from .journey import MUNICIPALITY, Cast, expected_inbox, inbox_of, journey, people_events
from .test_ticket_notifications import send, send_all


def private(user_id: str, sequence: int, data: DomainEvent) -> Envelope[Any]:
    """An event of the person's private stream, numbered as the auth service numbers it."""
    return envelope_for(
        data,
        aggregate_id=user_id,
        sequence=sequence,
        actor=UserActor(user_id=user_id, role="citizen"),
        correlation_id="profile-settings",
    )


def preferences(user_id: str, sequence: int, **chosen: Any) -> Envelope[Any]:
    return private(
        user_id,
        sequence,
        NotificationPreferencesChanged(user_id=user_id, preferences=NotificationPreferences(**chosen)),
    )


async def test_preferences_decide_the_emails_and_never_the_inbox(notifications: NotificationsHarness) -> None:
    cast = Cast.fresh()
    await send_all(notifications, people_events(cast))  # private sequences 1 and 2: contact details
    await send_all(
        notifications,
        [
            preferences(cast.citizen, 3, email_status_changes=False),
            preferences(cast.manager, 3, email_new_tickets="off"),
        ],
    )
    await notifications.idle()
    quiet = journey(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-11")
    await send_all(notifications, quiet)
    await notifications.idle()

    # The inbox is the same as with every email on; not one email was even queued.
    expected = expected_inbox(cast)
    for person in cast.everyone():
        assert await inbox_of(notifications.runtime.database, quiet, person) == expected[person], person
    assert await notifications.deliveries() == []

    # They change their minds (newer events win): the next ticket's emails go out again.
    await send_all(
        notifications,
        [
            preferences(cast.citizen, 4, email_status_changes=True),
            preferences(cast.manager, 4, email_new_tickets="each"),
        ],
    )
    await notifications.idle()
    loud = journey(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-12")
    await send_all(notifications, loud)
    mails = await notifications.wait_mails(cast.email(cast.citizen), count=3)
    assert sorted(m.subject for m in mails) == [
        "Your report POT-12: assigned",
        "Your report POT-12: in progress",
        "Your report POT-12: resolved",
    ]
    [new_report] = await notifications.wait_mails(cast.email(cast.manager))
    assert new_report.subject == "New report POT-12"
    await notifications.idle()
    assert len(await notifications.deliveries()) == 4


async def test_a_daily_digest_manager_gets_no_email_per_new_report(
    notifications: NotificationsHarness,
) -> None:
    cast = Cast.fresh()
    await send_all(notifications, people_events(cast))
    await send(notifications, preferences(cast.manager, 3, email_new_tickets="daily_digest"))
    await notifications.idle()
    events = journey(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-13")
    await send_all(notifications, events)
    await notifications.idle()
    assert await notifications.deliveries(recipient=cast.manager) == []
    held = await inbox_of(notifications.runtime.database, events, cast.manager)
    assert (1, "ticket_created", "manager", "received") in held


async def test_preferences_apply_in_the_order_of_their_sequence(notifications: NotificationsHarness) -> None:
    user = f"u-{uuid.uuid4().hex[:8]}"
    newer, older = preferences(user, 7, email_status_changes=True), preferences(user, 6, email_comments=False)
    for envelope in (newer, older, newer):  # newest first, then an older one, then a duplicate
        await send(notifications, envelope, msg_id=uuid.uuid4().hex)
    await notifications.idle()
    person = await notifications.runtime.database["people"].find_one({"_id": user})
    assert person is not None and person["preferences_sequence"] == 7
    assert NotificationPreferences.model_validate(person["preferences"]) == NotificationPreferences()

    await send(notifications, private(user, 8, AccountDeleted(user_id=user)))
    await send(notifications, preferences(user, 9, email_area_alerts=False))  # after the deletion
    await notifications.idle()
    person = await notifications.runtime.database["people"].find_one({"_id": user})
    assert person is not None and person["deleted"] and person["preferences"] is None


# ----- area alerts --------------------------------------------------------------------------------------

TICKET_AT = Point(lat=52.4, lon=13.06)
NORTH_222_M = Point(lat=52.402, lon=13.06)  # 222 m north of the ticket


def alert_changed(
    user_id: str, sequence: int, alert_id: str, *, deleted: bool = False, **area: Any
) -> Envelope[Any]:
    alert = None
    if not deleted:
        alert = AreaAlert(alert_id=alert_id, name="Near home", created_at=datetime.now(UTC), **area)
    change = AreaAlertChanged(
        user_id=user_id, alert_id=alert_id, change="deleted" if deleted else "created", alert=alert
    )
    return private(user_id, sequence, change)


def new_report(cast: Cast, ticket_id: str, reference: str, category_id: str = "c-pothole") -> Envelope[Any]:
    created = TicketCreated(
        ticket_id=ticket_id,
        reference=reference,
        municipality_id=MUNICIPALITY,
        category_id=category_id,
        description="Deep pothole",
        location=TICKET_AT,
        reporter_id=cast.citizen,
        created_at=datetime.now(UTC),
    )
    return envelope_for(
        created,
        aggregate_id=ticket_id,
        sequence=1,
        actor=UserActor(user_id=cast.citizen, role="citizen"),
        correlation_id="area-alerts",
        municipality_id=MUNICIPALITY,
    )


def test_the_circle_is_measured_from_the_ticket_s_location() -> None:
    assert 221 < distance_m(TICKET_AT.lat, TICKET_AT.lon, NORTH_222_M.lat, NORTH_222_M.lon) < 223


async def test_area_alerts_tell_their_owners_of_new_reports_inside_them(
    notifications: NotificationsHarness,
) -> None:
    cast = Cast.fresh()
    tag = uuid.uuid4().hex[:6]
    near, far, pothole_fan, lamp_fan, whole_town, elsewhere, withdrawn, quiet = (
        f"{name}-{tag}"
        for name in (
            "near",
            "far",
            "pothole-fan",
            "lamp-fan",
            "whole-town",
            "elsewhere",
            "withdrawn",
            "quiet",
        )
    )
    owners = [near, far, pothole_fan, lamp_fan, whole_town, elsewhere, withdrawn, quiet]
    events = people_events(cast)
    for owner in owners:
        events.append(
            private(
                owner,
                1,
                ContactDetailsChanged(
                    user_id=owner, email=f"{owner}@example.org", full_name=owner, email_verified=True
                ),
            )
        )
    events += [
        alert_changed(near, 2, f"a-near-{tag}", kind="radius", center=NORTH_222_M, radius_m=250),
        # A second alert of the same person covering the same report: still one notification.
        alert_changed(near, 3, f"a-near2-{tag}", kind="municipality", municipality_id=MUNICIPALITY),
        alert_changed(far, 2, f"a-far-{tag}", kind="radius", center=NORTH_222_M, radius_m=200),
        alert_changed(
            pothole_fan,
            2,
            f"a-pothole-{tag}",
            kind="radius",
            center=TICKET_AT,
            radius_m=1000,
            category_ids=("c-pothole",),
        ),
        alert_changed(
            lamp_fan,
            2,
            f"a-lamp-{tag}",
            kind="municipality",
            municipality_id=MUNICIPALITY,
            category_ids=("c-streetlight",),
        ),
        alert_changed(whole_town, 2, f"a-town-{tag}", kind="municipality", municipality_id=MUNICIPALITY),
        alert_changed(elsewhere, 2, f"a-cottbus-{tag}", kind="municipality", municipality_id="m-cottbus"),
        # Deleted, and the deletion arrives before the creation: it stays deleted.
        alert_changed(withdrawn, 3, f"a-gone-{tag}", deleted=True),
        alert_changed(withdrawn, 2, f"a-gone-{tag}", kind="municipality", municipality_id=MUNICIPALITY),
        # The reporter's own alert covers their report: they are not alerted of what they reported.
        alert_changed(cast.citizen, 3, f"a-reporter-{tag}", kind="radius", center=TICKET_AT, radius_m=500),
        # The manager's alert: they hear of the report once, as its municipality's manager.
        alert_changed(cast.manager, 3, f"a-manager-{tag}", kind="municipality", municipality_id=MUNICIPALITY),
        alert_changed(quiet, 2, f"a-quiet-{tag}", kind="radius", center=TICKET_AT, radius_m=50),
        preferences(quiet, 3, email_area_alerts=False),
    ]
    await send_all(notifications, events)
    await notifications.idle()
    ticket = new_report(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-21")
    await send(notifications, ticket)
    await send(notifications, ticket, msg_id=f"again-{ticket.event_id}")  # delivered twice
    await notifications.idle()

    database = notifications.runtime.database
    heard = {
        person: await inbox_of(database, [ticket], person) for person in [*owners, cast.citizen, cast.manager]
    }
    alerted = [(1, "ticket_created", "area_alert", "received")]
    assert heard == {
        near: alerted,
        far: [],
        pothole_fan: alerted,
        lamp_fan: [],
        whole_town: alerted,
        elsewhere: [],
        withdrawn: [],
        quiet: alerted,
        cast.citizen: [],
        cast.manager: [(1, "ticket_created", "manager", "received")],
    }

    # Email as their preferences say (quiet turned area-alert emails off), once each.
    for owner in (near, pothole_fan, whole_town):
        [mail] = await notifications.wait_mails(f"{owner}@example.org")
        assert mail.subject == "New report near you: POT-21"
        assert "inside one of your area alerts" in mail.body
    await notifications.idle()
    assert await notifications.deliveries(recipient=quiet) == []
    assert len(await notifications.deliveries(event_id=ticket.event_id)) == 4  # 3 owners and the manager

    # A report of another category only for those who did not limit theirs to potholes.
    lamp = new_report(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-22", category_id="c-streetlight")
    await send(notifications, lamp)
    await notifications.idle()
    assert await inbox_of(database, [lamp], lamp_fan) == alerted
    assert await inbox_of(database, [lamp], pothole_fan) == []

    # A deleted account's alerts go with it.
    await send(notifications, private(whole_town, 9, AccountDeleted(user_id=whole_town)))

    async def forgotten() -> bool:
        return await database["area_alerts"].count_documents({"user_id": whole_town}) == 0

    await eventually(forgotten, timeout=DEADLINE, what="the deleted account's alerts removed")
    third = new_report(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-23")
    await send(notifications, third)
    await notifications.idle()
    assert await inbox_of(database, [third], whole_town) == []
    assert await inbox_of(database, [third], near) == alerted

"""Notification preferences and area alerts: profile settings owned by auth and published privately
(NotificationPreferencesChanged, AreaAlertChanged on CITYFIX_PRIVATE) for the notification service."""

from __future__ import annotations

import pytest

from cityfix_contracts import Point, SystemActor, envelope_for
from cityfix_contracts.commands.auth import (
    MAX_AREA_ALERTS,
    AreaAlertList,
    CreateAreaAlert,
    DeleteAreaAlert,
    DeleteMyAccount,
    ExportMyData,
    GetNotificationPreferences,
    ListAreaAlerts,
    PersonalData,
    SetNotificationPreferences,
)
from cityfix_contracts.envelope import envelope_json
from cityfix_contracts.events import AreaAlert, CategoryChanged, NotificationPreferences
from cityfix_contracts.subjects import PRIVATE_STREAM
from services.auth.documents import AreaAlertDocument, CategoryDocument
from services.common.testing import eventually
from tests.services.auth.conftest import DEADLINE, AuthHarness


async def add_category(auth: AuthHarness, category_id: str, municipality_id: str, sequence: int = 1) -> None:
    """Publish CategoryChanged as the admin service would, and wait until auth holds that sequence."""
    envelope = envelope_for(
        CategoryChanged(
            change="created" if sequence == 1 else "updated",
            category_id=category_id,
            municipality_id=municipality_id,
            code=category_id,
            name=category_id.title(),
        ),
        aggregate_id=category_id,
        sequence=sequence,
        actor=SystemActor(system="admin-test"),
        correlation_id="test-category",
        municipality_id=municipality_id,
    )
    await auth.js.publish(envelope.subject, envelope_json(envelope), headers=envelope.headers())

    async def known() -> bool:
        held = await CategoryDocument.get(category_id)
        return held is not None and held.sequence >= sequence

    await eventually(known, timeout=DEADLINE, what=f"auth knows category {category_id}")


async def test_preferences_start_at_the_defaults_and_a_change_is_published_once(auth: AuthHarness) -> None:
    user = await auth.register("pref@example.org")
    me = auth.as_user(user)
    assert await auth.call(GetNotificationPreferences(), me) == NotificationPreferences()

    chosen = await auth.call(
        SetNotificationPreferences(email_comments=False, email_new_tickets="daily_digest"), me
    )
    assert chosen.email_comments is False and chosen.email_new_tickets == "daily_digest"
    assert chosen.email_status_changes is True  # left out: the default
    assert await auth.call(GetNotificationPreferences(), me) == chosen
    # The same preferences again change nothing, so nothing more is published.
    await auth.call(SetNotificationPreferences(email_comments=False, email_new_tickets="daily_digest"), me)
    await auth.outbox_drained()

    published = await auth.private_event("NotificationPreferencesChanged", user.id)
    assert len(published) == 1
    message = published[0]
    assert message.subject == f"cityfix.private.{user.id}.user.notification_preferences_changed"
    assert message.body["data"]["preferences"] == chosen.model_dump()
    earlier = [
        m.body["sequence"] for m in await auth.messages(PRIVATE_STREAM) if m.body["aggregate_id"] == user.id
    ]
    assert earlier == list(range(1, len(earlier) + 1))  # the account's private events stay gapless


async def test_alerts_are_checked_listed_and_deleted_by_their_owner_only(auth: AuthHarness) -> None:
    await auth.add_municipality("m-a", "Potsdam")
    await auth.add_municipality("m-b", "Cottbus")
    await add_category(auth, "c-a", "m-a")
    await add_category(auth, "c-b", "m-b")
    owner = await auth.register("alerts@example.org")
    other = await auth.register("other@example.org")
    me, them = auth.as_user(owner), auth.as_user(other)

    circle: AreaAlert = await auth.call(
        CreateAreaAlert(
            name="  Around   the school ",
            kind="radius",
            center=Point(lat=52.4, lon=13.06),
            radius_m=500,
            category_ids=("c-a", "c-a"),
        ),
        me,
    )
    assert circle.name == "Around the school" and circle.category_ids == ("c-a",)
    town: AreaAlert = await auth.call(
        CreateAreaAlert(name="All of Cottbus", kind="municipality", municipality_id="m-b"), me
    )
    listed: AreaAlertList = await auth.call(ListAreaAlerts(), me)
    assert [a.alert_id for a in listed.data] == [circle.alert_id, town.alert_id]
    assert (await auth.call(ListAreaAlerts(), them)).data == ()

    # Someone else's alert reads as one that does not exist.
    refused = await auth.fail(DeleteAreaAlert(alert_id=circle.alert_id), them)
    assert (refused.kind, refused.code) == ("not_found", "alert_not_found")
    await auth.call(DeleteAreaAlert(alert_id=circle.alert_id), me)
    assert [a.alert_id for a in (await auth.call(ListAreaAlerts(), me)).data] == [town.alert_id]
    gone = await auth.fail(DeleteAreaAlert(alert_id=circle.alert_id), me)
    assert gone.code == "alert_not_found"

    changes = await auth.private_event("AreaAlertChanged", owner.id, count=3)
    assert [(m.body["data"]["change"], m.body["data"]["alert_id"]) for m in changes] == [
        ("created", circle.alert_id),
        ("created", town.alert_id),
        ("deleted", circle.alert_id),
    ]
    assert changes[0].body["data"]["alert"]["center"] == {"lat": 52.4, "lon": 13.06}
    assert changes[2].body["data"]["alert"] is None


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"kind": "radius", "center": Point(lat=52.4, lon=13.06)}, "alert_area_incomplete"),
        ({"kind": "radius", "radius_m": 300}, "alert_area_incomplete"),
        (
            {
                "kind": "radius",
                "center": Point(lat=52.4, lon=13.06),
                "radius_m": 300,
                "municipality_id": "m-a",
            },
            "alert_area_ambiguous",
        ),
        ({"kind": "municipality"}, "alert_area_incomplete"),
        ({"kind": "municipality", "municipality_id": "m-a", "radius_m": 300}, "alert_area_ambiguous"),
        ({"kind": "municipality", "municipality_id": "m-nowhere"}, "municipality_not_found"),
        ({"kind": "municipality", "municipality_id": "m-a", "category_ids": ("c-x",)}, "category_not_found"),
        (
            {"kind": "municipality", "municipality_id": "m-a", "category_ids": ("c-a", "c-b")},
            "category_of_other_municipality",
        ),
    ],
)
async def test_an_alert_that_cannot_work_is_refused_with_its_reason(
    auth: AuthHarness, fields: dict[str, object], code: str
) -> None:
    await auth.add_municipality("m-a", "Potsdam")
    await add_category(auth, "c-a", "m-a")
    await add_category(auth, "c-b", "m-b")
    user = await auth.register("bad-alert@example.org")
    error = await auth.fail(CreateAreaAlert(name="Mine", **fields), auth.as_user(user))  # type: ignore[arg-type]
    assert (error.kind, error.code) == ("invalid", code)
    assert await AreaAlertDocument.find({"user_id": user.id}).count() == 0


async def test_a_person_holds_at_most_the_limit_of_alerts(auth: AuthHarness) -> None:
    user = await auth.register("many@example.org")
    me = auth.as_user(user)
    circle = {"kind": "radius", "center": Point(lat=52.4, lon=13.06), "radius_m": 100}
    for n in range(MAX_AREA_ALERTS):
        await auth.call(CreateAreaAlert(name=f"Spot {n}", **circle), me)  # type: ignore[arg-type]
    error = await auth.fail(CreateAreaAlert(name="One more", **circle), me)  # type: ignore[arg-type]
    assert (error.kind, error.code) == ("conflict", "too_many_alerts")
    assert len((await auth.call(ListAreaAlerts(), me)).data) == MAX_AREA_ALERTS


async def test_export_holds_preferences_and_alerts_and_deletion_removes_the_alerts(auth: AuthHarness) -> None:
    user = await auth.register("export@example.org")
    me = auth.as_user(user)
    await auth.call(SetNotificationPreferences(email_area_alerts=False), me)
    alert = await auth.call(
        CreateAreaAlert(name="Home", kind="radius", center=Point(lat=52.4, lon=13.06), radius_m=200), me
    )
    exported: PersonalData = await auth.call(ExportMyData(), me)
    assert exported.profile["notification_preferences"]["email_area_alerts"] is False
    assert [a["alert_id"] for a in exported.profile["area_alerts"]] == [alert.alert_id]
    assert exported.profile["area_alerts"][0]["center"] == {"lat": 52.4, "lon": 13.06}

    await auth.call(DeleteMyAccount(), me)
    assert await AreaAlertDocument.find({"user_id": user.id}).count() == 0


async def test_an_older_category_event_never_overwrites_a_newer_one(auth: AuthHarness) -> None:
    await add_category(auth, "c-moved", "m-b", sequence=2)
    await add_category(auth, "c-moved", "m-a", sequence=1)  # late, older: ignored
    await add_category(auth, "c-fresh", "m-a", sequence=1)  # processed after the late one
    held = await CategoryDocument.get("c-moved")
    assert held is not None and (held.municipality_id, held.sequence) == ("m-b", 2)

"""This service's copy of people's notification preferences and area alerts, from the auth service's
private events (NotificationPreferencesChanged, AreaAlertChanged). The auth service owns them; nothing
here asks it anything.

Order-insensitive by construction (DESIGN §3.4), by the private-stream sequence of the person's events:
preferences are a part of the person (people.py) set only by a newer event; an alert is one document per
alert id, written only by a newer change (an insert, or an update conditional on the sequence read: an
older change finds the newer one and is dropped). A deleted alert stays as a tombstone, so its older "created" arriving late changes nothing.
AccountDeleted (subscribers.py) removes both; a change arriving after it is dropped.
"""

from __future__ import annotations

from typing import Any

from pymongo.errors import DuplicateKeyError

from cityfix_contracts import DomainError, Envelope
from cityfix_contracts.events import AreaAlertChanged, NotificationPreferencesChanged
from services.common.uow import UnitOfWork

from .documents import AreaAlertDocument, ForgottenPersonDocument
from .handlers import NotificationDeps, session_of
from .people import _ensure_person, _newer
from .subscribers import events


@events.on(NotificationPreferencesChanged, consumer="preferences")
async def learn_preferences(envelope: Envelope[Any], uow: UnitOfWork, deps: NotificationDeps) -> None:
    """The whole set of a person's preferences, as it stands after this change."""
    data: NotificationPreferencesChanged = envelope.data
    session = session_of(uow)
    await _ensure_person(data.user_id, session)
    values = {"preferences": data.preferences.model_dump(mode="json")}
    await _newer(data.user_id, "preferences", envelope.sequence, values, session)


def alert_values(data: AreaAlertChanged, sequence: int) -> dict[str, Any]:
    """The stored alert after this change: its area while it exists, a tombstone once deleted."""
    values: dict[str, Any] = {
        "user_id": data.user_id,
        "sequence": sequence,
        "active": False,
        "kind": None,
        "lat": None,
        "lon": None,
        "radius_m": None,
        "municipality_id": None,
        "category_ids": [],
    }
    alert = data.alert
    if data.change == "created" and alert is not None:
        values.update(
            active=True,
            kind=alert.kind,
            lat=alert.center.lat if alert.center else None,
            lon=alert.center.lon if alert.center else None,
            radius_m=alert.radius_m,
            municipality_id=alert.municipality_id,
            category_ids=list(alert.category_ids),
        )
    return values


@events.on(AreaAlertChanged, consumer="area-alerts")
async def learn_area_alert(envelope: Envelope[Any], uow: UnitOfWork, deps: NotificationDeps) -> None:
    """An alert created or deleted; an older change than the one stored is dropped."""
    data: AreaAlertChanged = envelope.data
    session = session_of(uow)
    if await ForgottenPersonDocument.get(data.user_id, session=session) is not None:
        return  # the account is gone: its alerts with it
    collection = AreaAlertDocument.get_pymongo_collection()
    values = alert_values(data, envelope.sequence)
    stored = await collection.find_one({"_id": data.alert_id}, {"sequence": 1}, session=session)
    if stored is None:
        try:
            await collection.insert_one({"_id": data.alert_id, **values}, session=session)
        except DuplicateKeyError:
            raise alert_changed(data.alert_id) from None
        return
    if stored["sequence"] >= envelope.sequence:
        return  # a newer change of this alert is already stored
    result = await collection.update_one(
        {"_id": data.alert_id, "sequence": stored["sequence"]}, {"$set": values}, session=session
    )
    if result.matched_count != 1:
        raise alert_changed(data.alert_id)


def alert_changed(alert_id: str) -> DomainError:
    """Another change of this alert was written meanwhile: this one is tried again (redelivery)."""
    return DomainError("conflict", "area_alert_changed", f"The area alert {alert_id} changed meanwhile.")

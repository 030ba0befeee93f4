"""Notification preferences and area alerts: profile settings of the signed-in person.

The auth service owns them; each change is published on CITYFIX_PRIVATE (NotificationPreferencesChanged,
AreaAlertChanged, keyed by the user id so AccountDeleted purges them) and the notification service keeps
its own copy. Alerts may only name municipalities and categories this service has learnt from events.
"""

from __future__ import annotations

import uuid
from typing import Any

from cityfix_contracts import DomainError, RpcContext
from cityfix_contracts.commands.auth import (
    MAX_AREA_ALERTS,
    AreaAlertList,
    CreateAreaAlert,
    DeleteAreaAlert,
    Done,
    GetNotificationPreferences,
    ListAreaAlerts,
    SetNotificationPreferences,
)
from cityfix_contracts.errors import not_found
from cityfix_contracts.events import (
    AreaAlert,
    AreaAlertChanged,
    NotificationPreferences,
    NotificationPreferencesChanged,
)
from services.common.uow import UnitOfWork

from .accounts import alert_view, record, session_of, signed_in_user
from .documents import AreaAlertDocument, CategoryDocument, MunicipalityDocument, UserDocument
from .handlers import AuthDeps, rpc


def preferences_of(user: UserDocument) -> NotificationPreferences:
    return NotificationPreferences.model_validate(user.notification_preferences or {})


def invalid(code: str, message: str, **details: Any) -> DomainError:
    return DomainError("invalid", code, message, details)


@rpc.handles(GetNotificationPreferences)
async def get_preferences(
    query: GetNotificationPreferences, ctx: RpcContext, deps: AuthDeps
) -> NotificationPreferences:
    """The signed-in person's notification preferences (the defaults until they change them)."""
    return preferences_of(await signed_in_user(ctx))


@rpc.handles(SetNotificationPreferences)
async def set_preferences(
    cmd: SetNotificationPreferences, ctx: RpcContext, deps: AuthDeps
) -> NotificationPreferences:
    """Replace the preferences; an event only when something changed."""
    chosen = NotificationPreferences.model_validate(
        cmd.model_dump(include=set(NotificationPreferences.model_fields))
    )
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        user = await signed_in_user(ctx, session_of(uow))
        if chosen != preferences_of(user):
            user.notification_preferences, user.updated_at = chosen.model_dump(), now
            record(uow, user, NotificationPreferencesChanged(user_id=user.id, preferences=chosen), ctx, now)
            await user.save(session=session_of(uow))
    return chosen


async def checked_area(cmd: CreateAreaAlert, uow: UnitOfWork) -> dict[str, Any]:
    """The alert's area and categories, refused with a reason a person can act on."""
    session = session_of(uow)
    area: dict[str, Any]
    if cmd.kind == "radius":
        if cmd.center is None or cmd.radius_m is None:
            raise invalid(
                "alert_area_incomplete",
                "A radius alert needs a centre point (center) and a radius in metres (radius_m).",
            )
        if cmd.municipality_id is not None:
            raise invalid(
                "alert_area_ambiguous",
                "A radius alert is a circle: leave out municipality_id, or use kind 'municipality'.",
            )
        area = {"center": cmd.center.model_dump(), "radius_m": cmd.radius_m}
    else:
        if cmd.municipality_id is None:
            raise invalid("alert_area_incomplete", "A municipality alert needs the municipality_id.")
        if cmd.center is not None or cmd.radius_m is not None:
            raise invalid(
                "alert_area_ambiguous",
                "A municipality alert covers the whole municipality: leave out center and radius_m.",
            )
        if await MunicipalityDocument.get(cmd.municipality_id, session=session) is None:
            raise invalid(
                "municipality_not_found",
                "CityFix serves no municipality with this id; choose one from the list of municipalities.",
                municipality_id=cmd.municipality_id,
            )
        area = {"municipality_id": cmd.municipality_id}
    categories = list(dict.fromkeys(cmd.category_ids))
    if categories:
        known = {
            doc.id: doc.municipality_id
            for doc in await CategoryDocument.find(
                {"_id": {"$in": categories}, "sequence": {"$gt": 0}}, session=session
            ).to_list()
        }
        unknown = [c for c in categories if c not in known]
        if unknown:
            raise invalid(
                "category_not_found",
                "Some of these categories do not exist; choose categories from the municipality's list.",
                category_ids=unknown,
            )
        elsewhere = [c for c in categories if cmd.municipality_id and known[c] != cmd.municipality_id]
        if elsewhere:
            raise invalid(
                "category_of_other_municipality",
                "Some of these categories belong to another municipality than the alert's.",
                category_ids=elsewhere,
            )
    return {**area, "category_ids": categories}


@rpc.handles(CreateAreaAlert)
async def create_alert(cmd: CreateAreaAlert, ctx: RpcContext, deps: AuthDeps) -> AreaAlert:
    """A new area alert for the signed-in person (at most MAX_AREA_ALERTS): 201 with the alert."""
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        user = await signed_in_user(ctx, session_of(uow))
        held = await AreaAlertDocument.find({"user_id": user.id}, session=session_of(uow)).count()
        if held >= MAX_AREA_ALERTS:
            raise DomainError(
                "conflict",
                "too_many_alerts",
                f"You already have {MAX_AREA_ALERTS} area alerts; delete one before adding another.",
                {"limit": MAX_AREA_ALERTS},
            )
        doc = AreaAlertDocument(
            id=str(uuid.uuid4()),
            user_id=user.id,
            name=" ".join(cmd.name.split()),
            kind=cmd.kind,
            created_at=now,
            **await checked_area(cmd, uow),
        )
        await doc.insert(session=session_of(uow))
        alert = alert_view(doc)
        record(
            uow,
            user,
            AreaAlertChanged(user_id=user.id, alert_id=doc.id, change="created", alert=alert),
            ctx,
            now,
        )
        await user.save(session=session_of(uow))
    return alert


@rpc.handles(ListAreaAlerts)
async def list_alerts(query: ListAreaAlerts, ctx: RpcContext, deps: AuthDeps) -> AreaAlertList:
    """The signed-in person's area alerts, oldest first (there are at most MAX_AREA_ALERTS)."""
    user = await signed_in_user(ctx)
    docs = await AreaAlertDocument.find({"user_id": user.id}).sort("+created_at").to_list()
    return AreaAlertList(data=tuple(alert_view(doc) for doc in docs))


@rpc.handles(DeleteAreaAlert)
async def delete_alert(cmd: DeleteAreaAlert, ctx: RpcContext, deps: AuthDeps) -> Done:
    """Delete one of one's own area alerts; someone else's reads as one that does not exist."""
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        user = await signed_in_user(ctx, session_of(uow))
        result = await AreaAlertDocument.get_pymongo_collection().delete_one(
            {"_id": cmd.alert_id, "user_id": user.id}, session=session_of(uow)
        )
        if result.deleted_count != 1:
            raise not_found("alert", cmd.alert_id)
        record(
            uow, user, AreaAlertChanged(user_id=user.id, alert_id=cmd.alert_id, change="deleted"), ctx, now
        )
        await user.save(session=session_of(uow))
    return Done()

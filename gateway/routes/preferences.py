"""The signed-in person's notification preferences and area alerts (auth service; the notification
service learns them from events)."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.auth import (
    AreaAlertBody,
    AreaAlertList,
    CreateAreaAlert,
    DeleteAreaAlert,
    GetNotificationPreferences,
    ListAreaAlerts,
    SetNotificationPreferences,
)
from cityfix_contracts.events import AreaAlert, NotificationPreferences

from ..deps import Ctx, CurrentUser, Rpc

router = APIRouter(prefix="/auth/me", tags=["auth"])


@router.get(
    "/notification-preferences",
    response_model=NotificationPreferences,
    operation_id="auth-get-notification-preferences",
)
async def get_preferences(user: CurrentUser, rpc: Rpc, ctx: Ctx) -> NotificationPreferences:
    """What you want by email (your in-app inbox always gets everything addressed to you)."""
    preferences: NotificationPreferences = await rpc.call(GetNotificationPreferences(), ctx)
    return preferences


@router.put(
    "/notification-preferences",
    response_model=NotificationPreferences,
    operation_id="auth-set-notification-preferences",
)
async def set_preferences(
    body: NotificationPreferences, user: CurrentUser, rpc: Rpc, ctx: Ctx
) -> NotificationPreferences:
    """Replace your preferences; a field you leave out takes its default."""
    preferences: NotificationPreferences = await rpc.call(
        SetNotificationPreferences(**body.model_dump()), ctx
    )
    return preferences


@router.get("/alerts", response_model=AreaAlertList, operation_id="auth-list-alerts")
async def list_alerts(user: CurrentUser, rpc: Rpc, ctx: Ctx) -> AreaAlertList:
    """Your area alerts, oldest first."""
    alerts: AreaAlertList = await rpc.call(ListAreaAlerts(), ctx)
    return alerts


@router.post(
    "/alerts",
    status_code=status.HTTP_201_CREATED,
    response_model=AreaAlert,
    operation_id="auth-create-alert",
    responses={
        409: {"model": ErrorResponse, "description": "`too_many_alerts`"},
        422: {
            "model": ErrorResponse,
            "description": "`alert_area_incomplete`, `alert_area_ambiguous`, `municipality_not_found`, "
            "`category_not_found`, `category_of_other_municipality`, or malformed fields",
        },
    },
)
async def create_alert(body: AreaAlertBody, user: CurrentUser, rpc: Rpc, ctx: Ctx) -> AreaAlert:
    """Be told about new reports in a circle around a point or in a whole municipality, optionally only
    of some categories."""
    alert: AreaAlert = await rpc.call(CreateAreaAlert(**body.model_dump()), ctx)
    return alert


@router.delete(
    "/alerts/{alert_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="auth-delete-alert",
    responses={404: {"model": ErrorResponse, "description": "`alert_not_found` (also someone else's)"}},
)
async def delete_alert(alert_id: str, user: CurrentUser, rpc: Rpc, ctx: Ctx) -> Response:
    """Delete one of your area alerts."""
    await rpc.call(DeleteAreaAlert(alert_id=alert_id), ctx)
    return Response(status_code=status.HTTP_204_NO_CONTENT)

"""Webhook endpoints for outside systems that are not on NATS (integrations service): a municipality's
managers, or admins, register an https URL with event filters; the integrations service delivers each
matching event signed the Standard Webhooks way, retries, records every attempt and can replay one.
The signing secret is answered on creation and rotation only. Another municipality's endpoint is 404.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, Response, status

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.webhooks import (
    WEBHOOK_CURSOR_PATTERN,
    CreateWebhookEndpoint,
    DeleteWebhookEndpoint,
    GetWebhookEndpoint,
    ListWebhookDeliveries,
    ListWebhookEndpoints,
    ReplayWebhookDelivery,
    RotateWebhookSecret,
    SendWebhookTest,
    UpdateWebhookEndpoint,
    WebhookDeliveryList,
    WebhookDeliveryStatus,
    WebhookDeliveryView,
    WebhookEndpointBody,
    WebhookEndpointCreated,
    WebhookEndpointList,
    WebhookEndpointPatch,
    WebhookEndpointView,
)

from ..deps import Ctx, Rpc, require_role

router = APIRouter(
    prefix="/webhooks",
    tags=["webhooks"],
    dependencies=[Depends(require_role("manager", "admin"))],
)

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "Not signed in"},
    403: {"model": ErrorResponse, "description": "Not a manager or admin"},
    503: {"model": ErrorResponse, "description": "The integrations service is not answering"},
}
NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": ErrorResponse, "description": "`webhook_endpoint_not_found` (also another municipality's)"}
}
EndpointId = Annotated[str, Path(min_length=1, max_length=100)]


@router.post(
    "",
    response_model=WebhookEndpointCreated,
    status_code=status.HTTP_201_CREATED,
    operation_id="webhooks-create-endpoint",
    responses={
        **ERRORS,
        404: {"model": ErrorResponse, "description": "`municipality_not_found`"},
        422: {
            "model": ErrorResponse,
            "description": "`destination_refused` (not https, or a non-public address outside development "
            "mode), `unknown_event_type`, `unknown_category`, `municipality_required` (admins)",
        },
    },
)
async def create_endpoint(body: WebhookEndpointBody, rpc: Rpc, ctx: Ctx) -> WebhookEndpointCreated:
    """Register an endpoint for your municipality (managers) or the one named (admins). Keep `secret`:
    it signs every delivery and is shown this once."""
    created: WebhookEndpointCreated = await rpc.call(CreateWebhookEndpoint(**body.model_dump()), ctx)
    return created


@router.get("", response_model=WebhookEndpointList, operation_id="webhooks-list-endpoints", responses=ERRORS)
async def list_endpoints(
    rpc: Rpc,
    ctx: Ctx,
    municipality_id: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(pattern=WEBHOOK_CURSOR_PATTERN)] = None,
) -> WebhookEndpointList:
    """Endpoints newest first, never with a secret: your municipality's (managers), any or one
    municipality's (admins)."""
    found: WebhookEndpointList = await rpc.call(
        ListWebhookEndpoints(municipality_id=municipality_id, limit=limit, cursor=cursor), ctx
    )
    return found


@router.get(
    "/{webhook_endpoint_id}",
    response_model=WebhookEndpointView,
    operation_id="webhooks-get-endpoint",
    responses={**ERRORS, **NOT_FOUND},
)
async def get_endpoint(webhook_endpoint_id: EndpointId, rpc: Rpc, ctx: Ctx) -> WebhookEndpointView:
    found: WebhookEndpointView = await rpc.call(
        GetWebhookEndpoint(webhook_endpoint_id=webhook_endpoint_id), ctx
    )
    return found


@router.patch(
    "/{webhook_endpoint_id}",
    response_model=WebhookEndpointView,
    operation_id="webhooks-update-endpoint",
    responses={
        **ERRORS,
        **NOT_FOUND,
        422: {"model": ErrorResponse, "description": "`destination_refused`, unknown filters"},
    },
)
async def update_endpoint(
    webhook_endpoint_id: EndpointId, body: WebhookEndpointPatch, rpc: Rpc, ctx: Ctx
) -> WebhookEndpointView:
    """Change the URL, description or filters; `enabled: true` turns a disabled endpoint back on."""
    changed: WebhookEndpointView = await rpc.call(
        UpdateWebhookEndpoint(webhook_endpoint_id=webhook_endpoint_id, **body.model_dump(exclude_unset=True)),
        ctx,
    )
    return changed


@router.delete(
    "/{webhook_endpoint_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    operation_id="webhooks-delete-endpoint",
    responses={**ERRORS, **NOT_FOUND},
)
async def delete_endpoint(webhook_endpoint_id: EndpointId, rpc: Rpc, ctx: Ctx) -> Response:
    """Remove the endpoint and its delivery records."""
    await rpc.call(DeleteWebhookEndpoint(webhook_endpoint_id=webhook_endpoint_id), ctx)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/{webhook_endpoint_id}/rotate-secret",
    response_model=WebhookEndpointCreated,
    operation_id="webhooks-rotate-secret",
    responses={**ERRORS, **NOT_FOUND},
)
async def rotate_secret(webhook_endpoint_id: EndpointId, rpc: Rpc, ctx: Ctx) -> WebhookEndpointCreated:
    """A new signing secret, shown this once; the old one stops signing at once."""
    rotated: WebhookEndpointCreated = await rpc.call(
        RotateWebhookSecret(webhook_endpoint_id=webhook_endpoint_id), ctx
    )
    return rotated


@router.get(
    "/{webhook_endpoint_id}/deliveries",
    response_model=WebhookDeliveryList,
    operation_id="webhooks-list-deliveries",
    responses={**ERRORS, **NOT_FOUND},
)
async def list_deliveries(
    webhook_endpoint_id: EndpointId,
    rpc: Rpc,
    ctx: Ctx,
    delivery_status: Annotated[WebhookDeliveryStatus | None, Query(alias="status")] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(pattern=WEBHOOK_CURSOR_PATTERN)] = None,
) -> WebhookDeliveryList:
    """The endpoint's deliveries newest first, each with every attempt (time, status or error,
    duration, the first kilobyte of the answer)."""
    found: WebhookDeliveryList = await rpc.call(
        ListWebhookDeliveries(
            webhook_endpoint_id=webhook_endpoint_id, status=delivery_status, limit=limit, cursor=cursor
        ),
        ctx,
    )
    return found


@router.post(
    "/{webhook_endpoint_id}/deliveries/{delivery_id}/replay",
    response_model=WebhookDeliveryView,
    status_code=status.HTTP_202_ACCEPTED,
    operation_id="webhooks-replay-delivery",
    responses={
        **ERRORS,
        404: {
            "model": ErrorResponse,
            "description": "`webhook_endpoint_not_found`, `webhook_delivery_not_found`",
        },
        409: {"model": ErrorResponse, "description": "`webhook_endpoint_disabled`: enable it first"},
    },
)
async def replay_delivery(
    webhook_endpoint_id: EndpointId,
    delivery_id: Annotated[str, Path(min_length=1, max_length=100)],
    rpc: Rpc,
    ctx: Ctx,
) -> WebhookDeliveryView:
    """Send a delivery again now, with the same `webhook-id` and a fresh round of retries."""
    replayed: WebhookDeliveryView = await rpc.call(
        ReplayWebhookDelivery(webhook_endpoint_id=webhook_endpoint_id, delivery_id=delivery_id), ctx
    )
    return replayed


@router.post(
    "/{webhook_endpoint_id}/test",
    response_model=WebhookDeliveryView,
    status_code=status.HTTP_202_ACCEPTED,
    operation_id="webhooks-send-test",
    responses={
        **ERRORS,
        **NOT_FOUND,
        409: {"model": ErrorResponse, "description": "`webhook_endpoint_disabled`: enable it first"},
    },
)
async def send_test(webhook_endpoint_id: EndpointId, rpc: Rpc, ctx: Ctx) -> WebhookDeliveryView:
    """Queue a signed ping (`{"type": "webhook.test", …}`) to check a receiver; see its outcome in the
    deliveries."""
    queued: WebhookDeliveryView = await rpc.call(
        SendWebhookTest(webhook_endpoint_id=webhook_endpoint_id), ctx
    )
    return queued

"""Webhook endpoints and their deliveries: the commands and queries managers (of their own municipality)
and admins send. Registered on the integrations service's `rpc`.

An endpoint of another municipality is answered as missing, like one that does not exist. The signing
secret is answered on creation and rotation only. A URL is checked when it is given (and again by the
sender before every attempt): outside development mode only https to public addresses.
"""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

from cityfix_contracts import DomainError, RpcContext
from cityfix_contracts.commands.webhooks import (
    WEBHOOK_TEST_EVENT,
    CreateWebhookEndpoint,
    DeleteWebhookEndpoint,
    GetWebhookEndpoint,
    ListWebhookDeliveries,
    ListWebhookEndpoints,
    ReplayWebhookDelivery,
    RotateWebhookSecret,
    SendWebhookTest,
    UpdateWebhookEndpoint,
    WebhookAttempt,
    WebhookDeliveryList,
    WebhookDeliveryView,
    WebhookEndpointCreated,
    WebhookEndpointList,
    WebhookEndpointView,
)
from cityfix_contracts.errors import not_found
from services.common.access import manages, require_role

from .documents import (
    CategoryDocument,
    MunicipalityDocument,
    WebhookDeliveryDocument,
    WebhookEndpointDocument,
)
from .domain import new_api_key_id
from .handlers import IntegrationsDeps, asked_by, managed_scope, newest_first, rpc
from .webhook_domain import check_event_types, new_signing_secret
from .webhook_sender import check_destination


def _aware(moment: datetime) -> datetime:
    """MongoDB hands times back without their zone; they are UTC."""
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def _maybe_aware(moment: datetime | None) -> datetime | None:
    return None if moment is None else _aware(moment)


def endpoint_view(doc: WebhookEndpointDocument) -> WebhookEndpointView:
    return WebhookEndpointView(
        id=doc.id,
        municipality_id=doc.municipality_id,
        url=doc.url,
        description=doc.description,
        event_types=tuple(doc.event_types),
        category_ids=tuple(doc.category_ids),
        enabled=doc.enabled,
        disabled_at=_maybe_aware(doc.disabled_at),
        disabled_reason=doc.disabled_reason,
        created_at=_aware(doc.created_at),
        created_by=doc.created_by,
        updated_at=_aware(doc.updated_at),
    )


def delivery_view(doc: WebhookDeliveryDocument) -> WebhookDeliveryView:
    return WebhookDeliveryView(
        id=doc.id,
        webhook_endpoint_id=doc.endpoint_id,
        webhook_id=doc.webhook_id,
        event_id=doc.event_id,
        event_type=doc.event_type,
        status=doc.status,
        attempts=tuple(
            WebhookAttempt.model_validate({**a, "attempted_at": _aware(a["attempted_at"])})
            for a in doc.attempts
        ),
        next_attempt_at=_maybe_aware(doc.next_attempt_at) if doc.status == "pending" else None,
        created_at=_aware(doc.created_at),
        delivered_at=_maybe_aware(doc.delivered_at),
    )


async def _endpoint(ctx: RpcContext, endpoint_id: str) -> WebhookEndpointDocument:
    require_role(ctx, "manager", "admin")
    doc = await WebhookEndpointDocument.get(endpoint_id)
    if doc is None or not manages(ctx, doc.municipality_id):
        raise DomainError(
            "not_found",
            "webhook_endpoint_not_found",
            f"No webhook endpoint with id {endpoint_id} exists in your municipality.",
            {"webhook_endpoint_id": endpoint_id},
        )
    return doc


async def _check_categories(municipality_id: str, category_ids: tuple[str, ...]) -> list[str]:
    wanted = sorted(set(category_ids))
    if not wanted:
        return []
    known = {
        c.id
        for c in await CategoryDocument.find(
            {"_id": {"$in": wanted}, "municipality_id": municipality_id, "sequence": {"$gt": 0}}
        ).to_list()
    }
    unknown = [c for c in wanted if c not in known]
    if unknown:
        raise DomainError(
            "invalid",
            "unknown_category",
            f"The municipality has no category {', '.join(unknown)}; use ids of its own categories.",
            {"unknown": unknown},
        )
    return wanted


@rpc.handles(CreateWebhookEndpoint)
async def create_webhook_endpoint(
    cmd: CreateWebhookEndpoint, ctx: RpcContext, deps: IntegrationsDeps
) -> WebhookEndpointCreated:
    """A new endpoint for one municipality; its signing secret is answered this once."""
    require_role(ctx, "manager", "admin")
    municipality_id = managed_scope(ctx, cmd.municipality_id, "webhooks")
    if municipality_id is None:
        raise DomainError(
            "invalid",
            "municipality_required",
            "Name the municipality whose events the endpoint receives (municipality_id).",
            {"fields": [{"field": "municipality_id", "problem": "required for admins"}]},
        )
    municipality = await MunicipalityDocument.get(municipality_id)
    if municipality is None or municipality.sequence == 0:
        raise not_found("municipality", municipality_id)
    event_types = check_event_types(cmd.event_types)
    category_ids = await _check_categories(municipality_id, cmd.category_ids)
    url = cmd.url.strip()
    await check_destination(url, development=deps.settings.env == "development", resolve=deps.resolve)
    now = deps.clock()
    secret = new_signing_secret()
    doc = WebhookEndpointDocument(
        id=new_api_key_id(),
        municipality_id=municipality_id,
        url=url,
        description=cmd.description.strip(),
        event_types=event_types,
        category_ids=category_ids,
        secret=secret,
        created_at=now,
        created_by=asked_by(ctx),
        updated_at=now,
    )
    await doc.insert()
    return WebhookEndpointCreated(endpoint=endpoint_view(doc), secret=secret)


@rpc.handles(ListWebhookEndpoints)
async def list_webhook_endpoints(
    query: ListWebhookEndpoints, ctx: RpcContext, deps: IntegrationsDeps
) -> WebhookEndpointList:
    """Endpoints newest first, never with a secret: a manager's municipality's, or (admins) any."""
    require_role(ctx, "manager", "admin")
    municipality_id = managed_scope(ctx, query.municipality_id, "webhooks")
    page, next_cursor = await newest_first(
        WebhookEndpointDocument, municipality_id, query.cursor, query.limit
    )
    return WebhookEndpointList(data=tuple(endpoint_view(doc) for doc in page), next_cursor=next_cursor)


@rpc.handles(GetWebhookEndpoint)
async def get_webhook_endpoint(
    query: GetWebhookEndpoint, ctx: RpcContext, deps: IntegrationsDeps
) -> WebhookEndpointView:
    return endpoint_view(await _endpoint(ctx, query.webhook_endpoint_id))


@rpc.handles(UpdateWebhookEndpoint)
async def update_webhook_endpoint(
    cmd: UpdateWebhookEndpoint, ctx: RpcContext, deps: IntegrationsDeps
) -> WebhookEndpointView:
    """Change the URL, description or filters, or turn the endpoint on or off. Turning it on again
    starts its count of failed deliveries afresh."""
    doc = await _endpoint(ctx, cmd.webhook_endpoint_id)
    change: dict[str, Any] = {}
    if cmd.url is not None:
        url = cmd.url.strip()
        await check_destination(url, development=deps.settings.env == "development", resolve=deps.resolve)
        change["url"] = url
    if cmd.description is not None:
        change["description"] = cmd.description.strip()
    if cmd.event_types is not None:
        change["event_types"] = check_event_types(cmd.event_types)
    if cmd.category_ids is not None:
        change["category_ids"] = await _check_categories(doc.municipality_id, cmd.category_ids)
    if cmd.enabled is not None and cmd.enabled != doc.enabled:
        change["enabled"] = cmd.enabled
        if cmd.enabled:
            change.update(disabled_at=None, disabled_reason=None, failed_deliveries=0)
        else:
            change.update(disabled_at=deps.clock(), disabled_reason="turned off by a manager")
    if change:
        change["updated_at"] = deps.clock()
        await WebhookEndpointDocument.get_pymongo_collection().update_one({"_id": doc.id}, {"$set": change})
        if change.get("enabled") is False:
            await WebhookDeliveryDocument.get_pymongo_collection().update_many(
                {"endpoint_id": doc.id, "status": "pending"},
                {"$set": {"status": "failed", "next_attempt_at": None}},
            )
    return endpoint_view(await _endpoint(ctx, doc.id))


@rpc.handles(DeleteWebhookEndpoint)
async def delete_webhook_endpoint(
    cmd: DeleteWebhookEndpoint, ctx: RpcContext, deps: IntegrationsDeps
) -> WebhookEndpointView:
    """Remove the endpoint and its deliveries (a sender holding one finds the endpoint gone)."""
    doc = await _endpoint(ctx, cmd.webhook_endpoint_id)
    await WebhookEndpointDocument.get_pymongo_collection().delete_one({"_id": doc.id})
    await WebhookDeliveryDocument.get_pymongo_collection().delete_many({"endpoint_id": doc.id})
    return endpoint_view(doc)


@rpc.handles(RotateWebhookSecret)
async def rotate_webhook_secret(
    cmd: RotateWebhookSecret, ctx: RpcContext, deps: IntegrationsDeps
) -> WebhookEndpointCreated:
    """A new signing secret from the next attempt on, answered this once."""
    doc = await _endpoint(ctx, cmd.webhook_endpoint_id)
    secret = new_signing_secret()
    await WebhookEndpointDocument.get_pymongo_collection().update_one(
        {"_id": doc.id}, {"$set": {"secret": secret, "updated_at": deps.clock()}}
    )
    return WebhookEndpointCreated(endpoint=endpoint_view(await _endpoint(ctx, doc.id)), secret=secret)


@rpc.handles(ListWebhookDeliveries)
async def list_webhook_deliveries(
    query: ListWebhookDeliveries, ctx: RpcContext, deps: IntegrationsDeps
) -> WebhookDeliveryList:
    """An endpoint's deliveries newest first, each with its attempts."""
    endpoint = await _endpoint(ctx, query.webhook_endpoint_id)
    filters: dict[str, Any] = {"endpoint_id": endpoint.id}
    if query.status is not None:
        filters["status"] = query.status
    if query.cursor is not None:
        filters["_id"] = {"$lt": query.cursor}
    docs = await WebhookDeliveryDocument.find(filters).sort("-_id").limit(query.limit + 1).to_list()
    page = docs[: query.limit]
    next_cursor = page[-1].id if len(docs) > query.limit else None
    return WebhookDeliveryList(data=tuple(delivery_view(doc) for doc in page), next_cursor=next_cursor)


def _enabled(endpoint: WebhookEndpointDocument) -> None:
    if not endpoint.enabled:
        raise DomainError(
            "conflict",
            "webhook_endpoint_disabled",
            "The endpoint is disabled; enable it (PATCH with enabled: true) once its receiver works.",
            {"webhook_endpoint_id": endpoint.id},
        )


@rpc.handles(ReplayWebhookDelivery)
async def replay_webhook_delivery(
    cmd: ReplayWebhookDelivery, ctx: RpcContext, deps: IntegrationsDeps
) -> WebhookDeliveryView:
    """Send it again now, with the same webhook-id, and a fresh round of retries."""
    endpoint = await _endpoint(ctx, cmd.webhook_endpoint_id)
    delivery = await WebhookDeliveryDocument.get(cmd.delivery_id)
    if delivery is None or delivery.endpoint_id != endpoint.id:
        raise DomainError(
            "not_found",
            "webhook_delivery_not_found",
            f"The endpoint has no delivery with id {cmd.delivery_id}.",
            {"delivery_id": cmd.delivery_id},
        )
    _enabled(endpoint)
    # A new lease id: a sender still holding the old round records nothing over this one.
    await WebhookDeliveryDocument.get_pymongo_collection().update_one(
        {"_id": delivery.id},
        {
            "$set": {
                "status": "pending",
                "tries": 0,
                "next_attempt_at": deps.clock(),
                "lease_id": uuid.uuid4().hex,
            }
        },
    )
    deps.wake_webhooks()
    replayed = await WebhookDeliveryDocument.get(delivery.id)
    assert replayed is not None
    return delivery_view(replayed)


@rpc.handles(SendWebhookTest)
async def send_webhook_test(
    cmd: SendWebhookTest, ctx: RpcContext, deps: IntegrationsDeps
) -> WebhookDeliveryView:
    """Queue a signed ping; its outcome shows in the endpoint's deliveries, and it never counts towards
    disabling the endpoint."""
    endpoint = await _endpoint(ctx, cmd.webhook_endpoint_id)
    _enabled(endpoint)
    now = deps.clock()
    webhook_id = f"test_{uuid.uuid4().hex}"
    payload = {
        "type": WEBHOOK_TEST_EVENT,
        "webhook_endpoint_id": endpoint.id,
        "municipality_id": endpoint.municipality_id,
        "sent_at": now.isoformat(),
    }
    delivery = WebhookDeliveryDocument(
        id=new_api_key_id(),
        endpoint_id=endpoint.id,
        municipality_id=endpoint.municipality_id,
        event_type=WEBHOOK_TEST_EVENT,
        webhook_id=webhook_id,
        payload=json.dumps(payload, separators=(",", ":")),
        next_attempt_at=now,
        counts_for_endpoint=False,
        created_at=now,
    )
    await delivery.insert()
    deps.wake_webhooks()
    return delivery_view(delivery)

"""Webhooks for outside systems that are not on NATS (integrations service).

A municipality's managers (or an admin, naming the municipality) register an endpoint: a URL and event
filters. The integrations service delivers every matching event of that municipality's public stream
(CITYFIX_EVENTS, never CITYFIX_PRIVATE) to it, signed the Standard Webhooks way: the body is the event's
envelope, `webhook-id` is the event's id (the same on every retry and replay), `webhook-timestamp` and
`webhook-signature` (HMAC-SHA256 with the endpoint's `whsec_…` secret) are fresh on each attempt.
Failed deliveries are retried with exponential backoff for about a day; every attempt is recorded and a
delivery can be replayed. An endpoint that keeps failing is disabled and its owner told
(WebhookEndpointDisabled); a PATCH with `enabled: true` turns it back on.

The secret is answered on creation and on rotation only, never in a list or a view. Another
municipality's endpoint is answered as missing (404). Outside development mode a URL must be https and
must not resolve to a loopback, private, link-local, multicast, reserved or unspecified address
(`destination_refused`, 422).
"""

from __future__ import annotations

from typing import Literal

from pydantic import AwareDatetime, Field

from ..envelope import Contract
from ..rpc import Request

WEBHOOK_CURSOR_PATTERN = r"^[0-9A-Za-z-]{1,64}$"
WEBHOOK_TEST_EVENT = "webhook.test"
"""The `event_type` of a delivery sent by SendWebhookTest: its body is a ping, not an envelope."""

WebhookDeliveryStatus = Literal["pending", "delivered", "failed"]
WebhookAttemptOutcome = Literal["delivered", "failed", "refused"]

# ----- endpoints -------------------------------------------------------------------------------------------


class WebhookEndpointView(Contract):
    """A webhook endpoint, without its secret."""

    id: str
    municipality_id: str = Field(description="The only municipality whose events it receives")
    url: str
    description: str = Field(description="What the endpoint is for, e.g. the city's work-order system")
    event_types: tuple[str, ...] = Field(description="Event types it receives; empty: every event")
    category_ids: tuple[str, ...] = Field(
        description="Only events of tickets (or categories) in these categories; empty: any"
    )
    enabled: bool
    disabled_at: AwareDatetime | None = None
    disabled_reason: str | None = Field(
        default=None, description="Why CityFix stopped delivering to it (after sustained failure)"
    )
    created_at: AwareDatetime
    created_by: str = Field(description="User id of the manager or admin who registered it (its owner)")
    updated_at: AwareDatetime


class WebhookEndpointCreated(Contract):
    endpoint: WebhookEndpointView
    secret: str = Field(
        description="The signing secret (`whsec_…`), shown on creation and rotation only; verify "
        "`webhook-signature` with it"
    )


class WebhookEndpointList(Contract):
    data: tuple[WebhookEndpointView, ...]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page")


class WebhookEndpointBody(Contract):
    """A new endpoint: a manager's is for their municipality (leave `municipality_id` out); an admin
    names the municipality."""

    url: str = Field(min_length=1, max_length=2000, examples=["https://works.example.org/cityfix"])
    description: str = Field(default="", max_length=200)
    event_types: tuple[str, ...] = Field(
        default=(), max_length=100, description="Event types to receive, e.g. TicketCreated; empty: all"
    )
    category_ids: tuple[str, ...] = Field(
        default=(), max_length=100, description="Only events of tickets in these categories; empty: any"
    )
    municipality_id: str | None = Field(default=None, max_length=100)


class WebhookEndpointPatch(Contract):
    """Change an endpoint: only the fields given change. `enabled: true` turns a disabled one back on."""

    url: str | None = Field(default=None, min_length=1, max_length=2000)
    description: str | None = Field(default=None, max_length=200)
    event_types: tuple[str, ...] | None = Field(default=None, max_length=100)
    category_ids: tuple[str, ...] | None = Field(default=None, max_length=100)
    enabled: bool | None = None


class CreateWebhookEndpoint(WebhookEndpointBody, Request):
    service = "integrations"
    reply_model = WebhookEndpointCreated


class ListWebhookEndpoints(Request):
    """A municipality's endpoints (a manager: their own; an admin: any, or all without
    `municipality_id`), newest first."""

    service = "integrations"
    reply_model = WebhookEndpointList

    municipality_id: str | None = Field(default=None, max_length=100)
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, pattern=WEBHOOK_CURSOR_PATTERN)


class GetWebhookEndpoint(Request):
    service = "integrations"
    reply_model = WebhookEndpointView

    webhook_endpoint_id: str = Field(min_length=1, max_length=100)


class UpdateWebhookEndpoint(WebhookEndpointPatch, Request):
    service = "integrations"
    reply_model = WebhookEndpointView

    webhook_endpoint_id: str = Field(min_length=1, max_length=100)


class DeleteWebhookEndpoint(Request):
    """Remove an endpoint and its delivery records; nothing more is sent to it."""

    service = "integrations"
    reply_model = WebhookEndpointView

    webhook_endpoint_id: str = Field(min_length=1, max_length=100)


class RotateWebhookSecret(Request):
    """A new signing secret, used from the next attempt on; the old one stops working at once."""

    service = "integrations"
    reply_model = WebhookEndpointCreated

    webhook_endpoint_id: str = Field(min_length=1, max_length=100)


# ----- deliveries ------------------------------------------------------------------------------------------


class WebhookAttempt(Contract):
    """One try to deliver: what the receiver answered, or why nothing was sent."""

    attempted_at: AwareDatetime
    outcome: WebhookAttemptOutcome = Field(
        description="delivered (2xx), failed (another status, a timeout, no connection) or refused "
        "(the destination resolved to an address CityFix does not send to)"
    )
    status_code: int | None = Field(default=None, description="The receiver's HTTP status, if it answered")
    error: str | None = None
    duration_ms: float = Field(ge=0)
    response_excerpt: str = Field(default="", description="The first kilobyte of the receiver's answer")


class WebhookDeliveryView(Contract):
    """One event (or test ping) for one endpoint, with every attempt to deliver it."""

    id: str
    webhook_endpoint_id: str
    webhook_id: str = Field(description="The `webhook-id` header: the same on every retry and replay")
    event_id: str | None = Field(default=None, description="The event delivered; null for a test ping")
    event_type: str
    status: WebhookDeliveryStatus
    attempts: tuple[WebhookAttempt, ...] = Field(description="Oldest first (the last 50)")
    next_attempt_at: AwareDatetime | None = Field(default=None, description="While pending")
    created_at: AwareDatetime
    delivered_at: AwareDatetime | None = None


class WebhookDeliveryList(Contract):
    data: tuple[WebhookDeliveryView, ...]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page")


class ListWebhookDeliveries(Request):
    """An endpoint's deliveries, newest first, optionally only those of one status."""

    service = "integrations"
    reply_model = WebhookDeliveryList

    webhook_endpoint_id: str = Field(min_length=1, max_length=100)
    status: WebhookDeliveryStatus | None = None
    limit: int = Field(default=20, ge=1, le=100)
    cursor: str | None = Field(default=None, pattern=WEBHOOK_CURSOR_PATTERN)


class ReplayWebhookDelivery(Request):
    """Send a delivery again (same `webhook-id`, fresh timestamp and signature), with a fresh round of
    retries; the endpoint must be enabled."""

    service = "integrations"
    reply_model = WebhookDeliveryView

    webhook_endpoint_id: str = Field(min_length=1, max_length=100)
    delivery_id: str = Field(min_length=1, max_length=100)


class SendWebhookTest(Request):
    """Queue a signed ping (`event_type` webhook.test) to an enabled endpoint, to check a receiver."""

    service = "integrations"
    reply_model = WebhookDeliveryView

    webhook_endpoint_id: str = Field(min_length=1, max_length=100)

"""Events of webhook endpoints, emitted by the integrations service (aggregate `webhook_endpoint`,
`aggregate_id` = the endpoint's id), under the endpoint's municipality:
`cityfix.events.<municipality_id>.webhook_endpoint.disabled`.

They name the endpoint and its owner by id only: never its URL (which may hold the receiver's own
credentials) and never its signing secret.
"""

from __future__ import annotations

from pydantic import Field

from ..envelope import DomainEvent


class WebhookEndpointDisabled(DomainEvent):
    """An endpoint failed for so long that CityFix stopped delivering to it; its owner is told, and a
    manager re-enables it once the receiver works again (its failed deliveries can then be replayed)."""

    aggregate = "webhook_endpoint"
    webhook_endpoint_id: str
    municipality_id: str
    owner_id: str = Field(description="User id of the manager or admin who registered the endpoint")
    description: str = Field(description="What the endpoint is for, as its owner named it")
    failed_deliveries: int = Field(ge=1, description="Deliveries in a row that failed after every retry")
    reason: str = Field(description="The last attempt's error, e.g. `HTTP 500` or a connection error")

"""How the integrations service stores its state (Beanie documents).

`ApiKeyDocument` is a key for an outside system: only the SHA-256 of its secret is kept (the secret is
random and long, so a fast hash is enough), unique so a secret names one key. The rest are this
service's projections, learnt from events only (DESIGN §1): municipalities (the slug is Open311's
`jurisdiction_id`), categories (Open311's services, their questions its attributes), tickets (the
public fields Open311 shows, never the reporter) and their status changes (FixMyStreet's updates, one
document per event). Each projected field remembers the sequence of the event that set it, so duplicated
and shuffled events leave the same state (DESIGN §3.4).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beanie import Document
from pydantic import Field
from pymongo import IndexModel


class ApiKeyDocument(Document):
    id: str  # type: ignore[assignment]  # sorts as the keys were created (domain.new_api_key_id)
    name: str
    municipality_id: str
    prefix: str
    secret_hash: str
    created_at: datetime
    created_by: str
    last_used_at: datetime | None = None
    revoked_at: datetime | None = None

    class Settings:
        name = "api_keys"
        indexes = [
            IndexModel([("secret_hash", 1)], unique=True),
            IndexModel([("municipality_id", 1), ("_id", -1)]),
        ]


class MunicipalityDocument(Document):
    id: str  # type: ignore[assignment]  # the municipality's id
    slug: str = ""
    name: str = ""
    active: bool = True
    sequence: int = 0  # of the details event this state comes from

    class Settings:
        name = "municipalities"
        indexes = [IndexModel([("slug", 1)])]


class CategoryDocument(Document):
    id: str  # type: ignore[assignment]  # the category's id
    municipality_id: str = ""
    code: str = ""
    name: str = ""
    group: str = ""
    description: str = ""
    keywords: list[str] = Field(default_factory=list)
    active: bool = False
    questions: list[dict[str, Any]] = Field(default_factory=list)
    sequence: int = 0

    class Settings:
        name = "categories"
        indexes = [IndexModel([("municipality_id", 1), ("code", 1)])]


class TicketDocument(Document):
    """A ticket as Open311 shows it. Fields stay None until an event sets them; `seq` holds, per group of
    fields, the sequence of the event that last set it."""

    id: str  # type: ignore[assignment]  # the ticket's id (also the token POST requests answers)
    municipality_id: str | None = None
    reference: str | None = None
    category_id: str | None = None
    status: str | None = None
    status_notes: str | None = None
    description: str | None = None
    lat: float | None = None
    long: float | None = None
    address: str | None = None
    resolved_address: str | None = None  # from geo's AddressResolved, shown when no address was given
    hidden: bool = False
    requested_datetime: datetime | None = None
    updated_datetime: datetime | None = None
    expected_datetime: datetime | None = None
    seq: dict[str, int] = Field(default_factory=dict)

    class Settings:
        name = "tickets"
        indexes = [
            IndexModel([("municipality_id", 1), ("requested_datetime", -1)]),
            IndexModel([("municipality_id", 1), ("reference", 1)]),
        ]


class TicketUpdateDocument(Document):
    """A status change of a ticket (FixMyStreet's request update): one per StatusChanged event."""

    id: str  # type: ignore[assignment]  # the event's id
    ticket_id: str
    status: str
    note: str | None = None
    updated_datetime: datetime

    class Settings:
        name = "ticket_updates"
        indexes = [IndexModel([("updated_datetime", 1)]), IndexModel([("ticket_id", 1)])]


class NatsUserDocument(Document):
    """A subscriber user of nats-server (`cityfix integrations nats-user`): only the SHA-256 of its random
    password is kept here; nats-server's configuration holds the password itself."""

    id: str  # type: ignore[assignment]  # the NATS user name
    municipality_id: str
    password_hash: str
    issued_at: datetime
    issued_by: str

    class Settings:
        name = "nats_users"


class WebhookEndpointDocument(Document):
    """An outside system's HTTPS receiver. `secret` is the signing key (`whsec_…`): kept so this service can
    sign, never put in an event or a list. `failed_deliveries` counts deliveries in a row that failed after
    every retry; `sequence` numbers the endpoint's events."""

    id: str  # type: ignore[assignment]  # sorts as endpoints were created (domain.new_api_key_id)
    municipality_id: str
    url: str
    description: str = ""
    event_types: list[str] = Field(default_factory=list)
    category_ids: list[str] = Field(default_factory=list)
    secret: str
    enabled: bool = True
    disabled_at: datetime | None = None
    disabled_reason: str | None = None
    failed_deliveries: int = 0
    sequence: int = 0
    created_at: datetime
    created_by: str
    updated_at: datetime

    class Settings:
        name = "webhook_endpoints"
        indexes = [IndexModel([("municipality_id", 1), ("_id", -1)])]


class WebhookDeliveryDocument(Document):
    """One event (or test ping) for one endpoint: unique by (endpoint, webhook id), the webhook id being
    the event's id, so a redelivered event is queued once. `payload` is the body exactly as signed; `tries` counts attempts of the current round
    (a replay starts a new one); a sender takes a due delivery by moving `next_attempt_at` ahead under a
    fresh `lease_id`."""

    id: str  # type: ignore[assignment]  # sorts as deliveries were queued
    endpoint_id: str
    municipality_id: str
    event_id: str | None = None
    event_type: str
    webhook_id: str
    payload: str
    status: str = "pending"  # pending | delivered | failed
    tries: int = 0
    attempts: list[dict[str, Any]] = Field(default_factory=list)
    next_attempt_at: datetime | None = None
    lease_id: str | None = None
    counts_for_endpoint: bool = True  # a test ping's failure does not count towards disabling
    created_at: datetime
    delivered_at: datetime | None = None

    class Settings:
        name = "webhook_deliveries"
        indexes = [
            IndexModel([("endpoint_id", 1), ("webhook_id", 1)], unique=True),
            IndexModel([("endpoint_id", 1), ("_id", -1)]),
            IndexModel([("status", 1), ("next_attempt_at", 1)]),
        ]


DOCUMENTS: list[type[Document]] = [
    ApiKeyDocument,
    MunicipalityDocument,
    CategoryDocument,
    TicketDocument,
    TicketUpdateDocument,
    NatsUserDocument,
    WebhookEndpointDocument,
    WebhookDeliveryDocument,
]

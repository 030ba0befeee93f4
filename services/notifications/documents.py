"""How the notifications service stores its state (Beanie documents).

`DeliveryDocument` is one message to one recipient on one channel, identified by the event that caused
it: the unique key (event_id, recipient, channel) is what makes a notification exactly-once (DESIGN §3).
Emails are queued here by the consumers and sent by the mail sender (sender.py) outside any unit of work.
`ForgottenPersonDocument` remembers, by id only, who deleted their account, so an account email event
that arrives after AccountDeleted is never queued.

Ticket notifications: `NotificationDocument` is one entry in one person's inbox, unique by (event_id,
recipient, channel) like a delivery; an email about it is a `DeliveryDocument` naming it, rendered only
when it is sent (in the language and to the address the person has then). `TicketStateDocument` and
`PersonDocument` are this service's projections: what it knows of each ticket (and the events of it
that wait for a predecessor), and of each person (role and municipality from the public account events,
contact details from the private ones).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from cityfix_contracts import utc_now
from cityfix_contracts.events.notifications import NotificationKind, NotificationReason

from .domain import AccountMailKind, Channel, DeliveryStatus, DigestKind, OperationsMailKind


class DeliveryDocument(Document):
    id: str  # type: ignore[assignment]
    event_id: str
    recipient: str  # the user's id, never their address: the key outlives the personal data
    channel: Channel = "email"
    kind: AccountMailKind | NotificationKind | DigestKind | OperationsMailKind
    status: DeliveryStatus = "pending"
    notification_id: str | None = None  # a ticket notification's email: rendered from it when sent
    # Personal data and secrets (the link's token) live only while they are needed: the bodies go once the
    # mail is sent or given up; the address and everything else about the person go on AccountDeleted.
    to_address: str | None = None
    subject: str | None = None
    text: str | None = None
    html: str | None = None
    headers: list[list[str]] | None = None  # a queued mail's own headers (List-Unsubscribe), as pairs
    expires_at: datetime | None = None  # the link's; an expired mail is not sent
    attempts: int = 0
    next_attempt_at: datetime = Field(default_factory=utc_now)
    lease_id: str | None = None  # which try holds the mail while it is being sent
    last_error: str | None = None
    created_at: datetime = Field(default_factory=utc_now)
    sent_at: datetime | None = None

    class Settings:
        name = "deliveries"
        indexes = [
            IndexModel([("event_id", 1), ("recipient", 1), ("channel", 1)], unique=True),
            IndexModel([("status", 1), ("next_attempt_at", 1)]),
            IndexModel([("recipient", 1)]),
        ]


class ForgottenPersonDocument(Document):
    id: str  # type: ignore[assignment]  # the deleted user's id
    forgotten_at: datetime = Field(default_factory=utc_now)

    class Settings:
        name = "forgotten_people"


class NotificationDocument(Document):
    """One notification in its recipient's inbox (the fields of the Notification contract, and read_at)."""

    id: str  # type: ignore[assignment]  # sorts as things happened (ticket_events.notification_id)
    event_id: str
    recipient: str
    channel: Literal["inbox"] = "inbox"
    kind: NotificationKind
    reason: NotificationReason
    ticket_id: str
    reference: str
    municipality_id: str
    status: str
    previous_status: str | None = None
    operator_name: str | None = None
    rating: int | None = None
    visibility: Literal["public", "internal"] | None = None
    excerpt: str | None = None
    created_at: datetime  # when it happened, to the millisecond (what MongoDB keeps)
    read_at: datetime | None = None

    class Settings:
        name = "notifications"
        indexes = [
            IndexModel([("event_id", 1), ("recipient", 1), ("channel", 1)], unique=True),
            IndexModel([("recipient", 1), ("_id", -1)]),
            IndexModel([("recipient", 1), ("read_at", 1)]),
        ]


class TicketStateDocument(Document):
    """A stored `ticket_facts.TicketFacts`, with the sequence it is up to and the events waiting for a
    predecessor (their envelopes as JSON, by sequence)."""

    id: str  # type: ignore[assignment]  # the ticket's id
    applied: int = 0  # the sequence of the last event applied: all before it are applied too
    reference: str | None = None
    municipality_id: str | None = None
    status: str | None = None
    reporter_id: str | None = None
    assignee_id: str | None = None
    followers: list[str] = Field(default_factory=list)
    waiting: dict[str, str] = Field(default_factory=dict)
    version: int = 0  # every write moves it on; a write that finds another version retries the event

    class Settings:
        name = "tickets"


class PersonDocument(Document):
    """A person as the auth service's events describe them. Each part changes only with an event newer
    than the one it came from (public and private events are numbered apart), and a deletion is final."""

    id: str  # type: ignore[assignment]  # the user id
    role: str | None = None
    municipality_id: str | None = None
    role_sequence: int = 0
    active: bool = True
    active_sequence: int = 0
    email: str | None = None
    full_name: str | None = None
    locale: str = "en"
    email_verified: bool = False
    contact_sequence: int = 0
    preferences: dict[str, Any] | None = None  # NotificationPreferences as last published; None: defaults
    preferences_sequence: int = 0
    deleted: bool = False

    class Settings:
        name = "people"
        indexes = [IndexModel([("municipality_id", 1), ("role", 1)])]


class AreaAlertDocument(Document):
    """A person's area alert as the auth service's AreaAlertChanged describe it (area_alerts.py). A deleted
    alert stays as a tombstone (inactive, without its area) so that its older "created" arriving late
    cannot bring it back; `sequence` is the private-stream sequence of the change it comes from."""

    id: str  # type: ignore[assignment]  # the alert's id
    user_id: str
    sequence: int
    active: bool
    kind: Literal["radius", "municipality"] | None = None
    lat: float | None = None  # kind radius: the centre
    lon: float | None = None
    radius_m: int | None = None
    municipality_id: str | None = None  # kind municipality
    category_ids: list[str] = Field(default_factory=list)

    class Settings:
        name = "area_alerts"
        indexes = [
            IndexModel([("active", 1), ("kind", 1), ("municipality_id", 1)]),
            IndexModel([("active", 1), ("kind", 1), ("lat", 1)]),
            IndexModel([("user_id", 1)]),
        ]


DOCUMENTS: list[type[Document]] = [
    DeliveryDocument,
    ForgottenPersonDocument,
    NotificationDocument,
    TicketStateDocument,
    PersonDocument,
    AreaAlertDocument,
]

"""How the notifications service stores its state (Beanie documents).

`DeliveryDocument` is one message to one recipient on one channel, identified by the event that caused
it: the unique key (event_id, recipient, channel) is what makes a notification exactly-once (DESIGN §3).
Emails are queued here by the consumers and sent by the mail sender (sender.py) outside any unit of work.
`ForgottenPersonDocument` remembers, by id only, who deleted their account, so an account email event
that arrives after AccountDeleted is never queued.
"""

from __future__ import annotations

from datetime import datetime

from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from cityfix_contracts import utc_now

from .domain import AccountMailKind, Channel, DeliveryStatus


class DeliveryDocument(Document):
    id: str  # type: ignore[assignment]
    event_id: str
    recipient: str  # the user's id, never their address: the key outlives the personal data
    channel: Channel = "email"
    kind: AccountMailKind
    status: DeliveryStatus = "pending"
    # Personal data and secrets (the link's token) live only while they are needed: the bodies go once the
    # mail is sent or given up; the address and everything else about the person go on AccountDeleted.
    to_address: str | None = None
    subject: str
    text: str | None = None
    html: str | None = None
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


DOCUMENTS: list[type[Document]] = [DeliveryDocument, ForgottenPersonDocument]

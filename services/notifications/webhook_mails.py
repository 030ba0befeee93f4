"""Telling a webhook endpoint's owner that CityFix stopped delivering to it (WebhookEndpointDisabled).

The integrations service disables an endpoint after sustained failure and says so in an event; this
service decides to email the manager or admin who registered it, in their language, once per event
(unique by (event_id, recipient, channel), like every mail). The address comes from what this service
knows of the person (people.py): while it does not know it yet, the event is tried again later; a
deleted or deactivated owner is not written to.
"""

from __future__ import annotations

import html
import uuid
from dataclasses import dataclass
from typing import Any

from cityfix_contracts import Envelope
from cityfix_contracts.events.webhooks import WebhookEndpointDisabled
from services.common.uow import UnitOfWork

from .documents import DeliveryDocument, ForgottenPersonDocument, PersonDocument
from .domain import Language, Mail, language_of
from .handlers import NotificationDeps, session_of
from .subscribers import events


@dataclass(frozen=True)
class DisabledTemplate:
    subject: str
    greeting: str  # {name}
    what: str  # {description}, {endpoint_id}
    why: str  # {count}, {reason}
    next_steps: str
    signature: str


TEMPLATES: dict[Language, DisabledTemplate] = {
    "en": DisabledTemplate(
        subject="CityFix stopped sending events to your webhook",
        greeting="Hello {name},",
        what="the webhook endpoint “{description}” ({endpoint_id}) has been turned off.",
        why="{count} deliveries in a row failed after every retry. The last error: {reason}",
        next_steps="Once the receiving system works again, turn the endpoint back on (PATCH "
        "/api/v1/webhooks/{endpoint_id} with enabled: true) and replay the failed deliveries listed under "
        "/api/v1/webhooks/{endpoint_id}/deliveries?status=failed.",
        signature="Your CityFix team",
    ),
    "de": DisabledTemplate(
        subject="CityFix sendet keine Ereignisse mehr an Ihren Webhook",
        greeting="Hallo {name},",
        what="der Webhook-Endpunkt „{description}“ ({endpoint_id}) wurde abgeschaltet.",
        why="{count} Zustellungen hintereinander sind nach allen Wiederholungen gescheitert. Der letzte "
        "Fehler: {reason}",
        next_steps="Sobald das empfangende System wieder funktioniert, schalten Sie den Endpunkt wieder "
        "ein (PATCH /api/v1/webhooks/{endpoint_id} mit enabled: true) und senden die gescheiterten "
        "Zustellungen erneut (/api/v1/webhooks/{endpoint_id}/deliveries?status=failed).",
        signature="Ihr CityFix-Team",
    ),
}


def endpoint_disabled_mail(data: WebhookEndpointDisabled, *, full_name: str, locale: str) -> Mail:
    template = TEMPLATES[language_of(locale)]
    description = data.description or data.webhook_endpoint_id
    paragraphs = [
        template.greeting.format(name=full_name),
        template.what.format(description=description, endpoint_id=data.webhook_endpoint_id),
        template.why.format(count=data.failed_deliveries, reason=data.reason),
        template.next_steps.format(endpoint_id=data.webhook_endpoint_id),
    ]
    text = "\n\n".join([*paragraphs, f"-- \n{template.signature}"]) + "\n"
    body = "\n".join(
        [
            "<!doctype html>",
            '<html><body style="font-family: sans-serif; line-height: 1.5">',
            *(f"<p>{html.escape(p)}</p>" for p in [*paragraphs, template.signature]),
            "</body></html>",
        ]
    )
    return Mail(subject=template.subject, text=text, html=body + "\n")


class OwnerNotKnownYet(RuntimeError):
    """The owner's address has not reached this service yet: handle the event again later."""


@events.on(WebhookEndpointDisabled, consumer="webhook-endpoints")
async def tell_endpoint_owner(envelope: Envelope[Any], uow: UnitOfWork, deps: NotificationDeps) -> None:
    data: WebhookEndpointDisabled = envelope.data
    session = session_of(uow)
    if await ForgottenPersonDocument.get(data.owner_id, session=session) is not None:
        return
    owner = await PersonDocument.get(data.owner_id, session=session)
    if owner is not None and (owner.deleted or not owner.active):
        return
    if owner is None or owner.email is None or owner.full_name is None:
        raise OwnerNotKnownYet(f"the address of {data.owner_id} is not known here yet")
    mail = endpoint_disabled_mail(data, full_name=owner.full_name, locale=owner.locale)
    key = {"event_id": envelope.event_id, "recipient": data.owner_id, "channel": "email"}
    delivery = DeliveryDocument(
        id=str(uuid.uuid4()),
        **key,
        kind="webhook_endpoint_disabled",
        to_address=owner.email,
        subject=mail.subject,
        text=mail.text,
        html=mail.html,
    )
    queued = {"_id": delivery.id, **delivery.model_dump(exclude={"id", "revision_id", *key})}
    await DeliveryDocument.get_pymongo_collection().update_one(
        key, {"$setOnInsert": queued}, upsert=True, session=session
    )
    deps.wake_sender()

"""From events to webhook deliveries: one consumer of every public event (CITYFIX_EVENTS only — the
private stream is never delivered to anyone outside).

For each event it queues one delivery per enabled endpoint of the event's municipality whose filters
want it, unique by (endpoint, event id), so a redelivered event is queued once; the sender
(webhook_sender.py) sends them after the unit of work commits. The body is the event's envelope.
"""

from __future__ import annotations

from typing import Any

from cityfix_contracts import EVENT_TYPES, DomainEvent, Envelope, utc_now
from cityfix_contracts.envelope import envelope_json
from cityfix_contracts.subjects import PLATFORM
from services.common.uow import UnitOfWork

from .documents import TicketDocument, WebhookDeliveryDocument, WebhookEndpointDocument
from .domain import new_api_key_id
from .handlers import IntegrationsDeps
from .subscribers import _session, events
from .webhook_domain import wants

PUBLIC_EVENTS: tuple[type[DomainEvent], ...] = tuple(
    model for _, model in sorted(EVENT_TYPES.items()) if not model.private
)


class CategoryNotKnownYet(RuntimeError):
    """The ticket's category comes from an event this service has not projected yet: retry later."""


async def category_of(envelope: Envelope[Any]) -> str | None:
    """The category an event is about: named in it, or its ticket's; None for events of no category."""
    data = envelope.data
    if envelope.event_type == "TicketRecategorized":
        return str(data.to)
    named = getattr(data, "category_id", None)
    if isinstance(named, str):
        return named
    ticket_id = getattr(data, "ticket_id", None)
    if not isinstance(ticket_id, str):
        return None
    ticket = await TicketDocument.get(ticket_id)
    if ticket is None or ticket.category_id is None:
        raise CategoryNotKnownYet(f"the category of ticket {ticket_id} is not known here yet")
    return ticket.category_id


@events.on(*PUBLIC_EVENTS, consumer="webhooks")
async def queue_webhook_deliveries(envelope: Envelope[Any], uow: UnitOfWork, deps: IntegrationsDeps) -> None:
    if envelope.municipality_id == PLATFORM:
        return  # endpoints belong to a municipality; platform events concern none
    endpoints = await WebhookEndpointDocument.find(
        {"municipality_id": envelope.municipality_id, "enabled": True}
    ).to_list()
    endpoints = [e for e in endpoints if not e.event_types or envelope.event_type in e.event_types]
    if not endpoints:
        return
    category = await category_of(envelope) if any(e.category_ids for e in endpoints) else None
    matching = [e for e in endpoints if wants(e.event_types, e.category_ids, envelope.event_type, category)]
    payload = envelope_json(envelope).decode()
    session = _session(uow)
    deliveries = WebhookDeliveryDocument.get_pymongo_collection()
    now = utc_now()
    for endpoint in matching:
        key = {"endpoint_id": endpoint.id, "webhook_id": envelope.event_id}
        queued = WebhookDeliveryDocument(
            id=new_api_key_id(),
            **key,
            municipality_id=envelope.municipality_id,
            event_id=envelope.event_id,
            event_type=envelope.event_type,
            payload=payload,
            next_attempt_at=now,
            created_at=now,
        )
        await deliveries.update_one(
            key,
            {"$setOnInsert": {"_id": queued.id, **queued.model_dump(exclude={"id", "revision_id", *key})}},
            upsert=True,
            session=session,
        )
    if matching:
        deps.wake_webhooks()

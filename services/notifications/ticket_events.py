"""From what happens to tickets to notifications: every event of the ticket aggregate, in one consumer.

Each event is applied to what this service knows of its ticket strictly in `sequence` order (an early
arrival waits with the ticket until its predecessors are in, ticket_facts.py). Applying an event decides
who hears of it (rules.py; for a new report also area_alerts.py) and on which channels (preferences.py,
with the person's own preferences), and stores, in the same unit of work:
one inbox notification per recipient, unique by (event_id, recipient, channel), with a NotificationCreated
on the recipient's private subject for the live push; and a queued email where the channel says so,
unique by the same key, rendered and sent by the mail sender afterwards. A redelivered, duplicated or
reordered event therefore changes nothing twice.

The consumer takes every event type of the ticket aggregate that contracts define, also those no rule
speaks of: each one moves the ticket's sequence on, and a gap would hold up the ticket's later events.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from pymongo.errors import DuplicateKeyError

from cityfix_contracts import (
    EVENT_TYPES,
    DomainError,
    DomainEvent,
    Envelope,
    SystemActor,
    envelope_for,
    parse_envelope,
)
from cityfix_contracts.envelope import envelope_json
from cityfix_contracts.events import (
    CommentAdded,
    FeedbackSubmitted,
    NotificationPreferences,
    StatusChanged,
    TicketAssigned,
    TicketCreated,
    TicketReopened,
)
from cityfix_contracts.events.notifications import Notification, NotificationCreated
from services.common.uow import UnitOfWork

from .area_alerts import alert_owners
from .documents import (
    DeliveryDocument,
    ForgottenPersonDocument,
    NotificationDocument,
    PersonDocument,
    TicketStateDocument,
)
from .handlers import NotificationDeps, session_of
from .preferences import channels, preferences_from
from .rules import KINDS, Recipient, authors, concerns_managers, recipients, with_alert_owners
from .subscribers import events
from .ticket_facts import TicketFacts, advance, next_in_line

TICKET_EVENTS: tuple[type[DomainEvent], ...] = tuple(
    model for _, model in sorted(EVENT_TYPES.items()) if model.aggregate == "ticket"
)
NOTIFICATIONS = uuid.UUID("6f3c2a1e-9b7d-4e5f-8a2c-1d0e9f8b7a6c")  # namespace of notification ids
EXCERPT_LENGTH = 200
SYSTEM = SystemActor(system="notifications")
EPOCH = datetime(1970, 1, 1, tzinfo=UTC)


def to_the_millisecond(moment: datetime) -> datetime:
    """What MongoDB keeps of a time."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def notification_id(envelope: Envelope[Any], recipient: str) -> str:
    """The same for the same event and person, however often the event is handled; and in the order
    things happened, so the inbox sorts and pages by id: the time to the millisecond, then the event's
    sequence (one command's events share their time), then a digest of (event, person)."""
    milliseconds = (envelope.occurred_at - EPOCH) // timedelta(milliseconds=1)
    digest = uuid.uuid5(NOTIFICATIONS, f"{envelope.event_id}/{recipient}").hex[:16]
    return f"{milliseconds:013d}-{envelope.sequence:08d}-{digest}"


def excerpt(text: str | None) -> str | None:
    if not text:
        return None
    text = " ".join(text.split())
    return text if len(text) <= EXCERPT_LENGTH else text[: EXCERPT_LENGTH - 1].rstrip() + "…"


def notification_for(envelope: Envelope[Any], facts: TicketFacts, recipient: Recipient) -> Notification:
    """The notification telling `recipient` of `envelope`, with what its kind of event has to say."""
    data = envelope.data
    details: dict[str, Any] = {}
    if isinstance(data, StatusChanged):
        details = {"previous_status": data.from_, "excerpt": excerpt(data.note)}
    elif isinstance(data, TicketAssigned):
        details = {"operator_name": data.operator_name}
    elif isinstance(data, CommentAdded):
        details = {"visibility": data.visibility, "excerpt": excerpt(data.body)}
    elif isinstance(data, FeedbackSubmitted):
        details = {"rating": data.rating, "excerpt": excerpt(data.comment)}
    elif isinstance(data, TicketReopened):
        details = {"excerpt": excerpt(data.note)}
    return Notification(
        id=notification_id(envelope, recipient.user_id),
        kind=KINDS[envelope.event_type],
        reason=recipient.reason,
        ticket_id=facts.ticket_id,
        reference=facts.reference or "",
        municipality_id=facts.municipality_id or "",
        status=facts.status,
        created_at=to_the_millisecond(envelope.occurred_at),
        **details,
    )


async def managers_of(municipality_id: str | None, session: Any) -> list[str]:
    if municipality_id is None:
        return []
    found = PersonDocument.get_pymongo_collection().find(
        {"role": "manager", "municipality_id": municipality_id, "active": True, "deleted": {"$ne": True}},
        {"_id": 1},
        session=session,
    )
    return [person["_id"] async for person in found]


async def not_to_be_told(user_ids: list[str], session: Any) -> set[str]:
    """Who among these deleted their account (or is deactivated: no one alerts a blocked account)."""
    found = PersonDocument.get_pymongo_collection().find(
        {"_id": {"$in": user_ids}, "$or": [{"deleted": True}, {"active": False}]}, {"_id": 1}, session=session
    )
    return {person["_id"] async for person in found} | await forgotten_among(user_ids, session)


async def preferences_of(user_ids: list[str], session: Any) -> dict[str, NotificationPreferences]:
    """The preferences this service holds for these people (the defaults for whom it holds none)."""
    found = PersonDocument.get_pymongo_collection().find(
        {"_id": {"$in": user_ids}}, {"preferences": 1}, session=session
    )
    held = {person["_id"]: person.get("preferences") async for person in found}
    return {user_id: preferences_from(held.get(user_id)) for user_id in user_ids}


async def forgotten_among(user_ids: list[str], session: Any) -> set[str]:
    found = ForgottenPersonDocument.get_pymongo_collection().find(
        {"_id": {"$in": user_ids}}, {"_id": 1}, session=session
    )
    return {person["_id"] async for person in found}


async def notify(
    envelope: Envelope[Any], facts: TicketFacts, uow: UnitOfWork, deps: NotificationDeps
) -> None:
    """Store the notifications of one applied event, once per (event, recipient, channel)."""
    if envelope.event_type not in KINDS or facts.reference is None or facts.status is None:
        return
    session = session_of(uow)
    managers = await managers_of(facts.municipality_id, session) if concerns_managers(envelope.data) else []
    chosen = recipients(envelope.data, facts, managers, authors(envelope))
    if isinstance(envelope.data, TicketCreated):
        owners = await alert_owners(envelope.data, session)
        alerted = await not_to_be_told(owners, session) if owners else set()
        chosen = with_alert_owners(chosen, set(owners) - alerted, facts, authors(envelope))
    forgotten = await forgotten_among([r.user_id for r in chosen], session) if chosen else set()
    chosen_preferences = await preferences_of([r.user_id for r in chosen], session) if chosen else {}
    queued_mail = False
    for recipient in chosen:
        if recipient.user_id in forgotten:
            continue
        notification = notification_for(envelope, facts, recipient)
        if await store_in_inbox(envelope, recipient, notification, session):
            uow.emit(created_event(envelope, recipient, notification))
        if "email" in channels(notification.kind, notification.reason, chosen_preferences[recipient.user_id]):
            await queue_email(envelope, recipient, notification, session)
            queued_mail = True
    if queued_mail:
        deps.wake_sender()


async def store_in_inbox(
    envelope: Envelope[Any], recipient: Recipient, notification: Notification, session: Any
) -> bool:
    """Store the inbox entry unless this event already gave this person one; True if stored now."""
    key = {"event_id": envelope.event_id, "recipient": recipient.user_id, "channel": "inbox"}
    entry = {**notification.model_dump(exclude={"id"}), "read_at": None}
    result = await NotificationDocument.get_pymongo_collection().update_one(
        key, {"$setOnInsert": {"_id": notification.id, **entry}}, upsert=True, session=session
    )
    return result.upserted_id is not None


def created_event(
    envelope: Envelope[Any], recipient: Recipient, notification: Notification
) -> Envelope[NotificationCreated]:
    created = envelope_for(
        NotificationCreated(user_id=recipient.user_id, notification=notification),
        aggregate_id=notification.id,
        sequence=1,
        actor=SYSTEM,
        correlation_id=envelope.correlation_id,
        causation_id=envelope.event_id,
        municipality_id=envelope.municipality_id,
    )
    # Its id follows from the notification's, so even a second publish is dropped by JetStream.
    return created.model_copy(
        update={"event_id": str(uuid.uuid5(NOTIFICATIONS, f"{notification.id}/created"))}
    )


async def queue_email(
    envelope: Envelope[Any], recipient: Recipient, notification: Notification, session: Any
) -> None:
    key = {"event_id": envelope.event_id, "recipient": recipient.user_id, "channel": "email"}
    delivery = DeliveryDocument(
        id=str(uuid.uuid4()), **key, kind=notification.kind, notification_id=notification.id
    )
    queued = {"_id": delivery.id, **delivery.model_dump(exclude={"id", "revision_id", *key})}
    await DeliveryDocument.get_pymongo_collection().update_one(
        key, {"$setOnInsert": queued}, upsert=True, session=session
    )


def facts_of(state: TicketStateDocument) -> TicketFacts:
    return TicketFacts(
        ticket_id=state.id,
        reference=state.reference,
        municipality_id=state.municipality_id,
        status=state.status,
        reporter_id=state.reporter_id,
        assignee_id=state.assignee_id,
        followers=frozenset(state.followers),
    )


def ticket_changed(ticket_id: str) -> DomainError:
    """Another handler wrote this ticket's state meanwhile: the event is tried again (redelivery)."""
    return DomainError(
        "conflict", "ticket_state_changed", f"The state of ticket {ticket_id} changed meanwhile."
    )


@events.on(*TICKET_EVENTS, consumer="tickets")
async def follow_ticket(envelope: Envelope[Any], uow: UnitOfWork, deps: NotificationDeps) -> None:
    """Apply the ticket's events in order, notifying as each one is applied."""
    session = session_of(uow)
    ticket_id = envelope.aggregate_id
    stored = await TicketStateDocument.get(ticket_id, session=session)
    state = stored if stored is not None else TicketStateDocument(id=ticket_id)
    if envelope.sequence <= state.applied or str(envelope.sequence) in state.waiting:
        return  # a duplicate of an event already applied, or already waiting
    waiting = {int(sequence): raw for sequence, raw in state.waiting.items()}
    waiting[envelope.sequence] = envelope_json(envelope).decode()
    facts = facts_of(state)
    for sequence, raw in next_in_line(state.applied, waiting):
        event = envelope if sequence == envelope.sequence else parse_envelope(raw)
        facts = advance(facts, event.data)
        await notify(event, facts, uow, deps)
        del waiting[sequence]
        state.applied = sequence
    await save_state(state, facts, waiting, stored is not None, session)


async def save_state(
    state: TicketStateDocument, facts: TicketFacts, waiting: dict[int, str], existed: bool, session: Any
) -> None:
    """Write the ticket's new state if no one else wrote it since it was read."""
    values = {
        "applied": state.applied,
        "reference": facts.reference,
        "municipality_id": facts.municipality_id,
        "status": facts.status,
        "reporter_id": facts.reporter_id,
        "assignee_id": facts.assignee_id,
        "followers": sorted(facts.followers),
        "waiting": {str(sequence): raw for sequence, raw in sorted(waiting.items())},
        "version": state.version + 1,
    }
    collection = TicketStateDocument.get_pymongo_collection()
    if not existed:
        try:
            await collection.insert_one({"_id": state.id, **values}, session=session)
        except DuplicateKeyError:
            raise ticket_changed(state.id) from None
        return
    result = await collection.update_one(
        {"_id": state.id, "version": state.version}, {"$set": values}, session=session
    )
    if result.matched_count != 1:
        raise ticket_changed(state.id)

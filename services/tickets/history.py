"""The history of a ticket: every event a ticket records is also kept, in the unit of work that stores the
change, as a `TicketEventDocument` (the outbox forgets an event once it is published).

The timeline and the comments are read from it, so they can show nothing the ticket did not record and
miss nothing it did, in the order of the ticket's own `sequence`.
"""

from __future__ import annotations

from typing import Any

from pymongo.errors import DuplicateKeyError

from cityfix_contracts import DomainError, Envelope
from services.common.uow import UnitOfWork

from .documents import TicketEventDocument
from .store import MONGO_STORE, TicketStore


def history_document(envelope: Envelope[Any]) -> TicketEventDocument:
    """An event of a ticket as its history keeps it: the envelope's facts and the data as published."""
    return TicketEventDocument(
        id=envelope.event_id,
        ticket_id=envelope.aggregate_id,
        municipality_id=envelope.municipality_id,
        sequence=envelope.sequence,
        event_type=envelope.event_type,
        occurred_at=envelope.occurred_at,
        actor=envelope.actor.model_dump(mode="json"),
        data=envelope.data.model_dump(mode="json", by_alias=True),
    )


async def keep_history(uow: UnitOfWork, ticket_id: str, after: int, store: TicketStore = MONGO_STORE) -> None:
    """Store the events of `ticket_id` this unit of work emitted beyond sequence `after`."""
    kept = [
        history_document(envelope)
        for envelope in uow.events
        if envelope.aggregate_id == ticket_id and envelope.sequence > after
    ]
    if not kept:
        return
    try:
        await store.add_history(uow, kept)
    except DuplicateKeyError:
        # Another change took these places in the ticket's history first (possible only where the
        # database does not isolate transactions): refuse like a lost versioned update.
        raise DomainError(
            "conflict",
            "ticket_changed",
            "Someone else changed this ticket a moment ago; reload it and try again.",
            {"ticket_id": ticket_id},
        ) from None


def actor_fields(actor: dict[str, str]) -> tuple[str | None, str]:
    """(user id, role) of a stored envelope actor; the system acts under the role `system`."""
    if "system" in actor:
        return None, "system"
    return actor["user_id"], actor["role"]

"""Events the media service reacts to: handlers of (envelope, unit of work, dependencies).

A photo becomes public when a ticket references it: on TicketCreated (and on the StatusChanged that
resolved a ticket with "after" photos) the service marks each of the ticket's photos attached and emits PhotoAttached (under the ticket's municipality, naming the ticket; a transfer seen
before wins over the envelope's municipality, see moderation.py).
The tickets service already accepted only the reporter's own unattached photos; a photo attached
before (a redelivery) is left as it is, so the handler is idempotent beyond the inbox too.
"""

from __future__ import annotations

from typing import Any

from cityfix_contracts import Envelope, SystemActor, envelope_for, utc_now
from cityfix_contracts.events import PhotoAttached, StatusChanged, TicketCreated
from services.common.consumer import ConsumerRegistry
from services.common.logs import get_logger
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import PhotoDocument, PhotoTicketDocument

log = get_logger("cityfix.media")

events = ConsumerRegistry("media")

ACTOR = SystemActor(system="media")


@events.on(TicketCreated, consumer="ticket_photos")
async def attach_photos(envelope: Envelope[Any], uow: UnitOfWork, deps: Any) -> None:
    created: TicketCreated = envelope.data
    await attach(envelope, uow, created.ticket_id, created.photo_ids)


@events.on(StatusChanged, consumer="after_photos")
async def attach_after_photos(envelope: Envelope[Any], uow: UnitOfWork, deps: Any) -> None:
    """ "After" photos come with the StatusChanged that resolved the ticket."""
    changed: StatusChanged = envelope.data
    if changed.photo_ids:
        await attach(envelope, uow, changed.ticket_id, changed.photo_ids)


async def attach(
    envelope: Envelope[Any], uow: UnitOfWork, ticket_id: str, photo_ids: tuple[str, ...]
) -> None:
    """Mark each photo attached to the ticket and emit PhotoAttached, unless it already is."""
    session = uow.session if isinstance(uow, MongoUnitOfWork) else None
    for media_id in photo_ids:
        photo = await PhotoDocument.get(media_id, session=session)
        if photo is None:
            log.warning("ticket names an unknown photo", ticket_id=ticket_id, media_id=media_id)
            continue
        if photo.ticket_id is not None:
            if photo.ticket_id != ticket_id:
                log.warning(
                    "photo already attached elsewhere",
                    media_id=media_id,
                    ticket_id=ticket_id,
                    attached_to=photo.ticket_id,
                )
            continue
        now = utc_now()
        photo.ticket_id = ticket_id
        photo.municipality_id = await municipality_of(ticket_id, envelope, session)
        photo.attached_at = now
        photo.version += 1
        await photo.save(session=session)
        uow.emit(
            envelope_for(
                PhotoAttached(media_id=media_id, ticket_id=ticket_id),
                aggregate_id=media_id,
                sequence=photo.version,
                actor=ACTOR,
                correlation_id=envelope.correlation_id,
                causation_id=envelope.event_id,
                municipality_id=photo.municipality_id,
                occurred_at=now,
            )
        )


async def municipality_of(ticket_id: str, envelope: Envelope[Any], session: Any) -> str:
    """The ticket's municipality: the envelope's, unless a later transfer was seen first."""
    known = await PhotoTicketDocument.get(ticket_id, session=session)
    if known is not None and known.municipality_id and known.municipality_sequence > envelope.sequence:
        return known.municipality_id
    return envelope.municipality_id

"""Moderation of photos: hiding and redacting (issue 6), and following the moderation of tickets.

Managers of the municipality of the photo's ticket (and admins) moderate it, as they moderate tickets;
operators see hidden photos but do not hide or redact them. A photo no ticket holds yet has no
municipality to moderate it (409 to its uploader, 404 to others). Refusals never reveal a photo the asker
cannot see: 404 then, 403 only for a photo they see but may not moderate.

Hiding (PhotoHidden/PhotoUnhidden) flips a flag read by GetPhoto. Redacting renders, in a worker of the
processing pool (`processing.redact_stored`, which reads and writes the store itself, so the bytes never
pass through the service), a new photo and thumbnail from the stored original with the regions obscured,
stores them under their own content hash and points the public renditions at them (PhotoRedacted); the
original stays stored for the municipality's staff. Every change is a versioned update of the photo
with its event in one unit of work, so two moderations racing cannot both win (409 `photo_changed` for
the loser).

TicketHidden/TicketUnhidden and TicketTransferred keep `PhotoTicketDocument`: whether a ticket is hidden
and which municipality holds it, each the latest by the ticket's sequence, so the projection is
order-insensitive and holds for photos attached later too (attaching reads the municipality there).
"""

from __future__ import annotations

from typing import Any

from cityfix_contracts import DomainError, Envelope, RpcContext, envelope_for, utc_now
from cityfix_contracts.commands.media import ModeratePhoto, PhotoModeration, RedactPhoto
from cityfix_contracts.events import (
    PhotoHidden,
    PhotoRedacted,
    PhotoUnhidden,
    TicketHidden,
    TicketTransferred,
    TicketUnhidden,
)
from cityfix_contracts.events.media import MediaEvent, RedactionRegion
from cityfix_contracts.subjects import PLATFORM
from services.common.access import manages, require_user, user_id_of
from services.common.logs import get_logger
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import PhotoDocument, PhotoTicketDocument
from .handlers import MediaDeps, photo_not_found, rpc
from .processing import STORED_PHOTO_MISSING, redact_stored
from .redaction import check_regions
from .subscribers import events
from .visibility import sight

log = get_logger("cityfix.media")


def moderation_of(photo: PhotoDocument) -> PhotoModeration:
    return PhotoModeration(
        id=photo.id,
        ticket_id=photo.ticket_id or "",
        hidden=photo.hidden,
        redacted=photo.redacted_hash is not None,
        regions=tuple(RedactionRegion.model_validate(region) for region in photo.redaction),
        width=photo.width,
        height=photo.height,
    )


async def moderated_photo(media_id: str, ctx: RpcContext) -> PhotoDocument:
    """The photo, if the asker may moderate it."""
    require_user(ctx)
    photo = await PhotoDocument.get(media_id)
    if photo is None:
        raise photo_not_found(media_id)
    if photo.ticket_id is None:
        if user_id_of(ctx) != photo.owner_id:
            raise photo_not_found(media_id)
        raise DomainError(
            "conflict",
            "photo_not_attached",
            "This photo belongs to no report yet; it can be moderated once a ticket holds it.",
        )
    if not manages(ctx, photo.municipality_id):
        if not (await sight(photo, ctx)).visible:
            raise photo_not_found(media_id)
        raise DomainError(
            "forbidden", "forbidden", "Only managers of the photo's municipality may moderate it."
        )
    return photo


async def save_with(
    photo: PhotoDocument, changes: dict[str, Any], event: MediaEvent, ctx: RpcContext, deps: MediaDeps
) -> PhotoDocument:
    """Apply `changes` if the photo is still at the version read, with `event` as its next one."""
    read = photo.version
    async with deps.unit_of_work() as uow:
        session = uow.session if isinstance(uow, MongoUnitOfWork) else None
        result = await PhotoDocument.get_pymongo_collection().update_one(
            {"_id": photo.id, "version": read},
            {"$set": {**changes, "version": read + 1}},
            session=session,
        )
        if result.matched_count != 1:
            raise DomainError(
                "conflict",
                "photo_changed",
                "The photo was changed by someone else at the same time; please reload it and try again.",
            )
        uow.emit(
            envelope_for(
                event,
                aggregate_id=photo.id,
                sequence=read + 1,
                actor=require_user(ctx),
                correlation_id=ctx.correlation_id,
                municipality_id=photo.municipality_id or PLATFORM,
                occurred_at=utc_now(),
            )
        )
    for name, value in changes.items():
        setattr(photo, name, value)
    photo.version = read + 1
    return photo


@rpc.handles(ModeratePhoto)
async def moderate_photo(cmd: ModeratePhoto, ctx: RpcContext, deps: MediaDeps) -> PhotoModeration:
    """Hide a photo from the public or show it again (managers of its ticket's municipality)."""
    photo = await moderated_photo(cmd.media_id, ctx)
    if photo.hidden == cmd.hidden:
        return moderation_of(photo)
    assert photo.ticket_id is not None
    event: MediaEvent = (
        PhotoHidden(media_id=photo.id, ticket_id=photo.ticket_id)
        if cmd.hidden
        else PhotoUnhidden(media_id=photo.id, ticket_id=photo.ticket_id)
    )
    photo = await save_with(photo, {"hidden": cmd.hidden}, event, ctx, deps)
    log.info("photo moderated", media_id=photo.id, hidden=photo.hidden)
    return moderation_of(photo)


@rpc.handles(RedactPhoto, concurrency=2)
async def redact_photo(cmd: RedactPhoto, ctx: RpcContext, deps: MediaDeps) -> PhotoModeration:
    """Obscure rectangles of a photo for the public; the original stays for its municipality's staff."""
    photo = await moderated_photo(cmd.media_id, ctx)
    assert photo.ticket_id is not None
    check_regions(cmd.regions, photo.width, photo.height)
    # In a worker, as an upload is: reading the stored photo, redacting it, writing the new renditions.
    try:
        redacted = await deps.in_pool(
            redact_stored, deps.store_address, photo.object_name("original"), cmd.regions, deps.limits
        )
    except DomainError as error:
        if error.reply.code != STORED_PHOTO_MISSING:
            raise
        log.error("stored photo is missing", media_id=photo.id)
        raise photo_not_found(photo.id) from None
    changes: dict[str, Any] = {
        "redacted_hash": redacted.content_hash,
        "redacted_size": redacted.photo.bytes,
        "redacted_thumbnail_size": redacted.thumbnail.bytes,
        "redaction": [region.model_dump(mode="json") for region in cmd.regions],
    }
    event = PhotoRedacted(media_id=photo.id, ticket_id=photo.ticket_id, regions=cmd.regions)
    photo = await save_with(photo, changes, event, ctx, deps)
    log.info("photo redacted", media_id=photo.id, regions=len(cmd.regions))
    return moderation_of(photo)


@events.on(TicketHidden, TicketUnhidden, consumer="hidden_tickets")
async def follow_ticket_moderation(envelope: Envelope[Any], uow: UnitOfWork, deps: Any) -> None:
    """Keep whether a ticket is hidden, the latest state by the ticket's sequence."""
    session = uow.session if isinstance(uow, MongoUnitOfWork) else None
    known = await ticket_of(envelope.aggregate_id, session)
    if known.hidden_sequence >= envelope.sequence:
        return
    known.hidden = isinstance(envelope.data, TicketHidden)
    known.hidden_sequence = envelope.sequence
    await known.save(session=session)


@events.on(TicketTransferred, consumer="transferred_tickets")
async def follow_ticket_transfer(envelope: Envelope[Any], uow: UnitOfWork, deps: Any) -> None:
    """A transferred ticket's photos belong to the receiving municipality: its staff see and moderate
    them, and their events travel under it."""
    transferred: TicketTransferred = envelope.data
    session = uow.session if isinstance(uow, MongoUnitOfWork) else None
    known = await ticket_of(transferred.ticket_id, session)
    if known.municipality_sequence >= envelope.sequence:
        return
    known.municipality_id = transferred.municipality_id
    known.municipality_sequence = envelope.sequence
    await known.save(session=session)
    await PhotoDocument.get_pymongo_collection().update_many(
        {"ticket_id": transferred.ticket_id},
        {"$set": {"municipality_id": transferred.municipality_id}},
        session=session,
    )


async def ticket_of(ticket_id: str, session: Any) -> PhotoTicketDocument:
    return await PhotoTicketDocument.get(ticket_id, session=session) or PhotoTicketDocument(id=ticket_id)

"""Hidden photos on a ticket, learned from the media service's PhotoHidden and PhotoUnhidden: the public
view of a ticket leaves them out (DESIGN §5), its reporter's view leaves out hidden photos they did not
take (the "after" photos of its resolution), and its staff see which are hidden.

The latest event of each photo wins (by the photo's sequence, kept on its PhotoOwnerDocument), so
shuffled and duplicated deliveries end in the same state; the ticket's set changes with $addToSet and
$pull, beside (never over) the ticket's versioned updates.
"""

from __future__ import annotations

from typing import Any

from cityfix_contracts import Envelope
from cityfix_contracts.events import PhotoHidden, PhotoUnhidden
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import TicketDocument
from .photos import PhotoOwnerDocument
from .subscribers import events


@events.on(PhotoHidden, PhotoUnhidden, consumer="hidden_photos")
async def follow_photo_moderation(envelope: Envelope[Any], uow: UnitOfWork, deps: Any) -> None:
    data: PhotoHidden | PhotoUnhidden = envelope.data
    session = uow.session if isinstance(uow, MongoUnitOfWork) else None
    photos = PhotoOwnerDocument.get_pymongo_collection()
    known = await photos.find_one({"_id": data.media_id}, {"moderation_sequence": 1}, session=session)
    if known is not None and known.get("moderation_sequence", 0) >= envelope.sequence:
        return
    if known is not None:
        await photos.update_one(
            {"_id": data.media_id}, {"$set": {"moderation_sequence": envelope.sequence}}, session=session
        )
    change = "$addToSet" if isinstance(data, PhotoHidden) else "$pull"
    await TicketDocument.get_pymongo_collection().update_one(
        {"_id": data.ticket_id}, {change: {"hidden_photo_ids": data.media_id}}, session=session
    )

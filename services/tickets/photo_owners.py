"""The tickets service's projection of PhotoUploaded: who uploaded which photo (photos.py decides with it).

Each photo has one PhotoUploaded, so the projection is an insert-if-absent: redelivered, duplicated and
shuffled events leave the same state, and the ticket a report gave the photo is never overwritten.
"""

from __future__ import annotations

from typing import Any

from cityfix_contracts import Envelope
from cityfix_contracts.events import PhotoUploaded
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .photos import PhotoOwnerDocument
from .subscribers import events


@events.on(PhotoUploaded, consumer="photo_owners")
async def learn_photo_owner(envelope: Envelope[Any], uow: UnitOfWork, deps: Any) -> None:
    uploaded: PhotoUploaded = envelope.data
    session = uow.session if isinstance(uow, MongoUnitOfWork) else None
    await PhotoOwnerDocument.get_pymongo_collection().update_one(
        {"_id": uploaded.media_id},
        {
            "$setOnInsert": {
                "owner_id": uploaded.owner_id,
                "ticket_id": None,
                "uploaded_at": envelope.occurred_at,
            }
        },
        upsert=True,
        session=session,
    )

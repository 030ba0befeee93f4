"""Who sees a photo (DESIGN §5: tickets are public without hidden photos).

A photo is public once a ticket holds it, unless staff hid the photo or hid its ticket. Then only the
staff of the ticket's municipality (managers, operators; admins) and the uploader see it, and no shared
cache may keep it. Before a ticket holds it, a photo is its uploader's alone. The unredacted original of
a photo is for that municipality's staff only. Everyone else gets 404, so nothing leaks that it exists.
"""

from __future__ import annotations

from dataclasses import dataclass

from cityfix_contracts import RpcContext
from services.common.access import user_id_of, works_in

from .documents import PhotoDocument, PhotoTicketDocument


@dataclass(frozen=True)
class Sight:
    public: bool  # anyone sees it
    visible: bool  # this asker sees the public rendition
    staff: bool  # this asker is staff of the photo's municipality


async def ticket_hidden(ticket_id: str) -> bool:
    projection = await PhotoTicketDocument.get(ticket_id)
    return projection is not None and projection.hidden


async def sight(photo: PhotoDocument, ctx: RpcContext) -> Sight:
    attached = photo.ticket_id is not None
    staff = attached and works_in(ctx, photo.municipality_id)
    owner = user_id_of(ctx) == photo.owner_id
    public = photo.ticket_id is not None and not photo.hidden and not await ticket_hidden(photo.ticket_id)
    return Sight(public=public, visible=public or staff or owner, staff=staff)

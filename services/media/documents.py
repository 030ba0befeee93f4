"""How the media service stores its state (Beanie documents).

`PhotoDocument` is one upload: its owner, the ticket it joined (if any) and where its renditions are.
Renditions are named by the content hash of the upright pixels, so uploads of the same photo share
their stored bytes. The photo's EXIF position is not kept: it was suggested to the uploader once.
"""

from __future__ import annotations

from datetime import datetime

from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from cityfix_contracts import utc_now


class PhotoDocument(Document):
    id: str  # type: ignore[assignment]  # the media id
    owner_id: str = Field(description="User id of the uploader")
    content_hash: str = Field(description="SHA-256 of the upright pixels; names the stored renditions")
    content_type: str = "image/jpeg"
    width: int
    height: int
    size: int
    thumbnail_width: int
    thumbnail_height: int
    thumbnail_size: int
    ticket_id: str | None = Field(default=None, description="The ticket it joined; public from then on")
    municipality_id: str | None = Field(default=None, description="That ticket's municipality")
    created_at: datetime = Field(default_factory=utc_now)
    attached_at: datetime | None = None
    version: int = 1  # the sequence of the photo's last event
    hidden: bool = Field(
        default=False, description="Hidden by staff: their municipality's and the uploader's"
    )
    redacted_hash: str | None = Field(
        default=None, description="Content hash of the redacted renditions the public gets, if redacted"
    )
    redacted_size: int | None = None
    redacted_thumbnail_size: int | None = None
    redaction: list[dict[str, object]] = Field(default_factory=list, description="The obscured regions")

    class Settings:
        name = "photos"
        indexes = [
            IndexModel([("owner_id", 1), ("created_at", -1)]),
            IndexModel([("content_hash", 1)]),
            IndexModel([("ticket_id", 1)]),
        ]

    def object_name(self, rendition: str) -> str:
        """`original` is the unredacted photo; `photo` and `thumbnail` are what the public gets."""
        if rendition == "original":
            return rendition_object("photo", self.content_hash)
        return rendition_object(rendition, self.redacted_hash or self.content_hash)


class PhotoTicketDocument(Document):
    """What the media service knows of a ticket beyond its photos, from the tickets service's events:
    whether moderation hid it (TicketHidden/TicketUnhidden: its photos are not public while it is) and the
    municipality it moved to (TicketTransferred). Each keeps the sequence of the event that set it, so the
    newest wins whatever the arrival order, and photos attached later still follow it."""

    id: str  # type: ignore[assignment]  # the ticket id
    hidden: bool = False
    hidden_sequence: int = 0
    municipality_id: str | None = None
    municipality_sequence: int = 0

    class Settings:
        name = "photo_tickets"


def rendition_object(rendition: str, content_hash: str) -> str:
    folder = "thumbnails" if rendition == "thumbnail" else "photos"
    return f"{folder}/{content_hash}.jpg"


DOCUMENTS: list[type[Document]] = [PhotoDocument, PhotoTicketDocument]

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

    class Settings:
        name = "photos"
        indexes = [
            IndexModel([("owner_id", 1), ("created_at", -1)]),
            IndexModel([("content_hash", 1)]),
            IndexModel([("ticket_id", 1)]),
        ]

    def object_name(self, rendition: str) -> str:
        return rendition_object(rendition, self.content_hash)


def rendition_object(rendition: str, content_hash: str) -> str:
    folder = "thumbnails" if rendition == "thumbnail" else "photos"
    return f"{folder}/{content_hash}.jpg"


DOCUMENTS: list[type[Document]] = [PhotoDocument]

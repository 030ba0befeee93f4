"""Photos on a report: which uploads a reporter may attach, learned from the media service's events.

The tickets service never asks the media service (DESIGN §1): it keeps who uploaded which photo from
PhotoUploaded (photo_owners.py) and records here which ticket took it. CreateTicket accepts only the
reporter's own photos that no ticket has taken yet, at most five; each refusal is a 422 naming the photo.
Taking a photo is a conditional update (`ticket_id` still empty) inside the report's unit of work, so two
reports racing for one photo cannot both have it, without relying on transaction isolation.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from beanie import Document
from pydantic import Field
from pymongo import IndexModel

from cityfix_contracts import DomainError, utc_now

MAX_PHOTOS = 5


class PhotoOwnerDocument(Document):
    """One uploaded photo as the tickets service knows it: its uploader and the ticket that took it."""

    id: str  # type: ignore[assignment]  # the media id
    owner_id: str
    ticket_id: str | None = None
    uploaded_at: datetime = Field(default_factory=utc_now)
    moderation_sequence: int = 0  # of its last PhotoHidden/PhotoUnhidden (hidden_photos.py)

    class Settings:
        name = "photo_owners"
        indexes = [IndexModel([("owner_id", 1)])]


DOCUMENTS: list[type[Document]] = [PhotoOwnerDocument]


def _invalid(code: str, message: str, **details: Any) -> DomainError:
    return DomainError("invalid", code, message, details)


async def check_photos(photo_ids: tuple[str, ...], owner_id: str) -> None:
    """Refuse (422, naming the photo) what the reporter may not attach; the claim in the unit of work
    settles races."""
    if len(photo_ids) > MAX_PHOTOS:
        raise _invalid(
            "too_many_photos",
            f"A report can have at most {MAX_PHOTOS} photos; leave {len(photo_ids) - MAX_PHOTOS} out.",
            max_photos=MAX_PHOTOS,
            photo_ids=list(photo_ids),
        )
    seen: set[str] = set()
    for photo_id in photo_ids:
        if photo_id in seen:
            raise _invalid(
                "duplicate_photo", f"The photo {photo_id} is listed twice; name it once.", photo_id=photo_id
            )
        seen.add(photo_id)
        photo = await PhotoOwnerDocument.get(photo_id)
        if photo is None or photo.owner_id != owner_id:
            raise not_yours(photo_id)
        if photo.ticket_id is not None:
            raise taken(photo_id)


async def claim_photos(photo_ids: tuple[str, ...], owner_id: str, ticket_id: str, session: Any) -> None:
    """Give the photos to the ticket, each only if it is still the owner's and unattached."""
    collection = PhotoOwnerDocument.get_pymongo_collection()
    for photo_id in photo_ids:
        result = await collection.update_one(
            {"_id": photo_id, "owner_id": owner_id, "ticket_id": None},
            {"$set": {"ticket_id": ticket_id}},
            session=session,
        )
        if result.modified_count != 1:
            raise taken(photo_id)


def visible_photos(photo_ids: list[str], hidden: list[str]) -> tuple[str, ...]:
    """The photos not hidden by moderation, in their order."""
    return tuple(photo_id for photo_id in photo_ids if photo_id not in hidden)


def not_yours(photo_id: str) -> DomainError:
    return _invalid(
        "photo_not_available",
        f"The photo {photo_id} is not one you uploaded (or it is still being processed); upload it "
        "again or send the report without it.",
        photo_id=photo_id,
    )


def taken(photo_id: str) -> DomainError:
    return _invalid(
        "photo_already_attached",
        f"The photo {photo_id} already belongs to another report; upload it again for this one.",
        photo_id=photo_id,
    )

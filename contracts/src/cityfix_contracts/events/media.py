"""Events of the media service's `media` aggregate (aggregate_id = the photo's media id, DESIGN §2).

PhotoUploaded belongs to no municipality yet (`platform`); PhotoAttached travels under the municipality
of the ticket it joined and names that ticket in its data. Neither carries the photo's position: the
EXIF location is given once to the uploader and never published.
"""

from __future__ import annotations

from pydantic import Field

from ..envelope import DomainEvent


class MediaEvent(DomainEvent):
    aggregate = "media"
    media_id: str


class PhotoUploaded(MediaEvent):
    """A photo passed the upload checks and was stored; it is visible to its owner only until attached."""

    owner_id: str = Field(description="User id of the uploader; never a name or email")


class PhotoAttached(MediaEvent):
    """A photo joined a ticket (TicketCreated referenced it) and is public with it from now on."""

    ticket_id: str

"""Events of the media service's `media` aggregate (aggregate_id = the photo's media id, DESIGN §2).

PhotoUploaded belongs to no municipality yet (`platform`); PhotoAttached travels under the municipality
of the ticket it joined and names that ticket in its data. Neither carries the photo's position: the
EXIF location is given once to the uploader and never published. PhotoHidden, PhotoUnhidden and
PhotoRedacted (moderation by staff) travel under the municipality of the photo's ticket.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..envelope import Contract, DomainEvent


class MediaEvent(DomainEvent):
    aggregate = "media"
    media_id: str


class PhotoUploaded(MediaEvent):
    """A photo passed the upload checks and was stored; it is visible to its owner only until attached."""

    owner_id: str = Field(description="User id of the uploader; never a name or email")


class PhotoAttached(MediaEvent):
    """A photo joined a ticket (TicketCreated referenced it) and is public with it from now on."""

    ticket_id: str


RedactionStyle = Literal["blur", "black"]


class RedactionRegion(Contract):
    """A rectangle of the photo to obscure, in the served photo's pixel coordinates (origin top left)."""

    x: int = Field(ge=0, description="Left edge, px")
    y: int = Field(ge=0, description="Top edge, px")
    width: int = Field(ge=1, description="Width, px")
    height: int = Field(ge=1, description="Height, px")
    style: RedactionStyle = Field(default="blur", description="`blur` (strongly) or `black` (filled)")


class PhotoHidden(MediaEvent):
    """Staff of the ticket's municipality hid the photo: from now on only that municipality's staff and
    the uploader see it."""

    ticket_id: str


class PhotoUnhidden(MediaEvent):
    """Staff made a hidden photo public again (with its ticket)."""

    ticket_id: str


class PhotoRedacted(MediaEvent):
    """Staff obscured rectangles of the photo: the public now gets a new rendition (and thumbnail) with
    these regions blurred or blacked out; the unredacted photo stays stored for that municipality's staff."""

    ticket_id: str
    regions: tuple[RedactionRegion, ...] = Field(min_length=1)

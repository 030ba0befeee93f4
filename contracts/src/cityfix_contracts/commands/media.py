"""Commands and queries answered by the media service: processing an uploaded photo and finding its
stored renditions.

The bytes never travel over request/reply (DESIGN §1): the gateway streams an upload into a staging
object of the media store and sends ProcessUpload with that object's name; GetPhoto answers the name of
the stored rendition, which the gateway streams back from the store.

ProcessUpload fails with `unsupported_image_type` (415) when the file is not a JPEG, PNG, WebP or HEIC by its
first bytes, `too_many_pixels` (422) when its header declares more pixels than allowed (refused before any
decoding), `unreadable_image` (422) for a truncated or corrupt image, `upload_not_found` (422) when the
staging object does not exist, and `too_many_uploads` (429, `retry_after` in details) beyond the
per-account hourly limit. GetPhoto fails with `photo_not_found` (404) for a photo that does not
exist or that the asker may not see (not attached to a ticket and not theirs; hidden, or on a hidden
ticket, and the asker neither staff of its municipality nor its uploader; the `original` rendition of a
redacted photo to anyone but that municipality's staff).

Moderation (ModeratePhoto, RedactPhoto) is for managers of the photo's ticket's municipality (and admins):
`photo_not_found` (404) for a photo the asker cannot see, `forbidden` (403) for one they see but may not
moderate, `photo_not_attached` (409) for a photo no ticket holds yet, `region_outside_photo` (422) for a
rectangle that leaves the image, `photo_changed` (409) when another moderation won the race.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from ..envelope import Contract, Point
from ..events.media import RedactionRegion
from ..rpc import Request

Rendition = Literal["photo", "thumbnail", "original"]


class ProcessedPhoto(Contract):
    """A stored photo as its uploader learns it: its id, the size of the served rendition, and the
    location its EXIF data gave (uploader only; never stored in public events)."""

    id: str
    width: int = Field(description="Width in pixels of the served rendition, upright")
    height: int = Field(description="Height in pixels of the served rendition, upright")
    suggested_location: Point | None = Field(
        default=None, description="The camera's GPS position in decimal degrees, when the photo had one"
    )


class PhotoUpload(Contract):
    """The answer to an upload (HTTP 201)."""

    id: str
    width: int
    height: int
    thumbnail_url: str = Field(description="Where the ~400 px thumbnail is served")
    suggested_location: Point | None = Field(
        default=None, description="From the photo's EXIF GPS, for the uploader only, to suggest the location"
    )


class ProcessUpload(Request):
    """Check, process and store the photo uploaded into the staging object `staging_object`; the staging
    object is removed whatever the outcome."""

    service = "media"
    reply_model = ProcessedPhoto

    staging_object: str = Field(min_length=1, max_length=200)


class StoredRendition(Contract):
    """Where a rendition's bytes are, and how to serve them."""

    object_name: str
    content_type: str
    size: int
    etag: str = Field(description="Strong entity tag: the rendition's content hash, quoted")
    public: bool = Field(description="Attached to a ticket: anyone may see it (and caches may share it)")
    restricted: bool = Field(
        default=False,
        description="Shown only because of who asks (a hidden photo or the unredacted original to staff): "
        "no cache may keep it",
    )


class GetPhoto(Request):
    """A photo's rendition, if the asker may see it: attached photos are public, others their owner's."""

    service = "media"
    reply_model = StoredRendition

    media_id: str = Field(min_length=1, max_length=100)
    rendition: Rendition = "photo"


class PhotoModeration(Contract):
    """A photo's moderation state, as staff see it."""

    id: str
    ticket_id: str
    hidden: bool
    redacted: bool = Field(description="The public sees a rendition with `regions` obscured")
    regions: tuple[RedactionRegion, ...] = ()
    width: int = Field(description="Width of the photo in pixels (the frame of the regions)")
    height: int


class PhotoModerationChange(Contract):
    """HTTP body of `PATCH /media/{id}`: hide the photo from the public, or show it again."""

    hidden: bool


class ModeratePhoto(Request):
    """Hide a photo from the public (`hidden`: true) or show it again; repeating a state changes nothing."""

    service = "media"
    reply_model = PhotoModeration

    media_id: str = Field(min_length=1, max_length=100)
    hidden: bool


class Redaction(Contract):
    """HTTP body of `PUT /media/{id}/redaction`: the rectangles to obscure, applied to the original
    (a new redaction replaces the previous one)."""

    regions: tuple[RedactionRegion, ...] = Field(min_length=1, max_length=50)


class RedactPhoto(Request):
    """Render a public rendition of the photo with `regions` obscured; the original stays, staff only."""

    service = "media"
    reply_model = PhotoModeration

    media_id: str = Field(min_length=1, max_length=100)
    regions: tuple[RedactionRegion, ...] = Field(min_length=1, max_length=50)

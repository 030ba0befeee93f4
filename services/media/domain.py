"""The media domain: what an uploaded file must be, and what the service makes of it. Pure rules on bytes,
no database and no broker (DESIGN §7).

Photos may be JPEG, PNG, WebP or HEIC (HEVC-coded HEIF, what iPhones take); HEIC is read with pi-heif
(libheif's decoder, registered with Pillow below), and served as JPEG like every other photo.

`inspect` decides on the first bytes and the header only: the type by magic bytes (never the client's
Content-Type or file name), the pixel count as the header declares it — refused above the cap before
anything is decoded (Pillow's `Image.open` reads the header and nothing more) — and the camera's GPS
position, which is suggested to the uploader once and kept nowhere else. `render` then decodes, turns the
image upright by its EXIF orientation, and re-encodes a photo (longest side ≤ 2048 px) and a thumbnail as
fresh JPEGs: no EXIF, no ICC or comment, no bytes that followed the image in the file. The content hash
is taken over the upright pixels of the served photo, so the same photo uploaded twice (even with
different trailing bytes or metadata) is stored once.
"""

from __future__ import annotations

import hashlib
import io
import math
import struct
from dataclasses import dataclass
from typing import Any, Literal

import pi_heif
from PIL import ExifTags, Image, ImageOps

from cityfix_contracts import DomainError, Point

ImageFormat = Literal["JPEG", "PNG", "WEBP", "HEIF"]
CONTENT_TYPE = "image/jpeg"
ACCEPTED_TYPES = ["image/jpeg", "image/png", "image/webp", "image/heic"]

_PNG = b"\x89PNG\r\n\x1a\n"
_JPEG = b"\xff\xd8\xff"
LIBHEIF_LIMIT = "Security limit exceeded"
SNIFF_BYTES = 64  # enough for an ISO media file's `ftyp` box with its brands
_HEVC_BRANDS = frozenset({b"heic", b"heix", b"heim", b"heis"})  # HEIF images coded with HEVC

# HEIC through libheif: the primary image only (no embedded thumbnails, depth or auxiliary images), one
# decoding thread (the processing pool bounds concurrency, libheif would start four per decode), and
# libheif's own security limits left on. The plugin turns the image by the file's `irot`/`imir` as it
# decodes and resets the EXIF orientation to 1, so `exif_transpose` does not turn it twice.
pi_heif.register_heif_opener(thumbnails=False, depth_images=False, aux_images=False, decode_threads=1)


def sniff(head: bytes) -> ImageFormat | None:
    """The image type by its magic bytes, or None for anything else."""
    if head.startswith(_JPEG):
        return "JPEG"
    if head.startswith(_PNG):
        return "PNG"
    if len(head) >= 12 and head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WEBP"
    if _is_heic(head):
        return "HEIF"
    return None


def _is_heic(head: bytes) -> bool:
    """An ISO media file whose `ftyp` box names an HEVC-coded HEIF brand, as its major brand or among its
    compatible ones (`mif1` files name `heic` there). AVIF and other HEIF codings are not accepted."""
    if len(head) < 16 or head[4:8] != b"ftyp":
        return False
    size = min(int.from_bytes(head[:4], "big"), len(head))
    brands = [head[8:12]] + [head[at : at + 4] for at in range(16, size - 3, 4)]
    return any(brand in _HEVC_BRANDS for brand in brands)


@dataclass(frozen=True)
class Limits:
    max_pixels: int
    photo_max_side: int = 2048
    thumbnail_side: int = 400


@dataclass(frozen=True)
class Inspection:
    format: ImageFormat
    width: int
    height: int
    location: Point | None


@dataclass(frozen=True)
class Rendition:
    data: bytes
    width: int
    height: int


@dataclass(frozen=True)
class Rendered:
    content_hash: str
    photo: Rendition
    thumbnail: Rendition


def unsupported() -> DomainError:
    return DomainError(
        "unsupported_media_type",
        "unsupported_image_type",
        "This file is not a JPEG, PNG, WebP or HEIC image; please upload a photo in one of these formats.",
        {"accepted": ACCEPTED_TYPES},
    )


def unreadable() -> DomainError:
    return DomainError(
        "invalid",
        "unreadable_image",
        "This image is damaged or incomplete and cannot be read; please upload the photo again.",
    )


def too_many_pixels(limits: Limits, width: int | None = None, height: int | None = None) -> DomainError:
    details: dict[str, Any] = {"max_pixels": limits.max_pixels}
    if width is not None and height is not None:
        details.update(width=width, height=height, pixels=width * height)
    return DomainError(
        "invalid",
        "too_many_pixels",
        f"This image has more than {limits.max_pixels / 1e6:g} million pixels; please upload a smaller "
        "version of the photo.",
        details,
    )


def _open(data: bytes, image_format: ImageFormat, limits: Limits) -> Image.Image:
    """The image with its header read and its pixels not yet decoded."""
    # What Image.open does for one format, without its own decompression-bomb check: that check (a
    # global ceiling, far above ours) would refuse a flood before we could name its size; ours follows.
    Image.init()
    factory, _ = Image.OPEN[image_format]
    try:
        image: Image.Image = factory(io.BytesIO(data), "")
        return image
    except (OSError, SyntaxError, ValueError, IndexError, struct.error):
        raise unreadable() from None
    except RuntimeError as exc:
        raise _libheif_refusal(exc, limits) from None


def _libheif_refusal(exc: RuntimeError, limits: Limits) -> DomainError:
    """What libheif's errors (HEIC) mean to the uploader. Its security limits refuse an image it would
    allocate over 1 G pixels: a file whose crop box (`clap`) shows a few pixels while its header declares
    a huge coded size passes our cap on the shown size and meets libheif's as it decodes."""
    return too_many_pixels(limits) if LIBHEIF_LIMIT in str(exc) else unreadable()


def inspect(data: bytes, limits: Limits) -> Inspection:
    """Type, size and GPS position from the header alone; refuses before any pixel is decoded."""
    image_format = sniff(data[:SNIFF_BYTES])
    if image_format is None:
        raise unsupported()
    with _open(data, image_format, limits) as image:
        width, height = image.size
        if width < 1 or height < 1:
            raise unreadable()
        if width * height > limits.max_pixels:
            raise too_many_pixels(limits, width, height)
        return Inspection(image_format, width, height, _gps_location(image))


def _gps_location(image: Image.Image) -> Point | None:
    # Only EXIF the header already holds: Image.getexif() would decode a PNG to look for a late eXIf chunk.
    raw = image.info.get("exif")
    if not isinstance(raw, bytes | bytearray):
        return None
    try:
        exif = Image.Exif()
        exif.load(bytes(raw))
        gps = exif.get_ifd(ExifTags.IFD.GPSInfo)
        lat = _degrees(gps.get(ExifTags.GPS.GPSLatitude), gps.get(ExifTags.GPS.GPSLatitudeRef), "S")
        lon = _degrees(gps.get(ExifTags.GPS.GPSLongitude), gps.get(ExifTags.GPS.GPSLongitudeRef), "W")
    except Exception:  # malformed EXIF only costs the suggestion, never the upload
        return None
    if lat is None or lon is None or not (-90 <= lat <= 90 and -180 <= lon <= 180):
        return None
    if lat == 0 and lon == 0:  # cameras without a fix write zeros
        return None
    return Point(lat=round(lat, 6), lon=round(lon, 6))


def _degrees(value: Any, ref: Any, negative: str) -> float | None:
    """EXIF degrees, minutes, seconds (three rationals) and a hemisphere letter as signed decimal degrees."""
    if not isinstance(value, tuple | list) or len(value) != 3:
        return None
    degrees, minutes, seconds = (float(part) for part in value)
    decimal = degrees + minutes / 60 + seconds / 3600
    if not math.isfinite(decimal):
        return None
    if isinstance(ref, bytes):
        ref = ref.decode("ascii", "ignore")
    if isinstance(ref, str) and ref.strip().upper() == negative:
        decimal = -decimal
    return decimal


def render(data: bytes, inspection: Inspection, limits: Limits) -> Rendered:
    """Decode, turn upright, and re-encode the photo and its thumbnail without any metadata.

    CPU-bound: the service runs it in its processing pool, never on the event loop. A large JPEG is
    decoded at a reduced scale where that still fills the photo (`_decode_reduced`). The decoded image
    (9 MB for a 12 MP JPEG at half scale, 36 MB decoded whole) is turned and resized without copies of
    it: each copy is that much memory traffic, which slows the other processes on the machine whatever
    the worker's CPU priority."""
    with _open(data, inspection.format, limits) as image:
        try:
            _decode_reduced(image, limits.photo_max_side)
            image.load()
            ImageOps.exif_transpose(image, in_place=True)  # a new image only when it has to turn
            photo = _fitted(_flattened(image), limits.photo_max_side)
        except (OSError, SyntaxError, ValueError):  # truncated or corrupt data
            raise unreadable() from None
        except RuntimeError as exc:
            raise _libheif_refusal(exc, limits) from None
    thumbnail = _fitted(photo, limits.thumbnail_side)
    # Over the served pixels (the resizing is deterministic): cheaper than the original's, same verdict.
    content_hash = hashlib.sha256(
        f"{photo.mode}:{photo.width}x{photo.height}:".encode() + photo.tobytes()
    ).hexdigest()
    return Rendered(content_hash, _jpeg(photo, quality=85), _jpeg(thumbnail, quality=80))


DCT_REDUCTIONS = (8, 4, 2)
ENOUGH = 15 / 16  # of the photo's longest side: 1920 of 2048 px


def _decode_reduced(image: Image.Image, side: int) -> None:
    """Have a JPEG decoded at 1/2, 1/4 or 1/8 of its size when that still gives at least 15/16 of the
    served photo's longest side (a 12 MP photo of 4000 px: 2000 px, served as it is).

    libjpeg scales in the DCT while decoding: a quarter (or less) of the pixels is computed and written,
    and no resize follows. For a 12 MP photo that is 9 MB of decoded image instead of 36: about a third
    of the CPU time, and much less memory traffic for the other processes sharing the machine's caches.
    Photos for which no reduction gives enough pixels are decoded whole and resized (`_fitted`)."""
    if image.format != "JPEG":
        return
    longest = max(image.size)
    for factor in DCT_REDUCTIONS:
        if -(-longest // factor) >= side * ENOUGH:
            image.draft(image.mode, (-(-image.width // factor), -(-image.height // factor)))
            return


def _flattened(image: Image.Image) -> Image.Image:
    """RGB or greyscale pixels: transparency over white. The image itself when it already is."""
    if image.mode in ("RGB", "L"):
        return image
    if image.mode in ("RGBA", "LA", "PA") or (image.mode == "P" and "transparency" in image.info):
        rgba = image.convert("RGBA")
        flat = Image.new("RGB", rgba.size, "white")
        flat.paste(rgba, mask=rgba.getchannel("A"))
        return flat
    return image.convert("RGB")


def _fitted(image: Image.Image, side: int) -> Image.Image:
    """A new image holding only pixels (no `info`), at most side × side, the aspect ratio kept."""
    if max(image.size) <= side:
        return image.copy()
    scale = side / max(image.size)
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    # reducing_gap: a cheap box reduction by a whole factor first, then Lanczos over the last factor of 2
    # to 4. For the thumbnail of a 2000 px photo (a factor of 5): reduced by 2, then Lanczos, 9 ms instead
    # of 23 with Lanczos alone (gap 3 does not reduce there), at most 5 levels off it on any channel
    # (mean under 1; bench/media's photo). The served photo's own factor is below 2: Lanczos alone.
    return image.resize(size, Image.Resampling.LANCZOS, reducing_gap=2.0)


def _jpeg(image: Image.Image, quality: int) -> Rendition:
    image.info.clear()  # nothing of the original travels with the pixels (no EXIF, ICC, comment)
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, optimize=True)
    return Rendition(out.getvalue(), image.width, image.height)

"""Photos for tests, made with Pillow on the spot, and uploading them through the gateway."""

from __future__ import annotations

import io
import random
import struct
import zlib
from typing import Any

import httpx
import pillow_heif
import pytest
from PIL import ExifTags, Image, ImageFile

from services.common.testing import eventually
from services.tickets.photos import PhotoOwnerDocument
from tests.support.stack import World

# Potsdam's Alter Markt, as a camera writes it: degrees, minutes, seconds.
GPS_LAT = (52.0, 23.0, 41.76)  # 52.394933 N
GPS_LON = (13.0, 3.0, 56.4)  # 13.065667 E
CAMERA = "CityFixTestCam"


def jpeg(
    width: int = 320,
    height: int = 240,
    *,
    seed: int = 1,
    orientation: int | None = None,
    gps: bool = False,
    quality: int = 90,
) -> bytes:
    """A JPEG whose left half is red and right half blue, with a seeded speckle so photos differ; with
    `gps`, EXIF carries a position, a camera make and a software tag."""
    image = Image.new("RGB", (width, height), (220, 30, 30))
    image.paste((30, 30, 220), (width // 2, 0, width, height))
    speckles = random.Random(seed)
    for _ in range(40):
        x, y = speckles.randrange(width), speckles.randrange(height)
        image.putpixel((x, y), (speckles.randrange(256), speckles.randrange(256), speckles.randrange(256)))
    exif = Image.Exif()
    if orientation is not None:
        exif[ExifTags.Base.Orientation] = orientation
    if gps:
        exif[ExifTags.Base.Make] = CAMERA
        exif[ExifTags.Base.Software] = CAMERA + " firmware"
        exif[ExifTags.IFD.GPSInfo] = {
            ExifTags.GPS.GPSLatitudeRef: "N",
            ExifTags.GPS.GPSLatitude: GPS_LAT,
            ExifTags.GPS.GPSLongitudeRef: "E",
            ExifTags.GPS.GPSLongitude: GPS_LON,
        }
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=quality, exif=exif.tobytes())
    return out.getvalue()


def heic(
    width: int = 320, height: int = 240, *, seed: int = 1, orientation: int | None = None, gps: bool = False
) -> bytes:
    """The `jpeg` photo as an HEIC, as a phone writes one: the pixels as the sensor saw them, the turn in
    the file's `irot`/`imir` boxes and in its EXIF orientation, and the EXIF (GPS, camera) kept. Made with
    pillow-heif's encoder (a test dependency; the service only decodes, with pi-heif)."""
    source = Image.open(io.BytesIO(jpeg(width, height, seed=seed, orientation=orientation, gps=gps)))
    exif = source.info.get("exif")
    out = io.BytesIO()
    pillow_heif.from_bytes("RGB", source.size, source.convert("RGB").tobytes()).save(
        out, quality=90, **({"exif": exif} if exif else {})
    )
    return out.getvalue()


def heic_claiming(data: bytes, width: int, height: int) -> bytes:
    """An HEIC whose header (its `ispe` box) declares another size than its coded image has. A photo with
    sides a multiple of 8 is stored without a crop box (`clap`), so the declared size is the one shown;
    other photos keep their crop, which still shows their own size."""
    at = data.index(b"ispe")
    return data[: at + 8] + struct.pack(">II", width, height) + data[at + 16 :]


def noisy_jpeg(width: int = 400, height: int = 300) -> bytes:
    """Random pixels: a JPEG with a lot of entropy, so that a truncated copy cannot be decoded."""
    image = Image.frombytes("RGB", (width, height), random.Random(7).randbytes(width * height * 3))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95)
    return out.getvalue()


def png(width: int = 64, height: int = 48, mode: str = "RGBA") -> bytes:
    image = Image.new(mode, (width, height), (10, 200, 10, 128) if mode == "RGBA" else (10, 200, 10))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return out.getvalue()


def webp(width: int = 64, height: int = 48) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (width, height), (200, 200, 10)).save(out, format="WEBP")
    return out.getvalue()


def _png_chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def pixel_flood_png(side: int = 40_000) -> bytes:
    """A valid PNG of side × side black pixels (1 bit each) that compresses to a few hundred KB: decoded,
    it would take 1.6 G pixels of memory."""
    row = b"\x00" + bytes((side + 7) // 8)  # filter byte, then the row's bits
    compressor = zlib.compressobj(9)
    rows_per_step = 1000
    parts = [compressor.compress(row * rows_per_step) for _ in range(side // rows_per_step)]
    parts.append(compressor.compress(row * (side % rows_per_step)))
    parts.append(compressor.flush())
    header = struct.pack(">IIBBBBB", side, side, 1, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _png_chunk(b"IHDR", header)
        + _png_chunk(b"IDAT", b"".join(parts))
        + _png_chunk(b"IEND", b"")
    )


def counted_decodes(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """From now on, every image Pillow decodes in this process (any format, HEIC's plugin too) is
    appended to the list returned."""
    decoded: list[object] = []
    original = ImageFile.ImageFile.load

    def counting_load(self: ImageFile.ImageFile) -> object:
        decoded.append(self)
        return original(self)

    monkeypatch.setattr(ImageFile.ImageFile, "load", counting_load)
    return decoded


def opened(data: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(data))
    image.load()
    return image


async def upload(
    w: World,
    actor: str,
    data: bytes,
    *,
    filename: str = "photo.jpg",
    content_type: str = "image/jpeg",
    **extra: Any,
) -> httpx.Response:
    headers = w.person(actor).auth() if actor != "anonymous" else {}
    return await w.http.post(
        "/api/v1/media", files={"file": (filename, data, content_type)}, headers=headers, **extra
    )


async def uploaded(w: World, actor: str, data: bytes | None = None) -> dict[str, Any]:
    """Upload a photo (a fresh one unless given) and wait until the tickets service knows its owner."""
    response = await upload(w, actor, data if data is not None else jpeg(seed=random.randrange(1 << 30)))
    assert response.status_code == 201, response.text
    photo: dict[str, Any] = response.json()
    await eventually(lambda: PhotoOwnerDocument.get(photo["id"]), what="tickets knows the photo's owner")
    return photo

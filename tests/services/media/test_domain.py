"""The media domain on bytes alone: type by magic bytes, the pixel cap before decoding, the EXIF position,
and renditions that are upright and carry nothing of the original file but its pixels."""

from __future__ import annotations

import io
import pickle
import zipfile

import pytest
from PIL import ImageFile

from cityfix_contracts import DomainError
from services.media.domain import Limits, inspect, render, sniff
from tests.support.photos import (
    CAMERA,
    counted_decodes,
    heic,
    heic_claiming,
    jpeg,
    noisy_jpeg,
    opened,
    pixel_flood_png,
    png,
    webp,
)

LIMITS = Limits(max_pixels=40_000_000)


def processed(data: bytes, limits: Limits) -> None:
    render(data, inspect(data, limits), limits)


def refusal(data: bytes, limits: Limits = LIMITS) -> DomainError:
    with pytest.raises(DomainError) as caught:
        processed(data, limits)
    return caught.value


def test_the_type_is_decided_by_magic_bytes() -> None:
    assert sniff(jpeg()[:16]) == "JPEG"
    assert sniff(png()[:16]) == "PNG"
    assert sniff(webp()[:16]) == "WEBP"
    assert sniff(heic()[:64]) == "HEIF"
    # An ISO media file of another coding (AVIF) is not a HEIC, nor is a bare `ftyp` box without brands.
    assert sniff(b"\x00\x00\x00\x1cftypavif\x00\x00\x00\x00avifmif1miaf") is None
    assert sniff(b"\x00\x00\x00\x1cftypmif1\x00\x00\x00\x00mif1heicmiaf") == "HEIF"
    assert sniff(b"\x00\x00\x00\x08ftyp") is None
    for other in (b"<?php echo 1; ?>", b"<!doctype html><script>", b"GIF89a\x01\x00", b"PK\x03\x04", b""):
        assert sniff(other) is None
    assert refusal(b"<html><body>hello</body></html>").reply.code == "unsupported_image_type"
    assert refusal(b"<html>").reply.kind == "unsupported_media_type"


def test_pixel_flood_is_refused_from_the_header_without_decoding(monkeypatch: pytest.MonkeyPatch) -> None:
    decoded = counted_decodes(monkeypatch)
    flood = pixel_flood_png()
    assert len(flood) < 1_000_000
    error = refusal(flood)
    assert (error.reply.kind, error.reply.code) == ("invalid", "too_many_pixels")
    assert error.reply.details["pixels"] == 40_000 * 40_000
    assert decoded == []
    # The refusal crosses a process boundary whole (the worker pool pickles what it raises).
    assert pickle.loads(pickle.dumps(error)).reply == error.reply
    # Just over the cap is refused as well; the counter does see a decode of an acceptable image.
    assert refusal(jpeg(101, 100), Limits(max_pixels=100 * 100)).reply.code == "too_many_pixels"
    assert decoded == []
    inspection = inspect(jpeg(100, 100), Limits(max_pixels=100 * 100))
    render(jpeg(100, 100), inspection, LIMITS)
    assert decoded


def test_a_truncated_jpeg_is_unreadable() -> None:
    data = noisy_jpeg()
    assert refusal(data[: len(data) * 2 // 3]).reply.code == "unreadable_image"
    assert refusal(data[:40]).reply.code == "unreadable_image"


def test_gps_becomes_a_suggested_location_in_decimal_degrees() -> None:
    location = inspect(jpeg(gps=True), LIMITS).location
    assert location is not None
    assert location.lat == pytest.approx(52.3949333, abs=1e-5)
    assert location.lon == pytest.approx(13.0656667, abs=1e-5)
    assert inspect(jpeg(), LIMITS).location is None


def test_renditions_are_upright_and_carry_no_metadata_nor_trailing_bytes() -> None:
    payload = io.BytesIO()
    with zipfile.ZipFile(payload, "w") as archive:
        archive.writestr("shell.php", "<?php system($_GET['c']); ?>")
    data = jpeg(320, 240, orientation=6, gps=True) + payload.getvalue()
    rendered = render(data, inspect(data, LIMITS), LIMITS)
    for output in (rendered.photo, rendered.thumbnail):
        assert b"PK\x03\x04" not in output.data and b"shell.php" not in output.data
        assert b"Exif" not in output.data and CAMERA.encode() not in output.data
        assert output.data.endswith(b"\xff\xd9")
        image = opened(output.data)
        assert not image.getexif() and "exif" not in image.info and "icc_profile" not in image.info
    # Orientation 6: the stored landscape is shown turned clockwise, so its red left half is on top.
    photo = opened(rendered.photo.data)
    assert (rendered.photo.width, rendered.photo.height) == photo.size == (240, 320)
    red, _, blue = photo.getpixel((120, 40))  # type: ignore[misc]
    assert red > 150 and blue < 100
    red, _, blue = photo.getpixel((120, 280))  # type: ignore[misc]
    assert blue > 150 and red < 100


def test_a_large_jpeg_is_decoded_at_a_reduced_scale_when_that_still_fills_the_photo(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    decoded: list[tuple[int, int]] = []  # the size of each image decoded from a file, once each
    original = ImageFile.ImageFile.load

    def recording_load(self: ImageFile.ImageFile) -> object:
        first = self._im is None
        result = original(self)
        if first:
            decoded.append(self.size)
        return result

    monkeypatch.setattr(ImageFile.ImageFile, "load", recording_load)
    # 4000 px (a 12 MP phone photo): half is 2000 px, enough; decoded at a quarter of the pixels, not resized.
    twelve = jpeg(4000, 3000, orientation=6)
    rendered = render(twelve, inspect(twelve, LIMITS), LIMITS)
    assert decoded == [(2000, 1500)]
    photo = opened(rendered.photo.data)
    assert (rendered.photo.width, rendered.photo.height) == photo.size == (1500, 2000)  # upright
    red, _, blue = photo.getpixel((750, 200))  # type: ignore[misc]
    assert red > 150 and blue < 100  # the red left half is on top after the quarter turn
    assert max(rendered.thumbnail.width, rendered.thumbnail.height) == 400
    # 3000 px: half would be 1500, too few; decoded whole and resized to the full 2048.
    decoded.clear()
    big = jpeg(3000, 2000)
    assert render(big, inspect(big, LIMITS), LIMITS).photo.width == 2048
    assert decoded == [(3000, 2000)]
    # Other formats have no reduced decoding: a 4000 px PNG is decoded whole and resized.
    decoded.clear()
    wide = png(4000, 3000, mode="RGB")
    assert render(wide, inspect(wide, LIMITS), LIMITS).photo.width == 2048
    assert decoded == [(4000, 3000)]
    # The threshold follows the configured side: with 1000 px photos, a quarter of 4000 px is enough.
    decoded.clear()
    small = Limits(max_pixels=40_000_000, photo_max_side=1000)
    assert render(twelve, inspect(twelve, small), small).photo.height == 1000
    assert decoded == [(1000, 750)]


def test_renditions_are_bounded_and_the_hash_follows_the_pixels() -> None:
    big = jpeg(3000, 2000)
    rendered = render(big, inspect(big, LIMITS), LIMITS)
    assert (rendered.photo.width, rendered.photo.height) == (2048, 1365)
    assert max(rendered.thumbnail.width, rendered.thumbnail.height) == 400
    again = render(big + b"trailing", inspect(big + b"trailing", LIMITS), LIMITS)
    assert again.content_hash == rendered.content_hash
    other = jpeg(3000, 2000, seed=2)
    assert render(other, inspect(other, LIMITS), LIMITS).content_hash != rendered.content_hash


def test_png_with_transparency_and_webp_become_jpeg() -> None:
    for data in (png(), png(mode="RGB"), webp()):
        rendered = render(data, inspect(data, LIMITS), LIMITS)
        image = opened(rendered.photo.data)
        assert image.format == "JPEG" and image.mode == "RGB"


# ----- HEIC (HEVC-coded HEIF, as iPhones take photos) -----------------------------------------------------


def test_heic_gives_its_position_and_is_served_upright_as_a_jpeg_without_metadata() -> None:
    data = heic(320, 240, orientation=6, gps=True)
    inspection = inspect(data, LIMITS)
    assert inspection.format == "HEIF" and (inspection.width, inspection.height) == (240, 320)
    assert inspection.location is not None
    assert inspection.location.lat == pytest.approx(52.3949333, abs=1e-5)
    assert inspection.location.lon == pytest.approx(13.0656667, abs=1e-5)
    rendered = render(data, inspection, LIMITS)
    for output in (rendered.photo, rendered.thumbnail):
        assert b"Exif" not in output.data and CAMERA.encode() not in output.data
        image = opened(output.data)
        assert image.format == "JPEG" and not image.getexif() and "exif" not in image.info
    # Turned once, by the file's own transform (not again by its EXIF): the red left half is on top.
    photo = opened(rendered.photo.data)
    assert photo.size == (240, 320)
    red, _, blue = photo.getpixel((120, 40))  # type: ignore[misc]
    assert red > 150 and blue < 100
    red, _, blue = photo.getpixel((120, 280))  # type: ignore[misc]
    assert blue > 150 and red < 100
    # The same photo as a JPEG gives the same position.
    assert inspect(jpeg(320, 240, orientation=6, gps=True), LIMITS).location == inspection.location


def test_a_heic_pixel_flood_is_refused_from_its_header_without_decoding(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Declared in the header over our cap, far over it too: refused by the cap before any decode.
    sizes = ((8_000, 6_000), (40_000, 40_000))
    floods = [heic_claiming(heic(64, 64), width, height) for width, height in sizes]
    acceptable = heic(64, 64)
    decoded = counted_decodes(monkeypatch)
    for (width, height), flood in zip(sizes, floods, strict=True):
        error = refusal(flood)
        assert (error.reply.kind, error.reply.code) == ("invalid", "too_many_pixels")
        assert error.reply.details.get("pixels", width * height) == width * height
    assert decoded == []
    processed(acceptable, LIMITS)
    assert decoded  # the counter does see an acceptable HEIC decoded


def test_a_heic_whose_crop_hides_a_huge_declared_size_is_refused_not_crashed() -> None:
    # The crop box (`clap`) shows 64 × 48, so the cap passes; the decoder then meets the declared size.
    # Over libheif's ceiling (1 G pixels) it refuses to allocate: too many pixels. Under it, the coded
    # image does not match the declaration: unreadable. Neither escapes as an unexpected error.
    cropped = heic(64, 48)
    assert inspect(heic_claiming(cropped, 40_000, 40_000), LIMITS).width == 64
    assert refusal(heic_claiming(cropped, 40_000, 40_000)).reply.code == "too_many_pixels"
    assert refusal(heic_claiming(cropped, 20_000, 20_000)).reply.code == "unreadable_image"


def test_a_truncated_or_damaged_heic_is_unreadable() -> None:
    data = heic(320, 240, seed=3)
    for damaged in (data[: len(data) // 2], data[:-16], data[:40]):
        assert refusal(damaged).reply.code == "unreadable_image"

"""Redaction: obscuring rectangles of a photo (faces, number plates). Pure rules on pixels, no database
and no broker.

The regions are in the stored photo's pixel coordinates (the upright rendition of at most 2048 px, the
frame the uploader and staff see) and must lie inside it. `black` fills a region; `blur` first coarsens
it into blocks and then blurs those, so no detail survives for a sharpening filter to bring back. Only
the pixels of each region change. The result is re-encoded like an upload (photo and thumbnail, no
metadata) and named by the hash of its pixels, so it is stored beside the original, never over it.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence

from PIL import Image, ImageFilter

from cityfix_contracts import DomainError
from cityfix_contracts.events.media import RedactionRegion

from .domain import Limits, Rendered, _fitted, _jpeg


def check_regions(regions: Sequence[RedactionRegion], width: int, height: int) -> None:
    """Every rectangle inside the photo (422 naming the first one that is not)."""
    for index, region in enumerate(regions):
        if region.x + region.width > width or region.y + region.height > height:
            raise DomainError(
                "invalid",
                "region_outside_photo",
                f"Region {index + 1} ({region.width}×{region.height} px at {region.x},{region.y}) reaches "
                f"outside the photo, which is {width}×{height} px; please draw it inside the photo.",
                {"index": index, "width": width, "height": height},
            )


def _obscured(area: Image.Image, style: str) -> Image.Image:
    if style == "black":
        return Image.new(area.mode, area.size, 0)
    block = max(4, min(area.width, area.height) // 6)
    coarse = area.resize(
        (max(1, area.width // block), max(1, area.height // block)), Image.Resampling.BOX
    ).resize(area.size, Image.Resampling.NEAREST)
    return coarse.filter(ImageFilter.GaussianBlur(radius=max(2, block // 2)))


def redact(original: bytes, regions: Sequence[RedactionRegion], limits: Limits) -> Rendered:
    """The stored photo with `regions` obscured, as a new photo and thumbnail.

    CPU-bound: the service runs it in its processing pool, never on the event loop."""
    with Image.open(io.BytesIO(original)) as opened:
        opened.load()
        image = opened.convert("L") if opened.mode == "L" else opened.convert("RGB")
    check_regions(regions, image.width, image.height)
    for region in regions:
        box = (region.x, region.y, region.x + region.width, region.y + region.height)
        image.paste(_obscured(image.crop(box), region.style), box[:2])
    thumbnail = _fitted(image, limits.thumbnail_side)
    content_hash = hashlib.sha256(
        f"{image.mode}:{image.width}x{image.height}:redacted:".encode() + image.tobytes()
    ).hexdigest()
    return Rendered(content_hash, _jpeg(image, quality=85), _jpeg(thumbnail, quality=80))

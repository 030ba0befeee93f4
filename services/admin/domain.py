"""The admin domain: what makes a municipality or a category acceptable. No database, no broker."""

from __future__ import annotations

from typing import Any

from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from cityfix_contracts import DomainError


def check_boundary(boundary: dict[str, Any]) -> BaseGeometry:
    """A boundary must be a valid GeoJSON Polygon or MultiPolygon in WGS84."""
    kind = boundary.get("type")
    if kind not in ("Polygon", "MultiPolygon"):
        raise DomainError(
            "invalid",
            "invalid_boundary",
            "A boundary must be a GeoJSON Polygon or MultiPolygon.",
            {"type": kind},
        )
    try:
        geometry = shape(boundary)
    except Exception as exc:
        raise DomainError(
            "invalid", "invalid_boundary", f"The boundary is not readable GeoJSON: {exc}."
        ) from None
    if geometry.is_empty or not geometry.is_valid:
        raise DomainError(
            "invalid",
            "invalid_boundary",
            "The boundary is empty or self-intersecting; fix its rings and send it again.",
        )
    min_x, min_y, max_x, max_y = geometry.bounds
    if min_x < -180 or max_x > 180 or min_y < -90 or max_y > 90:
        raise DomainError(
            "invalid", "invalid_boundary", "Boundary coordinates must be longitude, latitude in WGS84."
        )
    return geometry


def name_key(name: str) -> str:
    """Names compared the way a person would: case and surrounding spaces ignored."""
    return " ".join(name.split()).casefold()

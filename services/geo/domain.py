"""The geo domain: locating points in municipalities and filling in addresses. Pure rules, no database and no broker."""

from __future__ import annotations

from dataclasses import dataclass

from shapely.geometry.base import BaseGeometry

from cityfix_contracts import DomainError
from cityfix_contracts.commands.geo import LocationView
from services.common.locator import Location


@dataclass(frozen=True)
class Viewbox:
    """The rectangle a search is kept to (a municipality's bounding box)."""

    west: float
    south: float
    east: float
    north: float


def viewbox_of(boundary: BaseGeometry) -> Viewbox:
    west, south, east, north = boundary.bounds
    return Viewbox(west=west, south=south, east=east, north=north)


def newer(sequence: int, applied: int) -> bool:
    """A municipality event changes the projection only if it is newer than what was applied.

    Each event carries the whole state of the fields it changes (details, or the boundary), so applying
    only newer ones is order-insensitive: shuffled or repeated events end in the same state.
    """
    return sequence > applied


def location_view(location: Location, lat: float, lon: float) -> LocationView:
    """The municipality holding the point, or `not_covered` naming the nearest one."""
    if location.municipality is not None:
        found = location.municipality
        return LocationView(municipality_id=found.id, slug=found.slug, name=found.name)
    details: dict[str, object] = {"lat": lat, "lon": lon}
    message = "No municipality served by CityFix covers this point."
    if location.nearest is not None:
        nearest = location.nearest
        details["nearest"] = {
            "municipality_id": nearest.municipality.id,
            "slug": nearest.municipality.slug,
            "name": nearest.municipality.name,
            "distance_m": round(nearest.distance_m, 1),
        }
        message += (
            f" The nearest is {nearest.municipality.name}, {nearest.distance_m / 1000:.1f} km away;"
            " please check the pin, or report to the responsible authority directly."
        )
    raise DomainError("not_found", "not_covered", message, details)

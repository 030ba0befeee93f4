"""The admin domain: what makes a boundary, a municipality or a category acceptable. No database, no broker.

Boundary errors are `invalid` (HTTP 422) with a message that says what to fix and `details` that point at
the place (polygon and ring index, the offending position, the repaired shape); an overlap with another
municipality is a `conflict` (409) naming it.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from shapely.geometry import MultiPolygon, Polygon, mapping, shape
from shapely.geometry.base import BaseGeometry
from shapely.validation import explain_validity, make_valid

from cityfix_contracts import DomainError, DomainEvent
from cityfix_contracts.events import (
    AccountDeleted,
    UserDeactivated,
    UserReactivated,
    UserRegistered,
    UserRoleChanged,
)

# Germany with a margin: a boundary outside it whose swapped coordinates fall inside was almost certainly
# written as [latitude, longitude] (GeoJSON is [longitude, latitude]). Only used to explain, never to refuse
# a boundary elsewhere in the world.
GERMANY = (5.5, 47.0, 15.5, 55.2)
KM_PER_DEGREE = 111.32
SWAPPED = "The coordinates look swapped: GeoJSON is [longitude, latitude], not [latitude, longitude]."


@dataclass(frozen=True)
class BoundaryLimits:
    max_vertices: int = 5000
    max_area_km2: float = 5000.0
    # Neighbours may overlap by this share of the smaller one's area (simplified shared borders do).
    overlap_tolerance: float = 0.05
    home_region: tuple[float, float, float, float] | None = GERMANY


@dataclass(frozen=True)
class Neighbour:
    """Another municipality's boundary, for the overlap check."""

    id: str
    name: str
    geometry: BaseGeometry


def invalid_boundary(code: str, message: str, **details: Any) -> DomainError:
    return DomainError("invalid", code, message, details)


def _polygons(boundary: dict[str, Any]) -> list[Any]:
    """The polygons' rings as given, checked for shape only (lists of positions)."""
    kind = boundary.get("type")
    coordinates = boundary.get("coordinates")
    if kind not in ("Polygon", "MultiPolygon"):
        raise invalid_boundary(
            "invalid_boundary",
            "A boundary must be a GeoJSON Polygon or MultiPolygon; "
            f"got {kind!r}. Send {{'type': 'MultiPolygon', 'coordinates': [...]}}.",
            type=kind,
        )
    if not isinstance(coordinates, list | tuple) or not coordinates:
        raise invalid_boundary(
            "invalid_boundary", "The boundary has no coordinates; send its rings as lists of positions."
        )
    polygons = [coordinates] if kind == "Polygon" else coordinates
    for p, rings in enumerate(polygons):
        if not isinstance(rings, list | tuple) or not rings:
            raise invalid_boundary(
                "invalid_boundary", f"Polygon {p} of the boundary has no rings.", polygon=p
            )
        for r, ring in enumerate(rings):
            if not isinstance(ring, list | tuple) or not all(
                isinstance(pos, list | tuple)
                and len(pos) in (2, 3)
                and all(isinstance(c, int | float) and not isinstance(c, bool) for c in pos)
                and all(math.isfinite(c) for c in pos)
                for pos in ring
            ):
                raise invalid_boundary(
                    "invalid_boundary",
                    f"Ring {r} of polygon {p} must be a list of [longitude, latitude] positions (numbers).",
                    polygon=p,
                    ring=r,
                )
    return list(polygons)


def _check_rings(polygons: list[Any]) -> None:
    for p, rings in enumerate(polygons):
        for r, ring in enumerate(rings):
            if len(ring) < 4:
                raise invalid_boundary(
                    "ring_too_short",
                    f"Ring {r} of polygon {p} has {len(ring)} positions; a ring needs at least 4 "
                    "(three corners and the first repeated at the end).",
                    polygon=p,
                    ring=r,
                    positions=len(ring),
                )
            if tuple(ring[0][:2]) != tuple(ring[-1][:2]):
                raise invalid_boundary(
                    "ring_not_closed",
                    f"Ring {r} of polygon {p} is not closed: its last position {list(ring[-1])} must repeat "
                    f"its first {list(ring[0])}. Append the first position at the end.",
                    polygon=p,
                    ring=r,
                    first=list(ring[0]),
                    last=list(ring[-1]),
                )


def _bounds(polygons: list[Any]) -> tuple[float, float, float, float]:
    xs = [pos[0] for rings in polygons for ring in rings for pos in ring]
    ys = [pos[1] for rings in polygons for ring in rings for pos in ring]
    return min(xs), min(ys), max(xs), max(ys)


def _inside(bounds: tuple[float, float, float, float], region: tuple[float, float, float, float]) -> bool:
    return (
        region[0] <= bounds[0]
        and bounds[2] <= region[2]
        and region[1] <= bounds[1]
        and bounds[3] <= region[3]
    )


def _check_coordinates(polygons: list[Any], limits: BoundaryLimits) -> None:
    min_x, min_y, max_x, max_y = _bounds(polygons)
    in_range = _inside((min_x, min_y, max_x, max_y), (-180, -90, 180, 90))
    swapped_in_range = _inside((min_y, min_x, max_y, max_x), (-180, -90, 180, 90))
    if not in_range:
        if swapped_in_range:
            raise invalid_boundary("coordinates_swapped", SWAPPED, bbox=[min_x, min_y, max_x, max_y])
        raise invalid_boundary(
            "coordinates_out_of_range",
            "Boundary coordinates must be WGS84 [longitude, latitude]: longitude within -180…180, "
            f"latitude within -90…90; these span longitude {min_x}…{max_x}, latitude {min_y}…{max_y}.",
            bbox=[min_x, min_y, max_x, max_y],
        )
    region = limits.home_region
    if (
        region is not None
        and not _inside((min_x, min_y, max_x, max_y), region)
        and _inside((min_y, min_x, max_y, max_x), region)
    ):
        raise invalid_boundary(
            "coordinates_swapped",
            SWAPPED + f" As given, the area lies at longitude {min_x:.2f}…{max_x:.2f}, "
            f"latitude {min_y:.2f}…{max_y:.2f}.",
            bbox=[min_x, min_y, max_x, max_y],
        )


def area_km2(geometry: BaseGeometry) -> float:
    """Area on the ground, near enough for a size cap and overlap shares (equirectangular at the centre)."""
    if geometry.is_empty:
        return 0.0
    latitude = geometry.centroid.y
    return float(geometry.area) * KM_PER_DEGREE**2 * math.cos(math.radians(latitude))


def _polygonal(geometry: BaseGeometry) -> MultiPolygon:
    """The polygonal part of a (repaired) geometry, as a MultiPolygon."""
    if isinstance(geometry, Polygon):
        return MultiPolygon([geometry])
    if isinstance(geometry, MultiPolygon):
        return geometry
    parts: list[Polygon] = []
    for part in getattr(geometry, "geoms", ()):
        if isinstance(part, Polygon | MultiPolygon):
            parts.extend(_polygonal(part).geoms)
    return MultiPolygon(parts)


def check_boundary(boundary: dict[str, Any], limits: BoundaryLimits | None = None) -> BaseGeometry:
    """A boundary must be a valid, closed, reasonably sized GeoJSON (Multi)Polygon in WGS84."""
    limits = limits or BoundaryLimits()
    polygons = _polygons(boundary)
    _check_rings(polygons)
    vertices = sum(len(ring) for rings in polygons for ring in rings)
    if vertices > limits.max_vertices:
        raise invalid_boundary(
            "too_many_vertices",
            f"The boundary has {vertices} vertices; at most {limits.max_vertices} are accepted. "
            "Simplify it (e.g. to about 10 m tolerance) and send it again.",
            vertices=vertices,
            max_vertices=limits.max_vertices,
        )
    _check_coordinates(polygons, limits)
    try:
        geometry = shape(boundary)
    except Exception as exc:
        raise invalid_boundary("invalid_boundary", f"The boundary is not readable GeoJSON: {exc}.") from None
    if not geometry.is_valid:
        reason = explain_validity(geometry)
        repaired = _polygonal(make_valid(geometry))
        raise invalid_boundary(
            "invalid_geometry",
            f"The boundary is not a valid polygon ({reason}): rings must not cross themselves or each "
            "other. A repaired shape is in details.repaired; check it and send it if it is right.",
            reason=reason,
            repaired=mapping(repaired) if not repaired.is_empty else None,
        )
    if geometry.is_empty or geometry.area == 0:
        raise invalid_boundary("invalid_boundary", "The boundary encloses no area; check its rings.")
    area = area_km2(geometry)
    if area > limits.max_area_km2:
        raise invalid_boundary(
            "boundary_too_large",
            f"The boundary covers about {area:,.0f} km²; a municipality may cover at most "
            f"{limits.max_area_km2:,.0f} km². Check that it is the right area.",
            area_km2=round(area, 1),
            max_area_km2=limits.max_area_km2,
        )
    return geometry


def overlapping(
    geometry: BaseGeometry, neighbours: Iterable[Neighbour], tolerance: float
) -> tuple[Neighbour, float] | None:
    """The neighbour this boundary overlaps by more than `tolerance` of the smaller one's area, if any.

    Real neighbours share a border; simplified borders overlap a little (the bundled Brandenburg data up
    to 3.1 %). The same area twice, or one municipality inside another, overlaps by far more.
    """
    worst: tuple[Neighbour, float] | None = None
    for neighbour in neighbours:
        if not geometry.intersects(neighbour.geometry):
            continue
        shared = geometry.intersection(neighbour.geometry).area
        smaller = min(geometry.area, neighbour.geometry.area)
        share = shared / smaller if smaller > 0 else 0.0
        if share > tolerance and (worst is None or share > worst[1]):
            worst = (neighbour, share)
    return worst


def overlap_conflict(neighbour: Neighbour, share: float) -> DomainError:
    return DomainError(
        "conflict",
        "boundary_overlaps",
        f"The boundary overlaps {neighbour.name} by {share:.0%} of the smaller area; municipalities "
        f"may only share their borders. Correct the boundary, or change {neighbour.name}'s first.",
        {"municipality_id": neighbour.id, "name": neighbour.name, "overlap_share": round(share, 4)},
    )


def name_key(name: str) -> str:
    """Names compared the way a person would: case and surrounding spaces ignored."""
    return " ".join(name.split()).casefold()


def clean_text(text: str) -> str:
    return " ".join(text.split())


def category_change(was_active: bool, is_active: bool) -> str:
    """How CategoryChanged names an update."""
    if was_active and not is_active:
        return "deactivated"
    if is_active and not was_active:
        return "reactivated"
    return "updated"


# ----- staff, as learnt from the auth service's events ------------------------------------------------


@dataclass
class StaffRecord:
    """What the admin service knows of a person: enough to check a category's default operator.

    Order-insensitive by construction: role and municipality change only with an event newer than the
    one they came from (`role_sequence`), the active flag likewise (`active_sequence`), and a deletion
    is final. So any order of the same events, with any duplicates, ends in the same record.
    """

    role: str | None = None
    municipality_id: str | None = None
    role_sequence: int = 0
    active: bool = True
    active_sequence: int = 0
    deleted: bool = False

    def apply(self, data: DomainEvent, sequence: int) -> None:
        if self.deleted:
            return
        if isinstance(data, AccountDeleted):
            self.deleted, self.role, self.municipality_id, self.active = True, None, None, False
            return
        if isinstance(data, UserRegistered | UserRoleChanged) and sequence > self.role_sequence:
            self.role = data.role if isinstance(data, UserRegistered) else data.to
            self.municipality_id = data.municipality_id
            self.role_sequence = sequence
        if (
            isinstance(data, UserRegistered | UserDeactivated | UserReactivated)
            and sequence > self.active_sequence
        ):
            self.active = not isinstance(data, UserDeactivated)
            self.active_sequence = sequence

    def is_operator_of(self, municipality_id: str) -> bool:
        return (
            not self.deleted
            and self.active
            and self.role == "operator"
            and self.municipality_id == municipality_id
        )


def default_operator_refused(operator_id: str, municipality_id: str) -> DomainError:
    return DomainError(
        "invalid",
        "not_an_operator",
        "The default operator must be an active operator of this municipality; "
        f"{operator_id} is not. Choose one from the municipality's staff, or leave it empty.",
        {"default_operator_id": operator_id, "municipality_id": municipality_id},
    )

"""Point-in-municipality routing (DESIGN §6), shared by geo and tickets: pure, in memory, no I/O.

Boundaries (GeoJSON Polygon or MultiPolygon, WGS84) are held as prepared shapely geometries in an
STRtree, rebuilt lazily after a change (BoundaryChanged, MunicipalityCreated). The rules:

- a point strictly inside one municipality belongs to it;
- a point strictly inside several (neighbours overlap slightly where boundaries were simplified) belongs
  to the one with the smallest id — the same answer on every machine, whatever the insertion order;
- a point on a border (shared or not, a hole's ring included) and inside none belongs to the smallest id
  among the boundaries it touches;
- a point in a polygon's hole is outside that polygon;
- a point outside every boundary belongs to none, and the answer names the nearest municipality and its
  distance in metres (geodesic distance to the nearest boundary point, found in a local equirectangular
  frame around the point: accurate to well under 1 % at municipal distances).
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import shapely
from geopy.distance import geodesic
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points


@dataclass(frozen=True)
class Municipality:
    """What a locator answers with: the municipality's immutable id and its current name and slug."""

    id: str
    slug: str
    name: str


@dataclass(frozen=True)
class Nearest:
    municipality: Municipality
    distance_m: float


@dataclass(frozen=True)
class Location:
    """Where a point is: in `municipality`, or in none and `nearest` to one (None without boundaries)."""

    municipality: Municipality | None
    nearest: Nearest | None = None


@dataclass(frozen=True)
class _Area:
    municipality: Municipality
    geometry: BaseGeometry


def read_boundary(boundary: Mapping[str, Any]) -> BaseGeometry:
    """A GeoJSON Polygon or MultiPolygon as a shapely geometry (lon, lat), repaired if slightly invalid."""
    geometry = shape(boundary)
    if geometry.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError(f"a boundary must be a Polygon or MultiPolygon, not {geometry.geom_type}")
    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    return geometry


@dataclass
class Locator:
    """Which municipality contains a point. Not thread-safe: one per event loop (each service has one)."""

    _areas: dict[str, _Area] = field(default_factory=dict)
    _tree: shapely.STRtree | None = None
    _order: list[_Area] = field(default_factory=list)
    _geometries: Any = None  # numpy array of the prepared geometries, in `_order`

    def __len__(self) -> int:
        return len(self._areas)

    def __contains__(self, municipality_id: object) -> bool:
        return municipality_id in self._areas

    def put(self, municipality: Municipality, boundary: Mapping[str, Any] | BaseGeometry) -> None:
        """Add or replace a municipality's boundary."""
        geometry = boundary if isinstance(boundary, BaseGeometry) else read_boundary(boundary)
        self._areas[municipality.id] = _Area(municipality, geometry)
        self._tree = None

    def rename(self, municipality: Municipality) -> None:
        """New name or slug for a municipality already held (its boundary unchanged)."""
        area = self._areas.get(municipality.id)
        if area is not None:
            self._areas[municipality.id] = _Area(municipality, area.geometry)
            self._tree = None

    def remove(self, municipality_id: str) -> None:
        if self._areas.pop(municipality_id, None) is not None:
            self._tree = None

    def replace(self, entries: Iterable[tuple[Municipality, Mapping[str, Any] | BaseGeometry]]) -> None:
        """Hold exactly these boundaries (a reload from the projection)."""
        self._areas.clear()
        self._tree = None
        for municipality, boundary in entries:
            self.put(municipality, boundary)

    def municipality(self, municipality_id: str) -> Municipality | None:
        area = self._areas.get(municipality_id)
        return None if area is None else area.municipality

    def boundary(self, municipality_id: str) -> BaseGeometry | None:
        area = self._areas.get(municipality_id)
        return None if area is None else area.geometry

    def _index(self) -> shapely.STRtree:
        if self._tree is None:
            # Sorted by id, so candidates come back in id order and "smallest id" is the first match.
            self._order = sorted(self._areas.values(), key=lambda a: a.municipality.id)
            geometries = np.array([a.geometry for a in self._order], dtype=object)
            shapely.prepare(geometries)
            self._geometries = geometries
            self._tree = shapely.STRtree(geometries)
        return self._tree

    def locate(self, lat: float, lon: float) -> Location:
        tree = self._index()
        if not self._order:
            return Location(None)
        point = Point(lon, lat)
        candidates = tree.query(point)  # bounding boxes containing the point
        if len(candidates):
            candidates = np.sort(candidates)  # id order (see _index)
            geometries = self._geometries[candidates]
            inside = shapely.contains_properly(geometries, point)
            if inside.any():
                return Location(self._order[int(candidates[inside.argmax()])].municipality)
            touching = shapely.covers(geometries, point)
            if touching.any():
                return Location(self._order[int(candidates[touching.argmax()])].municipality)
        return Location(None, self.nearest(lat, lon))

    def nearest(self, lat: float, lon: float) -> Nearest | None:
        """The municipality whose boundary is closest to the point, and the geodesic distance to it."""
        tree = self._index()
        if not self._order:
            return None
        point = Point(lon, lat)
        _, degrees = tree.query_nearest(point, return_distance=True)
        plain = float(degrees[0])
        # In a frame where longitudes shrink by cos(lat), distances shrink by at most that factor; every
        # boundary nearer than the plain-degree nearest in that frame lies within plain / cos(lat).
        scale = max(math.cos(math.radians(lat)), 0.01)
        reach = plain / scale * 1.0001 + 1e-12
        candidates = np.sort(tree.query(point, predicate="dwithin", distance=reach))
        best: tuple[float, int, Point] | None = None
        local_point = Point(lon * scale, lat)
        stretch = np.array([scale, 1.0])
        for index in candidates:
            local = shapely.transform(self._geometries[int(index)], lambda xy: xy * stretch)
            _, on_boundary = nearest_points(local_point, local)
            planar = local_point.distance(on_boundary)  # choose in the local frame ...
            if best is None or planar < best[0]:
                best = (planar, int(index), on_boundary)
        assert best is not None
        _, index, on_boundary = best
        # ... and measure the chosen point on the ellipsoid.
        metres = geodesic((lat, lon), (on_boundary.y, on_boundary.x / scale)).meters
        return Nearest(self._order[index].municipality, metres)

"""The shared locator (DESIGN §6) on synthetic shapes and on the bundled real Brandenburg boundaries."""

from __future__ import annotations

from typing import Any

import pytest
from geopy.distance import geodesic
from shapely.geometry import shape

from services.common.demo import brandenburg_municipalities
from services.common.locator import Locator, Municipality


def square(
    west: float, south: float, east: float, north: float, hole: list[Any] | None = None
) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring] + ([hole] if hole else [])}


def town(identifier: str) -> Municipality:
    return Municipality(identifier, f"town-{identifier}", f"Town {identifier}")


@pytest.fixture(scope="module")
def brandenburg() -> Locator:
    locator = Locator()
    for index, (name, boundary) in enumerate(sorted(brandenburg_municipalities().items())):
        locator.put(Municipality(f"m{index:04d}", name.lower(), name), boundary)
    return locator


def test_a_point_inside_belongs_to_its_municipality(brandenburg: Locator) -> None:
    location = brandenburg.locate(52.3906, 13.0645)  # Potsdam, Alter Markt
    assert location.municipality is not None and location.municipality.name == "Potsdam"
    assert location.nearest is None
    cottbus = brandenburg.locate(51.7563, 14.3329)
    assert cottbus.municipality is not None and cottbus.municipality.name == "Cottbus"


@pytest.mark.parametrize("order", ["a-first", "b-first"])
def test_a_point_on_a_shared_border_goes_to_the_smaller_id(order: str) -> None:
    locator = Locator()
    entries = [(town("b"), square(13.1, 52.0, 13.2, 52.1)), (town("a"), square(13.0, 52.0, 13.1, 52.1))]
    for municipality, boundary in entries if order == "b-first" else reversed(entries):
        locator.put(municipality, boundary)
    for lat, lon in [(52.05, 13.1), (52.0, 13.1), (52.1, 13.1)]:  # on the border, and its end points
        assert locator.locate(lat, lon).municipality == town("a")
    assert locator.locate(52.05, 13.1000001).municipality == town("b")  # strictly inside wins
    assert locator.locate(52.0, 13.15).municipality == town("b")  # on an outer border: the only one


def test_a_point_strictly_inside_two_overlapping_boundaries_goes_to_the_smaller_id(
    brandenburg: Locator,
) -> None:
    boundaries = {name: shape(b) for name, b in brandenburg_municipalities().items()}
    names = sorted(boundaries)
    pair = next(
        (a, b)
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        if boundaries[a].intersection(boundaries[b]).area > 1e-6
    )
    overlap = boundaries[pair[0]].intersection(boundaries[pair[1]])
    point = overlap.representative_point()
    assert boundaries[pair[0]].contains_properly(point) and boundaries[pair[1]].contains_properly(point)
    location = brandenburg.locate(point.y, point.x)
    assert location.municipality is not None and location.municipality.name == pair[0]  # sorted: smaller id
    swapped = Locator()
    swapped.put(Municipality("z", "z", pair[0]), boundaries[pair[0]])
    swapped.put(Municipality("y", "y", pair[1]), boundaries[pair[1]])
    assert swapped.locate(point.y, point.x).municipality == Municipality("y", "y", pair[1])


def test_a_point_in_a_hole_belongs_to_none() -> None:
    hole = [[13.04, 52.04], [13.06, 52.04], [13.06, 52.06], [13.04, 52.06], [13.04, 52.04]]
    locator = Locator()
    locator.put(town("a"), square(13.0, 52.0, 13.1, 52.1, hole))
    location = locator.locate(52.05, 13.05)
    assert location.municipality is None
    assert location.nearest is not None and location.nearest.municipality == town("a")
    expected = geodesic((52.05, 13.05), (52.05, 13.04)).meters  # the hole's west edge is nearest
    assert location.nearest.distance_m == pytest.approx(expected, rel=0.02)
    assert locator.locate(52.04, 13.05).municipality == town("a")  # on the hole's ring: on its border


@pytest.mark.parametrize(
    ("lat", "lon", "edge"),
    [(52.05, 13.25, (52.05, 13.1)), (52.3, 13.05, (52.1, 13.05)), (51.0, 12.0, (52.0, 13.0))],
)
def test_outside_everything_names_the_nearest_and_its_distance(
    lat: float, lon: float, edge: tuple[float, float]
) -> None:
    locator = Locator()
    locator.put(town("a"), square(13.0, 52.0, 13.1, 52.1))
    locator.put(town("b"), square(15.0, 52.0, 15.1, 52.1))
    location = locator.locate(lat, lon)
    assert location.municipality is None
    assert location.nearest is not None and location.nearest.municipality == town("a")
    assert location.nearest.distance_m == pytest.approx(geodesic((lat, lon), edge).meters, rel=0.02)


def test_berlin_is_not_covered_and_its_nearest_neighbour_is_named(brandenburg: Locator) -> None:
    location = brandenburg.locate(52.5163, 13.3777)  # Brandenburger Tor: Berlin is not in the data
    assert location.municipality is None
    assert location.nearest is not None
    assert 5_000 < location.nearest.distance_m < 30_000
    assert brandenburg.nearest(52.3906, 13.0645) is not None


def test_boundaries_change_and_disappear() -> None:
    locator = Locator()
    locator.put(town("a"), square(13.0, 52.0, 13.1, 52.1))
    assert locator.locate(52.05, 13.05).municipality == town("a")
    locator.put(town("a"), square(14.0, 52.0, 14.1, 52.1))  # BoundaryChanged
    assert locator.locate(52.05, 13.05).municipality is None
    assert locator.locate(52.05, 14.05).municipality == town("a")
    locator.rename(Municipality("a", "new-a", "New A"))
    assert locator.locate(52.05, 14.05).municipality == Municipality("a", "new-a", "New A")
    locator.remove("a")
    assert len(locator) == 0
    assert locator.locate(52.05, 14.05).municipality is None
    assert locator.locate(52.05, 14.05).nearest is None


def test_multipolygon_parts_all_count() -> None:
    locator = Locator()
    locator.put(
        town("a"),
        {
            "type": "MultiPolygon",
            "coordinates": [
                square(13.0, 52.0, 13.1, 52.1)["coordinates"],
                square(14.0, 52.0, 14.1, 52.1)["coordinates"],
            ],
        },
    )
    assert locator.locate(52.05, 13.05).municipality == town("a")
    assert locator.locate(52.05, 14.05).municipality == town("a")
    assert locator.locate(52.05, 13.5).municipality is None

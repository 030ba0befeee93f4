"""Boundary validation and the overlap rule, on the pure domain (no broker, no database)."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from shapely.geometry import box, mapping, shape
from shapely.strtree import STRtree

from cityfix_contracts import DomainError
from services.admin.domain import (
    BoundaryLimits,
    Neighbour,
    check_boundary,
    overlap_conflict,
    overlapping,
)
from services.common.demo import brandenburg_municipalities

TOLERANCE = BoundaryLimits().overlap_tolerance


def refused(boundary: dict[str, Any], limits: BoundaryLimits | None = None) -> DomainError:
    with pytest.raises(DomainError) as caught:
        check_boundary(boundary, limits)
    return caught.value


def swapped(boundary: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "MultiPolygon",
        "coordinates": [
            [[[lat, lon] for lon, lat in ring] for ring in polygon] for polygon in boundary["coordinates"]
        ],
    }


def neighbour(name: str) -> Neighbour:
    return Neighbour(name.lower(), name, shape(brandenburg_municipalities()[name]))


def test_every_bundled_municipality_is_a_valid_boundary() -> None:
    for name, boundary in brandenburg_municipalities().items():
        assert check_boundary(boundary).is_valid, name


def test_an_open_ring_is_refused_with_the_ring_and_how_to_close_it() -> None:
    error = refused(
        {"type": "Polygon", "coordinates": [[[13.0, 52.0], [13.1, 52.0], [13.1, 52.1], [13.0, 52.1]]]}
    )
    assert error.reply.kind == "invalid"
    assert error.reply.code == "ring_not_closed"
    assert "Append the first position at the end" in error.reply.message
    assert error.reply.details["first"] == [13.0, 52.0]


def test_a_bow_tie_is_refused_and_the_repaired_shape_offered() -> None:
    bow_tie = {
        "type": "Polygon",
        "coordinates": [[[13.0, 52.0], [13.1, 52.1], [13.1, 52.0], [13.0, 52.1], [13.0, 52.0]]],
    }
    error = refused(bow_tie)
    assert error.reply.code == "invalid_geometry"
    assert "Self-intersection" in error.reply.details["reason"]
    repaired = error.reply.details["repaired"]
    assert repaired["type"] == "MultiPolygon"
    # The repaired shape is itself acceptable: a person can send it back as it is.
    assert check_boundary(repaired).is_valid


def test_swapped_coordinates_of_a_german_town_are_recognised() -> None:
    error = refused(swapped(brandenburg_municipalities()["Potsdam"]))
    assert error.reply.code == "coordinates_swapped"
    assert "GeoJSON is [longitude, latitude]" in error.reply.message


def test_swapped_coordinates_out_of_range_are_recognised_anywhere() -> None:
    # Latitude 60°, longitude 150° (Eastern Siberia) written as [lat, lon]: 150 is no latitude.
    error = refused(mapping(box(60.0, 150.0, 60.1, 150.1)))  # type: ignore[arg-type]
    assert error.reply.code == "coordinates_swapped"


def test_the_swap_heuristic_never_refuses_a_boundary_elsewhere() -> None:
    # Nairobi, Kenya: outside the home region, and not a swapped German one.
    assert check_boundary(mapping(box(36.7, -1.4, 37.0, -1.2))).is_valid  # type: ignore[arg-type]


def test_coordinates_out_of_range_are_refused() -> None:
    error = refused(mapping(box(200.0, 100.0, 201.0, 101.0)))  # type: ignore[arg-type]
    assert error.reply.code == "coordinates_out_of_range"


def test_too_many_vertices_is_refused_with_the_limit() -> None:
    error = refused(brandenburg_municipalities()["Potsdam"], BoundaryLimits(max_vertices=20))
    assert error.reply.code == "too_many_vertices"
    assert error.reply.details["max_vertices"] == 20
    assert "Simplify" in error.reply.message


def test_too_large_an_area_is_refused() -> None:
    error = refused(mapping(box(10.0, 50.0, 14.0, 53.0)))  # type: ignore[arg-type]
    assert error.reply.code == "boundary_too_large"


def test_not_a_polygon_is_refused() -> None:
    assert refused({"type": "Point", "coordinates": [13.0, 52.0]}).reply.code == "invalid_boundary"
    assert refused({"type": "Polygon", "coordinates": [[["13", "52"]]]}).reply.code == "invalid_boundary"


def test_real_neighbours_are_accepted_despite_simplified_borders() -> None:
    potsdam = check_boundary(brandenburg_municipalities()["Potsdam"])
    around = [neighbour(n) for n in ("Werder (Havel)", "Teltow", "Schwielowsee", "Nuthetal", "Michendorf")]
    assert overlapping(potsdam, around, TOLERANCE) is None
    teltow = check_boundary(brandenburg_municipalities()["Teltow"])
    assert overlapping(teltow, [neighbour("Kleinmachnow"), neighbour("Stahnsdorf")], TOLERANCE) is None


def test_no_two_bundled_neighbours_overlap_beyond_the_tolerance() -> None:
    names = list(brandenburg_municipalities())
    geometries = [shape(brandenburg_municipalities()[n]) for n in names]
    tree = STRtree(geometries)
    for i, geometry in enumerate(geometries):
        close = [Neighbour(names[j], names[j], geometries[j]) for j in tree.query(geometry) if j != i]
        assert overlapping(geometry, close, TOLERANCE) is None, names[i]


def test_the_same_area_twice_is_an_overlap_naming_the_other() -> None:
    potsdam = check_boundary(brandenburg_municipalities()["Potsdam"])
    found = overlapping(potsdam, [neighbour("Werder (Havel)"), neighbour("Potsdam")], TOLERANCE)
    assert found is not None
    other, share = found
    assert other.name == "Potsdam" and share == pytest.approx(1.0)
    error = overlap_conflict(other, share)
    assert error.reply.kind == "conflict"
    assert "Potsdam" in error.reply.message
    assert error.reply.details["municipality_id"] == "potsdam"


def test_a_municipality_inside_another_is_an_overlap() -> None:
    centre = shape(brandenburg_municipalities()["Potsdam"]).representative_point()
    inner = check_boundary(mapping(centre.buffer(0.01)))  # type: ignore[arg-type]
    found = overlapping(inner, [neighbour("Potsdam")], TOLERANCE)
    assert found is not None and found[0].name == "Potsdam"


@pytest.mark.parametrize("pair", list(itertools.permutations(("Potsdam", "Werder (Havel)"))))
def test_overlap_is_judged_on_the_smaller_area_whichever_comes_first(pair: tuple[str, str]) -> None:
    first, second = pair
    assert (
        overlapping(check_boundary(brandenburg_municipalities()[first]), [neighbour(second)], TOLERANCE)
        is None
    )

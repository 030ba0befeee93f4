"""Queries answered by the geo service: which municipality a point is in, and addresses ↔ points.

Locate fails with `not_covered` (404) when no municipality holds the point; its details name the nearest
one: `{"nearest": {"municipality_id", "slug", "name", "distance_m"}}`. Geocode and Reverse fail with
`geocoder_unavailable` (503) when the geocoder does not answer in time.
"""

from __future__ import annotations

from pydantic import Field

from ..envelope import Contract
from ..rpc import Request


class LocationView(Contract):
    """The municipality a point belongs to."""

    municipality_id: str
    slug: str
    name: str


class Place(Contract):
    """A place the geocoder knows: its address and its point."""

    address: str = Field(description="Postal address, most specific part first")
    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class PlaceList(Contract):
    data: tuple[Place, ...]
    next_cursor: str | None = None


class Locate(Request):
    """Which municipality holds this point."""

    service = "geo"
    reply_model = LocationView

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class Geocode(Request):
    """Places matching a free-text address, optionally biased to a municipality's area."""

    service = "geo"
    reply_model = PlaceList

    q: str = Field(min_length=2, max_length=300)
    municipality_id: str | None = Field(
        default=None, description="Prefer (and keep to) places inside this municipality's boundary"
    )
    limit: int = Field(default=5, ge=1, le=20)


class Reverse(Request):
    """The address at a point."""

    service = "geo"
    reply_model = Place

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)

"""Access rows: the public geo lookups (locate, geocode, reverse) — every role, and nobody signed in, alike.

The world's geo service is pointed at the loopback Nominatim stand-in before geocoding (no test touches
the internet); locating waits until geo has projected the world's two municipalities.
"""

from __future__ import annotations

from functools import cache

import httpx

from services.common.testing import eventually
from services.geo.geocoder import Geocoder
from services.geo.handlers import GeoDeps
from tests.services.geo.nominatim import NominatimStandIn
from tests.support.access import ACTORS, Case, headers, municipality, row
from tests.support.stack import World

POINTS = {"A": (52.3906, 13.0645), "B": (51.7563, 14.3329)}  # Potsdam (A), Cottbus (B)


@cache
def stand_in() -> NominatimStandIn:
    server = NominatimStandIn()
    server.start()  # a daemon thread: it ends with the test process
    return server


def use_stand_in(w: World) -> None:
    deps: GeoDeps = w.runtimes["geo"].deps
    url = stand_in().url
    if deps.geocoder.base_url != url:
        deps.geocoder = Geocoder(deps.settings.model_copy(update={"geocoder_url": url}))


def geo_request(path: str, params: object):  # type: ignore[no-untyped-def]
    def build(actor: str):  # type: ignore[no-untyped-def]
        async def send(w: World, target: str) -> httpx.Response:
            use_stand_in(w)
            query = params(w, target)  # type: ignore[operator]
            if path == "locate":  # geo learns the world's boundaries from events: wait for them

                async def projected() -> bool:
                    return municipality(w, target) in w.runtimes["geo"].deps.locator

                await eventually(projected, what="geo holds the world's boundaries")
            return await w.http.get(f"/api/v1/geo/{path}", params=query, headers=headers(w, actor))

        return send

    return build


def point(w: World, target: str) -> dict[str, float]:
    lat, lon = POINTS[target]
    return {"lat": lat, "lon": lon}


row(
    "GET",
    "/api/v1/geo/locate",
    geo_request("locate", point),
    [
        *[
            Case(a, "A", 200, shows=lambda w: [w.municipality_a], hides=lambda w: [w.municipality_b])
            for a in ACTORS
        ],
        *[
            Case(a, "B", 200, shows=lambda w: [w.municipality_b], hides=lambda w: [w.municipality_a])
            for a in ACTORS
        ],
    ],
)
row(
    "GET",
    "/api/v1/geo/geocode",
    geo_request("geocode", lambda w, t: {"q": "Breite Straße", "municipality_id": municipality(w, t)}),
    [Case(a, t, 200, shows=lambda w: ["Breite Straße"]) for a in ACTORS for t in ("A", "B")],
)
row(
    "GET",
    "/api/v1/geo/reverse",
    geo_request("reverse", point),
    [Case(a, t, 200, shows=lambda w: ["Teststraße"]) for a in ACTORS for t in ("A", "B")],
)

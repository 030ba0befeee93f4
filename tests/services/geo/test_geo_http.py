"""The public geo endpoints through the gateway: no sign-in, response shapes, 404 not_covered with the
nearest municipality, 503 when the geocoder is silent, and 429 with Retry-After per client address."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from typing import Any

import httpx
from nats.aio.client import Client as NatsClient

from gateway.app import create_app
from gateway.settings import GatewaySettings
from services.common.demo import brandenburg_municipalities
from services.common.service import ServiceRuntime
from services.common.settings import Settings
from services.common.testing import eventually

from .nominatim import NominatimStandIn, SilentServer
from .test_geo_service import create, start_geo

RunService = Callable[..., Awaitable[ServiceRuntime]]


@asynccontextmanager
async def gateway(settings: Settings, **overrides: Any) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(GatewaySettings(**{**settings.model_dump(), **overrides}))
    async with app.router.lifespan_context(app):

        async def connected() -> bool:
            connection = app.state.gateway.connection
            return connection is not None and connection.is_connected

        await eventually(connected, what="gateway connected")
        transport = httpx.ASGITransport(app=app, client=("192.0.2.7", 50000))
        async with httpx.AsyncClient(transport=transport, base_url="http://cityfix.test") as http:
            yield http


async def test_locate_geocode_reverse_over_http(
    run_service: RunService, nats_client: NatsClient, nominatim: NominatimStandIn, settings: Settings
) -> None:
    await start_geo(run_service, nominatim.url)
    await create(nats_client, "m-potsdam", "Potsdam", brandenburg_municipalities()["Potsdam"])
    async with gateway(settings) as http:

        async def potsdam() -> bool:
            response = await http.get("/api/v1/geo/locate", params={"lat": 52.3906, "lon": 13.0645})
            return response.status_code == 200

        await eventually(potsdam, what="Potsdam located over HTTP")
        response = await http.get("/api/v1/geo/locate", params={"lat": 52.3906, "lon": 13.0645})
        assert response.json() == {"municipality_id": "m-potsdam", "slug": "potsdam", "name": "Potsdam"}

        response = await http.get("/api/v1/geo/locate", params={"lat": 52.5163, "lon": 13.3777})
        assert response.status_code == 404
        error = response.json()["error"]
        assert error["code"] == "not_covered" and error["details"]["nearest"]["name"] == "Potsdam"

        response = await http.get("/api/v1/geo/locate", params={"lat": 95, "lon": 13})
        assert response.status_code == 422

        response = await http.get(
            "/api/v1/geo/geocode", params={"q": "Breite Straße", "municipality_id": "m-potsdam"}
        )
        assert response.status_code == 200
        assert response.json()["data"][0]["address"].startswith("Breite Straße")

        response = await http.get("/api/v1/geo/reverse", params={"lat": 52.4, "lon": 13.06})
        assert response.status_code == 200 and set(response.json()) == {"address", "lat", "lon"}


async def test_a_silent_geocoder_gives_503(
    run_service: RunService, silent_geocoder: SilentServer, settings: Settings
) -> None:
    await start_geo(run_service, silent_geocoder.url, geocoder_timeout_seconds=0.5)
    async with gateway(settings) as http:
        for path, params in (("geocode", {"q": "Am Kanal 1"}), ("reverse", {"lat": 52.4, "lon": 13.06})):
            response = await http.get(f"/api/v1/geo/{path}", params=params)
            assert response.status_code == 503
            assert response.json()["error"]["code"] == "geocoder_unavailable"


async def test_lookups_are_rate_limited_per_client_address(
    run_service: RunService, nominatim: NominatimStandIn, settings: Settings
) -> None:
    await start_geo(run_service, nominatim.url)
    async with gateway(settings, geo_requests_per_minute=3) as http:
        statuses = [
            (await http.get("/api/v1/geo/locate", params={"lat": 52.5, "lon": 13.4})).status_code
            for _ in range(3)
        ]
        assert statuses == [404, 404, 404]  # nothing is covered here: but each was answered
        limited = await http.get("/api/v1/geo/reverse", params={"lat": 52.4, "lon": 13.06})
        assert limited.status_code == 429
        assert int(limited.headers["Retry-After"]) >= 1
        assert limited.json()["error"]["code"] == "rate_limited"

"""GET /api/v1/health asks every service; 503 at once while NATS is down (DESIGN §3, §4)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from cityfix_contracts.rpc import SERVICES
from services.common.nats_server import NatsServer
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.common.tokens import TokenIssuer
from tests.gateway.conftest import assert_error

RunService = Callable[..., Awaitable[ServiceRuntime]]


async def test_health_is_200_when_all_seven_services_answer(
    client: httpx.AsyncClient, run_service: RunService, key_file: Path
) -> None:
    from services.admin.service import spec as admin
    from services.auth.service import spec as auth
    from services.geo.service import spec as geo
    from services.integrations.service import spec as integrations
    from services.media.service import spec as media
    from services.notifications.service import spec as notifications
    from services.tickets.service import spec as tickets

    await run_service(auth, jwt_private_key_file=key_file)
    for spec in (admin, geo, tickets, media, notifications, integrations):
        await run_service(spec)

    async def healthy() -> dict[str, Any]:
        response = await client.get("/api/v1/health")
        return response.json() if response.status_code == 200 else {}

    report = await eventually(healthy, what="health 200")
    assert report["status"] == "ok"
    assert report["missing"] == []
    assert (
        set(report["services"])
        == set(SERVICES)
        == {
            "auth",
            "admin",
            "geo",
            "tickets",
            "media",
            "notifications",
            "integrations",
        }
    )
    for name, status in report["services"].items():
        assert status["status"] == "up", name
        assert status["checks"]["nats"] is True, name
        assert status["checks"]["database"] is True, name


async def test_health_is_503_naming_the_services_that_do_not_answer(
    client: httpx.AsyncClient, core_services: dict[str, ServiceRuntime]
) -> None:
    absent = {"geo", "tickets", "media", "notifications", "integrations"}

    async def report() -> dict[str, Any]:
        response = await client.get("/api/v1/health")
        assert response.status_code == 503, response.text
        body: dict[str, Any] = response.json()
        return body if set(body["missing"]) == absent else {}

    body = await eventually(report, what="health naming exactly the absent services")
    assert body["status"] == "degraded"
    services = body["services"]
    assert set(services) == set(SERVICES)
    for name in absent:
        assert services[name]["status"] == "down"
    for name in ("auth", "admin"):
        assert services[name]["status"] == "up"


async def test_health_is_503_with_everything_missing_when_nats_is_down(
    app: FastAPI, client: httpx.AsyncClient, nats_server: NatsServer
) -> None:
    await nats_server.astop()
    try:

        async def disconnected() -> bool:
            return not app.state.gateway.connection.is_connected

        await eventually(disconnected, what="gateway noticed NATS is gone")
        response = await client.get("/api/v1/health")
        assert response.status_code == 503
        assert set(response.json()["missing"]) == set(SERVICES)
    finally:
        await nats_server.astart()


async def test_a_call_needing_a_service_answers_503_while_nats_is_down(
    app: FastAPI,
    client: httpx.AsyncClient,
    core_services: dict[str, ServiceRuntime],
    nats_server: NatsServer,
) -> None:
    before = await client.get("/api/v1/municipalities")
    assert before.status_code == 200, before.text

    await nats_server.astop()
    try:

        async def disconnected() -> bool:
            return not app.state.gateway.connection.is_connected

        await eventually(disconnected, what="gateway noticed NATS is gone")
        response = await client.get("/api/v1/municipalities", headers={"X-Correlation-ID": "down-1"})
        details = assert_error(response, 503, "service_unavailable")
        assert details == {"service": "admin"}
        assert response.headers["x-correlation-id"] == "down-1"
    finally:
        await nats_server.astart()

    # Once NATS is back, the gateway reconnects by itself and the same call works again.
    async def recovered() -> bool:
        return (await client.get("/api/v1/municipalities")).status_code == 200

    await eventually(recovered, what="the call works again after NATS returns")


async def test_an_authenticated_call_answers_503_when_the_keys_cannot_be_fetched(
    client: httpx.AsyncClient, issuer: TokenIssuer
) -> None:
    """No auth service yet: the gateway cannot verify any token, so it says so instead of 401 or hanging."""
    token = issuer.access_token("admin-1", "admin", None)
    response = await client.post(
        "/api/v1/municipalities",
        json={"name": "Cottbus", "slug": "cottbus", "reference_prefix": "CB"},
        headers={"Authorization": f"Bearer {token}"},
    )
    assert_error(response, 503, "service_unavailable")

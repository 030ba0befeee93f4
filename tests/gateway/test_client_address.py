"""Login throttling by client address trusts X-Forwarded-For only from CITYFIX_TRUSTED_PROXIES."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from gateway.app import create_app
from gateway.settings import GatewaySettings
from services.auth.service import spec as auth_spec
from services.common.nats_server import NatsServer
from services.common.testing import eventually
from tests.gateway.conftest import RunService, WebDist


async def gateway_client(
    nats_server: NatsServer, web_dist: WebDist, trusted: str
) -> AsyncIterator[httpx.AsyncClient]:
    app = create_app(
        GatewaySettings(nats_url=nats_server.url, frontend_dist=web_dist.root, trusted_proxies=trusted)
    )
    async with app.router.lifespan_context(app):

        async def connected() -> bool:
            connection = app.state.gateway.connection
            return connection is not None and connection.is_connected

        await eventually(connected, what="gateway connected")
        # ASGITransport's peer is 127.0.0.1, as a reverse proxy on the same host would be.
        transport = httpx.ASGITransport(app=app, client=("127.0.0.1", 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://cityfix.test") as http:
            yield http


async def failed_login(http: httpx.AsyncClient, email: str, forwarded_for: str) -> int:
    response = await http.post(
        "/api/v1/auth/login",
        json={"email": email, "password": "not the password"},
        headers={"X-Forwarded-For": forwarded_for},
    )
    return response.status_code


@pytest.mark.parametrize("trusted", ["127.0.0.1", ""], ids=["behind-a-trusted-proxy", "no-trusted-proxy"])
async def test_the_per_address_limit_uses_forwarded_addresses_only_from_trusted_proxies(
    run_service: RunService, nats_server: NatsServer, web_dist: WebDist, key_file: Path, trusted: str
) -> None:
    # The per-address limit is lowered to 3 here so that three unknown accounts reach it.
    await run_service(auth_spec, jwt_private_key_file=key_file, login_max_failures_per_address=3)
    async for http in gateway_client(nats_server, web_dist, trusted):
        for n in range(3):
            assert await failed_login(http, f"nobody{n}@example.org", "203.0.113.9") == 401
        assert await failed_login(http, "nobody3@example.org", "203.0.113.9") == 429
        other_address = await failed_login(http, "nobody4@example.org", "198.51.100.7")
        if trusted:
            assert other_address == 401  # another client behind the proxy is not held up
        else:
            assert other_address == 429  # the header is ignored: every request comes from 127.0.0.1

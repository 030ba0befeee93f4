"""Fixtures for gateway tests: the real app (lifespan running) over ASGI, real services behind NATS."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from gateway.app import create_app
from gateway.settings import GatewaySettings
from services.common.nats_server import NatsServer
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.common.tokens import TokenIssuer, generate_private_key, load_private_key

RunService = Callable[..., Awaitable[ServiceRuntime]]

INDEX_HTML = "<!doctype html><title>CityFix test app</title><div id=root></div>"
ASSET_JS = "console.log('cityfix test asset');"
SECRET = "top secret, outside the web app"


@dataclass
class WebDist:
    root: Path
    index: str = INDEX_HTML
    asset_path: str = "assets/app-1234.js"
    asset: str = ASSET_JS


@pytest.fixture
def web_dist(tmp_path: Path) -> WebDist:
    """A built web app: index.html and one asset, with a secret file beside (not inside) it."""
    root = tmp_path / "web" / "dist"
    (root / "assets").mkdir(parents=True)
    (root / "index.html").write_text(INDEX_HTML)
    (root / "assets" / "app-1234.js").write_text(ASSET_JS)
    (tmp_path / "web" / "secret.txt").write_text(SECRET)
    return WebDist(root)


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    return generate_private_key(tmp_path / "keys" / "jwt.pem")


@pytest.fixture
def issuer(key_file: Path) -> TokenIssuer:
    return TokenIssuer(load_private_key(key_file))


@pytest.fixture
def gateway_settings(nats_server: NatsServer, web_dist: WebDist) -> GatewaySettings:
    return GatewaySettings(nats_url=nats_server.url, frontend_dist=web_dist.root)


@pytest.fixture
async def app(gateway_settings: GatewaySettings) -> AsyncIterator[FastAPI]:
    """The gateway app with its lifespan running and its NATS connection up."""
    application = create_app(gateway_settings)
    async with application.router.lifespan_context(application):

        async def connected() -> bool:
            connection = application.state.gateway.connection
            return connection is not None and connection.is_connected

        await eventually(connected, what="gateway connected to NATS")
        yield application


@pytest.fixture
async def client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://cityfix.test") as http:
        yield http


@pytest.fixture
async def core_services(run_service: RunService, key_file: Path) -> dict[str, ServiceRuntime]:
    """The admin service and the auth service (which signs with `key_file`)."""
    from services.admin.service import spec as admin_spec
    from services.auth.service import spec as auth_spec

    return {
        "auth": await run_service(auth_spec, jwt_private_key_file=key_file),
        "admin": await run_service(admin_spec),
    }


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def assert_error(response: httpx.Response, status: int, code: str) -> dict[str, Any]:
    """The one error shape of DESIGN §4; returns the `details`."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()
    assert set(body) == {"error"}, body
    error = body["error"]
    assert set(error) == {"code", "message", "details"}, error
    assert error["code"] == code, error
    assert isinstance(error["message"], str) and error["message"].strip()
    assert "Traceback" not in response.text
    details: dict[str, Any] = error["details"]
    assert isinstance(details, dict)
    return details

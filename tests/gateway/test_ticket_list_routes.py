"""The fixed paths under /tickets (/mine, /assigned, /nearby) are answered by their own routes: FastAPI
takes the first route that matches, and `GET /tickets/{ticket_id}` would take them all for ticket ids.

No service runs here, so a request that reaches a service at all is a 503: the ticket route answers 503
for any id, while these list routes first refuse the request by their own rules (sign-in, parameters).
/nearby, open to anyone, is told apart over HTTP with the services running (tests/e2e/test_ticket_lists.py).
"""

from __future__ import annotations

import httpx
import pytest

from gateway.app import create_app
from tests.gateway.conftest import assert_error


@pytest.fixture
async def offline() -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=create_app())
    return httpx.AsyncClient(transport=transport, base_url="http://cityfix.test")


@pytest.mark.parametrize(
    ("path", "status", "code"),
    [
        ("/api/v1/tickets/mine", 401, "unauthenticated"),
        ("/api/v1/tickets/assigned", 401, "unauthenticated"),
        ("/api/v1/tickets?bbox=1,2", 422, "validation_failed"),
        ("/api/v1/tickets/some-ticket-id", 503, "service_unavailable"),
    ],
)
async def test_list_paths_reach_their_own_routes(
    offline: httpx.AsyncClient, path: str, status: int, code: str
) -> None:
    async with offline:
        assert_error(await offline.get(path), status, code)

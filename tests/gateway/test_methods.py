"""A known API address with the wrong method is a 405 naming the allowed methods, not a 404."""

from __future__ import annotations

import httpx

from tests.gateway.conftest import assert_error


async def test_wrong_method_on_a_known_api_path_is_405_with_allow(client: httpx.AsyncClient) -> None:
    response = await client.delete("/api/v1/municipalities")
    details = assert_error(response, 405, "method_not_allowed")
    assert details["allowed_methods"] == ["GET", "POST"]
    assert response.headers["Allow"] == "GET, POST"


async def test_unknown_api_path_stays_404(client: httpx.AsyncClient) -> None:
    assert_error(await client.delete("/api/v1/no-such-thing"), 404, "not_found")

"""The built web app served by the gateway, with index.html for client-side routes (DESIGN §1, §4)."""

from __future__ import annotations

import httpx
import pytest

from tests.gateway.conftest import SECRET, WebDist, assert_error


@pytest.mark.parametrize(
    "path",
    ["/", "/login", "/register", "/verify-email?token=x", "/reset-password?token=y", "/tickets/abc/def"],
)
async def test_client_routes_serve_index_html(
    client: httpx.AsyncClient, web_dist: WebDist, path: str
) -> None:
    response = await client.get(path)
    assert response.status_code == 200
    assert response.text == web_dist.index
    assert response.headers["content-type"].startswith("text/html")
    assert response.headers["cache-control"] == "no-cache"


async def test_an_existing_asset_is_served(client: httpx.AsyncClient, web_dist: WebDist) -> None:
    response = await client.get(f"/{web_dist.asset_path}")
    assert response.status_code == 200
    assert response.text == web_dist.asset
    assert "javascript" in response.headers["content-type"]


async def test_index_html_by_name_is_served(client: httpx.AsyncClient, web_dist: WebDist) -> None:
    response = await client.get("/index.html")
    assert response.status_code == 200
    assert response.text == web_dist.index


@pytest.mark.parametrize(
    "path", ["/api/v1/nope", "/api/v1/tickets/123/photos", "/api/v1", "/api/v2/anything"]
)
async def test_unknown_api_paths_get_the_json_404_not_the_page(client: httpx.AsyncClient, path: str) -> None:
    response = await client.get(path)
    assert_error(response, 404, "not_found")
    assert "<title>" not in response.text


@pytest.mark.parametrize(
    "path",
    [
        "/..%2f..%2fetc/passwd",
        "/" + "..%2f" * 40 + "etc/passwd",
        "/..%2fsecret.txt",
        "/%2e%2e/secret.txt",
        "/%2e%2e%2fsecret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/%2fetc%2fpasswd",
    ],
)
async def test_path_traversal_does_not_escape_the_web_app(
    client: httpx.AsyncClient, web_dist: WebDist, path: str
) -> None:
    assert (web_dist.root.parent / "secret.txt").read_text() == SECRET
    response = await client.get(path)
    assert SECRET not in response.text
    assert "root:" not in response.text
    # Whatever the gateway answers, it is the app's own page or an error, never a file from outside.
    if response.status_code == 200:
        assert response.text == web_dist.index


async def test_a_directory_is_not_listed(client: httpx.AsyncClient, web_dist: WebDist) -> None:
    response = await client.get("/assets")
    assert response.status_code == 200
    assert response.text == web_dist.index


async def test_the_web_app_does_not_need_nats(client: httpx.AsyncClient, web_dist: WebDist) -> None:
    """The page is static: it is served even when no service runs."""
    response = await client.get("/verify-email", params={"token": "abc"})
    assert response.status_code == 200
    assert response.text == web_dist.index

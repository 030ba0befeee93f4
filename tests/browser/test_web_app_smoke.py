"""The web app as served by `cityfix dev --demo`, in a real Chromium."""

from __future__ import annotations

from playwright.async_api import Page, expect

from tests.browser.conftest import snapshot
from tests.support.devstack import DevStack, dev_stack, wait_healthy

__all__ = ["dev_stack"]


async def test_home_page_is_the_public_map(dev_stack: DevStack, page: Page) -> None:
    await wait_healthy(dev_stack)
    await page.goto(dev_stack.base_url + "/")
    await expect(page.get_by_role("heading", name="Street problems near you")).to_be_visible()
    await expect(page.get_by_role("region", name="Map of reported problems")).to_be_visible()
    await expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    await snapshot(page, "home")


async def test_status_page_shows_every_service_up(dev_stack: DevStack, page: Page) -> None:
    await wait_healthy(dev_stack)
    await page.goto(dev_stack.base_url + "/status")
    await expect(page.get_by_role("heading", name="Platform status")).to_be_visible()
    for service in ("auth", "admin", "geo", "tickets", "media", "notifications", "integrations"):
        await expect(page.get_by_text(service, exact=True).first).to_be_visible()
    await expect(page.get_by_text("Down", exact=True)).to_have_count(0)
    await snapshot(page, "status")


async def test_client_side_route_falls_back_to_the_web_app(dev_stack: DevStack, page: Page) -> None:
    await wait_healthy(dev_stack)
    response = await page.goto(dev_stack.base_url + "/verify-email?token=abc")
    assert response is not None
    assert response.status == 200
    # The web app itself answers (its own layout), not a server 404.
    await expect(page.get_by_role("banner").get_by_role("link", name="CityFix")).to_be_visible()
    await snapshot(page, "client-route")

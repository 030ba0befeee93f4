"""Browser tests drive Debian's Chromium with Playwright (no browser download: `executable_path`).

Without a Chromium the suite fails and says how to get one, unless CITYFIX_SKIP_BROWSER=1 is set on purpose.
Screenshots of each step are kept in tests/browser/artifacts/; a failing test keeps a Playwright trace.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from playwright.async_api import Browser, BrowserContext, Page, async_playwright, expect

ARTIFACTS = Path(__file__).parent / "artifacts"
CHROMIUM_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    explicit = os.environ.get("CITYFIX_CHROMIUM")
    if explicit:
        return explicit if os.access(explicit, os.X_OK) else None
    return shutil.which("chromium") or shutil.which("chromium-browser")


def require_chromium() -> str:
    """The Chromium to drive; without one the test fails saying how to get one — or is skipped, when
    CITYFIX_SKIP_BROWSER=1 says so on purpose."""
    executable = chromium_path()
    if executable is not None:
        return executable
    if os.environ.get("CITYFIX_SKIP_BROWSER") == "1":
        pytest.skip("browser tests skipped on purpose (CITYFIX_SKIP_BROWSER=1)")
    explicit = os.environ.get("CITYFIX_CHROMIUM")
    pytest.fail(
        (
            f"CITYFIX_CHROMIUM={explicit} is not an executable Chromium. "
            if explicit
            else "No Chromium found. "
        )
        + "The browser tests need one: install Debian's package (apt-get install chromium), point "
        "CITYFIX_CHROMIUM at a Chromium binary, or set CITYFIX_SKIP_BROWSER=1 to skip them on purpose."
    )


@pytest.fixture
async def browser() -> AsyncIterator[Browser]:
    executable = require_chromium()
    async with async_playwright() as playwright:
        instance = await playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield instance
        await instance.close()


@pytest.fixture
async def page(browser: Browser, request: pytest.FixtureRequest) -> AsyncIterator[Page]:
    context: BrowserContext = await browser.new_context(viewport={"width": 1280, "height": 800})
    await context.tracing.start(screenshots=True, snapshots=True)
    page = await context.new_page()
    yield page
    name = re.sub(r"[^A-Za-z0-9_.-]", "_", request.node.name)
    failed = getattr(request.node, "rep_call", None) is not None and request.node.rep_call.failed
    ARTIFACTS.mkdir(exist_ok=True)
    if failed:
        await context.tracing.stop(path=str(ARTIFACTS / f"{name}-trace.zip"))
    else:
        await context.tracing.stop()
    await context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):  # type: ignore[no-untyped-def]
    report = yield
    setattr(item, f"rep_{report.when}", report)
    return report


async def snapshot(page: Page, name: str) -> Path:
    """Keep a screenshot of this step with the test output."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    await page.screenshot(path=str(path), full_page=True)
    return path


async def sign_in(page: Page, base_url: str, email: str, password: str) -> None:
    """Sign in through the web app's own form, and wait until the header shows the session."""
    await page.goto(base_url + "/login")
    await page.get_by_label("Email").fill(email)
    await page.get_by_label("Password", exact=True).fill(password)
    await page.get_by_role("button", name="Sign in").click()
    await expect(page.get_by_role("button", name="Sign out")).to_be_visible()

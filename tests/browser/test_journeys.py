"""The four journeys of the web app, in Debian's Chromium against `cityfix dev --demo`, as people live them:

1. a citizen registers, signs in, reports a pothole with a photo by clicking on the map, answers the
   category's question, and sees the report on the public map;
2. the demo municipality's manager assigns it to the demo operator from the triage inbox;
3. the operator, on a phone, starts work on it from their queue and resolves it with a note;
4. the citizen, whose page for the ticket stayed open all along, sees it resolved without reloading, and
   rates the repair.

One story across four browser contexts (one per person, each its own session). Each step leaves a
screenshot in tests/browser/artifacts/journey-*.png; a failure keeps a Playwright trace there.
"""

from __future__ import annotations

import io
import re
import uuid
from collections.abc import AsyncIterator

import pytest
from PIL import Image
from playwright.async_api import Browser, BrowserContext, Page, expect

from services.common.demo import DEMO_PASSWORD
from tests.browser.conftest import ARTIFACTS, sign_in, snapshot
from tests.support.devstack import DevStack, dev_stack, wait_healthy

__all__ = ["dev_stack"]

PATIENCE_MS = 30_000  # a condition's patience on a shared 2-core machine, never a performance figure
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
REFERENCE = re.compile(r"POT-\d+")


def pothole_photo() -> bytes:
    image = Image.new("RGB", (640, 480), (90, 90, 90))
    image.paste((30, 30, 30), (200, 150, 440, 330))  # the hole
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


class People:
    """One browser context per person; each keeps a trace, saved when the test fails."""

    def __init__(self, browser: Browser) -> None:
        self.browser = browser
        self.contexts: dict[str, BrowserContext] = {}

    async def page(self, who: str, viewport: dict[str, int]) -> Page:
        context = await self.browser.new_context(viewport=viewport)  # type: ignore[arg-type]
        context.set_default_timeout(PATIENCE_MS)
        await context.tracing.start(screenshots=True, snapshots=True)
        self.contexts[who] = context
        return await context.new_page()

    async def close(self, failed: bool) -> None:
        ARTIFACTS.mkdir(exist_ok=True)
        for who, context in self.contexts.items():
            if failed:
                await context.tracing.stop(path=str(ARTIFACTS / f"journey-{who}-trace.zip"))
            else:
                await context.tracing.stop()
            await context.close()


@pytest.fixture
async def people(browser: Browser, request: pytest.FixtureRequest) -> AsyncIterator[People]:
    cast = People(browser)
    yield cast
    report = getattr(request.node, "rep_call", None)
    await cast.close(failed=report is None or report.failed)


async def test_report_assign_resolve_and_rate(dev_stack: DevStack, people: People) -> None:
    expect.set_options(timeout=PATIENCE_MS)
    await wait_healthy(dev_stack)
    base = dev_stack.base_url

    # 1. A citizen registers, signs in, reports with a photo by clicking on the map, sees it on the map.
    citizen = await people.page("citizen", PHONE)
    email = f"clara-{uuid.uuid4().hex[:8]}@example.org"
    password = "Lantern-Orchard-42"
    await citizen.goto(base + "/register")
    await citizen.get_by_label("Full name").fill("Clara Citizen")
    await citizen.get_by_label("Email").fill(email)
    await citizen.get_by_label("Password", exact=True).fill(password)
    await citizen.get_by_role("button", name="Create account").click()
    await expect(citizen.get_by_text(f"we sent a link to {email}")).to_be_visible()
    await snapshot(citizen, "journey-1a-registered")
    await sign_in(citizen, base, email, password)  # unverified citizens may report

    await citizen.goto(base + "/report")
    report_map = citizen.get_by_role("region", name="Map: click to choose the place")
    await expect(report_map).to_be_visible()
    await report_map.click()  # the middle of the map: Potsdam, the demo municipality
    await expect(citizen.get_by_text("Handled by Potsdam")).to_be_visible()
    await citizen.get_by_label("Choose photos").set_input_files(
        {"name": "pothole.jpg", "mimeType": "image/jpeg", "buffer": pothole_photo()}
    )
    await expect(citizen.get_by_text("Photo 1 uploaded")).to_be_visible()
    await citizen.get_by_label("Category").select_option(label="Pothole")
    await citizen.get_by_role("radio", name="Road").check()
    await citizen.get_by_role("textbox", name="4. Describe the problem").fill(
        "A deep pothole in the right lane, about 40 cm wide."
    )
    await snapshot(citizen, "journey-1b-report-filled")
    await citizen.get_by_role("button", name="Send report").click()
    received = citizen.get_by_text(re.compile(r"Your report POT-\d+ has been received"))
    await expect(received).to_be_visible()
    found = REFERENCE.search(await received.inner_text())
    assert found is not None
    reference = found.group(0)
    await snapshot(citizen, "journey-1c-report-received")

    on_map = await people.page("visitor", DESKTOP)  # the public map, no sign-in
    await on_map.goto(base + "/")
    await expect(
        on_map.get_by_role("region", name="Problems in this area").get_by_role(
            "link", name=f"Open {reference}"
        )
    ).to_be_visible()
    await snapshot(on_map, "journey-1d-on-the-public-map")

    # The citizen keeps the ticket's page open from here on.
    await citizen.get_by_role("link", name="View the report").click()
    await expect(citizen.get_by_text(reference).first).to_be_visible()
    await expect(citizen.get_by_role("region", name="Photos")).to_be_visible()

    # 2. The manager assigns it to the demo operator from the triage inbox.
    manager = await people.page("manager", DESKTOP)
    await sign_in(manager, base, "manager@example.org", DEMO_PASSWORD)
    await manager.get_by_role("navigation", name="Main").get_by_role("link", name="Triage").click()
    await expect(manager.get_by_role("heading", name="Triage inbox")).to_be_visible()
    await manager.get_by_role("combobox", name=f"Operator for {reference}").select_option(
        label="Olga Operator"
    )
    await manager.get_by_role("button", name=f"Assign {reference}", exact=True).click()
    await expect(manager.get_by_text(f"{reference}: Assigned to Olga Operator.")).to_be_visible()
    await snapshot(manager, "journey-2-assigned")

    # 3. The operator, on a phone, starts work from their queue and resolves it with a note.
    operator = await people.page("operator", PHONE)
    await sign_in(operator, base, "operator@example.org", DEMO_PASSWORD)
    await operator.get_by_role("navigation", name="Main").get_by_role("link", name="My queue").click()
    await expect(operator.get_by_role("heading", name="My queue")).to_be_visible()
    await operator.get_by_role("link", name=f"Open {reference}").click()
    await operator.get_by_role("button", name="Start work").click()
    await expect(operator.get_by_text("Status is now: In progress.")).to_be_visible()
    await snapshot(operator, "journey-3a-in-progress")
    await operator.get_by_role("button", name="Resolve").click()
    await operator.get_by_label("Note (required, the reporter reads it)").fill(
        "Filled with cold asphalt; a permanent repair follows in spring."
    )
    await operator.get_by_role("button", name="Confirm").click()
    await expect(operator.get_by_text("Status is now: Resolved.")).to_be_visible()
    await snapshot(operator, "journey-3b-resolved")

    # 4. The citizen's open page shows it resolved without a reload, and the citizen rates the repair.
    navigations: list[str] = []
    citizen.on("framenavigated", lambda frame: navigations.append(frame.url))
    await expect(citizen.get_by_text("Update: the status is now Resolved.")).to_be_visible()
    assert navigations == []  # the change arrived live: the page was never reloaded
    await snapshot(citizen, "journey-4a-resolved-live")
    rating = citizen.get_by_role("region", name="Was it fixed?")
    await rating.get_by_role("radio", name="Very good (5 of 5)").check()
    await rating.get_by_label("Comment (optional)").fill("Quick and tidy, thank you!")
    await rating.get_by_role("button", name="Send rating").click()
    await expect(
        rating.get_by_text("You rated this repair 5 of 5.")
    ).to_be_visible()  # read back from history
    await snapshot(citizen, "journey-4b-rated")

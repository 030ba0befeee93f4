"""axe-core, in Debian's Chromium, on the web app's main pages as each kind of person sees them.

The unit tests run axe in jsdom, which cannot judge what needs a real layout (colour contrast, text
over images, target sizes); here every page is rendered by a real browser against `cityfix dev --demo`
and checked as it stands once its content has loaded. Serious and critical violations fail the test,
listed with the elements concerned.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, Page, expect

from services.common.demo import DEMO_PASSWORD
from tests.browser.conftest import sign_in, snapshot
from tests.support.devstack import DevStack, dev_stack, wait_healthy

__all__ = ["dev_stack"]

AXE = Path(__file__).resolve().parents[2] / "frontend" / "node_modules" / "axe-core" / "axe.min.js"
PATIENCE_MS = 30_000  # a condition's patience on a shared machine, never a performance figure
POTSDAM = {"lat": 52.3906, "lon": 13.0645}

# (who signs in, path, a heading that shows the page has loaded its content)
PAGES: dict[str | None, list[tuple[str, str]]] = {
    None: [("/", "Street problems near you"), ("/login", "Sign in"), ("/register", "Create an account")],
    "citizen@example.org": [
        ("/report", "Report a problem"),
        ("/tickets/{ticket_id}", "{reference}"),
        ("/my-reports", "My reports"),
        ("/account", "Account"),
    ],
    "operator@example.org": [("/staff/queue", "My queue"), ("/staff/tickets/{ticket_id}", "{reference}")],
    "manager@example.org": [
        ("/staff/triage", "Triage inbox"),
        ("/staff/tickets", "Tickets"),
        ("/staff/dashboard", "Dashboard"),
        ("/staff/settings/categories", "Categories"),
        ("/staff/settings/operators", "Operators"),
        ("/staff/settings/integrations", "Integrations"),
    ],
    "admin@example.org": [
        ("/admin/municipalities", "Municipalities"),
        ("/admin/managers", "Managers"),
        ("/admin/dead-letters", "Dead letters"),
    ],
}


async def report_a_ticket(base_url: str) -> dict[str, Any]:
    """A ticket of the demo citizen, assigned to the demo operator, so every page has content."""
    async with httpx.AsyncClient(base_url=base_url, timeout=30) as http:

        async def token(email: str) -> dict[str, str]:
            login = await http.post("/api/v1/auth/login", json={"email": email, "password": DEMO_PASSWORD})
            assert login.status_code == 200, login.text
            return {"Authorization": f"Bearer {login.json()['access_token']}"}

        citizen, manager = await token("citizen@example.org"), await token("manager@example.org")
        where = (await http.get("/api/v1/geo/locate", params=POTSDAM)).json()
        categories = (await http.get(f"/api/v1/municipalities/{where['municipality_id']}/categories")).json()
        pothole = next(c for c in categories["data"] if c["code"] == "pothole")
        created = await http.post(
            "/api/v1/tickets",
            headers=citizen,
            json={
                "category_id": pothole["id"],
                "location": POTSDAM,
                "description": "Pothole by the tram stop, about 30 cm wide.",
                "answers": {"surface": "road"},
            },
        )
        assert created.status_code == 201, created.text
        ticket: dict[str, Any] = created.json()
        operators = await http.get("/api/v1/users", headers=manager, params={"role": "operator"})
        operator = next(u for u in operators.json()["data"] if u["email"] == "operator@example.org")
        assigned = await http.post(
            f"/api/v1/tickets/{ticket['id']}/assignment",
            headers=manager,
            json={"operator_id": operator["id"]},
        )
        assert assigned.status_code == 200, assigned.text
        return ticket


async def serious_violations(page: Page) -> list[str]:
    await page.add_script_tag(path=str(AXE))
    results = await page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
        for v in results["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", [390, 1280], ids=["phone", "desktop"])
async def test_the_main_pages_have_no_serious_accessibility_violations(
    dev_stack: DevStack, browser: Browser, width: int
) -> None:
    expect.set_options(timeout=PATIENCE_MS)
    await wait_healthy(dev_stack)
    ticket = await report_a_ticket(dev_stack.base_url)
    found: dict[str, list[str]] = {}
    for who, pages in PAGES.items():
        context = await browser.new_context(viewport={"width": width, "height": 900})
        context.set_default_timeout(PATIENCE_MS)
        page = await context.new_page()
        try:
            if who is not None:
                await sign_in(page, dev_stack.base_url, who, DEMO_PASSWORD)
            for path, heading in pages:
                url = path.format(ticket_id=ticket["id"])
                await page.goto(dev_stack.base_url + url)
                await expect(
                    page.get_by_role("heading", name=heading.format(reference=ticket["reference"])).first
                ).to_be_visible()
                await page.wait_for_load_state("networkidle")
                problems = await serious_violations(page)
                if problems:
                    found[f"{who or 'visitor'} {url}"] = problems
                    await snapshot(page, f"axe-{width}-{url.strip('/').replace('/', '_') or 'home'}")
        finally:
            await context.close()
    assert found == {}, "\n".join(f"{where}:\n  " + "\n  ".join(p) for where, p in found.items())

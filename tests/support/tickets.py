"""Reporting tickets in the test world: the tickets service learns municipalities and categories from
events, so helpers wait until it holds the world's two municipalities and their categories."""

from __future__ import annotations

from typing import Any

import httpx

from services.common.testing import eventually
from services.tickets.handlers import TicketsDeps
from tests.support.stack import World

POINTS = {"A": {"lat": 52.40, "lon": 13.06}, "B": {"lat": 51.76, "lon": 14.33}}  # Potsdam, Cottbus
BERLIN = {"lat": 52.52, "lon": 13.405}


async def tickets_know_world(w: World) -> None:
    """Wait until the tickets service has projected both municipalities and both categories."""
    runtime = w.runtimes["tickets"]

    async def projected() -> bool:
        deps: TicketsDeps = runtime.deps
        if w.municipality_a not in deps.locator or w.municipality_b not in deps.locator:
            return False
        categories = runtime.database["categories"]
        for category in (w.category_a, w.category_b):
            found = await categories.find_one({"_id": category})
            if not found or not found.get("sequence"):
                return False
        return True

    await eventually(projected, what="tickets holds the world's municipalities and categories")


def ticket_body(w: World, target: str, **overrides: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "category_id": w.category_a if target == "A" else w.category_b,
        "location": POINTS[target],
        "description": "Deep pothole in front of the bakery",
    }
    body.update(overrides)
    return body


async def report(w: World, actor: str, target: str, **overrides: Any) -> httpx.Response:
    """POST a report by `actor` in municipality `target` ("A" or "B") once tickets knows the world."""
    await tickets_know_world(w)
    return await w.http.post(
        "/api/v1/tickets", json=ticket_body(w, target, **overrides), headers=w.person(actor).auth()
    )


async def reported(w: World, actor: str, target: str, **overrides: Any) -> dict[str, Any]:
    response = await report(w, actor, target, **overrides)
    assert response.status_code == 201, response.text
    ticket: dict[str, Any] = response.json()
    return ticket

"""Reporting and working tickets in the test world: the tickets service learns municipalities, categories
and staff from events, so helpers wait until it holds the world's two municipalities, their categories
and, before assigning, their operators."""

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


async def tickets_know_operators(w: World) -> None:
    """Wait until the tickets service knows operator_a and operator_b as operators of their municipality."""
    staff = w.runtimes["tickets"].database["staff"]

    async def known() -> bool:
        for key in ("operator_a", "operator_b"):
            operator = w.person(key)
            held = await staff.find_one({"_id": operator.id}) or {}
            if held.get("role") != "operator" or held.get("municipality_id") != operator.municipality_id:
                return False
        return True

    await eventually(known, what="tickets knows the world's operators")


async def worked(w: World, ticket_id: str, person: str, path: str, body: dict[str, Any]) -> dict[str, Any]:
    """POST `body` to the ticket's `path` (assignment, status, feedback) as `person`; 200 expected."""
    response = await w.http.post(
        f"/api/v1/tickets/{ticket_id}/{path}", json=body, headers=w.person(person).auth()
    )
    assert response.status_code == 200, response.text
    ticket: dict[str, Any] = response.json()
    return ticket


async def assigned(w: World, target: str) -> dict[str, Any]:
    """A ticket citizen reported in `target`, assigned by its manager to its operator."""
    ticket = await reported(w, "citizen", target)
    await tickets_know_operators(w)
    side = target.lower()
    operator = w.person(f"operator_{side}").id
    return await worked(w, ticket["id"], f"manager_{side}", "assignment", {"operator_id": operator})


async def resolved(w: World, target: str) -> dict[str, Any]:
    """A ticket citizen reported in `target`, assigned to and resolved by its operator."""
    ticket = await assigned(w, target)
    body = {"status": "resolved", "note": "Fixed."}
    return await worked(w, ticket["id"], f"operator_{target.lower()}", "status", body)

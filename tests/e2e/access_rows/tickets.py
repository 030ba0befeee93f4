"""Access rows: reporting a ticket and reading one in its three views.

Reports go to A (Potsdam) or B (Cottbus) by their point. GET reads a ticket citizen reported in the
target municipality: its reporter gets the reporter's view, that municipality's staff the staff view,
everyone else (another citizen, staff of the other municipality, nobody signed in) the public view
without the reporter's id.
"""

from __future__ import annotations

import httpx

from tests.support.access import Case, headers, row
from tests.support.stack import World
from tests.support.tickets import reported, ticket_body, tickets_know_world


def create(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        await tickets_know_world(w)
        return await w.http.post("/api/v1/tickets", json=ticket_body(w, target), headers=headers(w, actor))

    return send


def reporter_id(w: World) -> list[str]:
    return [w.person("citizen").id]


def reporter_view(w: World) -> list[str]:
    return ['"view":"reporter"', f'"reporter_id":"{w.person("citizen").id}"']


row(
    "POST",
    "/api/v1/tickets",
    create,
    [
        Case("anonymous", "A", 401),
        Case(
            "citizen",
            "A",
            201,
            shows=lambda w: [w.municipality_a, '"reference":"POT-'],
            hides=lambda w: [w.person("citizen").email],
        ),
        Case("citizen", "B", 201, shows=lambda w: [w.municipality_b, '"reference":"COT-']),
        Case(
            "citizen_2",
            "B",
            201,
            shows=lambda w: [w.municipality_b, f'"reporter_id":"{w.person("citizen_2").id}"'],
        ),
        Case("operator_a", "A", 201, shows=lambda w: [w.municipality_a, '"view":"staff"']),
        Case("operator_a", "B", 403, hides=lambda w: [w.municipality_b]),
        Case("manager_a", "A", 201, shows=lambda w: [w.municipality_a, '"view":"staff"']),
        Case("manager_a", "B", 403, hides=lambda w: [w.municipality_b]),
        Case("admin", "A", 403),
        Case("admin", "B", 403),
    ],
)

_reported: dict[tuple[str, str], str] = {}  # (world's municipality A, target) → ticket id


async def ticket_of(w: World, target: str) -> str:
    """The id of a ticket `citizen` reported in `target`, one per world and target."""
    key = (w.municipality_a, target)
    if key not in _reported:
        _reported[key] = (await reported(w, "citizen", target))["id"]
    return _reported[key]


def read(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        if target == "none":
            return await w.http.get("/api/v1/tickets/no-such-ticket", headers=headers(w, actor))
        ticket = await ticket_of(w, target)
        return await w.http.get(f"/api/v1/tickets/{ticket}", headers=headers(w, actor))

    return send


def public(w: World) -> list[str]:
    return ['"view":"public"', '"reporter_id":null']


row(
    "GET",
    "/api/v1/tickets/{ticket_id}",
    read,
    [
        *[Case(a, "none", 404) for a in ("anonymous", "citizen", "manager_a")],
        Case("anonymous", "A", 200, shows=lambda w: [w.municipality_a, *public(w)], hides=reporter_id),
        Case("anonymous", "B", 200, shows=lambda w: [w.municipality_b, *public(w)], hides=reporter_id),
        Case("citizen", "A", 200, shows=reporter_view, hides=lambda w: [w.person("citizen").email]),
        Case("citizen", "B", 200, shows=reporter_view),
        Case("citizen_2", "A", 200, shows=public, hides=reporter_id),
        Case("citizen_2", "B", 200, shows=public, hides=reporter_id),
        Case("operator_a", "A", 200, shows=lambda w: ['"view":"staff"', *reporter_id(w)]),
        Case("operator_a", "B", 200, shows=public, hides=reporter_id),
        Case("manager_a", "A", 200, shows=lambda w: ['"view":"staff"', *reporter_id(w)]),
        Case("manager_a", "B", 200, shows=public, hides=reporter_id),
        Case("admin", "A", 200, shows=lambda w: ['"view":"staff"', *reporter_id(w)]),
    ],
)

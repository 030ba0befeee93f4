"""Access rows: the CSV export of a municipality's tickets.

Each world holds a ticket `citizen` reported in A, one `citizen_2` reported in A and one `citizen`
reported in B. Targets: "-" names no municipality, "A"/"B" name one with `municipality_id`. A manager of A
exports A's tickets only (never B's, not even when naming B); an admin names the municipality; nobody
else exports. The file never holds a reporter's id or email.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.access import Case, each, headers, municipality, row
from tests.support.stack import World
from tests.support.tickets import reported

_tickets: dict[tuple[str, str], dict[str, Any]] = {}  # (world's municipality A, which) → ticket

SEEDS = {"A": ("citizen", "A"), "A2": ("citizen_2", "A"), "B": ("citizen", "B")}


async def seed(w: World) -> None:
    for which, (person, target) in SEEDS.items():
        if (w.municipality_a, which) not in _tickets:
            _tickets[(w.municipality_a, which)] = await reported(w, person, target)


def ids(*which: str):  # type: ignore[no-untyped-def]
    return lambda w: [_tickets[(w.municipality_a, key)]["id"] for key in which]


def people(w: World) -> list[str]:
    return [w.person(key).id for key in ("citizen", "citizen_2")] + [
        w.person(key).email for key in ("citizen", "citizen_2")
    ]


def export(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        await seed(w)
        params = {} if target == "-" else {"municipality_id": municipality(w, target)}
        return await w.http.get("/api/v1/tickets/export.csv", params=params, headers=headers(w, actor))

    return send


def a_only(w: World) -> list[str]:
    return [*ids("B")(w), w.municipality_b, *people(w)]


row(
    "GET",
    "/api/v1/tickets/export.csv",
    export,
    [
        *each(("anonymous",), "-", 401, hides=ids("A", "B")),
        *each(("citizen", "operator_a"), "-", 403, hides=ids("A", "A2", "B")),
        *each(("citizen", "operator_a"), "A", 403, hides=ids("A", "A2", "B")),
        *each(("manager_a",), "-", 200, shows=lambda w: [*ids("A", "A2")(w), w.municipality_a], hides=a_only),
        *each(("manager_a",), "A", 200, shows=lambda w: [*ids("A", "A2")(w), w.municipality_a], hides=a_only),
        Case("manager_a", "B", 403, shows=lambda w: ['"other_municipality"'], hides=ids("B")),
        Case("admin", "-", 422, shows=lambda w: ['"municipality_required"'], hides=ids("A", "B")),
        Case(
            "admin",
            "B",
            200,
            shows=lambda w: [*ids("B")(w), w.municipality_b],
            hides=lambda w: [*ids("A", "A2")(w), w.municipality_a, *people(w)],
        ),
    ],
)

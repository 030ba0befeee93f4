"""Access rows: a municipality's ticket statistics.

Each case first has citizen report a ticket in A and in B, so both municipalities hold tickets: a
manager's statistics must count only their own municipality's (the body names it and never the other).
"""

from __future__ import annotations

import httpx

from tests.support.access import Case, headers, municipality, row
from tests.support.stack import World
from tests.support.tickets import reported

_seeded: set[str] = set()


async def seed(w: World) -> None:
    if w.municipality_a not in _seeded:
        await reported(w, "citizen", "A")
        await reported(w, "citizen", "B")
        _seeded.add(w.municipality_a)


def stats(actor: str):  # type: ignore[no-untyped-def]
    """Target "A"/"B": ask for that municipality's statistics; "-": name none."""

    async def send(w: World, target: str) -> httpx.Response:
        await seed(w)
        params = {} if target == "-" else {"municipality_id": municipality(w, target)}
        return await w.http.get("/api/v1/stats", params=params, headers=headers(w, actor))

    return send


row(
    "GET",
    "/api/v1/stats",
    stats,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403),
        Case("operator_a", "A", 403),
        Case("operator_a", "-", 403),
        Case(
            "manager_a",
            "-",
            200,
            shows=lambda w: [f'"municipality_id":"{w.municipality_a}"', w.category_a],
            hides=lambda w: [w.municipality_b, w.category_b],
        ),
        Case("manager_a", "A", 200, shows=lambda w: [w.municipality_a], hides=lambda w: [w.category_b]),
        Case("manager_a", "B", 403, hides=lambda w: [w.category_b]),
        Case("admin", "-", 422, shows=lambda w: ["municipality_required"]),
        Case(
            "admin",
            "B",
            200,
            shows=lambda w: [f'"municipality_id":"{w.municipality_b}"', w.category_b],
            hides=lambda w: [w.category_a],
        ),
    ],
)

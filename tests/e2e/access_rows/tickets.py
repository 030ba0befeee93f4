"""Access rows: reporting a ticket and reading one in its three views.

Reports go to A (Potsdam) or B (Cottbus) by their point. GET reads a ticket citizen reported in the
target municipality: its reporter gets the reporter's view, that municipality's staff the staff view,
everyone else (another citizen, staff of the other municipality, nobody signed in) the public view
without the reporter's id.

Working a ticket (assignment, status, feedback) acts on a fresh ticket per case, reported by citizen in
the target municipality and brought to the state the route needs by that municipality's own staff; a
target such as "A/no-note" varies the body or the state.
"""

from __future__ import annotations

import httpx

from tests.support.access import Case, headers, row
from tests.support.stack import World
from tests.support.tickets import (
    assigned,
    reported,
    resolved,
    ticket_body,
    tickets_know_operators,
    tickets_know_world,
)


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


def side(target: str) -> str:
    return target.split("/")[0]


def assign(actor: str):  # type: ignore[no-untyped-def]
    """Assign a received ticket of the target to its own operator ("A/foreign": A's ticket to B's)."""

    async def send(w: World, target: str) -> httpx.Response:
        ticket = await reported(w, "citizen", side(target))
        await tickets_know_operators(w)
        operator = {"A": "operator_a", "B": "operator_b", "A/foreign": "operator_b"}[target]
        return await w.http.post(
            f"/api/v1/tickets/{ticket['id']}/assignment",
            json={"operator_id": w.person(operator).id},
            headers=headers(w, actor),
        )

    return send


def operator_id(key: str):  # type: ignore[no-untyped-def]
    return lambda w: [f'"assigned_operator_id":"{w.person(key).id}"']


row(
    "POST",
    "/api/v1/tickets/{ticket_id}/assignment",
    assign,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403),
        Case("operator_a", "A", 403),
        Case("operator_a", "B", 403, hides=lambda w: [w.person("operator_b").id]),
        Case("manager_a", "A", 200, shows=lambda w: ['"status":"assigned"', *operator_id("operator_a")(w)]),
        Case("manager_a", "B", 403, hides=lambda w: [w.person("operator_b").id, w.municipality_b]),
        Case("manager_a", "A/foreign", 422, shows=lambda w: ['"not_an_operator"']),
        Case("admin", "A", 403),
    ],
)


def unassign(actor: str):  # type: ignore[no-untyped-def]
    """Unassign an assigned ticket of the target ("A/received": one never assigned)."""

    async def send(w: World, target: str) -> httpx.Response:
        if target == "A/received":
            ticket = await reported(w, "citizen", "A")
        else:
            ticket = await assigned(w, target)
        return await w.http.delete(f"/api/v1/tickets/{ticket['id']}/assignment", headers=headers(w, actor))

    return send


row(
    "DELETE",
    "/api/v1/tickets/{ticket_id}/assignment",
    unassign,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403),
        Case("operator_a", "A", 403),
        Case(
            "manager_a",
            "A",
            200,
            shows=lambda w: ['"status":"triaged"', '"assigned_operator_id":null'],
        ),
        Case("manager_a", "B", 403, hides=lambda w: [w.person("operator_b").id]),
        Case("manager_a", "A/received", 409, shows=lambda w: ['"not_assigned"']),
        Case("admin", "A", 403),
    ],
)

STATUS_BODIES = {
    "": {"status": "in_progress"},
    "no-note": {"status": "resolved"},
    "unknown": {"status": "fixed"},
    "skip": {"status": "closed"},
}


def change(actor: str):  # type: ignore[no-untyped-def]
    """Move an assigned ticket of the target; "A/no-note" resolves without a note, "A/unknown" names no
    status of the table, "A/skip" jumps straight to closed."""

    async def send(w: World, target: str) -> httpx.Response:
        ticket = await assigned(w, side(target))
        body = STATUS_BODIES[target.partition("/")[2]]
        return await w.http.post(
            f"/api/v1/tickets/{ticket['id']}/status", json=body, headers=headers(w, actor)
        )

    return send


row(
    "POST",
    "/api/v1/tickets/{ticket_id}/status",
    change,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403, shows=lambda w: ['"not_allowed"']),  # even its reporter
        Case("citizen_2", "A", 403),
        Case("operator_a", "A", 200, shows=lambda w: ['"status":"in_progress"', '"view":"staff"']),
        Case("operator_a", "B", 403, hides=lambda w: [w.person("operator_b").id]),
        Case("operator_a", "A/no-note", 422, shows=lambda w: ['"note_required"']),
        Case("operator_a", "A/unknown", 422),
        Case("operator_a", "A/skip", 409, shows=lambda w: ['"transition_not_allowed"']),
        Case("manager_a", "A", 200, shows=lambda w: ['"status":"in_progress"']),
        Case("manager_a", "B", 403, hides=lambda w: [w.person("operator_b").id]),
        Case("admin", "A", 403),
    ],
)

FEEDBACK_BODIES = {"": {"rating": 4, "comment": "Thanks"}, "rating-9": {"rating": 9}}


def rate(actor: str):  # type: ignore[no-untyped-def]
    """Rate a resolved ticket of the target; "A/unresolved" one still assigned, "A/rating-9" off the scale."""

    async def send(w: World, target: str) -> httpx.Response:
        detail = target.partition("/")[2]
        if detail == "unresolved":
            ticket = await assigned(w, side(target))
        else:
            ticket = await resolved(w, side(target))
        body = FEEDBACK_BODIES.get(detail, FEEDBACK_BODIES[""])
        return await w.http.post(
            f"/api/v1/tickets/{ticket['id']}/feedback", json=body, headers=headers(w, actor)
        )

    return send


row(
    "POST",
    "/api/v1/tickets/{ticket_id}/feedback",
    rate,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 200, shows=lambda w: ['"view":"reporter"', '"status":"resolved"']),
        Case("citizen", "B", 200, shows=reporter_view),
        Case("citizen", "A/unresolved", 409, shows=lambda w: ['"not_resolved"']),
        Case("citizen", "A/rating-9", 422),
        Case("citizen_2", "A", 403, shows=lambda w: ['"reporter_only"'], hides=reporter_id),
        Case("operator_a", "A", 403, shows=lambda w: ['"reporter_only"']),
        Case("manager_a", "A", 403),
        Case("manager_a", "B", 403, hides=reporter_id),
        Case("admin", "A", 403),
    ],
)

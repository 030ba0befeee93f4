"""Access rows: managers' tools on a ticket — the partial update, moderation and transfer.

Each case acts on a fresh ticket that citizen reported in the target municipality ("A" or "B"), with a
description naming its municipality so a body can be checked for the other one's text. A target such as
"A/empty" varies the body. Only managers of the ticket's municipality update and moderate; transfer is
theirs and admins'; the moderation audit is for the municipality's staff (and admins).
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.access import Case, headers, row
from tests.support.stack import World
from tests.support.tickets import reported, tickets_know_operators


def side(target: str) -> str:
    return target.split("/")[0]


def original(target: str) -> str:
    return f"Reported words in {side(target)}"


async def fresh(w: World, target: str) -> dict[str, Any]:
    return await reported(w, "citizen", side(target), description=original(target))


def b_text(w: World) -> list[str]:
    return [original("B")]


def reporter(w: World) -> list[str]:
    return [w.person("citizen").id]


UPDATE_BODIES: dict[str, Any] = {
    "": {"priority": "urgent"},
    "empty": {},
    "unknown": {"priority": "urgent", "status": "closed"},
}


def update(actor: str):  # type: ignore[no-untyped-def]
    """PUT a priority on a ticket of the target; "A/operator" assigns A's operator, "A/empty" sends {}."""

    async def send(w: World, target: str) -> httpx.Response:
        ticket = await fresh(w, target)
        detail = target.partition("/")[2]
        if detail == "operator":
            await tickets_know_operators(w)
            body = {"assigned_operator_id": w.person("operator_a").id}
        else:
            body = UPDATE_BODIES[detail]
        return await w.http.put(f"/api/v1/tickets/{ticket['id']}", json=body, headers=headers(w, actor))

    return send


row(
    "PUT",
    "/api/v1/tickets/{ticket_id}",
    update,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403),  # even its reporter
        Case("operator_a", "A", 403),
        Case("manager_a", "A", 200, shows=lambda w: ['"priority":"urgent"', '"view":"staff"', *reporter(w)]),
        Case(
            "manager_a",
            "A/operator",
            200,
            shows=lambda w: ['"status":"assigned"', f'"assigned_operator_id":"{w.person("operator_a").id}"'],
        ),
        Case("manager_a", "B", 403, shows=lambda w: ['"other_municipality"'], hides=b_text),
        Case("manager_a", "A/empty", 422, shows=lambda w: ['"validation_failed"']),
        Case("manager_a", "A/unknown", 422, shows=lambda w: ['"status"']),
        Case("admin", "A", 403),
    ],
)


def read_audit(actor: str):  # type: ignore[no-untyped-def]
    """GET the moderation audit of a ticket of the target, whose text its own manager has edited."""

    async def send(w: World, target: str) -> httpx.Response:
        ticket = await fresh(w, target)
        own_manager = w.person("manager_a" if side(target) == "A" else "manager_b")
        edited = await w.http.patch(
            f"/api/v1/tickets/{ticket['id']}/moderation",
            json={"description": f"Edited words in {side(target)}", "reason": "Personal data"},
            headers=own_manager.auth(),
        )
        assert edited.status_code == 200, edited.text
        return await w.http.get(f"/api/v1/tickets/{ticket['id']}/moderation", headers=headers(w, actor))

    return send


row(
    "GET",
    "/api/v1/tickets/{ticket_id}/moderation",
    read_audit,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403, hides=lambda w: [original("A")]),  # its reporter included
        Case("operator_a", "A", 200, shows=lambda w: [original("A"), '"action":"edited"', "Personal data"]),
        Case("operator_a", "B", 403, shows=lambda w: ['"staff_only"'], hides=b_text),
        Case("manager_a", "A", 200, shows=lambda w: [original("A"), "Edited words in A"]),
        Case("manager_a", "B", 403, hides=b_text),
        Case("admin", "B", 200, shows=b_text),
    ],
)

MODERATION_BODIES: dict[str, Any] = {
    "": {"hidden": True, "reason": "Insulting"},
    "edit": {"description": "Edited words", "reason": "Personal data"},
    "empty": {"reason": "Nothing to change"},
}


def moderate(actor: str):  # type: ignore[no-untyped-def]
    """PATCH the moderation of a ticket of the target: hide it; "A/edit" edits, "A/empty" changes nothing."""

    async def send(w: World, target: str) -> httpx.Response:
        ticket = await fresh(w, target)
        body = MODERATION_BODIES[target.partition("/")[2]]
        return await w.http.patch(
            f"/api/v1/tickets/{ticket['id']}/moderation", json=body, headers=headers(w, actor)
        )

    return send


row(
    "PATCH",
    "/api/v1/tickets/{ticket_id}/moderation",
    moderate,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403),
        Case("operator_a", "A", 403),
        Case("manager_a", "A", 200, shows=lambda w: ['"hidden":true', '"action":"hidden"']),
        Case("manager_a", "A/edit", 200, shows=lambda w: ['"description":"Edited words"', original("A")]),
        Case("manager_a", "B", 403, shows=lambda w: ['"other_municipality"'], hides=b_text),
        Case("manager_a", "A/empty", 422, shows=lambda w: ['"validation_failed"']),
        Case("admin", "A", 403),
    ],
)


def transfer(actor: str):  # type: ignore[no-untyped-def]
    """Transfer a ticket of the target to the other municipality ("A/same": to its own)."""

    async def send(w: World, target: str) -> httpx.Response:
        ticket = await fresh(w, target)
        to_b = side(target) == "A" and target != "A/same"
        body = {
            "municipality_id": w.municipality_b if to_b else w.municipality_a,
            "category_id": w.category_b if to_b else w.category_a,
            "note": "Misrouted: the other municipality maintains this street.",
        }
        return await w.http.post(
            f"/api/v1/tickets/{ticket['id']}/transfer", json=body, headers=headers(w, actor)
        )

    return send


row(
    "POST",
    "/api/v1/tickets/{ticket_id}/transfer",
    transfer,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403),
        Case("operator_a", "A", 403),
        # Once in B, the ticket is B's: its former manager gets the public view, without the reporter.
        Case(
            "manager_a",
            "A",
            200,
            shows=lambda w: [
                '"view":"public"',
                w.municipality_b,
                '"reference":"COT-',
                '"former_references":["POT-',
            ],
            hides=reporter,
        ),
        Case("manager_a", "B", 403, shows=lambda w: ['"other_municipality"'], hides=b_text),
        Case("manager_a", "A/same", 422, shows=lambda w: ['"same_municipality"']),
        Case("admin", "B", 200, shows=lambda w: ['"view":"staff"', w.municipality_a, '"reference":"POT-']),
    ],
)

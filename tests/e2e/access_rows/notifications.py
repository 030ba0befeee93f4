"""Access rows: the inbox. Everyone signed in has their own; nobody sees or marks another's.

The world first has citizen report a ticket in A and citizen_2 one in B, each assigned by that
municipality's manager to its operator (tests/support/notifications.py): each of them then holds
notifications of their own ticket only, the admin none. For a read mark the target says whose
notification it is: "own", "other" (the same role's counterpart: citizen ↔ citizen_2, operator_a →
operator_b, manager_a → manager_b, admin → manager_a), "colleague" (manager_a → operator_a's, same
municipality), "none" (no such notification).
"""

from __future__ import annotations

import httpx

from tests.support.access import Case, headers, row
from tests.support.notifications import inboxes, inboxes_of
from tests.support.stack import World


def ticket(side: str):  # type: ignore[no-untyped-def]
    """The ticket of that side of the world (A: citizen's, B: citizen_2's), for shows/hides."""

    def ids(w: World) -> list[str]:
        held = inboxes_of(w)
        return [held.ticket_a if side == "A" else held.ticket_b]

    return ids


def listing(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        await inboxes(w)
        return await w.http.get("/api/v1/notifications", headers=headers(w, actor))

    return send


row(
    "GET",
    "/api/v1/notifications",
    listing,
    [
        Case("anonymous", "-", 401),
        Case(
            "citizen",
            "-",
            200,
            shows=lambda w: [*ticket("A")(w), '"unread_count":2', '"kind":"status_changed"'],
            hides=ticket("B"),
        ),
        Case("citizen_2", "-", 200, shows=lambda w: [*ticket("B")(w), '"unread_count":2'], hides=ticket("A")),
        Case(
            "operator_a",
            "-",
            200,
            shows=lambda w: [*ticket("A")(w), '"reason":"assignee"', '"unread_count":1'],
            hides=ticket("B"),
        ),
        Case(
            "manager_a",
            "-",
            200,
            shows=lambda w: [*ticket("A")(w), '"kind":"ticket_created"', '"unread_count":1'],
            hides=ticket("B"),
        ),
        Case(
            "admin",
            "-",
            200,
            shows=lambda w: ['"data":[]', '"unread_count":0'],
            hides=lambda w: [*ticket("A")(w), *ticket("B")(w)],
        ),
    ],
)

OTHER = {
    "citizen": "citizen_2",
    "citizen_2": "citizen",
    "operator_a": "operator_b",
    "manager_a": "manager_b",
    "admin": "manager_a",
}


def mark(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        held = await inboxes(w)
        owner = {"own": actor, "other": OTHER.get(actor), "colleague": "operator_a"}.get(target)
        notification_id = held.first(owner) if owner else "no-such-notification"
        return await w.http.post(f"/api/v1/notifications/{notification_id}/read", headers=headers(w, actor))

    return send


row(
    "POST",
    "/api/v1/notifications/{notification_id}/read",
    mark,
    [
        Case("anonymous", "none", 401),
        Case("citizen", "own", 200, shows=lambda w: [*ticket("A")(w), '"read_at":"']),
        Case("citizen", "other", 404, shows=lambda w: ['"notification_not_found"'], hides=ticket("B")),
        Case("citizen", "none", 404),
        Case("citizen_2", "own", 200, shows=ticket("B")),
        Case("citizen_2", "other", 404, hides=ticket("A")),
        Case("operator_a", "own", 200, shows=lambda w: [*ticket("A")(w), '"reason":"assignee"']),
        Case("operator_a", "other", 404, hides=ticket("B")),
        Case("manager_a", "own", 200, shows=lambda w: [*ticket("A")(w), '"reason":"manager"']),
        Case("manager_a", "other", 404, hides=ticket("B")),
        Case("manager_a", "colleague", 404, hides=ticket("A")),
        Case("admin", "other", 404, hides=ticket("A")),
    ],
)


def mark_all(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        await inboxes(w)
        return await w.http.post("/api/v1/notifications/read-all", headers=headers(w, actor))

    return send


row(
    "POST",
    "/api/v1/notifications/read-all",
    mark_all,
    [
        Case("anonymous", "-", 401),
        # Each marks only their own: citizen's read-all leaves citizen_2's two unread.
        Case("citizen", "-", 200, shows=lambda w: ['"marked":2', '"unread_count":0']),
        Case("citizen_2", "-", 200, shows=lambda w: ['"marked":2', '"unread_count":0']),
        Case("operator_a", "-", 200, shows=lambda w: ['"marked":1']),
        Case("manager_a", "-", 200, shows=lambda w: ['"marked":1']),
        Case("admin", "-", 200, shows=lambda w: ['"marked":0']),
    ],
)

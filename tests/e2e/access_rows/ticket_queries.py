"""Access rows: lists of tickets (finding, one's own, an operator's queue, nearby possible duplicates).

Each world holds a ticket `citizen` reported in A, one `citizen` reported in B and one `citizen_2`
reported in A (and, for the queues, a ticket of each municipality assigned to its own operator). Staff of
A list A's tickets only, so a body of theirs never holds B's ticket ids; nobody but staff of a ticket's
municipality (and admins) sees its reporter's id, except the reporter in their own view.

Targets of GET /tickets: "-" no filter, "A"/"B" `municipality_id`, "A/assignee" `assigned_operator_id`,
"A/overdue" `overdue=true`. Of /assigned: "-" no operator named, "A"/"B" that municipality's operator.
Of /nearby: the point and category of the target's ticket, "none" an unknown category.
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.access import Case, each, headers, row
from tests.support.stack import World
from tests.support.tickets import POINTS, assigned, reported

_tickets: dict[tuple[str, str], dict[str, Any]] = {}  # (world's municipality A, which) → ticket


async def ticket(w: World, which: str) -> dict[str, Any]:
    """One ticket per world and `which`: "A", "B" (citizen's), "A2" (citizen_2's in A), "assigned-A"/"-B"."""
    key = (w.municipality_a, which)
    if key not in _tickets:
        if which.startswith("assigned-"):
            _tickets[key] = await assigned(w, which.removeprefix("assigned-"))
        elif which == "A2":
            _tickets[key] = await reported(w, "citizen_2", "A", description="Broken bench by the lake")
        else:
            _tickets[key] = await reported(w, "citizen", which)
    return _tickets[key]


async def ticket_id(w: World, which: str) -> str:
    return str((await ticket(w, which))["id"])


def ids(*which: str):  # type: ignore[no-untyped-def]
    """The ids of those tickets, for shows/hides (they exist by the time the body is checked)."""
    return lambda w: [_tickets[(w.municipality_a, key)]["id"] for key in which]


def reporter(w: World) -> list[str]:
    return [w.person("citizen").id]


def email(w: World) -> list[str]:
    return [w.person("citizen").email, w.person("citizen_2").email]


LIST_FILTERS = {
    "-": lambda w: {},
    "A": lambda w: {"municipality_id": w.municipality_a},
    "B": lambda w: {"municipality_id": w.municipality_b},
    "A/assignee": lambda w: {"assigned_operator_id": w.person("operator_a").id},
    "A/overdue": lambda w: {"overdue": "true"},
}


def find(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        for which in ("A", "B", "A2"):
            await ticket(w, which)
        params = LIST_FILTERS[target](w)
        return await w.http.get("/api/v1/tickets", params=params, headers=headers(w, actor))

    return send


def staff_of_a(w: World) -> list[str]:
    return ['"view":"staff"', *ids("A", "A2")(w), *reporter(w)]


def none_of_b(w: World) -> list[str]:
    return [*ids("B")(w), w.municipality_b]


row(
    "GET",
    "/api/v1/tickets",
    find,
    [
        Case("anonymous", "-", 200, shows=ids("A", "B", "A2"), hides=lambda w: [*reporter(w), *email(w)]),
        Case("anonymous", "B", 200, shows=ids("B"), hides=ids("A", "A2")),
        Case("anonymous", "A/overdue", 401),
        Case("anonymous", "A/assignee", 401),
        Case(
            "citizen", "-", 200, shows=lambda w: ['"view":"reporter"', *ids("A", "B", "A2")(w)], hides=email
        ),
        Case("citizen", "A/assignee", 403, shows=lambda w: ['"staff_only_filter"']),
        Case("citizen", "A/overdue", 403, shows=lambda w: ['"staff_only_filter"']),
        Case("citizen_2", "-", 200, shows=ids("A", "B", "A2"), hides=reporter),
        Case("citizen_2", "A", 200, shows=ids("A", "A2"), hides=lambda w: [*ids("B")(w), *reporter(w)]),
        *each(("operator_a", "manager_a"), "-", 200, shows=staff_of_a, hides=none_of_b),
        *each(("operator_a", "manager_a"), "A", 200, shows=staff_of_a, hides=none_of_b),
        *each(
            ("operator_a", "manager_a"),
            "B",
            403,
            shows=lambda w: ['"other_municipality"'],
            hides=lambda w: ids("B")(w),
        ),
        Case("manager_a", "A/assignee", 200, hides=none_of_b),
        Case("manager_a", "A/overdue", 200, hides=none_of_b),
        Case("admin", "-", 200, shows=lambda w: ['"view":"staff"', *ids("A", "B", "A2")(w), *reporter(w)]),
    ],
)


def mine(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        for which in ("A", "B", "A2"):
            await ticket(w, which)
        return await w.http.get("/api/v1/tickets/mine", headers=headers(w, actor))

    return send


row(
    "GET",
    "/api/v1/tickets/mine",
    mine,
    [
        Case("anonymous", "-", 401),
        Case(
            "citizen",
            "-",
            200,
            shows=lambda w: ['"view":"reporter"', *ids("A", "B")(w), *reporter(w)],
            hides=lambda w: [*ids("A2")(w), *email(w)],
        ),
        Case("citizen_2", "-", 200, shows=ids("A2"), hides=lambda w: [*ids("A", "B")(w), *reporter(w)]),
        *each(
            ("operator_a", "manager_a", "admin"),
            "-",
            200,
            shows=lambda w: ['"data":[]'],
            hides=ids("A", "B", "A2"),
        ),
    ],
)

QUEUE_OF = {"-": None, "A": "operator_a", "B": "operator_b"}


def queue(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        for which in ("assigned-A", "assigned-B"):
            await ticket(w, which)
        operator = QUEUE_OF[target]
        params = {"operator_id": w.person(operator).id} if operator else {}
        return await w.http.get("/api/v1/tickets/assigned", params=params, headers=headers(w, actor))

    return send


row(
    "GET",
    "/api/v1/tickets/assigned",
    queue,
    [
        Case("anonymous", "-", 401),
        Case("citizen", "-", 403),
        Case("admin", "-", 403),
        Case("operator_a", "-", 200, shows=ids("assigned-A"), hides=ids("assigned-B")),
        Case("operator_a", "A", 200, shows=ids("assigned-A"), hides=ids("assigned-B")),
        Case("operator_a", "B", 403, shows=lambda w: ['"own_queue_only"'], hides=ids("assigned-B")),
        Case("manager_a", "-", 200, shows=ids("assigned-A"), hides=ids("assigned-B")),
        Case("manager_a", "A", 200, shows=ids("assigned-A"), hides=ids("assigned-B")),
        Case("manager_a", "B", 422, shows=lambda w: ['"not_an_operator"'], hides=ids("assigned-B")),
    ],
)


def nearby(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        for which in ("A", "B"):
            await ticket(w, which)
        side = "A" if target == "none" else target
        point = POINTS[side]
        category = {"A": w.category_a, "B": w.category_b, "none": "no-such-category"}[target]
        params = {"lat": point["lat"], "lon": point["lon"], "category_id": category}
        return await w.http.get("/api/v1/tickets/nearby", params=params, headers=headers(w, actor))

    return send


def public_of(which: str):  # type: ignore[no-untyped-def]
    return lambda w: ['"view":"public"', '"distance_m":0', *ids(which)(w)]


row(
    "GET",
    "/api/v1/tickets/nearby",
    nearby,
    [
        *each(
            ("anonymous", "citizen", "operator_a", "manager_a", "admin"),
            "A",
            200,
            shows=public_of("A"),
            hides=lambda w: [*reporter(w), *ids("B")(w), *email(w)],
        ),
        *each(
            ("anonymous", "citizen", "manager_a"),
            "B",
            200,
            shows=public_of("B"),
            hides=lambda w: [*reporter(w), *ids("A")(w)],
        ),
        Case("citizen", "none", 422, shows=lambda w: ['"category_not_found"']),
    ],
)

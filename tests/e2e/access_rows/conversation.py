"""Access rows: the conversation around a ticket (comments, following, support, timeline).

Reading acts on one talked-about ticket per world and target: citizen reported it, citizen_2 commented
publicly, and that municipality's operator left an internal note. Its public view shows neither the
reporter's nor citizen_2's id, and never the internal note; its reporter's view adds the reporter's own id;
the staff of its municipality (and admins) see everything. Staff of the other municipality read it like
anyone else.

Writing acts on a fresh ticket per case, reported by citizen in the target municipality; a target such as
"A/internal" varies the body ("A/html", "A/long": bad text; "A/twice": a second support).
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.access import Case, headers, row
from tests.support.stack import World
from tests.support.tickets import reported, tickets_know_operators

PUBLIC_REMARK = "Seen it too from the bus stop"
INTERNAL_NOTE = "Internal: crew booked for Tuesday"

_talked_about: dict[tuple[str, str], str] = {}  # (world's municipality A, target) → ticket id


async def talked_about(w: World, target: str) -> str:
    key = (w.municipality_a, target)
    if key not in _talked_about:
        ticket = (await reported(w, "citizen", target))["id"]
        await tickets_know_operators(w)
        remarks = [
            ("citizen_2", {"body": PUBLIC_REMARK}),
            (f"operator_{target.lower()}", {"body": INTERNAL_NOTE, "visibility": "internal"}),
        ]
        for person, body in remarks:
            response = await w.http.post(
                f"/api/v1/tickets/{ticket}/comments", json=body, headers=w.person(person).auth()
            )
            assert response.status_code == 201, response.text
        _talked_about[key] = ticket
    return _talked_about[key]


def side(target: str) -> str:
    return target.split("/")[0]


def citizens(w: World) -> list[str]:
    """What identifies the two citizens: ids, emails, names."""
    return [
        *(w.person(key).id for key in ("citizen", "citizen_2")),
        *(w.person(key).email for key in ("citizen", "citizen_2")),
        "Citizen 2",
    ]


def others_of(w: World) -> list[str]:
    """citizen_2's identity, which only staff (and citizen_2) may see."""
    return [w.person("citizen_2").id, w.person("citizen_2").email]


def read(path: str):  # type: ignore[no-untyped-def]
    def build(actor: str):  # type: ignore[no-untyped-def]
        async def send(w: World, target: str) -> httpx.Response:
            ticket = "no-such-ticket" if target == "none" else await talked_about(w, target)
            return await w.http.get(f"/api/v1/tickets/{ticket}/{path}", headers=headers(w, actor))

        return send

    return build


def public_view(w: World) -> list[str]:
    return ['"view":"public"', PUBLIC_REMARK]


def staff_view(w: World) -> list[str]:
    return ['"view":"staff"', PUBLIC_REMARK, INTERNAL_NOTE, w.person("citizen_2").id]


def hidden_from_public(w: World) -> list[str]:
    return [INTERNAL_NOTE, *citizens(w)]


def read_cases() -> list[Case]:
    return [
        *[Case(a, "none", 404) for a in ("anonymous", "citizen", "manager_a")],
        Case("anonymous", "A", 200, shows=public_view, hides=hidden_from_public),
        Case("anonymous", "B", 200, shows=public_view, hides=hidden_from_public),
        Case(
            "citizen",
            "A",
            200,
            shows=lambda w: ['"view":"reporter"', PUBLIC_REMARK],
            hides=lambda w: [INTERNAL_NOTE, *others_of(w), w.person("citizen").email],
        ),
        Case(
            "citizen_2",
            "A",
            200,
            shows=lambda w: [*public_view(w), w.person("citizen_2").id],  # their own id on their own remark
            hides=lambda w: [INTERNAL_NOTE, w.person("citizen").id, w.person("citizen_2").email],
        ),
        Case("operator_a", "A", 200, shows=staff_view, hides=lambda w: [w.person("citizen_2").email]),
        Case("operator_a", "B", 200, shows=public_view, hides=hidden_from_public),
        Case("manager_a", "A", 200, shows=staff_view),
        Case("manager_a", "B", 200, shows=public_view, hides=hidden_from_public),
        Case("admin", "A", 200, shows=staff_view),
    ]


row("GET", "/api/v1/tickets/{ticket_id}/comments", read("comments"), read_cases())
row("GET", "/api/v1/tickets/{ticket_id}/timeline", read("timeline"), read_cases())

COMMENT_BODIES: dict[str, dict[str, Any]] = {
    "": {"body": "The hole is getting deeper"},
    "internal": {"body": "Needs the big roller", "visibility": "internal"},
    "html": {"body": "<img src=x onerror=alert(1)>"},
    "long": {"body": "x" * 2001},
}


def comment(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        if target == "none":
            ticket_id = "no-such-ticket"
        else:
            ticket_id = (await reported(w, "citizen", side(target)))["id"]
            await tickets_know_operators(w)
        body = COMMENT_BODIES[target.partition("/")[2]]
        return await w.http.post(
            f"/api/v1/tickets/{ticket_id}/comments", json=body, headers=headers(w, actor)
        )

    return send


row(
    "POST",
    "/api/v1/tickets/{ticket_id}/comments",
    comment,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "none", 404),
        Case(
            "citizen",
            "A",
            201,
            shows=lambda w: ['"by_reporter":true', '"author_name":null', w.person("citizen").id],
            hides=lambda w: [w.person("citizen").email, "Citizen"],
        ),
        Case(
            "citizen_2",
            "B",
            201,
            shows=lambda w: ['"visibility":"public"', '"author_name":null', w.person("citizen_2").id],
            hides=lambda w: [w.person("citizen").id, w.person("citizen_2").email, "Citizen 2"],
        ),
        Case("citizen", "A/internal", 403, shows=lambda w: ['"internal_for_staff"']),
        Case("citizen", "A/html", 422, shows=lambda w: ['"comment_has_html"']),
        Case("citizen", "A/long", 422, shows=lambda w: ['"validation_failed"']),
        Case("operator_a", "A", 201, shows=lambda w: ['"author_name":"Operator A"', '"visibility":"public"']),
        Case(
            "operator_a",
            "A/internal",
            201,
            shows=lambda w: ['"visibility":"internal"', '"author_role":"operator"'],
        ),
        Case("operator_a", "B", 403, shows=lambda w: ['"other_municipality"'], hides=citizens),
        Case(
            "manager_a",
            "A/internal",
            201,
            shows=lambda w: ['"visibility":"internal"', w.person("manager_a").id],
        ),
        Case("manager_a", "B/internal", 403, hides=citizens),
        Case("admin", "A", 403),
    ],
)


def on_fresh_ticket(method: str, path: str):  # type: ignore[no-untyped-def]
    """`method` on a ticket citizen just reported in the target ("A/twice": the same request twice)."""

    def build(actor: str):  # type: ignore[no-untyped-def]
        async def send(w: World, target: str) -> httpx.Response:
            if target == "none":
                return await w.http.request(
                    method, f"/api/v1/tickets/no-such-ticket/{path}", headers=headers(w, actor)
                )
            ticket = (await reported(w, "citizen", side(target)))["id"]
            url = f"/api/v1/tickets/{ticket}/{path}"
            response = await w.http.request(method, url, headers=headers(w, actor))
            if target.endswith("/twice"):
                response = await w.http.request(method, url, headers=headers(w, actor))
            return response

        return send

    return build


def follow_cases(following: str) -> list[Case]:
    shows = [f'"following":{following}']
    return [
        Case("anonymous", "A", 401),
        Case("citizen", "none", 404),
        Case("citizen", "A", 200, shows=lambda w: shows),
        Case("citizen_2", "A/twice", 200, shows=lambda w: shows, hides=citizens),  # idempotent
        Case("citizen_2", "B", 200, shows=lambda w: shows),
        Case("operator_a", "A", 200, shows=lambda w: shows),
        Case("operator_a", "B", 403, shows=lambda w: ['"other_municipality"']),
        Case("manager_a", "A", 200, shows=lambda w: shows),
        Case("manager_a", "B", 403, hides=citizens),
        Case("admin", "A", 403),
    ]


row("POST", "/api/v1/tickets/{ticket_id}/follow", on_fresh_ticket("POST", "follow"), follow_cases("true"))
row(
    "DELETE", "/api/v1/tickets/{ticket_id}/follow", on_fresh_ticket("DELETE", "follow"), follow_cases("false")
)

row(
    "POST",
    "/api/v1/tickets/{ticket_id}/support",
    on_fresh_ticket("POST", "support"),
    [
        Case("anonymous", "A", 401),
        Case("citizen", "none", 404),
        Case("citizen", "A", 409, shows=lambda w: ['"reporter_cannot_support"']),
        Case(
            "citizen_2",
            "A",
            200,
            shows=lambda w: ['"support_count":1', '"view":"public"', w.municipality_a],
            hides=citizens,
        ),
        Case("citizen_2", "B", 200, shows=lambda w: ['"support_count":1', w.municipality_b], hides=citizens),
        Case("citizen_2", "A/twice", 409, shows=lambda w: ['"already_supported"']),
        Case("operator_a", "A", 200, shows=lambda w: ['"support_count":1', '"view":"staff"']),
        Case("operator_a", "B", 403, hides=citizens),
        Case("manager_a", "B", 403, hides=citizens),
        Case("admin", "A", 403),
    ],
)

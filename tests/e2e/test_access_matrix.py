"""The role and tenant matrix (DESIGN §5): every gateway route, every role of municipality A, against
resources of A and of B — by status and by what the body may contain.

`test_every_route_has_a_row` enumerates the gateway's routes from its OpenAPI document and fails for any
route without a row here, so a new route cannot ship without saying who may use it.
"""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx
import pytest

from gateway.app import create_app
from tests.support.stack import PASSWORD, World, world

__all__ = ["world"]

ACTORS = ("anonymous", "citizen", "operator_a", "manager_a", "admin")
Request = Callable[[World, str], Awaitable[httpx.Response]]  # (world, target "A"/"B"/"-") → response


@dataclass(frozen=True)
class Case:
    actor: str
    target: str  # "A": resources of the actor's municipality A, "B": of the other one, "-": no tenant
    status: int
    shows: Callable[[World], list[str]] = lambda w: []  # strings the body must contain
    hides: Callable[[World], list[str]] = lambda w: []  # strings the body must not contain


@dataclass
class Row:
    request: Request
    cases: list[Case] = field(default_factory=list)
    elsewhere: str | None = None  # streaming routes are exercised by a dedicated test


def headers(w: World, actor: str) -> dict[str, str]:
    return {} if actor == "anonymous" else w.person(actor).auth()


def municipality(w: World, target: str) -> str:
    return w.municipality_a if target == "A" else w.municipality_b


def each(
    actors: tuple[str, ...], target: str, status: int, **checks: Callable[[World], list[str]]
) -> list[Case]:
    return [Case(a, target, status, **checks) for a in actors]


def b_people(w: World) -> list[str]:
    return [w.person("manager_b").email, w.person("operator_b").email]


def a_people(w: World) -> list[str]:
    return [w.person("operator_a").email]


def request(
    method: str, path: Callable[[World, str], str], body: Callable[[World, str], object] | None = None
):  # type: ignore[no-untyped-def]
    def build(actor: str) -> Request:
        async def send(w: World, target: str) -> httpx.Response:
            return await w.http.request(
                method,
                path(w, target),
                json=body(w, target) if body else None,
                headers=headers(w, actor),
            )

        return send

    return build


def fresh_email() -> str:
    return f"new.{uuid.uuid4().hex[:8]}@example.org"


def other_person(w: World, target: str) -> str:
    return w.person("operator_a" if target == "A" else "operator_b").id


ROWS: dict[tuple[str, str], Row] = {}


def row(
    method: str, path: str, send: Callable[[str], Request], cases: list[Case], elsewhere: str | None = None
) -> None:
    ROWS[(method, path)] = Row(request=send, cases=cases, elsewhere=elsewhere)  # type: ignore[arg-type]


# ----- platform ------------------------------------------------------------------------------------------
row("GET", "/api/v1/health", request("GET", lambda w, t: "/api/v1/health"), each(ACTORS, "-", 200))

# ----- municipalities and categories ---------------------------------------------------------------------
row(
    "GET",
    "/api/v1/municipalities",
    request("GET", lambda w, t: "/api/v1/municipalities"),
    each(ACTORS, "-", 200, shows=lambda w: [w.municipality_a, w.municipality_b]),
)
row(
    "POST",
    "/api/v1/municipalities",
    request(
        "POST",
        lambda w, t: "/api/v1/municipalities",
        lambda w, t: {"name": "Teltow", "slug": f"teltow-{uuid.uuid4().hex[:6]}", "reference_prefix": "TEL"},
    ),
    [
        Case("anonymous", "-", 401),
        *each(("citizen", "operator_a", "manager_a"), "-", 403),
        Case("admin", "-", 201),
    ],
)
row(
    "GET",
    "/api/v1/municipalities/{municipality_id}/categories",
    request("GET", lambda w, t: f"/api/v1/municipalities/{municipality(w, t)}/categories"),
    [
        *each(ACTORS, "A", 200, shows=lambda w: [w.category_a], hides=lambda w: [w.category_b]),
        *each(ACTORS, "B", 200, shows=lambda w: [w.category_b], hides=lambda w: [w.category_a]),
    ],
)
row(
    "POST",
    "/api/v1/municipalities/{municipality_id}/categories",
    request(
        "POST",
        lambda w, t: f"/api/v1/municipalities/{municipality(w, t)}/categories",
        lambda w, t: {"code": f"c{uuid.uuid4().hex[:6]}", "name": f"Category {uuid.uuid4().hex[:6]}"},
    ),
    [
        Case("anonymous", "A", 401),
        Case("anonymous", "B", 401),
        *each(("citizen", "operator_a"), "A", 403),
        *each(("citizen", "operator_a"), "B", 403),
        Case("manager_a", "A", 201),
        Case("manager_a", "B", 403),
        Case("admin", "A", 201),
        Case("admin", "B", 201),
    ],
)
row(
    "GET",
    "/api/v1/live/municipalities/{municipality_id}",
    request("GET", lambda w, t: "/"),
    [],
    elsewhere="tests/e2e/test_live_updates.py (public, any actor; streams only public event types)",
)

# ----- accounts ------------------------------------------------------------------------------------------
row(
    "POST",
    "/api/v1/auth/register",
    request(
        "POST",
        lambda w, t: "/api/v1/auth/register",
        lambda w, t: {"email": fresh_email(), "password": PASSWORD, "full_name": "New Citizen"},
    ),
    [Case("anonymous", "-", 201, hides=lambda w: [PASSWORD, "$argon2"])],
)
row(
    "POST",
    "/api/v1/auth/verify-email",
    request("POST", lambda w, t: "/api/v1/auth/verify-email", lambda w, t: {"token": "not-a-real-token-123"}),
    each(ACTORS, "-", 422),
)
row(
    "POST",
    "/api/v1/auth/login",
    request(
        "POST",
        lambda w, t: "/api/v1/auth/login",
        lambda w, t: {"email": w.person("citizen").email, "password": PASSWORD},
    ),
    [
        Case(
            "anonymous",
            "-",
            200,
            shows=lambda w: [w.person("citizen").id],
            hides=lambda w: [PASSWORD, "$argon2"],
        )
    ],
)
row(
    "POST",
    "/api/v1/auth/refresh",
    request(
        "POST", lambda w, t: "/api/v1/auth/refresh", lambda w, t: {"refresh_token": "not-a-refresh-token"}
    ),
    each(ACTORS, "-", 401),
)
row(
    "POST",
    "/api/v1/auth/logout",
    request(
        "POST", lambda w, t: "/api/v1/auth/logout", lambda w, t: {"refresh_token": "not-a-refresh-token"}
    ),
    each(ACTORS, "-", 204),
)
row(
    "GET",
    "/api/v1/auth/me",
    request("GET", lambda w, t: "/api/v1/auth/me"),
    [
        Case("anonymous", "-", 401),
        *[
            Case(
                a,
                "-",
                200,
                shows=lambda w, a=a: [w.person(a).id, w.person(a).email],
                hides=lambda w: b_people(w),
            )
            for a in ACTORS[1:]
        ],
    ],
)
row(
    "PATCH",
    "/api/v1/auth/me",
    request("PATCH", lambda w, t: "/api/v1/auth/me", lambda w, t: {"locale": "de"}),
    [
        Case("anonymous", "-", 401),
        *[Case(a, "-", 200, shows=lambda w, a=a: [w.person(a).id]) for a in ACTORS[1:]],
    ],
)
row(
    "GET",
    "/api/v1/auth/me/export",
    request("GET", lambda w, t: "/api/v1/auth/me/export"),
    [
        Case("anonymous", "-", 401),
        *[
            Case(
                a,
                "-",
                200,
                shows=lambda w, a=a: [w.person(a).email],
                hides=lambda w: [w.person("citizen_2").email, *b_people(w), "$argon2"],
            )
            for a in ACTORS[1:]
        ],
    ],
)
row(
    "DELETE",
    "/api/v1/auth/me",
    request("DELETE", lambda w, t: "/api/v1/auth/me"),
    [Case("anonymous", "-", 401)],  # a signed-in deletion is tests/e2e/test_personal_data.py
)
row(
    "POST",
    "/api/v1/auth/password-reset",
    request(
        "POST", lambda w, t: "/api/v1/auth/password-reset", lambda w, t: {"email": w.person("citizen").email}
    ),
    each(ACTORS, "-", 202, hides=lambda w: [w.person("citizen").id]),
)
row(
    "POST",
    "/api/v1/auth/password-reset/confirm",
    request(
        "POST",
        lambda w, t: "/api/v1/auth/password-reset/confirm",
        lambda w, t: {"token": "not-a-real-token-123", "password": "another good password 7"},
    ),
    each(ACTORS, "-", 422),
)
row(
    "POST",
    "/api/v1/auth/change-password",
    request(
        "POST",
        lambda w, t: "/api/v1/auth/change-password",
        lambda w, t: {"current_password": "wrong password here", "new_password": "another good password 7"},
    ),
    [Case("anonymous", "-", 401), *each(ACTORS[1:], "-", 422)],
)
row(
    "GET",
    "/api/v1/auth/jwks.json",
    request("GET", lambda w, t: "/api/v1/auth/jwks.json"),
    each(ACTORS, "-", 200),
)

# ----- staff accounts ------------------------------------------------------------------------------------
row(
    "GET",
    "/api/v1/users",
    request(
        "GET", lambda w, t: "/api/v1/users" + ("" if t == "-" else f"?municipality_id={municipality(w, t)}")
    ),
    [
        Case("anonymous", "-", 401),
        *each(("citizen", "operator_a"), "-", 403),
        Case("manager_a", "-", 200, shows=a_people, hides=b_people),
        Case("manager_a", "A", 200, shows=a_people, hides=b_people),
        Case("manager_a", "B", 403, hides=b_people),
        Case("admin", "-", 200, shows=lambda w: a_people(w) + b_people(w)),
        Case("admin", "B", 200, shows=b_people, hides=a_people),
    ],
)
row(
    "POST",
    "/api/v1/users",
    request(
        "POST",
        lambda w, t: "/api/v1/users",
        lambda w, t: {
            "email": fresh_email(),
            "full_name": "New Operator",
            "role": "operator",
            "municipality_id": municipality(w, t),
            "password": PASSWORD,
        },
    ),
    [
        Case("anonymous", "A", 401),
        *each(("citizen", "operator_a"), "A", 403),
        Case("manager_a", "A", 201),
        Case("manager_a", "B", 403),
        Case("admin", "A", 201),
        Case("admin", "B", 201),
    ],
)
row(
    "GET",
    "/api/v1/users/{user_id}",
    request("GET", lambda w, t: f"/api/v1/users/{other_person(w, t)}"),
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 404, hides=a_people),
        Case("operator_a", "B", 404, hides=b_people),
        Case("manager_a", "A", 200, shows=a_people),
        Case("manager_a", "B", 404, hides=b_people),
        Case("admin", "B", 200, shows=lambda w: [w.person("operator_b").email]),
    ],
)
row(
    "PATCH",
    "/api/v1/users/{user_id}",
    request(
        "PATCH",
        lambda w, t: f"/api/v1/users/{other_person(w, t)}",
        lambda w, t: {"full_name": "Renamed Operator"},
    ),
    [
        Case("anonymous", "A", 401),
        *each(("citizen", "operator_a"), "A", 403),
        Case("manager_a", "A", 200, shows=lambda w: ["Renamed Operator"]),
        Case("manager_a", "B", 404, hides=b_people),
        Case("admin", "B", 200, shows=lambda w: ["Renamed Operator"]),
    ],
)


def test_every_route_has_a_row() -> None:
    routes = {
        (method.upper(), path)
        for path, operations in create_app().openapi()["paths"].items()
        for method in operations
    }
    missing = sorted(routes - set(ROWS))
    assert not missing, f"routes without a row in the access matrix: {missing}"
    assert not sorted(set(ROWS) - routes), "rows for routes that no longer exist"
    for key, entry in ROWS.items():
        assert entry.cases or entry.elsewhere, f"{key} has neither cases nor a test elsewhere"
        for case in entry.cases:
            assert case.actor in (*ACTORS, "citizen_2"), case


@pytest.mark.parametrize("key", sorted(ROWS), ids=lambda k: f"{k[0]} {k[1]}")
async def test_access(world: World, key: tuple[str, str]) -> None:
    entry = ROWS[key]
    if not entry.cases:
        pytest.skip(f"covered in {entry.elsewhere}")
    failures = []
    for case in entry.cases:
        send = entry.request(case.actor)  # type: ignore[call-arg,arg-type]
        response = await send(world, case.target)
        problems = []
        if response.status_code != case.status:
            problems.append(f"status {response.status_code}, expected {case.status}: {response.text[:300]}")
        problems += [f"missing {s!r}" for s in case.shows(world) if s not in response.text]
        problems += [f"leaks {s!r}" for s in case.hides(world) if s in response.text]
        if response.status_code >= 400 and response.status_code != 204:
            body = response.json()
            if set(body) != {"error"}:
                problems.append(f"error body not in the error shape: {body}")
        if problems:
            failures.append(f"{case.actor} → {case.target}: " + "; ".join(problems))
    assert not failures, "\n".join(failures)

"""The vocabulary of the access matrix (tests/e2e/test_access_matrix.py): rows, cases, request builders."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

import httpx

from tests.support.stack import World

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

"""The role and tenant matrix (DESIGN §5): every gateway route, every role of municipality A, against
resources of A and of B — by status and by what the body may contain.

Rows live in tests/e2e/access_rows/, one module per area; every module there is loaded. The first test
enumerates the gateway's routes from its OpenAPI document and fails for any route without a row, so a new
route cannot ship without saying who may use it.
"""

from __future__ import annotations

import pytest

import tests.e2e.access_rows  # noqa: F401 - registers every row
from gateway.app import create_app
from tests.support.access import ACTORS, ROWS
from tests.support.stack import World, world

__all__ = ["world"]


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

"""Access rows: municipalities and categories."""

from __future__ import annotations

import uuid

from tests.support.access import (
    ACTORS,
    Case,
    each,
    municipality,
    request,
    row,
)
from tests.support.stack import World

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
    "/api/v1/municipalities/{municipality_id}",
    request("GET", lambda w, t: f"/api/v1/municipalities/{municipality(w, t)}"),
    [
        *each(ACTORS, "A", 200, shows=lambda w: [w.municipality_a, "Potsdam"], hides=lambda w: ["Cottbus"]),
        *each(ACTORS, "B", 200, shows=lambda w: [w.municipality_b, "Cottbus"], hides=lambda w: ["Potsdam"]),
    ],
)
row(
    "PATCH",
    "/api/v1/municipalities/{municipality_id}",
    request(
        "PATCH",
        lambda w, t: f"/api/v1/municipalities/{municipality(w, t)}",
        lambda w, t: {"default_locale": "en"},
    ),
    [
        Case("anonymous", "A", 401),
        *each(("citizen", "operator_a", "manager_a"), "A", 403),
        *each(("citizen", "operator_a", "manager_a"), "B", 403),
        Case("admin", "A", 200, shows=lambda w: [w.municipality_a, '"default_locale":"en"']),
        Case("admin", "B", 200, shows=lambda w: [w.municipality_b, '"default_locale":"en"']),
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


def category_path(w: World, target: str) -> str:
    """A: A's category under A; B: B's under B; A/B: B's category asked for under A's municipality."""
    if target == "A/B":
        return f"/api/v1/municipalities/{w.municipality_a}/categories/{w.category_b}"
    return f"/api/v1/municipalities/{municipality(w, target)}/categories/{category_of(w, target)}"


def category_of(w: World, target: str) -> str:
    return w.category_a if target == "A" else w.category_b


row(
    "PATCH",
    "/api/v1/municipalities/{municipality_id}/categories/{category_id}",
    request("PATCH", category_path, lambda w, t: {"description": "Reworded by the access matrix"}),
    [
        Case("anonymous", "A", 401),
        *each(("citizen", "operator_a"), "A", 403),
        *each(("citizen", "operator_a"), "B", 403),
        Case("manager_a", "A", 200, shows=lambda w: [w.category_a, "Reworded by the access matrix"]),
        Case("manager_a", "B", 403, hides=lambda w: [w.category_b]),
        Case("manager_a", "A/B", 404, hides=lambda w: ["Reworded by the access matrix"]),
        Case("admin", "A", 200, shows=lambda w: [w.category_a, "Reworded by the access matrix"]),
        Case("admin", "B", 200, shows=lambda w: [w.category_b, "Reworded by the access matrix"]),
    ],
)

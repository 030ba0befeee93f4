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

"""Access rows: platform administration (dead letters), admins only."""

from __future__ import annotations

from tests.support.access import Case, each, request, row

NOT_ADMINS = ("citizen", "operator_a", "manager_a")

row(
    "GET",
    "/api/v1/admin/dead-letters",
    request("GET", lambda w, t: "/api/v1/admin/dead-letters"),
    [
        Case("anonymous", "-", 401),
        *each(NOT_ADMINS, "-", 403),
        Case("admin", "-", 200, shows=lambda w: ['"data":[]']),
    ],
)
row(
    "POST",
    "/api/v1/admin/dead-letters/{dead_letter_id}/replay",
    request("POST", lambda w, t: "/api/v1/admin/dead-letters/999999/replay"),
    [
        Case("anonymous", "-", 401),
        *each(NOT_ADMINS, "-", 403),
        Case("admin", "-", 404),  # the replay itself: tests/services/admin/test_dead_letters.py
    ],
)

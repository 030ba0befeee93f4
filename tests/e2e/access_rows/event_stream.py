"""Access rows: the signed-in person's live stream. Everyone signed in may ask for a stream token (it opens
only their own stream); the stream itself is exercised over real HTTP by a dedicated test."""

from __future__ import annotations

from tests.support.access import Case, each, request, row

SIGNED_IN = ("citizen", "operator_a", "manager_a", "admin")

row(
    "POST",
    "/api/v1/events/stream-token",
    request("POST", lambda w, t: "/api/v1/events/stream-token"),
    [
        Case("anonymous", "-", 401),
        *each(SIGNED_IN, "-", 200, shows=lambda w: ['"token":"', '"expires_at":"']),
    ],
)
row(
    "GET",
    "/api/v1/events/stream",
    request("GET", lambda w, t: "/api/v1/events/stream"),
    [],
    elsewhere="tests/e2e/test_event_stream.py (own notifications and one municipality's public updates "
    "per person, two people at once, resume by Last-Event-ID; a stream token only, never an access token)",
)

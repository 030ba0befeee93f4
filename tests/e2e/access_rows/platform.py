"""Access rows: the platform (health)."""

from __future__ import annotations

from tests.support.access import (
    ACTORS,
    each,
    request,
    row,
)

# ----- platform ------------------------------------------------------------------------------------------
row("GET", "/api/v1/health", request("GET", lambda w, t: "/api/v1/health"), each(ACTORS, "-", 200))

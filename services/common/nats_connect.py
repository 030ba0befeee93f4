"""Connection options shared by the NATS connections that must fail fast rather than wait."""

from __future__ import annotations

from typing import Any

# Try NATS twice, briefly, then give up. nats-py's own defaults (even with allow_reconnect=False) try the
# first connection 60 times, 2 s apart: two minutes of silence. A connection opened with these closes for
# good when it drops; its owner opens a new one on next use.
ONE_SHOT_CONNECT: dict[str, Any] = {
    "allow_reconnect": False,
    "max_reconnect_attempts": 1,
    "reconnect_time_wait": 0.2,
}

"""The integrations service's rules, pure (no database, no broker): API key secrets, the Open311 status
of a ticket (and FixMyStreet's finer one for its updates), and the Open311 date window.
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from cityfix_contracts import DomainError
from cityfix_contracts.commands.integrations import MAX_WINDOW_DAYS, Open311UpdateStatus
from cityfix_contracts.events.tickets import OPEN_STATUSES

SECRET_PREFIX = "cfx_"  # noqa: S105 - a marker that makes leaked keys easy to scan for, not a secret
SHOWN_PREFIX = 12  # characters of the secret a list shows, to recognise a key
WINDOW = timedelta(days=MAX_WINDOW_DAYS)


def new_api_key_id() -> str:
    """Ids sort as keys were created: the time in nanoseconds, then randomness against ties."""
    return f"{time.time_ns():020d}-{secrets.token_hex(4)}"


def new_secret() -> str:
    return SECRET_PREFIX + secrets.token_urlsafe(32)


def secret_hash(secret: str) -> str:
    """SHA-256 of the secret: 256 random bits need no slow hash, and lookups stay one index probe."""
    return hashlib.sha256(secret.encode()).hexdigest()


def open311_status(status: str) -> Literal["open", "closed"]:
    """Open311 knows two statuses: the open ones of the status table are `open`, the rest `closed`."""
    return "open" if status in OPEN_STATUSES else "closed"


# FixMyStreet's additional states (its Open311 extension) for the statuses of our status table.
UPDATE_STATUS: dict[str, Open311UpdateStatus] = {
    "received": "OPEN",
    "triaged": "OPEN",
    "assigned": "OPEN",
    "reopened": "OPEN",
    "in_progress": "IN_PROGRESS",
    "action_scheduled": "ACTION_SCHEDULED",
    "resolved": "FIXED",
    "closed": "CLOSED",
    "duplicate": "DUPLICATE",
    "not_responsible": "NOT_COUNCILS_RESPONSIBILITY",
    "unable_to_fix": "NO_FURTHER_ACTION",
}


def update_status(status: str) -> Open311UpdateStatus:
    return UPDATE_STATUS.get(status, "OPEN" if status in OPEN_STATUSES else "CLOSED")


@dataclass(frozen=True)
class Window:
    start: datetime
    end: datetime


def requested_window(start: datetime | None, end: datetime | None, now: datetime) -> Window:
    """The span of `requested_datetime` a list covers: at most 90 days; the last 90 days by default, and
    90 days from a lone `start_date` or up to a lone `end_date`."""
    if start is not None and end is not None:
        if end < start:
            raise DomainError(
                "malformed",
                "date_range_reversed",
                "end_date is before start_date; give the earlier date as start_date.",
                {"start_date": start.isoformat(), "end_date": end.isoformat()},
            )
        if end - start > WINDOW:
            raise DomainError(
                "malformed",
                "date_range_too_long",
                f"start_date and end_date may be at most {MAX_WINDOW_DAYS} days apart; "
                "ask for a shorter span and page through the rest.",
                {"start_date": start.isoformat(), "end_date": end.isoformat(), "max_days": MAX_WINDOW_DAYS},
            )
        return Window(start, end)
    if start is not None:
        return Window(start, start + WINDOW)
    if end is not None:
        return Window(end - WINDOW, end)
    return Window(now - WINDOW, now)

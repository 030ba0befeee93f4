"""The per-address report limit: at most `reports_per_address_per_hour` citizens' reports from one client
address in any hour (429 with the wait), beside the per-account limit of the handlers.

The address is the gateway's (from forwarding headers only behind trusted proxies, DESIGN §7). It is
kept apart from the ticket, with the time alone, and MongoDB drops it an hour later: enough to count,
nothing to link a report to a network address afterwards. Staff reporting for people who phoned are
exempt (the caller does not decide this; the handler does), as is a request without an address.
"""

from __future__ import annotations

import math
from datetime import datetime, timedelta

from cityfix_contracts import DomainError
from services.common.uow import UnitOfWork

from .settings import TicketsSettings
from .store import MONGO_STORE, TicketStore

RATE_WINDOW = timedelta(hours=1)


async def check_address_rate(
    client_address: str | None, now: datetime, settings: TicketsSettings, store: TicketStore = MONGO_STORE
) -> None:
    if client_address is None:
        return
    limit = settings.reports_per_address_per_hour
    recent = await store.recent_origins(client_address, now - RATE_WINDOW, limit)
    if len(recent) < limit:
        return
    oldest = min(recent)
    wait = max(1, math.ceil((oldest + RATE_WINDOW - now).total_seconds()))
    raise DomainError(
        "rate_limited",
        "too_many_reports_from_address",
        f"{limit} reports have come from your network address within the last hour; please wait "
        f"{math.ceil(wait / 60)} min before the next one.",
        {"retry_after": wait, "limit": limit},
    )


async def record_origin(
    client_address: str | None, now: datetime, uow: UnitOfWork, store: TicketStore = MONGO_STORE
) -> None:
    """Count this report against its address, in the report's own unit of work."""
    if client_address is None:
        return
    await store.record_origin(uow, client_address, now, now + RATE_WINDOW)

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

from pymongo.asynchronous.client_session import AsyncClientSession

from cityfix_contracts import DomainError

from .documents import ReportOriginDocument
from .settings import TicketsSettings

RATE_WINDOW = timedelta(hours=1)


async def check_address_rate(client_address: str | None, now: datetime, settings: TicketsSettings) -> None:
    if client_address is None:
        return
    limit = settings.reports_per_address_per_hour
    recent = (
        await ReportOriginDocument.find(
            {"client_address": client_address, "reported_at": {"$gt": now - RATE_WINDOW}}
        )
        .sort("-reported_at")
        .limit(limit)
        .to_list()
    )
    if len(recent) < limit:
        return
    oldest = min(origin.reported_at for origin in recent)
    wait = max(1, math.ceil((oldest + RATE_WINDOW - now).total_seconds()))
    raise DomainError(
        "rate_limited",
        "too_many_reports_from_address",
        f"{limit} reports have come from your network address within the last hour; please wait "
        f"{math.ceil(wait / 60)} min before the next one.",
        {"retry_after": wait, "limit": limit},
    )


async def record_origin(client_address: str | None, now: datetime, session: AsyncClientSession) -> None:
    """Count this report against its address, in the report's own unit of work."""
    if client_address is None:
        return
    origin = ReportOriginDocument(
        client_address=client_address, reported_at=now, expires_at=now + RATE_WINDOW
    )
    await origin.insert(session=session)

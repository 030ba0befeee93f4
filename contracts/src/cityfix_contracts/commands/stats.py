"""Statistics the tickets service answers for a municipality's managers (and admins, naming one).

GetTicketStats covers the tickets created in a period (at most `MAX_STATS_DAYS` days; the last 30 days
by default): counts by current status and by category, both over time in day, week or month buckets,
the median time from report to first resolution, and SLA compliance (a ticket with a due time met it
when it was first resolved by then; it breached it when it was resolved later or is still open past
it; tickets closed as duplicate or not responsible are not counted).
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import AwareDatetime, Field

from ..envelope import Contract
from ..rpc import Request

MAX_STATS_DAYS = 400
Bucket = Literal["day", "week", "month"]


class StatsFilters(Contract):
    """Which tickets the statistics cover: those created in [created_from, created_to] (dates, UTC)."""

    municipality_id: str | None = Field(
        default=None,
        max_length=100,
        description="Required for admins; managers get their own municipality (another one is refused)",
    )
    created_from: date | None = Field(default=None, description="First day; 29 days before the last")
    created_to: date | None = Field(default=None, description="Last day (inclusive); today by default")
    bucket: Bucket = "week"


class CategoryCount(Contract):
    category_id: str
    name: str
    count: int


class PeriodCounts(Contract):
    """Tickets created in one bucket, by their current status and by category; and resolutions in it."""

    period_start: date
    created: int
    resolved: int = Field(description="Tickets first resolved in this bucket (of those in the period)")
    by_status: dict[str, int]
    by_category: dict[str, int]


class SlaCompliance(Contract):
    with_due_date: int
    met: int
    breached: int
    pending: int = Field(description="Still open and not yet due")
    compliance: float | None = Field(description="met / (met + breached); null when nothing is decided yet")


class TicketStats(Contract):
    municipality_id: str
    created_from: date
    created_to: date
    bucket: Bucket
    total: int
    by_status: dict[str, int]
    by_category: list[CategoryCount]
    over_time: list[PeriodCounts]
    resolved: int = Field(description="Tickets of the period resolved at least once")
    median_hours_to_resolve: float | None = Field(description="Report to first resolution, in hours")
    sla: SlaCompliance
    generated_at: AwareDatetime


class GetTicketStats(StatsFilters, Request):
    service = "tickets"
    reply_model = TicketStats

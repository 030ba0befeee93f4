"""Statistics of a municipality's tickets for its managers (tickets service)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.stats import GetTicketStats, StatsFilters, TicketStats

from ..deps import Ctx, Rpc, require_role

router = APIRouter(prefix="/stats", tags=["tickets"])


@router.get(
    "",
    response_model=TicketStats,
    dependencies=[Depends(require_role("manager", "admin"))],
    operation_id="stats-get",
    responses={
        403: {"model": ErrorResponse, "description": "Not a manager, or another municipality's statistics"},
        404: {"model": ErrorResponse, "description": "`municipality_not_found`"},
        422: {
            "model": ErrorResponse,
            "description": "`municipality_required` (admins), `invalid_period`, `period_too_long`",
        },
    },
)
async def ticket_stats(filters: Annotated[StatsFilters, Query()], rpc: Rpc, ctx: Ctx) -> TicketStats:
    """Tickets created in a period (the last 30 days by default): counts by status and category, over
    time in day, week or month buckets; the median time to first resolution; SLA compliance. Managers
    get their own municipality; admins name one."""
    stats: TicketStats = await rpc.call(GetTicketStats(**filters.model_dump()), ctx)
    return stats

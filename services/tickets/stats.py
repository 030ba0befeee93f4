"""Statistics for a municipality's managers: what was reported, how fast it was fixed, whether on time.

`summarize` is a pure function of the tickets' facts (created, status, due, first resolution), so the
figures are tested without a database; the handler reads those facts for one municipality and period.
"""

from __future__ import annotations

import statistics
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta

from cityfix_contracts import DomainError, RpcContext
from cityfix_contracts.commands.stats import (
    MAX_STATS_DAYS,
    Bucket,
    CategoryCount,
    GetTicketStats,
    PeriodCounts,
    SlaCompliance,
    TicketStats,
)
from cityfix_contracts.errors import not_found
from cityfix_contracts.events.tickets import OPEN_STATUSES
from services.common.access import is_system, require_role, require_user, role_of

from .documents import CategoryDocument, MunicipalityDocument, TicketDocument
from .handlers import TicketsDeps, rpc

DEFAULT_DAYS = 30
# Closed without a fix the city owed: no SLA verdict either way.
NOT_COUNTED_FOR_SLA = frozenset({"duplicate", "not_responsible"})


@dataclass(frozen=True)
class TicketFacts:
    category_id: str
    status: str
    created_at: datetime
    due_at: datetime | None
    first_resolved_at: datetime | None


def period_start(day: date, bucket: Bucket) -> date:
    """The first day of the bucket holding `day` (weeks start on Monday, as ISO weeks do)."""
    if bucket == "week":
        return day - timedelta(days=day.weekday())
    if bucket == "month":
        return day.replace(day=1)
    return day


def periods(first: date, last: date, bucket: Bucket) -> list[date]:
    """Every bucket from the one holding `first` to the one holding `last`, empty ones included."""
    starts: list[date] = []
    current = period_start(first, bucket)
    while current <= last:
        starts.append(current)
        if bucket == "day":
            current += timedelta(days=1)
        elif bucket == "week":
            current += timedelta(days=7)
        else:
            current = (current.replace(day=28) + timedelta(days=4)).replace(day=1)
    return starts


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


def summarize(
    facts: Iterable[TicketFacts],
    *,
    municipality_id: str,
    first: date,
    last: date,
    bucket: Bucket,
    category_names: dict[str, str],
    now: datetime,
) -> TicketStats:
    starts = periods(first, last, bucket)
    created: Counter[date] = Counter()
    resolved_in: Counter[date] = Counter()
    status_in: dict[date, Counter[str]] = defaultdict(Counter)
    category_in: dict[date, Counter[str]] = defaultdict(Counter)
    by_status: Counter[str] = Counter()
    by_category: Counter[str] = Counter()
    hours_to_resolve: list[float] = []
    met = breached = pending = with_due = 0
    total = 0
    for ticket in facts:
        total += 1
        created_at = _aware(ticket.created_at)
        start = period_start(created_at.date(), bucket)
        created[start] += 1
        status_in[start][ticket.status] += 1
        category_in[start][ticket.category_id] += 1
        by_status[ticket.status] += 1
        by_category[ticket.category_id] += 1
        resolved_at = _aware(ticket.first_resolved_at) if ticket.first_resolved_at else None
        if resolved_at is not None:
            hours_to_resolve.append((resolved_at - created_at).total_seconds() / 3600)
            if first <= resolved_at.date() <= last:
                resolved_in[period_start(resolved_at.date(), bucket)] += 1
        if ticket.due_at is None or ticket.status in NOT_COUNTED_FOR_SLA:
            continue
        due_at = _aware(ticket.due_at)
        with_due += 1
        if resolved_at is not None:
            if resolved_at <= due_at:
                met += 1
            else:
                breached += 1
        elif ticket.status in OPEN_STATUSES and now <= due_at:
            pending += 1
        else:  # open past its due time, or closed unfixed (unable_to_fix) after it
            breached += 1
    decided = met + breached
    return TicketStats(
        municipality_id=municipality_id,
        created_from=first,
        created_to=last,
        bucket=bucket,
        total=total,
        by_status=dict(sorted(by_status.items())),
        by_category=[
            CategoryCount(category_id=category_id, name=category_names.get(category_id, category_id), count=n)
            for category_id, n in sorted(by_category.items(), key=lambda item: (-item[1], item[0]))
        ],
        over_time=[
            PeriodCounts(
                period_start=start,
                created=created[start],
                resolved=resolved_in[start],
                by_status=dict(sorted(status_in[start].items())),
                by_category=dict(sorted(category_in[start].items())),
            )
            for start in starts
        ],
        resolved=len(hours_to_resolve),
        median_hours_to_resolve=round(statistics.median(hours_to_resolve), 2) if hours_to_resolve else None,
        sla=SlaCompliance(
            with_due_date=with_due,
            met=met,
            breached=breached,
            pending=pending,
            compliance=round(met / decided, 4) if decided else None,
        ),
        generated_at=now,
    )


def first_resolution(history: list[dict[str, object]]) -> datetime | None:
    for entry in history:
        at = entry.get("at")
        if entry.get("to") == "resolved" and isinstance(at, datetime):
            return at
    return None


def stats_municipality(query: GetTicketStats, ctx: RpcContext) -> str:
    """Managers see their own municipality; admins (and the platform) must name one."""
    require_role(ctx, "manager", "admin")
    if is_system(ctx) or role_of(ctx) == "admin":
        if query.municipality_id is None:
            raise DomainError(
                "invalid",
                "municipality_required",
                "Name the municipality whose statistics you want (municipality_id).",
            )
        return query.municipality_id
    require_user(ctx)
    own = ctx.municipality_id
    if own is None or query.municipality_id not in (None, own):
        raise DomainError(
            "forbidden", "forbidden", "You may only see the statistics of your own municipality."
        )
    return own


def stats_period(query: GetTicketStats, today: date) -> tuple[date, date]:
    last = query.created_to or today
    first = query.created_from or last - timedelta(days=DEFAULT_DAYS - 1)
    if first > last:
        raise DomainError(
            "invalid",
            "invalid_period",
            "created_from is after created_to; swap them or leave one out.",
            {"created_from": first.isoformat(), "created_to": last.isoformat()},
        )
    if (last - first).days + 1 > MAX_STATS_DAYS:
        raise DomainError(
            "invalid",
            "period_too_long",
            f"Statistics cover at most {MAX_STATS_DAYS} days at once; choose a shorter period.",
            {"max_days": MAX_STATS_DAYS},
        )
    return first, last


@rpc.handles(GetTicketStats)
async def ticket_stats(query: GetTicketStats, ctx: RpcContext, deps: TicketsDeps) -> TicketStats:
    municipality_id = stats_municipality(query, ctx)
    if await MunicipalityDocument.get(municipality_id) is None:
        raise not_found("municipality", municipality_id)
    now = deps.clock()
    first, last = stats_period(query, now.date())
    since = datetime.combine(first, time.min, tzinfo=UTC)
    until = datetime.combine(last + timedelta(days=1), time.min, tzinfo=UTC)
    cursor = TicketDocument.get_pymongo_collection().find(
        {"municipality_id": municipality_id, "created_at": {"$gte": since, "$lt": until}},
        {"category_id": 1, "status": 1, "created_at": 1, "due_at": 1, "history": 1},
    )
    facts = [
        TicketFacts(
            category_id=doc["category_id"],
            status=doc["status"],
            created_at=doc["created_at"],
            due_at=doc.get("due_at"),
            first_resolved_at=first_resolution(doc.get("history", [])),
        )
        async for doc in cursor
    ]
    names = {
        category.id: category.name
        for category in await CategoryDocument.find({"municipality_id": municipality_id}).to_list()
    }
    return summarize(
        facts,
        municipality_id=municipality_id,
        first=first,
        last=last,
        bucket=query.bucket,
        category_names=names,
        now=now,
    )

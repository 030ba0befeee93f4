"""Lists of tickets: finding tickets by filters, one's own reports, an operator's queue, and the possible
duplicates near a new report (who sees what: the docstring of `cityfix_contracts.commands.ticket_queries`).

Every list is a keyset page: sorted by its key and then the ticket id, a page continues strictly after the
last ticket of the previous one (the cursor carries that ticket's sort values), so tickets reported or
changed meanwhile never make a page repeat or skip one that was already in order. Tickets without a value
of a nullable key (`due_at`) come after all the others, in either order: those are read in a second phase
once the others are exhausted, so the database's own sort (which puts null first) never decides.

Search is a regex over the normalized `search_text` (no `$text`: the in-process engine lacks it); `near`
and the duplicates use `$geoNear`, viewports `$geoWithin`, both on the 2dsphere index of `location`.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import itertools
import json
import re
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from cityfix_contracts import DomainError, Point, RpcContext
from cityfix_contracts.commands.ticket_queries import (
    MAX_NEARBY,
    NEARBY_DAYS,
    BoundingBox,
    FindNearbyTickets,
    ListAssignedTickets,
    ListMyTickets,
    ListTickets,
    NearbyTicket,
    NearbyTickets,
    TicketFilters,
    TicketPage,
    TicketSort,
    expand_statuses,
)
from cityfix_contracts.events.tickets import OPEN_STATUSES
from services.common.access import is_system, require_user, role_of, user_id_of

from .documents import CategoryDocument, StaffDocument, TicketDocument
from .handlers import TicketsDeps, rpc, ticket_view
from .query_fields import searchable

Row = dict[str, Any]
DISTANCE = "_distance_m"
DATETIME_KEYS = frozenset({"created_at", "updated_at", "due_at"})
SORT_FIELDS: dict[TicketSort, str] = {
    "created_at": "created_at",
    "due_at": "due_at",
    "priority": "priority_rank",
    "updated_at": "updated_at",
}
OPEN = sorted(OPEN_STATUSES)


# ----- ordering and cursors ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Ordering:
    """Sort keys as (field, 1 | -1), the last always `_id`; `nullable`: the first key may be missing."""

    keys: tuple[tuple[str, int], ...]
    nullable: bool = False


def ordering_for(sort: TicketSort, order: str) -> Ordering:
    direction = 1 if order == "asc" else -1
    return Ordering(((SORT_FIELDS[sort], direction), ("_id", direction)), nullable=sort == "due_at")


NEWEST_FIRST = Ordering((("created_at", -1), ("_id", -1)))
QUEUE = Ordering((("due_at", 1), ("priority_rank", -1), ("_id", 1)), nullable=True)


def fingerprint(kind: str, query: dict[str, Any]) -> str:
    """What a cursor belongs to: the list and everything that decides its order and content."""
    text = json.dumps([kind, query], sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def encode_cursor(row: Row, ordering: Ordering, owner: str) -> str:
    values = [row.get(field) for field, _ in ordering.keys]
    payload = {"o": owner, "v": [v.isoformat() if isinstance(v, datetime) else v for v in values]}
    return base64.urlsafe_b64encode(json.dumps(payload, separators=(",", ":")).encode()).decode().rstrip("=")


def invalid_cursor() -> DomainError:
    return DomainError(
        "invalid",
        "invalid_cursor",
        "This cursor does not belong to this list (the filters or the sort changed, or it was altered); "
        "ask for the first page again, without a cursor.",
    )


def decode_cursor(cursor: str, ordering: Ordering, owner: str) -> list[Any]:
    """The sort values of the last ticket of the previous page; `invalid_cursor` for anything else."""
    try:
        payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    except (binascii.Error, ValueError):
        raise invalid_cursor() from None
    if not isinstance(payload, dict) or payload.get("o") != owner:
        raise invalid_cursor()
    raw = payload.get("v")
    if not isinstance(raw, list) or len(raw) != len(ordering.keys):
        raise invalid_cursor()
    values: list[Any] = []
    for index, ((field, _), value) in enumerate(zip(ordering.keys, raw, strict=True)):
        if value is None and index == 0 and ordering.nullable:
            values.append(None)
        elif field in DATETIME_KEYS and isinstance(value, str):
            try:
                moment = datetime.fromisoformat(value)
            except ValueError:
                raise invalid_cursor() from None
            if moment.utcoffset() is None:
                raise invalid_cursor()
            values.append(moment)
        elif (field == "_id" and isinstance(value, str)) or (field == "priority_rank" and type(value) is int):
            values.append(value)
        else:
            raise invalid_cursor()
    return values


def after(keys: tuple[tuple[str, int], ...], values: list[Any]) -> dict[str, Any]:
    """Rows strictly after `values` in the order of `keys` (equal on the first keys, beyond on the next)."""
    clauses = []
    for index, (field, direction) in enumerate(keys):
        clause: dict[str, Any] = {name: value for (name, _), value in zip(keys[:index], values, strict=False)}
        clause[field] = {"$gt" if direction == 1 else "$lt": values[index]}
        clauses.append(clause)
    return {"$or": clauses}


# ----- reading -------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Near:
    center: Point
    radius_m: float


async def fetch(
    criteria: list[dict[str, Any]], keys: tuple[tuple[str, int], ...] | None, limit: int, near: Near | None
) -> list[Row]:
    """Up to `limit` stored tickets matching every criterion, in the order of `keys` (nearest first when
    `keys` is None and `near` is given)."""
    if limit <= 0:
        return []
    match: dict[str, Any] = {"$and": criteria} if criteria else {}
    pipeline: list[dict[str, Any]]
    if near is not None:
        center = {"type": "Point", "coordinates": [near.center.lon, near.center.lat]}
        stage = {
            "near": center,
            "distanceField": DISTANCE,
            "maxDistance": near.radius_m,
            "spherical": True,
            "key": "location",
            "query": match,
        }
        pipeline = [{"$geoNear": stage}]
    else:
        pipeline = [{"$match": match}]
    if keys is not None:
        pipeline.append({"$sort": dict(keys)})
    pipeline.append({"$limit": limit})
    cursor = await TicketDocument.get_pymongo_collection().aggregate(pipeline)
    rows: list[Row] = await cursor.to_list()
    return rows


async def page(
    criteria: list[dict[str, Any]],
    ordering: Ordering,
    cursor: list[Any] | None,
    limit: int,
    near: Near | None = None,
) -> tuple[list[Row], bool]:
    """One page after `cursor` (from the start without one), and whether more follow."""
    keys = ordering.keys
    if not ordering.nullable:
        rows = await fetch(criteria + ([after(keys, cursor)] if cursor else []), keys, limit + 1, near)
        return rows[:limit], len(rows) > limit
    first = keys[0][0]
    rows = []
    among_missing = cursor is not None and cursor[0] is None
    if not among_missing:
        beyond = [after(keys, cursor)] if cursor else []
        rows = await fetch([*criteria, {first: {"$ne": None}}, *beyond], keys, limit + 1, near)
    if len(rows) <= limit:
        rest = keys[1:]
        beyond = [after(rest, cursor[1:])] if cursor and among_missing else []
        rows += await fetch([*criteria, {first: None}, *beyond], rest, limit + 1 - len(rows), near)
    return rows[:limit], len(rows) > limit


def ticket_page(rows: list[Row], more: bool, ordering: Ordering, owner: str, ctx: RpcContext) -> TicketPage:
    return TicketPage(
        data=tuple(ticket_view(TicketDocument.model_validate(row), ctx) for row in rows),
        next_cursor=encode_cursor(rows[-1], ordering, owner) if more and rows else None,
    )


# ----- who sees which tickets ----------------------------------------------------------------------------


def tenancy(filters: TicketFilters, ctx: RpcContext) -> list[dict[str, Any]]:
    """Staff list their own municipality only; everyone else every municipality (or the one named)."""
    role = role_of(ctx)
    staff_filters = [name for name in ("assigned_operator_id", "overdue") if getattr(filters, name)]
    if staff_filters and role not in ("manager", "operator", "admin") and not is_system(ctx):
        require_user(ctx)
        raise DomainError(
            "forbidden",
            "staff_only_filter",
            f"Only municipal staff can filter by {' and '.join(staff_filters)}; leave "
            f"{'it' if len(staff_filters) == 1 else 'them'} out.",
            {"filters": staff_filters},
        )
    if role in ("manager", "operator"):
        if filters.municipality_id not in (None, ctx.municipality_id):
            raise DomainError(
                "forbidden",
                "other_municipality",
                "Staff can list only their own municipality's tickets; leave out municipality_id.",
                {"municipality_id": filters.municipality_id},
            )
        return [{"municipality_id": ctx.municipality_id}]
    scope = [{"municipality_id": filters.municipality_id}] if filters.municipality_id else []
    if role == "admin" or is_system(ctx):
        return scope
    # Tickets hidden by moderation are not public: only their reporter (and staff) still find them.
    user_id = user_id_of(ctx)
    shown: dict[str, Any] = {"hidden": {"$ne": True}}
    return [*scope, {"$or": [shown, {"reporter_id": user_id}]} if user_id else shown]


def viewport(box: BoundingBox) -> dict[str, Any] | None:
    """The viewport as GeoJSON: slices at most 90° wide (a polygon must stay within a hemisphere), their
    east and west edges on meridians and their north and south edges broken every degree, so that the
    geodesic edges a real MongoDB draws stay within metres of the parallels the map shows."""
    south, north = max(box.south, -89.9), min(box.north, 89.9)
    if south >= north:  # nothing but a pole: no municipality there, and no polygon to draw
        return None
    edges = [box.west]
    while edges[-1] < box.east:
        edges.append(min(edges[-1] + 90, box.east))
    polygons = []
    for west, east in itertools.pairwise(edges):
        steps = max(1, int(east - west))
        along = [west + (east - west) * i / steps for i in range(steps + 1)]
        ring = [[lon, south] for lon in along] + [[lon, north] for lon in reversed(along)]
        polygons.append([[*ring, ring[0]]])
    if len(polygons) == 1:
        return {"type": "Polygon", "coordinates": polygons[0]}
    return {"type": "MultiPolygon", "coordinates": polygons}


def matching(filters: TicketFilters, now: datetime) -> list[dict[str, Any]]:
    criteria: list[dict[str, Any]] = []
    statuses = filters.statuses()
    if statuses is not None:
        criteria.append({"status": {"$in": sorted(statuses)}})
    if filters.category_id:
        criteria.append({"category_id": filters.category_id})
    if filters.assigned_operator_id:
        criteria.append({"assigned_operator_id": filters.assigned_operator_id})
    if filters.priority:
        criteria.append({"priority": {"$in": sorted(set(filters.priority))}})
    if filters.overdue:  # and open: statuses() keeps only open ones
        criteria.append({"due_at": {"$lt": now}})
    if filters.created_from:
        criteria.append({"created_at": {"$gte": filters.created_from}})
    if filters.created_to:
        criteria.append({"created_at": {"$lt": filters.created_to}})
    text = searchable(filters.q)
    if text:
        criteria.append({"search_text": {"$regex": re.escape(text)}})
    if filters.bbox:
        area = viewport(filters.bbox)
        criteria.append({"location": {"$geoWithin": {"$geometry": area}}} if area else {"_id": {"$in": []}})
    return criteria


# ----- the queries ---------------------------------------------------------------------------------------


@rpc.handles(ListTickets)
async def list_tickets(query: ListTickets, ctx: RpcContext, deps: TicketsDeps) -> TicketPage:
    """Tickets by filters, sorted, one page at a time, in the views the asker is entitled to."""
    criteria = tenancy(query, ctx) + matching(query, deps.clock())
    ordering = ordering_for(query.sort, query.order)
    owner = fingerprint("tickets", query.model_dump(mode="json", exclude={"cursor", "limit"}))
    cursor = decode_cursor(query.cursor, ordering, owner) if query.cursor else None
    near = Near(query.near.center, query.near.radius_m) if query.near else None
    rows, more = await page(criteria, ordering, cursor, query.limit, near)
    return ticket_page(rows, more, ordering, owner, ctx)


@rpc.handles(ListMyTickets)
async def list_my_tickets(query: ListMyTickets, ctx: RpcContext, deps: TicketsDeps) -> TicketPage:
    """The asker's own reports, newest first."""
    user = require_user(ctx)
    criteria: list[dict[str, Any]] = [{"reporter_id": user.user_id}]
    statuses = expand_statuses(query.status)
    if statuses is not None:
        criteria.append({"status": {"$in": sorted(statuses)}})
    owner = fingerprint("mine", {"user": user.user_id, "status": sorted(statuses or ())})
    cursor = decode_cursor(query.cursor, NEWEST_FIRST, owner) if query.cursor else None
    rows, more = await page(criteria, NEWEST_FIRST, cursor, query.limit)
    return ticket_page(rows, more, NEWEST_FIRST, owner, ctx)


async def queue_owner(query: ListAssignedTickets, ctx: RpcContext) -> str | None:
    """Whose queue: an operator's own; the operator a manager names (None: all of theirs)."""
    user = require_user(ctx)
    if user.role == "operator":
        if query.operator_id not in (None, user.user_id):
            raise DomainError(
                "forbidden",
                "own_queue_only",
                "Operators see only their own queue; leave out operator_id.",
                {"operator_id": query.operator_id},
            )
        return user.user_id
    if user.role != "manager":
        raise DomainError(
            "forbidden", "staff_only", "Only a municipality's operators and managers have ticket queues."
        )
    if query.operator_id is None:
        return None
    operator = await StaffDocument.get(query.operator_id)
    if operator is None or operator.role != "operator" or operator.municipality_id != ctx.municipality_id:
        raise DomainError(
            "invalid",
            "not_an_operator",
            f"{query.operator_id} is not an operator of your municipality; choose one of its operators.",
            {"operator_id": query.operator_id},
        )
    return query.operator_id


@rpc.handles(ListAssignedTickets)
async def list_assigned_tickets(query: ListAssignedTickets, ctx: RpcContext, deps: TicketsDeps) -> TicketPage:
    """An operator's open tickets, soonest due first (no due date last), then the most urgent."""
    operator_id = await queue_owner(query, ctx)
    criteria: list[dict[str, Any]] = [
        {"municipality_id": ctx.municipality_id},
        {"status": {"$in": OPEN}},
        {"assigned_operator_id": operator_id if operator_id is not None else {"$ne": None}},
    ]
    owner = fingerprint("assigned", {"municipality": ctx.municipality_id, "operator": operator_id})
    cursor = decode_cursor(query.cursor, QUEUE, owner) if query.cursor else None
    rows, more = await page(criteria, QUEUE, cursor, query.limit)
    return ticket_page(rows, more, QUEUE, owner, ctx)


@rpc.handles(FindNearbyTickets)
async def find_nearby_tickets(query: FindNearbyTickets, ctx: RpcContext, deps: TicketsDeps) -> NearbyTickets:
    """Open tickets of the category within its duplicate radius from the last 30 days, nearest first."""
    category = await CategoryDocument.get(query.category_id)
    if category is None or category.sequence == 0:
        raise DomainError(
            "invalid",
            "category_not_found",
            "There is no such category; choose one of the categories offered for this place.",
            {"category_id": query.category_id},
        )
    criteria: list[dict[str, Any]] = [
        {"municipality_id": category.municipality_id},
        {"category_id": category.id},
        {"status": {"$in": OPEN}},
        {"hidden": {"$ne": True}},
        {"created_at": {"$gte": deps.clock() - timedelta(days=NEARBY_DAYS)}},
    ]
    rows = await fetch(criteria, None, MAX_NEARBY, Near(query.location, category.duplicate_radius_m))
    public = RpcContext(correlation_id=ctx.correlation_id)  # public views, whoever asks
    return NearbyTickets(
        data=tuple(
            NearbyTicket.model_validate(
                {
                    **ticket_view(TicketDocument.model_validate(row), public).model_dump(),
                    "distance_m": round(row[DISTANCE]),
                }
            )
            for row in rows
        )
    )

"""The CSV export of a municipality's tickets (the protocol: `cityfix_contracts.commands.ticket_export`).

Why pages over request/reply rather than one multi-message reply: DESIGN §1 wants long results as
chunked replies, and the gateway must keep bounded memory whatever the size. With pages, the gateway asks
for the next chunk only once it has written the previous one to the client, so a slow download slows the
reads here and nothing piles up on either side (the flow control is the request itself). A reply of many
messages to one inbox would need its own flow control and acknowledgements on top of core NATS (which
drops what a slow subscriber cannot take), a way to tell a lost message from the end, and a handler that
outlives its request; the RPC layer has none of that and should not grow it for one query. The price is
one round trip per chunk of up to `PAGE_ROWS` rows, small next to writing them to a browser.

Every chunk continues with a keyset cursor on (created_at, id) exactly as the ticket lists do
(`queries.page`), over the criteria `queries.matching` builds from the same `TicketFilters`, limited to the
export's municipality and to tickets reported by the moment the export started (`as_of`, also the "now"
of `overdue`). A ticket that changes while the file is read is written as it is when its chunk is read;
none is written twice. A chunk stops early once its text passes `CHUNK_BYTES`, so a reply stays far below
NATS's message size limit even when every description is as long as allowed.

ExportPerformed is emitted once, when the export starts, with the count of matching tickets: an aborted
download is audited too, and reading chunks emits nothing. An export is its own aggregate (`export`,
`aggregate_id` = the export's id, sequence 1) under the exported municipality's id: it changes no ticket
and no municipality, and one aggregate per export needs no sequence shared between concurrent exports.
The export is stored with its event in one unit of work; its chunks are read against what was stored (the
municipality, the filters, `as_of`), and only by whoever started it.

The file never names a reporter (not even by id): a spreadsheet travels further than the API.
"""

from __future__ import annotations

import csv
import io
import json
import re
import uuid
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from cityfix_contracts import DomainError, RpcContext, envelope_for
from cityfix_contracts.commands.ticket_export import (
    EXPORT_COLUMNS,
    ExportTickets,
    ReadTicketExport,
    TicketExport,
    TicketExportChunk,
)
from cityfix_contracts.commands.ticket_queries import TicketFilters
from cityfix_contracts.errors import not_found
from cityfix_contracts.events.exports import ExportPerformed
from services.common.access import is_system, manages, require_user, role_of

from .documents import CategoryDocument, ExportDocument, MunicipalityDocument, TicketDocument
from .handlers import TicketsDeps, rpc, session_of
from .queries import DISTANCE, Near, Ordering, Row, decode_cursor, encode_cursor, fingerprint, matching, page

PAGE_ROWS = 200  # tickets read per chunk at most
CHUNK_BYTES = 128 * 1024  # a chunk ends after the row that passes this many bytes of CSV
OLDEST_FIRST = Ordering((("created_at", 1), ("_id", 1)))
BYTE_ORDER_MARK = "\ufeff"
# A cell starting with one of these is a formula to a spreadsheet (OWASP, "CSV Injection").
FORMULA_TRIGGERS = frozenset("=+-@\t\r")


# ----- the file --------------------------------------------------------------------------------------------


def neutralised(text: str) -> str:
    """Text a spreadsheet shows as text: a leading `'` when it would start a formula (leading spaces
    do not hide the trigger)."""
    if text[:1] in FORMULA_TRIGGERS or text.lstrip()[:1] in FORMULA_TRIGGERS:
        return "'" + text
    return text


def cell(value: object) -> str:
    """One CSV cell: numbers, times and flags as the export writes them, text neutralised."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):  # ours, not typed by anyone: a longitude west of Greenwich is -0.5
        return str(value)
    if isinstance(value, datetime):
        moment = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
        return moment.astimezone(UTC).isoformat(timespec="seconds")
    return neutralised(str(value))


def columns_of(row: Row, municipality_name: str, category_names: dict[str, str]) -> list[object]:
    """A stored ticket as the export's columns (in the order of EXPORT_COLUMNS)."""
    lon, lat = row["location"]["coordinates"]
    answers = row.get("answers") or {}
    values: dict[str, object] = {
        "reference": row["reference"],
        "id": row["_id"],
        "status": row["status"],
        "priority": row["priority"],
        "category_id": row["category_id"],
        "category_name": category_names.get(row["category_id"], ""),
        "municipality_id": row["municipality_id"],
        "municipality_name": municipality_name,
        "description": row["description"],
        "address": row.get("address"),
        "lat": lat,
        "lon": lon,
        "created_at": row["created_at"],
        "updated_at": row.get("updated_at"),
        "due_at": row.get("due_at"),
        "resolved_at": row.get("resolved_at"),
        "sla_breached_at": row.get("sla_breached_at"),
        "assigned_operator_id": row.get("assigned_operator_id"),
        "assigned_operator_name": row.get("assigned_operator_name"),
        "support_count": len(row.get("supporters") or ()),
        "hidden": bool(row.get("hidden", False)),
        "duplicate_of": row.get("duplicate_of"),
        "former_references": ", ".join(row.get("former_references") or ()),
        "answers": json.dumps(answers, ensure_ascii=False, sort_keys=True) if answers else None,
    }
    return [values[name] for name in EXPORT_COLUMNS]


def csv_line(values: Sequence[object]) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerow([cell(value) for value in values])
    return buffer.getvalue()


def header() -> str:
    return BYTE_ORDER_MARK + csv_line(EXPORT_COLUMNS)


def rendered(
    rows: list[Row], municipality_name: str, category_names: dict[str, str], budget: int
) -> tuple[str, int]:
    """The CSV lines of the first rows whose text stays within `budget` bytes (at least one row), and how
    many rows that is."""
    lines: list[str] = []
    size = 0
    for row in rows:
        if lines and size >= budget:
            break
        line = csv_line(columns_of(row, municipality_name, category_names))
        lines.append(line)
        size += len(line.encode())
    return "".join(lines), len(lines)


def file_name(municipality: MunicipalityDocument, as_of: datetime) -> str:
    """`tickets-<slug>-<date>.csv`, the date as it was in the municipality when the export started."""
    try:
        zone = ZoneInfo(municipality.timezone)
    except (ZoneInfoNotFoundError, ValueError):
        zone = ZoneInfo("UTC")
    name = re.sub(r"[^a-z0-9]+", "-", (municipality.slug or municipality.id).lower()).strip("-")
    return f"tickets-{name or 'municipality'}-{as_of.astimezone(zone).date().isoformat()}.csv"


# ----- which tickets ---------------------------------------------------------------------------------------


def export_municipality(filters: TicketFilters, ctx: RpcContext) -> str:
    """Managers export their own municipality; admins (and the platform) the one they name."""
    role = role_of(ctx)
    if role == "manager" and ctx.municipality_id is not None:
        if filters.municipality_id not in (None, ctx.municipality_id):
            raise DomainError(
                "forbidden",
                "other_municipality",
                "Managers can export only their own municipality's tickets; leave out municipality_id.",
                {"municipality_id": filters.municipality_id},
            )
        return ctx.municipality_id
    if role == "admin" or is_system(ctx):
        if filters.municipality_id is None:
            raise DomainError(
                "invalid",
                "municipality_required",
                "Name the municipality whose tickets you want to export (municipality_id).",
            )
        return filters.municipality_id
    require_user(ctx)
    raise DomainError(
        "forbidden", "managers_only", "Only a municipality's managers (and admins) can export its tickets."
    )


def criteria_of(municipality_id: str, filters: TicketFilters, as_of: datetime) -> list[dict[str, Any]]:
    return [
        {"municipality_id": municipality_id},
        {"created_at": {"$lte": as_of}},
        *matching(filters, as_of),
    ]


def near_of(filters: TicketFilters) -> Near | None:
    return Near(filters.near.center, filters.near.radius_m) if filters.near else None


async def count(criteria: list[dict[str, Any]], near: Near | None) -> int:
    """How many stored tickets match (within `near`, as `queries.fetch` reads them)."""
    match: dict[str, Any] = {"$and": criteria}
    first: dict[str, Any] = {"$match": match}
    if near is not None:
        center = {"type": "Point", "coordinates": [near.center.lon, near.center.lat]}
        first = {
            "$geoNear": {
                "near": center,
                "distanceField": DISTANCE,
                "maxDistance": near.radius_m,
                "spherical": True,
                "key": "location",
                "query": match,
            }
        }
    cursor = await TicketDocument.get_pymongo_collection().aggregate([first, {"$count": "tickets"}])
    counted: list[dict[str, Any]] = await cursor.to_list()
    return int(counted[0]["tickets"]) if counted else 0


async def category_names(municipality_id: str) -> dict[str, str]:
    categories = await CategoryDocument.find({"municipality_id": municipality_id}).to_list()
    return {category.id: category.name for category in categories}


# ----- the requests ----------------------------------------------------------------------------------------


@rpc.handles(ExportTickets)
async def export_tickets(query: ExportTickets, ctx: RpcContext, deps: TicketsDeps) -> TicketExport:
    """Start a CSV export: count the matching tickets, store the export and emit ExportPerformed."""
    municipality_id = export_municipality(query, ctx)
    municipality = await MunicipalityDocument.get(municipality_id)
    if municipality is None:
        raise not_found("municipality", municipality_id)
    now = deps.clock()
    as_of = now.replace(microsecond=now.microsecond // 1000 * 1000)  # as MongoDB stores times
    filters = TicketFilters.model_validate(query.model_dump())
    row_count = await count(criteria_of(municipality_id, filters, as_of), near_of(filters))
    export_id = str(uuid.uuid4())
    async with deps.unit_of_work() as uow:
        await ExportDocument(
            id=export_id,
            municipality_id=municipality_id,
            actor=ctx.actor.model_dump(mode="json"),
            filters=filters.model_dump(mode="json"),
            as_of=as_of,
            row_count=row_count,
        ).insert(session=session_of(uow))
        uow.emit(
            envelope_for(
                ExportPerformed(
                    export_id=export_id,
                    municipality_id=municipality_id,
                    filters=filters,
                    row_count=row_count,
                    as_of=as_of,
                ),
                aggregate_id=export_id,
                sequence=1,
                actor=ctx.actor,
                correlation_id=ctx.correlation_id,
                municipality_id=municipality_id,
                occurred_at=now,
            )
        )
    return TicketExport(
        export_id=export_id,
        municipality_id=municipality_id,
        municipality_name=municipality.name,
        file_name=file_name(municipality, as_of),
        row_count=row_count,
        as_of=as_of,
    )


@rpc.handles(ReadTicketExport)
async def read_ticket_export(
    query: ReadTicketExport, ctx: RpcContext, deps: TicketsDeps
) -> TicketExportChunk:
    """The next chunk of an export's CSV, for whoever started it (`export_not_found` for anyone else)."""
    export = await ExportDocument.get(query.export_id)
    if (
        export is None
        or export.actor != ctx.actor.model_dump(mode="json")
        or not manages(ctx, export.municipality_id)
    ):
        raise not_found("export", query.export_id)
    filters = TicketFilters.model_validate(export.filters)
    owner = fingerprint("export", {"export": export.id})
    cursor = decode_cursor(query.cursor, OLDEST_FIRST, owner) if query.cursor else None
    criteria = criteria_of(export.municipality_id, filters, export.as_of)
    rows, more = await page(criteria, OLDEST_FIRST, cursor, PAGE_ROWS, near_of(filters))
    municipality = await MunicipalityDocument.get(export.municipality_id)
    names = await category_names(export.municipality_id)
    text, written = rendered(rows, municipality.name if municipality else "", names, CHUNK_BYTES)
    more = more or written < len(rows)
    return TicketExportChunk(
        text=(header() if query.cursor is None else "") + text,
        rows=written,
        next_cursor=encode_cursor(rows[written - 1], OLDEST_FIRST, owner) if more and written else None,
    )

"""The CSV export of a municipality's tickets (tickets service), streamed chunk by chunk.

The gateway starts the export (`ExportTickets`: every refusal comes back here as a JSON error, before the
file begins), then asks for chunk after chunk (`ReadTicketExport`) and writes each to the response as it
arrives: it holds one chunk at a time, whatever the size of the file, and asks for the next only once the
client has taken the previous one. Why pages rather than one multi-message reply: the docstring of
`services.tickets.export`.

Once the file has begun its status is sent: a chunk that cannot be read then breaks the transfer off (the
client sees an incomplete download) rather than ending a file that silently lacks rows.

Included in the app before `tickets.router`, so that `/tickets/export.csv` is not taken for a ticket id.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse

from cityfix_contracts import ErrorResponse, RpcContext
from cityfix_contracts.commands.ticket_export import (
    EXPORT_COLUMNS,
    ExportTickets,
    ReadTicketExport,
    TicketExport,
    TicketExportChunk,
)
from services.common.logs import get_logger
from services.common.rpc import RpcClient, RpcFailure

from ..deps import Ctx, Rpc, require_role
from .ticket_queries import Filters, checked

log = get_logger("cityfix.gateway")

router = APIRouter(prefix="/tickets", tags=["tickets"])

MAX_CHUNKS = 1_000_000  # a cursor that never ends must not stream forever


def error(description: str) -> dict[str, Any]:
    return {"model": ErrorResponse, "description": description}


class ExportBrokenOff(Exception):
    """A chunk could not be read after the file had begun: the transfer ends without its last chunk."""


async def chunks(rpc: RpcClient, ctx: RpcContext, export: TicketExport) -> AsyncIterator[bytes]:
    """The file, one chunk at a time, each asked for once the previous one was taken."""
    cursor: str | None = None
    for _ in range(MAX_CHUNKS):
        try:
            chunk: TicketExportChunk = await rpc.call(
                ReadTicketExport(export_id=export.export_id, cursor=cursor), ctx
            )
        except RpcFailure as failure:
            # Not the RpcFailure itself: its JSON error cannot follow a response that has begun.
            log.warning("ticket export broken off", export_id=export.export_id, error=failure.error.code)
            raise ExportBrokenOff(f"export {export.export_id}: {failure.error.message}") from failure
        yield chunk.text.encode()
        if chunk.next_cursor is None:
            return
        cursor = chunk.next_cursor
    raise RuntimeError(f"export {export.export_id} did not end within {MAX_CHUNKS} chunks")


@router.get(
    "/export.csv",
    response_class=StreamingResponse,
    dependencies=[Depends(require_role("manager", "admin"))],
    operation_id="tickets-export-csv",
    responses={
        200: {
            "description": (
                "The tickets as CSV (UTF-8 with a byte-order mark, a header row, oldest report first), "
                "as an attachment named after the municipality and the date. Columns: "
                + ", ".join(EXPORT_COLUMNS)
            ),
            "content": {"text/csv": {"schema": {"type": "string"}}},
        },
        401: error("Not signed in"),
        403: error("Not a manager or admin; `other_municipality` when a manager names another one"),
        404: error("`municipality_not_found`"),
        422: error("Malformed filters; `municipality_required` when an admin names no municipality"),
        503: error("The tickets service is not answering"),
    },
)
async def export_tickets(filters: Filters, rpc: Rpc, ctx: Ctx) -> StreamingResponse:
    """A municipality's tickets as a CSV file, by the filters of `GET /tickets` (managers: their own
    municipality; admins name one with `municipality_id`). Starting it is recorded (ExportPerformed: who,
    the filters, the number of tickets). Cells that a spreadsheet would run as formulas start with `'`;
    the file never names a reporter."""
    query = checked(ExportTickets, filters.model_dump())
    export: TicketExport = await rpc.call(query, ctx)
    return StreamingResponse(
        chunks(rpc, ctx, export),
        media_type="text/csv; charset=utf-8",
        headers={
            "Content-Disposition": f'attachment; filename="{export.file_name}"',
            "Cache-Control": "no-store",
            "X-Export-Id": export.export_id,
        },
    )

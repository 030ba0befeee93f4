"""The CSV export of a municipality's tickets, for its managers (and admins, naming a municipality).

An export is two kinds of request/reply with the tickets service (why not one reply: the docstring of
`services.tickets.export`):

1. `ExportTickets` takes the filters of `ListTickets` (`TicketFilters`), decides the municipality, counts
   the matching tickets, stores the export and emits ExportPerformed (who, the filters, the count). It
   answers `TicketExport`: the export's id, the file name and the count. Refusals come here, before any
   byte of the file: `managers_only` (403) for anyone but managers and admins (the gateway refuses them
   first, as `forbidden`), `other_municipality` (403) when a manager names another municipality,
   `municipality_required` (422) when an admin names none, `municipality_not_found` (404), and the
   filter errors of `ListTickets`.
2. `ReadTicketExport` asks for the export's next chunk of CSV text after `cursor` (none: the first, which
   starts with the byte-order mark and the header row). A chunk holds whole rows and stays small whatever
   the rows hold; `next_cursor` is null after the last one. Only whoever started the export reads it.

The file: UTF-8 with a byte-order mark (so spreadsheet programs read umlauts right), comma-separated,
CRLF line ends, the columns of `EXPORT_COLUMNS`, one row per ticket, oldest report first, times in UTC
(ISO 8601). It never holds a reporter's identity. A cell that starts with `=`, `+`, `-`, `@`, a tab or a
carriage return (leading spaces aside) is prefixed with `'`, so a spreadsheet shows it as text instead of
running it as a formula (CSV injection).
"""

from __future__ import annotations

from pydantic import AwareDatetime, Field

from ..envelope import Contract
from ..rpc import Request
from .ticket_queries import TicketFilters

EXPORT_COLUMNS: tuple[str, ...] = (
    "reference",
    "id",
    "status",
    "priority",
    "category_id",
    "category_name",
    "municipality_id",
    "municipality_name",
    "description",
    "address",
    "lat",
    "lon",
    "created_at",
    "updated_at",
    "due_at",
    "resolved_at",
    "sla_breached_at",
    "assigned_operator_id",
    "assigned_operator_name",
    "support_count",
    "hidden",
    "duplicate_of",
    "former_references",
    "answers",
)


class TicketExport(Contract):
    """An export that has started: what the file will be called and how many tickets matched then."""

    export_id: str
    municipality_id: str
    municipality_name: str
    file_name: str = Field(description="e.g. tickets-potsdam-2026-03-20.csv (the municipality's date)")
    row_count: int = Field(ge=0, description="Tickets matching the filters when the export started")
    as_of: AwareDatetime = Field(description="Tickets reported after this moment are not in the file")


class ExportTickets(TicketFilters, Request):
    """Start a CSV export of one municipality's tickets by filters (managers: their own; admins: the one
    they name); emits ExportPerformed."""

    service = "tickets"
    reply_model = TicketExport


class TicketExportChunk(Contract):
    """Whole CSV rows of an export, as text (the first chunk starts with the byte-order mark and the
    header row)."""

    text: str
    rows: int = Field(ge=0, description="Ticket rows in this chunk (the header not counted)")
    next_cursor: str | None = Field(default=None, description="Null after the last chunk")


class ReadTicketExport(Request):
    """The next chunk of an export after `cursor` (the first without one), for whoever started it."""

    service = "tickets"
    reply_model = TicketExportChunk

    export_id: str = Field(min_length=1, max_length=100)
    cursor: str | None = Field(default=None, max_length=2000)

"""Events of exports, emitted by the tickets service: an export is its own aggregate (`export`), one
per download, so `aggregate_id` is the export's id and ExportPerformed, its only event, has sequence 1.
It travels under the exported municipality's id (`cityfix.events.<municipality_id>.export.performed`).

Who exported is the envelope's actor (a manager of that municipality, or an admin); the event carries no
ticket content, only which tickets were asked for and how many there were.
"""

from __future__ import annotations

from pydantic import AwareDatetime, Field

# The filters are the same contract model every list over many tickets takes. Importing a command module
# here is safe: the package's __init__ loads the events first, and ticket_queries needs only events.tickets.
from ..commands.ticket_queries import TicketFilters
from ..envelope import DomainEvent


class ExportPerformed(DomainEvent):
    """Someone started a CSV export of a municipality's tickets (emitted once, when the download starts,
    so an aborted download is audited too)."""

    aggregate = "export"
    export_id: str
    municipality_id: str
    filters: TicketFilters = Field(description="The filters the export was asked with")
    row_count: int = Field(ge=0, description="Tickets matching the filters when the export started")
    as_of: AwareDatetime = Field(description="The moment the export reads the tickets as of")

"""Queries of the tickets service that answer lists: finding tickets, one's own reports, an operator's
queue, and the possible duplicates near a new report.

`TicketFilters` is the one description of "which tickets" that every list over many tickets takes
(`ListTickets` here; an export takes the same model). Every filter narrows the result (AND); the values
inside one filter are alternatives (OR). What the asker sees follows the views of `GetTicket`:

- anonymous visitors and citizens get public views of every municipality's tickets (a citizen's own
  tickets in the reporter view);
- managers and operators get staff views of their own municipality's tickets and nothing else: naming
  another municipality is `other_municipality` (403), and a list never holds another municipality's
  tickets, not even as public views;
- admins get staff views of every municipality's tickets.

`assigned_operator_id` and `overdue` are staff filters: a citizen using them gets `staff_only_filter`
(403), an anonymous visitor `unauthenticated` (401). They are refused rather than ignored, because an
ignored filter would answer a list that looks filtered and is not.

Lists are pages of `limit` tickets with an opaque `next_cursor` (keyset pagination on the sort key and
the ticket id): a page never repeats or skips a ticket because others were reported meanwhile. A cursor
belongs to the query it came from; with other filters or another sort it is `invalid_cursor` (422).
"""

from __future__ import annotations

from typing import Literal, get_args

from pydantic import AwareDatetime, Field, model_validator
from pydantic_core import PydanticCustomError

from ..envelope import Contract, Point
from ..events.tickets import OPEN_STATUSES, Priority, TicketStatus
from ..rpc import Request
from .tickets import TicketView

StatusGroup = Literal["open", "closed"]
TicketSort = Literal["created_at", "due_at", "priority", "updated_at"]
SortOrder = Literal["asc", "desc"]

MAX_PAGE = 100
DEFAULT_PAGE = 20
DEFAULT_RADIUS_M = 500
MAX_RADIUS_M = 10_000
NEARBY_DAYS = 30
MAX_NEARBY = 20

ALL_STATUSES: tuple[TicketStatus, ...] = get_args(TicketStatus)
STATUS_FILTER_HELP = (
    "Statuses, or the groups `open` (received, triaged, assigned, in_progress, action_scheduled, reopened) "
    "and `closed` (every other status, as Open311 counts them). `closed` always means the group: it "
    "includes the status closed along with resolved, duplicate, not_responsible and unable_to_fix"
)


class TicketPage(Contract):
    data: tuple[TicketView, ...]
    next_cursor: str | None = Field(default=None, description="Pass as `cursor` for the next page")


class BoundingBox(Contract):
    """A map viewport in WGS84 degrees; it may not cross the antimeridian (west < east)."""

    west: float = Field(ge=-180, le=180)
    south: float = Field(ge=-90, le=90)
    east: float = Field(ge=-180, le=180)
    north: float = Field(ge=-90, le=90)

    @model_validator(mode="after")
    def _ordered(self) -> BoundingBox:
        if self.west >= self.east or self.south >= self.north:
            raise PydanticCustomError(
                "viewport", "a viewport needs west < east and south < north (it may not cross 180°)"
            )
        return self


class Circle(Contract):
    center: Point
    radius_m: int = Field(default=DEFAULT_RADIUS_M, ge=1, le=MAX_RADIUS_M, description="Metres")


class TicketFilters(Contract):
    """Which tickets (every filter narrows the result; the values of one filter are alternatives)."""

    status: tuple[TicketStatus | StatusGroup, ...] = Field(
        default=(), max_length=20, description=STATUS_FILTER_HELP
    )
    category_id: str | None = Field(default=None, min_length=1, max_length=100)
    assigned_operator_id: str | None = Field(
        default=None, min_length=1, max_length=100, description="Staff only"
    )
    priority: tuple[Priority, ...] = Field(default=(), max_length=4)
    overdue: bool = Field(default=False, description="Open and past `due_at` (staff only)")
    created_from: AwareDatetime | None = Field(default=None, description="Reported at or after")
    created_to: AwareDatetime | None = Field(default=None, description="Reported before")
    q: str | None = Field(
        default=None,
        min_length=1,
        max_length=200,
        description="Text in the description or the reference; case and accents do not matter",
    )
    bbox: BoundingBox | None = None
    near: Circle | None = None
    municipality_id: str | None = Field(default=None, min_length=1, max_length=100)

    @model_validator(mode="after")
    def _consistent(self) -> TicketFilters:
        if self.created_from and self.created_to and self.created_from >= self.created_to:
            raise PydanticCustomError("created_range", "created_from must be before created_to")
        return self

    def statuses(self) -> frozenset[TicketStatus] | None:
        """The statuses asked for, groups expanded (only open ones when `overdue`); None for all."""
        return expand_statuses(self.status, open_only=self.overdue)


def expand_statuses(
    asked: tuple[TicketStatus | StatusGroup, ...], *, open_only: bool = False
) -> frozenset[TicketStatus] | None:
    """Statuses with the groups `open` and `closed` expanded; None when no status narrows the list (an
    empty set when none can match, e.g. closed ones that must be open).

    `closed` is both a status and the group it belongs to; it is read as the group, as Open311 does and
    as a map's "show closed" means. The status alone cannot be asked for: the views say which it is."""
    if not asked and not open_only:
        return None
    wanted: set[TicketStatus] = set()
    for status in asked:
        if status == "open":
            wanted.update(s for s in ALL_STATUSES if s in OPEN_STATUSES)
        elif status == "closed":
            wanted.update(s for s in ALL_STATUSES if s not in OPEN_STATUSES)
        else:
            wanted.add(status)
    if open_only:
        wanted = {s for s in (wanted if asked else ALL_STATUSES) if s in OPEN_STATUSES}
    return frozenset(wanted)


class ListTickets(TicketFilters, Request):
    """Tickets by filters, sorted, one page at a time (anyone; what each asker sees: module docstring).

    `due_at` sorts tickets without a due date last, in either order; `priority` sorts by urgency."""

    service = "tickets"
    reply_model = TicketPage

    sort: TicketSort = "created_at"
    order: SortOrder = "desc"
    cursor: str | None = Field(default=None, max_length=2000)
    limit: int = Field(default=DEFAULT_PAGE, ge=1, le=MAX_PAGE)


class ListMyTickets(Request):
    """The asker's own reports in the reporter view, newest first (any signed-in user)."""

    service = "tickets"
    reply_model = TicketPage

    status: tuple[TicketStatus | StatusGroup, ...] = Field(
        default=(), max_length=20, description=STATUS_FILTER_HELP
    )
    cursor: str | None = Field(default=None, max_length=2000)
    limit: int = Field(default=DEFAULT_PAGE, ge=1, le=MAX_PAGE)


class ListAssignedTickets(Request):
    """An operator's queue: the open tickets assigned to them, soonest due first (no due date last),
    then the most urgent. Operators see their own queue; a manager names an operator of their
    municipality (`not_an_operator`, 422, otherwise) or, naming none, gets the queues of all of them."""

    service = "tickets"
    reply_model = TicketPage

    operator_id: str | None = Field(default=None, min_length=1, max_length=100)
    cursor: str | None = Field(default=None, max_length=2000)
    limit: int = Field(default=DEFAULT_PAGE, ge=1, le=MAX_PAGE)


class NearbyTicket(TicketView):
    distance_m: int = Field(ge=0, description="Metres from the asked point")


class NearbyTickets(Contract):
    data: tuple[NearbyTicket, ...]
    next_cursor: str | None = Field(default=None, description="Always null: one page of the nearest")


class FindNearbyTickets(Request):
    """Possible duplicates before reporting: open tickets of the category within its duplicate radius,
    reported in the last 30 days, nearest first, in public views (anyone). `category_not_found` (422)
    for a category the service does not know."""

    service = "tickets"
    reply_model = NearbyTickets

    location: Point
    category_id: str = Field(min_length=1, max_length=100)

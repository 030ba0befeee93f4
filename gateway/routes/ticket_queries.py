"""Lists of tickets (tickets service): finding tickets, one's own reports, an operator's queue, and the
possible duplicates near a new report.

Included in the app before `tickets.router`: its fixed paths (`/tickets/mine`, `/assigned`, `/nearby`)
must be matched before `GET /tickets/{ticket_id}` would take them for ticket ids.

`Filters` turns the query string into the contracts' `TicketFilters`, so every list over many tickets
(this one, an export) reads the same parameters the same way.
"""

from __future__ import annotations

from typing import Annotated, Any, get_args

from fastapi import APIRouter, Depends, Query
from pydantic import AwareDatetime, ValidationError

from cityfix_contracts import ErrorResponse, Point
from cityfix_contracts.commands.ticket_queries import (
    ALL_STATUSES,
    DEFAULT_PAGE,
    MAX_PAGE,
    MAX_RADIUS_M,
    STATUS_FILTER_HELP,
    FindNearbyTickets,
    ListAssignedTickets,
    ListMyTickets,
    ListTickets,
    NearbyTickets,
    SortOrder,
    TicketFilters,
    TicketPage,
    TicketSort,
)
from cityfix_contracts.events.tickets import Priority
from services.common.rpc import validation_details

from ..deps import Ctx, CurrentUser, Rpc, require_role
from ..errors import ApiError

router = APIRouter(prefix="/tickets", tags=["tickets"])

STATUS_HELP = f"Repeated or comma-separated (`status=received,triaged`). {STATUS_FILTER_HELP}"
STATUS_CHOICES: tuple[str, ...] = (*ALL_STATUSES, "open")  # `closed` is a status and a group
CURSOR_HELP = "`next_cursor` of the previous page"


def invalid(parameter: str, problem: str) -> ApiError:
    return ApiError(
        422,
        "validation_failed",
        f"{parameter}: {problem}",
        {"fields": [{"field": parameter, "problem": problem}]},
    )


def listed(values: list[str] | None) -> list[str]:
    """Repeated parameters and comma lists alike: `a,b&x=c` → [a, b, c]."""
    return [part.strip() for value in values or [] for part in value.split(",") if part.strip()]


def chosen(parameter: str, values: list[str] | None, allowed: tuple[str, ...]) -> list[str]:
    """The listed values, each one of `allowed`; a 422 naming the first that is not."""
    given = listed(values)
    for value in given:
        if value not in allowed:
            raise invalid(parameter, f"{value!r} is not one of {', '.join(allowed)}")
    return given


def numbers(parameter: str, text: str, count: int, form: str) -> list[float]:
    try:
        parts = [float(part) for part in text.split(",")]
    except ValueError:
        parts = []
    if len(parts) != count:
        raise invalid(parameter, f"give it as {form}")
    return parts


def checked(model: type[Any], values: dict[str, Any]) -> Any:
    """Validate with the contract's model; its complaints become a 422 naming the parameters."""
    try:
        return model.model_validate(values)
    except ValidationError as exc:
        details = validation_details(exc)
        first = details["fields"][0]
        message = f"{first['field']}: {first['problem']}" if first["field"] else first["problem"]
        raise ApiError(422, "validation_failed", message, details) from None


def ticket_filters(
    status: Annotated[list[str] | None, Query(description=STATUS_HELP)] = None,
    category_id: str | None = None,
    assigned_operator_id: Annotated[str | None, Query(description="Staff only")] = None,
    priority: Annotated[
        list[str] | None, Query(description="low, normal, high, urgent; repeated or comma-separated")
    ] = None,
    overdue: Annotated[bool, Query(description="Open and past their due time (staff only)")] = False,
    created_from: Annotated[
        AwareDatetime | None, Query(description="Reported at or after (ISO 8601 with time zone)")
    ] = None,
    created_to: Annotated[AwareDatetime | None, Query(description="Reported before")] = None,
    q: Annotated[
        str | None, Query(max_length=200, description="Text in the description or the reference")
    ] = None,
    bbox: Annotated[str | None, Query(description="Map viewport `west,south,east,north` in degrees")] = None,
    near: Annotated[str | None, Query(description="`lat,lon`: only tickets within `radius` of it")] = None,
    radius: Annotated[
        int | None, Query(ge=1, le=MAX_RADIUS_M, description="Metres around `near` (default 500)")
    ] = None,
    municipality_id: str | None = None,
) -> TicketFilters:
    values: dict[str, Any] = {
        "status": chosen("status", status, STATUS_CHOICES),
        "category_id": category_id,
        "assigned_operator_id": assigned_operator_id,
        "priority": chosen("priority", priority, get_args(Priority)),
        "overdue": overdue,
        "created_from": created_from,
        "created_to": created_to,
        "q": q,
        "municipality_id": municipality_id,
    }
    if bbox is not None:
        west, south, east, north = numbers("bbox", bbox, 4, "west,south,east,north, e.g. 13.0,52.3,13.2,52.5")
        values["bbox"] = {"west": west, "south": south, "east": east, "north": north}
    if near is not None:
        lat, lon = numbers("near", near, 2, "lat,lon, e.g. 52.40,13.06")
        values["near"] = {"center": {"lat": lat, "lon": lon}, **({"radius_m": radius} if radius else {})}
    elif radius is not None:
        raise invalid("radius", "a radius needs a point: add near=lat,lon")
    filters: TicketFilters = checked(TicketFilters, values)
    return filters


Filters = Annotated[TicketFilters, Depends(ticket_filters)]

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description=f"At most {MAX_PAGE}")]
Cursor = Annotated[str | None, Query(max_length=2000, description=CURSOR_HELP)]


def list_errors(more: dict[int, str]) -> dict[int | str, dict[str, Any]]:
    described = {
        422: "Malformed filters, or `invalid_cursor` (the cursor belongs to another query)",
        503: "The tickets service is not answering",
        **more,
    }
    return {status: {"model": ErrorResponse, "description": text} for status, text in described.items()}


@router.get(
    "",
    response_model=TicketPage,
    operation_id="tickets-list",
    responses=list_errors(
        {
            401: "Staff filters (`assigned_operator_id`, `overdue`) without signing in",
            403: "`staff_only_filter` for citizens; `other_municipality` when staff name another municipality",
        }
    ),
)
async def list_tickets(
    filters: Filters,
    rpc: Rpc,
    ctx: Ctx,
    sort: TicketSort = "created_at",
    order: SortOrder = "desc",
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> TicketPage:
    """Tickets by filters, newest first unless `sort`/`order` say otherwise, a page at a time (public).

    Anonymous visitors and citizens get public views of every municipality's tickets (a citizen's own in
    the reporter view); managers and operators staff views of their own municipality's tickets only;
    admins staff views of all. `sort=due_at` lists tickets without a due time last."""
    query = checked(
        ListTickets,
        {**filters.model_dump(), "sort": sort, "order": order, "cursor": cursor, "limit": limit},
    )
    page: TicketPage = await rpc.call(query, ctx)
    return page


@router.get(
    "/mine",
    response_model=TicketPage,
    operation_id="tickets-list-mine",
    responses=list_errors({401: "Not signed in"}),
)
async def list_my_tickets(
    user: CurrentUser,
    rpc: Rpc,
    ctx: Ctx,
    status: Annotated[list[str] | None, Query(description=STATUS_HELP)] = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> TicketPage:
    """Your own reports in the reporter view, newest first."""
    query = checked(
        ListMyTickets, {"status": chosen("status", status, STATUS_CHOICES), "cursor": cursor, "limit": limit}
    )
    page: TicketPage = await rpc.call(query, ctx)
    return page


@router.get(
    "/assigned",
    response_model=TicketPage,
    dependencies=[Depends(require_role("operator", "manager"))],
    operation_id="tickets-list-assigned",
    responses=list_errors(
        {
            401: "Not signed in",
            403: "Anyone but operators and managers; `own_queue_only` when an operator names another",
            422: "`not_an_operator` (not an operator of your municipality), or `invalid_cursor`",
        }
    ),
)
async def list_assigned_tickets(
    rpc: Rpc,
    ctx: Ctx,
    operator_id: Annotated[
        str | None, Query(description="Managers: whose queue (default: every operator's)")
    ] = None,
    cursor: Cursor = None,
    limit: Limit = DEFAULT_PAGE,
) -> TicketPage:
    """An operator's queue: the open tickets assigned to them, soonest due first (no due time last),
    then the most urgent. Operators get their own; managers name an operator of their municipality."""
    query = checked(ListAssignedTickets, {"operator_id": operator_id, "cursor": cursor, "limit": limit})
    page: TicketPage = await rpc.call(query, ctx)
    return page


@router.get(
    "/nearby",
    response_model=NearbyTickets,
    operation_id="tickets-nearby",
    responses=list_errors({422: "`category_not_found`, or a point off the map"}),
)
async def find_nearby_tickets(
    rpc: Rpc,
    ctx: Ctx,
    lat: Annotated[float, Query(ge=-90, le=90)],
    lon: Annotated[float, Query(ge=-180, le=180)],
    category_id: Annotated[str, Query(min_length=1, max_length=100)],
) -> NearbyTickets:
    """Is it one of these? Open tickets of the category within its duplicate radius of the point,
    reported in the last 30 days, nearest first with their distance, in public views (public)."""
    query = FindNearbyTickets(location=Point(lat=lat, lon=lon), category_id=category_id)
    nearby: NearbyTickets = await rpc.call(query, ctx)
    return nearby

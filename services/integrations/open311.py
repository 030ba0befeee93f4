"""The Open311 GeoReport v2 read side: services, service definitions, service requests and tokens,
answered from this service's projections (subscribers.py). Hidden tickets are not public, so Open311
never shows them; neither does it show a reporter.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from cityfix_contracts import RpcContext
from cityfix_contracts.commands.integrations import (
    GetOpen311Request,
    GetOpen311ServiceDefinition,
    GetOpen311Token,
    ListOpen311Requests,
    ListOpen311RequestUpdates,
    ListOpen311Services,
    Open311Attribute,
    Open311AttributeValue,
    Open311RequestList,
    Open311RequestUpdate,
    Open311RequestUpdateList,
    Open311Service,
    Open311ServiceDefinition,
    Open311ServiceList,
    Open311ServiceRequest,
    Open311Token,
    Open311TokenList,
)
from cityfix_contracts.errors import DomainError
from cityfix_contracts.events.tickets import OPEN_STATUSES

from .documents import CategoryDocument, MunicipalityDocument, TicketDocument, TicketUpdateDocument
from .domain import open311_status, requested_window, update_status
from .handlers import IntegrationsDeps, active_category, jurisdiction, rpc

DATATYPE_HINTS = {
    "number": "A number",
    "datetime": "A date and time (ISO 8601)",
    "multivaluelist": "One or more of the keys of `values`",
    "singlevaluelist": "One of the keys of `values`",
}


def _aware(moment: datetime) -> datetime:
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


@rpc.handles(ListOpen311Services)
async def list_services(
    query: ListOpen311Services, ctx: RpcContext, deps: IntegrationsDeps
) -> Open311ServiceList:
    """The jurisdiction's active categories, by name."""
    municipality = await jurisdiction(query.jurisdiction_id)
    categories = await CategoryDocument.find(
        {"municipality_id": municipality.id, "active": True, "sequence": {"$gt": 0}}
    ).to_list()
    return Open311ServiceList(
        services=tuple(
            Open311Service(
                service_code=category.code,
                service_name=category.name,
                description=category.description,
                metadata=bool(category.questions),
                keywords=",".join(category.keywords),
                group=category.group,
            )
            for category in sorted(categories, key=lambda c: (c.name.casefold(), c.code))
        )
    )


@rpc.handles(GetOpen311ServiceDefinition)
async def service_definition(
    query: GetOpen311ServiceDefinition, ctx: RpcContext, deps: IntegrationsDeps
) -> Open311ServiceDefinition:
    """The category's questions as Open311 attributes, in their order."""
    municipality = await jurisdiction(query.jurisdiction_id)
    category = await active_category(municipality.id, query.service_code)
    questions = sorted(category.questions, key=lambda q: (q.get("order", 0), q["code"]))
    return Open311ServiceDefinition(
        service_code=category.code,
        attributes=tuple(
            Open311Attribute(
                code=q["code"],
                datatype=q.get("datatype", "string"),
                required=q.get("required", False),
                datatype_description=DATATYPE_HINTS.get(q.get("datatype", "string"), ""),
                order=q.get("order", 0),
                description=q["description"],
                values=tuple(
                    Open311AttributeValue(key=v["key"], name=v["name"]) for v in q.get("values", ())
                ),
            )
            for q in questions
        ),
    )


PUBLIC = {"requested_datetime": {"$ne": None}, "hidden": False}


async def service_requests(
    tickets: list[TicketDocument], municipality: MunicipalityDocument
) -> list[Open311ServiceRequest]:
    ids = list({t.category_id for t in tickets if t.category_id is not None})
    categories = (
        {c.id: c for c in await CategoryDocument.find({"_id": {"$in": ids}}).to_list()} if ids else {}
    )
    shown = []
    for ticket in tickets:
        assert ticket.requested_datetime is not None and ticket.reference is not None
        category = categories.get(ticket.category_id or "")
        requested = _aware(ticket.requested_datetime)
        shown.append(
            Open311ServiceRequest(
                service_request_id=ticket.reference,
                status="open" if ticket.status is None else open311_status(ticket.status),
                status_notes=ticket.status_notes,
                service_name=category.name if category else None,
                service_code=category.code if category else None,
                description=ticket.description or "",
                agency_responsible=municipality.name,
                requested_datetime=requested,
                updated_datetime=_aware(ticket.updated_datetime or requested),
                expected_datetime=None
                if ticket.expected_datetime is None
                else _aware(ticket.expected_datetime),
                address=ticket.address or ticket.resolved_address,
                lat=ticket.lat or 0.0,
                long=ticket.long or 0.0,
            )
        )
    return shown


@rpc.handles(ListOpen311Requests)
async def list_requests(
    query: ListOpen311Requests, ctx: RpcContext, deps: IntegrationsDeps
) -> Open311RequestList:
    """By ids (overriding every other filter), or by services, status and a window of at most 90 days,
    newest first."""
    municipality = await jurisdiction(query.jurisdiction_id)
    filters: dict[str, Any] = {"municipality_id": municipality.id, **PUBLIC}
    if query.service_request_ids:
        filters["reference"] = {"$in": list(query.service_request_ids)}
    else:
        window = requested_window(query.start_date, query.end_date, deps.clock())
        filters["requested_datetime"] = {"$gte": window.start, "$lte": window.end}
        if query.service_codes:
            codes = await CategoryDocument.find(
                {"municipality_id": municipality.id, "code": {"$in": list(query.service_codes)}}
            ).to_list()
            filters["category_id"] = {"$in": [c.id for c in codes]}
        wanted = set(query.status)
        if wanted == {"open"}:
            filters["status"] = {"$in": sorted(OPEN_STATUSES)}
        elif wanted == {"closed"}:
            filters["status"] = {"$nin": sorted(OPEN_STATUSES)}
    tickets = (
        await TicketDocument.find(filters)
        .sort("-requested_datetime", "+_id")
        .skip((query.page - 1) * query.page_size)
        .limit(query.page_size)
        .to_list()
    )
    return Open311RequestList(requests=tuple(await service_requests(tickets, municipality)))


@rpc.handles(GetOpen311Request)
async def get_request(
    query: GetOpen311Request, ctx: RpcContext, deps: IntegrationsDeps
) -> Open311RequestList:
    """One service request by the ticket's reference."""
    municipality = await jurisdiction(query.jurisdiction_id)
    ticket = await TicketDocument.find_one(
        {"municipality_id": municipality.id, "reference": query.service_request_id, **PUBLIC}
    )
    if ticket is None:
        raise DomainError(
            "not_found",
            "service_request_not_found",
            f"This jurisdiction has no service request “{query.service_request_id}”.",
            {"service_request_id": query.service_request_id},
        )
    return Open311RequestList(requests=tuple(await service_requests([ticket], municipality)))


@rpc.handles(GetOpen311Token)
async def get_token(query: GetOpen311Token, ctx: RpcContext, deps: IntegrationsDeps) -> Open311TokenList:
    """The service request a token became (the token is the ticket's id, answered by POST requests)."""
    municipality = await jurisdiction(query.jurisdiction_id)
    ticket = await TicketDocument.find_one({"_id": query.token, "municipality_id": municipality.id, **PUBLIC})
    if ticket is None or ticket.reference is None:
        raise DomainError(
            "not_found",
            "token_not_found",
            "No service request of this jurisdiction has this token (yet); try again shortly.",
            {"token": query.token},
        )
    return Open311TokenList(tokens=(Open311Token(token=ticket.id, service_request_id=ticket.reference),))


@rpc.handles(ListOpen311RequestUpdates)
async def list_request_updates(
    query: ListOpen311RequestUpdates, ctx: RpcContext, deps: IntegrationsDeps
) -> Open311RequestUpdateList:
    """Status changes of the jurisdiction's public tickets in the window, oldest first (FixMyStreet's
    extension). A ticket is named by its current reference, and belongs to its current municipality."""
    municipality = await jurisdiction(query.jurisdiction_id)
    window = requested_window(query.start_date, query.end_date, deps.clock())
    found = TicketDocument.get_pymongo_collection().find(
        {"municipality_id": municipality.id, **PUBLIC}, {"reference": 1}
    )
    references: dict[str, str] = {ticket["_id"]: ticket["reference"] async for ticket in found}
    changes = (
        await TicketUpdateDocument.find(
            {
                "ticket_id": {"$in": list(references)},
                "updated_datetime": {"$gte": window.start, "$lte": window.end},
            }
        )
        .sort("+updated_datetime", "+_id")
        .skip((query.page - 1) * query.page_size)
        .limit(query.page_size)
        .to_list()
    )
    updates = []
    for change in changes:
        updates.append(
            Open311RequestUpdate(
                update_id=change.id,
                service_request_id=references[change.ticket_id],
                status=update_status(change.status),
                updated_datetime=_aware(change.updated_datetime),
                description=change.note or "",
            )
        )
    return Open311RequestUpdateList(updates=tuple(updates))

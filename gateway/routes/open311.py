"""Open311 GeoReport v2 at /open311/v2/, in `.json` and `.xml` (the integrations service, and tickets for
reports).

The read side (services, service definitions, service requests, tokens, and FixMyStreet's
`servicerequestupdates` extension) is answered by the integrations service from its own projections. A report (POST requests) is composed here, since no service may call
another: the integrations service checks the `api_key` for the service (AuthorizeOpen311Report); an
`address_string` without lat/long is geocoded by the geo service within the key's municipality; then the
tickets service's CreateTicket runs as the system actor `open311:<api key id>` of the key's municipality.
The reporter's contact fields (email, first_name, last_name, phone) are accepted and passed to no
service, so they never reach an event stream; media_url is not taken over (photos arrive with media).

Everything here answers in the specification's shapes, errors included (see gateway/open311_format.py),
never in the `/api/v1` error shape.
"""

from __future__ import annotations

import math
import re
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any, cast
from urllib.parse import parse_qsl

from fastapi import APIRouter, Request
from fastapi.responses import Response
from pydantic import ValidationError

from cityfix_contracts import Point, RpcContext, SystemActor
from cityfix_contracts.commands.geo import Geocode, PlaceList
from cityfix_contracts.commands.integrations import (
    MAX_REQUESTS_PAGE,
    OPEN311_ACTOR_PREFIX,
    AuthorizeOpen311Report,
    GetOpen311Request,
    GetOpen311ServiceDefinition,
    GetOpen311Token,
    ListOpen311Requests,
    ListOpen311RequestUpdates,
    ListOpen311Services,
    Open311Grant,
    Open311RequestList,
    Open311RequestUpdateList,
    Open311ServiceDefinition,
    Open311ServiceList,
    Open311TokenList,
)
from cityfix_contracts.commands.tickets import CreateTicket, TicketView
from cityfix_contracts.rpc import ANONYMOUS
from services.common.rpc import RpcClient, RpcFailure

from ..deps import State
from ..errors import ApiError
from ..open311_format import Format, Open311Error, error_response, respond

router = APIRouter(prefix="/open311/v2", tags=["open311"])

SPECIFICATION = "http://wiki.open311.org/GeoReport_v2"
CHANGESET = "2026-11-27T00:00:00+00:00"  # when this API's surface last changed
CONTACT_FIELDS = ("email", "first_name", "last_name", "phone", "device_id", "account_id")
STATUS_OF_KIND = {
    "malformed": 400,
    "invalid": 400,
    "unauthenticated": 403,
    "forbidden": 403,
    "not_found": 404,
}
CONTENT: dict[int | str, dict[str, Any]] = {
    200: {
        "description": "The specification's body in the format the path names",
        "content": {"application/json": {}, "text/xml": {}},
    },
    400: {"description": "Errors: a list of {code, description} (`errors/error` in XML)"},
    404: {"description": "No such jurisdiction, service, service request or token"},
}


def _format(raw: str) -> Format:
    if raw not in ("json", "xml"):
        raise Open311Error(404, f"There is no format “{raw}”; end the path in .json or .xml.")
    return cast(Format, raw)


def _ctx(request: Request) -> RpcContext:
    return RpcContext(
        correlation_id=request.scope["state"]["correlation_id"],
        actor=ANONYMOUS,
        client_address=request.client.host if request.client else None,
    )


async def answer(raw_format: str, produce: Callable[[Format], Awaitable[Response]]) -> Response:
    """Run `produce` in the asked format; every failure becomes the specification's error list."""
    fmt: Format = "xml" if raw_format == "xml" else "json"
    try:
        fmt = _format(raw_format)
        return await produce(fmt)
    except Open311Error as exc:
        return error_response(fmt, exc.status, exc.description)
    except ApiError as exc:  # the gateway itself is not ready (no NATS connection yet)
        return error_response(fmt, exc.status, exc.message)
    except RpcFailure as exc:
        status = STATUS_OF_KIND.get(exc.error.kind, exc.error.http_status)
        response = error_response(fmt, status, exc.error.message)
        retry_after = exc.error.details.get("retry_after")
        if status == 429 and retry_after is not None:
            response.headers["Retry-After"] = str(int(retry_after))
        return response
    except ValidationError as exc:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc'])}: {e['msg']}" for e in exc.errors(include_url=False)
        )
        return error_response(fmt, 400, f"Some parameters are not valid: {problems}.")


def _listed(value: str | None) -> tuple[str, ...]:
    return tuple(part.strip() for part in (value or "").split(",") if part.strip())


def _moment(name: str, value: str | None) -> datetime | None:
    if value is None or not value.strip():
        return None
    # An offset's "+" left unencoded in a query string arrives as a space: read it as the "+" it was.
    text = re.sub(r" (\d{2}:?\d{2})$", r"+\1", value.strip())
    try:
        moment = datetime.fromisoformat(text)
    except ValueError:
        raise Open311Error(
            400, f"{name} is not a date and time in ISO 8601 (e.g. 2026-11-01T00:00:00Z)."
        ) from None
    if moment.tzinfo is None:
        raise Open311Error(400, f"{name} needs a timezone (Z or an offset such as +01:00).")
    return moment


def _whole(name: str, value: str | None, default: int, highest: int | None = None) -> int:
    if value is None or not value.strip():
        return default
    try:
        number = int(value)
    except ValueError:
        raise Open311Error(400, f"{name} must be a whole number.") from None
    if number < 1 or (highest is not None and number > highest):
        limit = f" and at most {highest}" if highest is not None else ""
        raise Open311Error(400, f"{name} must be at least 1{limit}.")
    return number


# ----- discovery and services -----------------------------------------------------------------------


@router.get(
    "/discovery.{format}", operation_id="open311-discovery", responses=CONTENT, response_class=Response
)
async def discovery(format: str, state: State) -> Response:
    """Service discovery: where this GeoReport v2 endpoint is and which formats it speaks."""
    base = state.settings.public_url.rstrip("/")

    async def produce(fmt: Format) -> Response:
        document = {
            "changeset": CHANGESET,
            "contact": f"Managers of each municipality issue API keys in CityFix ({base}).",
            "key_service": base,
            "endpoints": [
                {
                    "specification": SPECIFICATION,
                    "url": f"{base}/open311/v2",
                    "changeset": CHANGESET,
                    "type": "production",
                    "formats": ["application/json", "text/xml"],
                }
            ],
        }
        return respond(fmt, document, "discovery")

    return await answer(format, produce)


@router.get("/services.{format}", operation_id="open311-services", responses=CONTENT, response_class=Response)
async def services(
    format: str, request: Request, state: State, jurisdiction_id: str | None = None
) -> Response:
    """The jurisdiction's services (its active categories)."""

    async def produce(fmt: Format) -> Response:
        listed: Open311ServiceList = await state.rpc().call(
            ListOpen311Services(jurisdiction_id=jurisdiction_id), _ctx(request)
        )
        return respond(fmt, [s.model_dump(mode="json") for s in listed.services], "services", "service")

    return await answer(format, produce)


@router.get(
    "/services/{service_code}.{format}",
    operation_id="open311-service_definition",
    responses=CONTENT,
    response_class=Response,
)
async def service_definition(
    service_code: str, format: str, request: Request, state: State, jurisdiction_id: str | None = None
) -> Response:
    """A service's definition: the category's questions as attributes."""

    async def produce(fmt: Format) -> Response:
        definition: Open311ServiceDefinition = await state.rpc().call(
            GetOpen311ServiceDefinition(jurisdiction_id=jurisdiction_id, service_code=service_code),
            _ctx(request),
        )
        return respond(fmt, definition.model_dump(mode="json"), "service_definition")

    return await answer(format, produce)


# ----- service requests ----------------------------------------------------------------------------------


def _requests_body(fmt: Format, listed: Open311RequestList) -> Response:
    return respond(fmt, [r.model_dump(mode="json") for r in listed.requests], "service_requests", "request")


@router.get("/requests.{format}", operation_id="open311-requests", responses=CONTENT, response_class=Response)
async def list_requests(format: str, request: Request, state: State) -> Response:
    """Service requests: `service_request_id` (comma-separated) overrides the rest; otherwise
    `service_code` (comma-separated), `status` (open, closed), `start_date`/`end_date` (ISO 8601 with a
    timezone, at most 90 days apart; the last 90 days by default), newest first, `page_size` (at most
    1000, the default) per `page`."""
    params = request.query_params

    async def produce(fmt: Format) -> Response:
        statuses = _listed(params.get("status"))
        for status in statuses:
            if status not in ("open", "closed"):
                raise Open311Error(400, f"status “{status}” is unknown; use open or closed.")
        query = ListOpen311Requests(
            jurisdiction_id=params.get("jurisdiction_id"),
            service_request_ids=_listed(params.get("service_request_id")),
            service_codes=_listed(params.get("service_code")),
            start_date=_moment("start_date", params.get("start_date")),
            end_date=_moment("end_date", params.get("end_date")),
            status=cast(Any, statuses),
            page=_whole("page", params.get("page"), 1),
            page_size=_whole("page_size", params.get("page_size"), MAX_REQUESTS_PAGE, MAX_REQUESTS_PAGE),
        )
        listed: Open311RequestList = await state.rpc().call(query, _ctx(request))
        return _requests_body(fmt, listed)

    return await answer(format, produce)


@router.get(
    "/requests/{service_request_id}.{format}",
    operation_id="open311-request",
    responses=CONTENT,
    response_class=Response,
)
async def get_request(
    service_request_id: str, format: str, request: Request, state: State, jurisdiction_id: str | None = None
) -> Response:
    """One service request by its id (the ticket's reference), as a list of one."""

    async def produce(fmt: Format) -> Response:
        listed: Open311RequestList = await state.rpc().call(
            GetOpen311Request(jurisdiction_id=jurisdiction_id, service_request_id=service_request_id),
            _ctx(request),
        )
        return _requests_body(fmt, listed)

    return await answer(format, produce)


@router.get(
    "/tokens/{token}.{format}", operation_id="open311-token", responses=CONTENT, response_class=Response
)
async def get_token(
    token: str, format: str, request: Request, state: State, jurisdiction_id: str | None = None
) -> Response:
    """The service request id a token (from POST requests) became."""

    async def produce(fmt: Format) -> Response:
        listed: Open311TokenList = await state.rpc().call(
            GetOpen311Token(jurisdiction_id=jurisdiction_id, token=token), _ctx(request)
        )
        return respond(fmt, [t.model_dump(mode="json") for t in listed.tokens], "service_requests", "request")

    return await answer(format, produce)


@router.get(
    "/servicerequestupdates.{format}",
    operation_id="open311-request_updates",
    responses=CONTENT,
    response_class=Response,
)
async def request_updates(format: str, request: Request, state: State) -> Response:
    """FixMyStreet's extension: status changes of the jurisdiction's service requests, oldest first, with
    `start_date`/`end_date` as for requests (at most 90 days apart; the last 90 days by default)."""
    params = request.query_params

    async def produce(fmt: Format) -> Response:
        query = ListOpen311RequestUpdates(
            jurisdiction_id=params.get("jurisdiction_id"),
            start_date=_moment("start_date", params.get("start_date")),
            end_date=_moment("end_date", params.get("end_date")),
            page=_whole("page", params.get("page"), 1),
            page_size=_whole("page_size", params.get("page_size"), MAX_REQUESTS_PAGE, MAX_REQUESTS_PAGE),
        )
        listed: Open311RequestUpdateList = await state.rpc().call(query, _ctx(request))
        updates = [u.model_dump(mode="json") for u in listed.updates]
        return respond(fmt, updates, "service_request_updates", "request_update")

    return await answer(format, produce)


# ----- reporting ------------------------------------------------------------------------------------------


async def _form(request: Request) -> list[tuple[str, str]]:
    kind = request.headers.get("content-type", "application/x-www-form-urlencoded").split(";")[0].strip()
    if kind != "application/x-www-form-urlencoded":
        raise Open311Error(400, "Send the request form-encoded (application/x-www-form-urlencoded).")
    try:
        return parse_qsl((await request.body()).decode(), keep_blank_values=True, strict_parsing=False)
    except UnicodeDecodeError:
        raise Open311Error(400, "The form is not valid UTF-8.") from None


def _answers(form: list[tuple[str, str]], grant: Open311Grant) -> dict[str, str | int | float | bool]:
    """`attribute[code]` (and `attribute[code][]` for several values) as answers by question code."""
    given: dict[str, list[str]] = {}
    for name, value in form:
        if name.startswith("attribute[") and name.endswith("]"):
            code = name.removeprefix("attribute[").removesuffix("[]").removesuffix("]")
            given.setdefault(code, []).append(value)
    datatypes = {q.code: q.datatype for q in grant.questions}
    answers: dict[str, str | int | float | bool] = {}
    for code, values in given.items():
        joined = ",".join(v for v in values if v.strip())
        if datatypes.get(code) == "number":
            try:
                number = float(joined)
                answers[code] = int(number) if number.is_integer() else number
                continue
            except ValueError:
                pass  # the tickets service names the question that wants a number
        answers[code] = joined
    return answers


def _float(name: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise Open311Error(400, f"{name} must be a number in decimal degrees (WGS84).") from None
    if not math.isfinite(number):
        raise Open311Error(400, f"{name} must be a number in decimal degrees (WGS84).")
    return number


async def _location(rpc: RpcClient, ctx: RpcContext, fields: dict[str, str], grant: Open311Grant) -> Point:
    lat, lon = fields.get("lat", "").strip(), fields.get("long", "").strip()
    if lat and lon:
        return Point(lat=_float("lat", lat), lon=_float("long", lon))
    address = fields.get("address_string", "").strip()
    if not address:
        raise Open311Error(400, "Give the location as lat and long, or as address_string.")
    places: PlaceList = await rpc.call(
        Geocode(q=address, municipality_id=grant.municipality_id, limit=1), ctx
    )
    if not places.data:
        raise Open311Error(400, f"address_string “{address}” was not found here; send lat and long instead.")
    return Point(lat=places.data[0].lat, lon=places.data[0].lon)


REPORT_FORM = {
    "type": "object",
    "required": ["api_key", "service_code"],
    "properties": {
        "api_key": {"type": "string", "description": "Issued by the municipality (required)"},
        "jurisdiction_id": {"type": "string", "description": "The municipality's slug"},
        "service_code": {"type": "string"},
        "lat": {"type": "number", "description": "WGS84; with long, or give address_string"},
        "long": {"type": "number"},
        "address_string": {"type": "string"},
        "attribute[code]": {"type": "string", "description": "The answer to the service's attribute `code`"},
        "description": {"type": "string"},
        **{name: {"type": "string", "description": "Accepted, not stored"} for name in CONTACT_FIELDS},
        "media_url": {"type": "string", "description": "Accepted, not taken over yet"},
    },
}


@router.post(
    "/requests.{format}",
    operation_id="open311-create_request",
    responses={
        **{status: entry for status, entry in CONTENT.items() if status != 200},
        201: CONTENT[200],
        403: {"description": "No valid api_key for this report"},
    },
    response_class=Response,
    status_code=201,
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/x-www-form-urlencoded": {"schema": REPORT_FORM}},
        }
    },
)
async def create_request(format: str, request: Request, state: State) -> Response:
    """Report a problem with an API key (form-encoded): `api_key`, `service_code`, `lat`/`long` or
    `address_string`, `attribute[code]` answers, `description`; answered with the new service request's
    id and its token. Contact fields are accepted and not stored."""

    async def produce(fmt: Format) -> Response:
        form = await _form(request)
        fields = {name: value for name, value in form if not name.startswith("attribute[")}
        api_key = fields.get("api_key", "").strip()
        if not api_key:
            raise Open311Error(403, "api_key is required to submit a service request; ask the municipality.")
        service_code = fields.get("service_code", "").strip()
        if not service_code:
            raise Open311Error(400, "service_code is required; see services.json for the services.")
        ctx = _ctx(request)
        grant: Open311Grant = await state.rpc().call(
            AuthorizeOpen311Report(
                api_key=api_key,
                jurisdiction_id=fields.get("jurisdiction_id") or None,
                service_code=service_code,
            ),
            ctx,
        )
        location = await _location(state.rpc(), ctx, fields, grant)
        reporter = ctx.model_copy(
            update={
                "actor": SystemActor(system=f"{OPEN311_ACTOR_PREFIX}{grant.api_key_id}"),
                "municipality_id": grant.municipality_id,
            }
        )
        ticket: TicketView = await state.rpc().call(
            CreateTicket(
                category_id=grant.category_id,
                location=location,
                description=fields.get("description", "").strip() or grant.service_name,
                address=fields.get("address_string", "").strip() or None,
                answers=_answers(form, grant),
            ),
            reporter,
        )
        created = [
            {
                "service_request_id": ticket.reference,
                "token": ticket.id,
                "service_notice": "",
                "account_id": None,
            }
        ]
        return respond(fmt, created, "service_requests", "request", status=201)

    return await answer(format, produce)


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
async def open311_not_found(rest: str) -> Response:
    fmt: Format = "xml" if rest.endswith(".xml") else "json"
    return error_response(fmt, 404, "There is no Open311 resource at this address; see discovery.json.")

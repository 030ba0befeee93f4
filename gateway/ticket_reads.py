"""The hot read path: `GET /api/v1/tickets/{ticket_id}` answered by a plain ASGI middleware.

Reading one ticket is the gateway's busiest route (DESIGN §9 budgets it against a bare endpoint). Through
FastAPI it cost the gateway about twice its own work in routing (twenty-odd routers before it) and
dependency solving (state, bearer, user, context). This lane, inside the request-context middleware (so
the correlation id, the metrics and the log line are the same), takes exactly the requests FastAPI would
route to `get_ticket` and does what that route and its dependencies do, in the same order and with the
same functions: the NATS connection (503), the bearer token as `HTTPBearer(auto_error=False)` reads it
and `signed_in` checks it (401), the context as `request_context` builds it, `GetTicket` over
request/reply, the service's JSON passed through. Errors are the app's own responses; anything else
propagates to the app's error handler as it would from the route.

Which requests: GET (HEAD and the rest go to FastAPI) on `/api/v1/tickets/<one path segment>`, unless an
earlier route answers GET at that path; those are learned from the routes themselves when the app is
built (`/tickets/mine`, `/tickets/export.csv`, …), and an earlier route with a parameter there stops the
app from starting, since the lane could not tell its paths apart. The route stays in FastAPI for the
OpenAPI document and for HEAD.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from fastapi.routing import APIRoute
from pydantic import ValidationError
from starlette.responses import Response
from starlette.routing import BaseRoute, Route, compile_path
from starlette.types import ASGIApp, Receive, Scope, Send

from cityfix_contracts.commands.tickets import GetTicket
from services.common.rpc import RpcFailure

from .deps import context_of, signed_in
from .errors import ApiError, api_error_response, contract_invalid_response, reply_response
from .state import GatewayState

PROBE = "zz-probe-ticket-id"  # a ticket id no literal route names


def bearer_token(scope: Scope) -> str | None:
    """The credentials of an `Authorization: Bearer …` header, exactly as `HTTPBearer(auto_error=False)`
    reads them (the first such header; any other scheme, or none, is no token)."""
    for name, value in scope["headers"]:
        if name == b"authorization":
            scheme, _, param = value.decode("latin-1").partition(" ")
            credentials: str = param.strip()
            if not (scheme and credentials) or scheme.lower() != "bearer":
                return None
            return credentials
    return None


class TicketReadLane:
    def __init__(self, app: ASGIApp, *, route: APIRoute, prefix: str, reserved: frozenset[str]) -> None:
        self.app = app
        self.route = route
        self.template = prefix + route.path
        self.start = self.template.split("{", 1)[0]  # "/api/v1/tickets/"
        self.reserved = reserved

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "GET":
            await self.app(scope, receive, send)
            return
        path = route_path(scope)
        ticket_id = path[len(self.start) :]
        if not path.startswith(self.start) or not ticket_id or "/" in ticket_id or ticket_id in self.reserved:
            await self.app(scope, receive, send)
            return
        scope["route"] = self.route  # what routing would have set (FastAPI's own telemetry is not used here)
        response: Response
        try:
            body = await self.answer(scope, ticket_id)
        except ApiError as exc:
            response = api_error_response(exc)
        except RpcFailure as exc:
            response = reply_response(exc.error)
        except ValidationError as exc:
            response = contract_invalid_response(exc)
        else:
            response = Response(body, media_type="application/json")
        await response(scope, receive, send)

    async def answer(self, scope: Scope, ticket_id: str) -> bytes:
        """What `get_ticket` answers, its dependencies resolved in FastAPI's order (rpc, then ctx)."""
        state: GatewayState = scope["app"].state.gateway
        rpc = state.rpc()
        token = bearer_token(scope)
        user = None if token is None else await signed_in(state, token)
        return await rpc.call_json(GetTicket(ticket_id=ticket_id), context_of(scope, user))


def reserved_segments(routes: Iterable[tuple[str, BaseRoute]], lane: tuple[str, APIRoute]) -> frozenset[str]:
    """The ticket ids an earlier route takes for GET: the literal last segments of the routes before the
    lane's (`(prefix, route)` in matching order) under its fixed start. Raises if an earlier route with
    a parameter answers GET at such a path."""
    lane_prefix, lane_route = lane
    start = (lane_prefix + lane_route.path).split("{", 1)[0]
    reserved: set[str] = set()
    for prefix, route in routes:
        if route is lane_route:
            return frozenset(reserved)
        if not isinstance(route, Route | APIRoute):
            raise RuntimeError(f"the ticket read lane cannot see through {route!r}")
        if "GET" not in (route.methods or ()):
            continue
        full = prefix + route.path
        segment = full[len(start) :]
        if full.startswith(start) and segment and "/" not in segment and "{" not in segment:
            reserved.add(segment)
        elif _takes_ids(full, start):
            raise RuntimeError(
                f"{full} answers GET where the ticket read lane would; it cannot tell them apart"
            )
    raise RuntimeError(f"{lane_route.path} is not among the routes")


def _takes_ids(template: str, start: str) -> bool:
    """Whether a route template with parameters matches some single segment after `start`: a made-up
    id, or its own template with every parameter filled in (`/tickets/by-{reference}`)."""
    regex = compile_path(template)[0]
    filled = re.sub(r"\{[^}]*\}", "x", template)
    one_segment = filled.startswith(start) and "/" not in filled[len(start) :]
    return bool(regex.match(start + PROBE)) or (one_segment and bool(regex.match(filled)))


def route_path(scope: Scope) -> str:
    """The request's path below the app's root path, as Starlette's routing matches it."""
    path: str = scope["path"]
    root: str = scope.get("root_path", "")
    if root and path.startswith(root) and (len(path) == len(root) or path[len(root)] == "/"):
        return path[len(root) :]
    return path

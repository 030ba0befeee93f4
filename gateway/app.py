"""The gateway: HTTP in, request/reply to the services, events out as Server-Sent Events.

It holds no database and no business rules (DESIGN §1). Its NATS connection opens and closes in the
lifespan; while NATS is unreachable every call that needs a service answers 503 at once.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import nats
from fastapi import APIRouter, FastAPI, Request, Response
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.routing import APIRoute
from nats.aio.client import Client as NatsClient
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.middleware import Middleware
from starlette.routing import BaseRoute, Match, Route
from starlette.types import Scope
from uvicorn.middleware.proxy_headers import ProxyHeadersMiddleware

from services.common.aio import settle
from services.common.devmail import Mailbox
from services.common.logs import get_logger, log_nats_error

from .accounts import follow_account_events
from .errors import ApiError, install_error_handlers
from .hidden_tickets import follow_hidden_tickets
from .middleware import RequestContextMiddleware
from .routes import (
    admin,
    auth,
    conversation,
    dev,
    event_stream,
    geo,
    health,
    integrations,
    live,
    media,
    municipalities,
    notification_admin,
    notifications,
    open311,
    photo_moderation,
    preferences,
    stats,
    ticket_export,
    ticket_management,
    ticket_queries,
    tickets,
    users,
    webhooks,
)
from .settings import GatewaySettings
from .state import GatewayState
from .ticket_reads import TicketReadLane, reserved_segments, route_path

log = get_logger("cityfix.gateway")

STOP_SECONDS = 5.0  # the longest any one step of shutting down may take

API_PREFIX = "/api/v1"


async def _connect_forever(state: GatewayState, url: str) -> None:
    """Connect to NATS, retrying until it answers; nats-py reconnects by itself afterwards."""
    delay = 0.2
    while True:
        try:
            connection: NatsClient = await nats.connect(
                url,
                name="cityfix-gateway",
                allow_reconnect=True,
                max_reconnect_attempts=-1,
                reconnect_time_wait=0.5,
                connect_timeout=2,
                error_cb=log_nats_error,
            )
        except Exception as exc:
            log.warning("gateway cannot reach NATS yet", url=url, error=repr(exc))
            await asyncio.sleep(delay)
            delay = min(delay * 2, 5.0)
            continue
        state.attach(connection)
        log.info("gateway connected to NATS", url=url)
        while True:
            try:
                await follow_account_events(state, connection)
                await follow_hidden_tickets(state.hidden_tickets, connection)
                return
            except Exception as exc:  # the stream may not exist until the first service created it
                if _stopping():  # a library turned our cancellation into an error: stop all the same
                    raise asyncio.CancelledError from exc
                log.warning("cannot follow account events yet", error=repr(exc))
                await asyncio.sleep(delay)
                delay = min(delay * 2, 5.0)


def _stopping() -> bool:
    """Whether the running task has been asked to stop, even if the CancelledError got lost below us."""
    task = asyncio.current_task()
    return task is not None and task.cancelling() > 0


class FlatApiRouter(APIRouter):
    """The /api/v1 router, flattened when it goes on the app: each router included here goes straight on
    the app under the prefix (in the same order), then this router's own routes.

    FastAPI matches a request's path against a nested router's routes once more for every level of
    nesting; one level less halves the gateway's routing cost per request (measured). The routes, their
    order and the OpenAPI document stay the same.
    """

    def __init__(self, *, prefix: str) -> None:
        super().__init__(prefix=prefix)
        self._deferred: list[APIRouter] = []

    def include_router(self, router: APIRouter, **options: Any) -> None:
        if options:
            raise TypeError("FlatApiRouter includes routers as they are")
        self._deferred.append(router)

    def include_into(self, app: FastAPI) -> None:
        for router in self._deferred:
            guard = _PathGuard(prefix=self.prefix)
            guard.include_router(router)
            app.include_router(guard)
        app.include_router(self)

    def routes_in_order(self) -> list[tuple[str, BaseRoute]]:
        """Every route under this router as (prefix, route), in the order requests are matched."""
        return [(self.prefix, route) for router in [*self._deferred, self] for route in router.routes]


class _PathGuard(APIRouter):
    """One included router behind a check of the path's fixed start (its prefix up to the first path
    parameter): a request elsewhere skips all of its routes at once."""

    def __init__(self, *, prefix: str) -> None:
        super().__init__(prefix=prefix)
        self._start = prefix

    def include_router(self, router: APIRouter, **options: Any) -> None:
        super().include_router(router, **options)
        self._start = (self.prefix + router.prefix).split("{", 1)[0]

    def matches(self, scope: Scope) -> tuple[Match, Scope]:
        if not route_path(scope).startswith(self._start):
            return Match.NONE, {}
        return super().matches(scope)


def create_app(settings: GatewaySettings | None = None, *, mailbox: Mailbox | None = None) -> FastAPI:
    settings = settings or GatewaySettings()
    state = GatewayState(settings=settings, mailbox=mailbox)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        connecting = asyncio.create_task(_connect_forever(state, settings.nats_url))
        try:
            yield
        finally:
            # Each step has a deadline: shutting down must never hang on a library call.
            connecting.cancel()
            await settle([connecting], STOP_SECONDS, "gateway connecting to NATS")
            await settle([state.close_media()], STOP_SECONDS, "gateway media store")
            if state.connection is not None:
                await settle([state.connection.drain()], STOP_SECONDS, "gateway NATS drain")
                if not state.connection.is_closed:
                    await settle([state.connection.close()], STOP_SECONDS, "gateway NATS close")

    app = FastAPI(
        title="CityFix API",
        version="1.0.0",
        summary="Report street problems to the right municipality and follow them until they are fixed.",
        openapi_url=f"{API_PREFIX}/openapi.json",
        docs_url=f"{API_PREFIX}/docs",
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.gateway = state
    app.add_middleware(RequestContextMiddleware)
    # The client's address from X-Forwarded-For only when the peer is a trusted proxy (login throttling).
    app.add_middleware(ProxyHeadersMiddleware, trusted_hosts=settings.trusted_proxy_list)
    install_error_handlers(app)

    api = FlatApiRouter(prefix=API_PREFIX)
    api.include_router(health.router)
    api.include_router(auth.router)
    api.include_router(preferences.router)
    api.include_router(users.router)
    api.include_router(municipalities.router)
    api.include_router(geo.router)
    api.include_router(ticket_queries.router)  # before tickets: /tickets/mine is no ticket id
    api.include_router(ticket_export.router)  # before tickets: /tickets/export.csv is no ticket id
    api.include_router(tickets.router)
    api.include_router(ticket_management.router)
    api.include_router(conversation.router)
    api.include_router(stats.router)
    api.include_router(notifications.router)
    api.include_router(integrations.router)
    api.include_router(webhooks.router)
    api.include_router(admin.router)
    api.include_router(notification_admin.router)
    api.include_router(live.router)
    api.include_router(media.router)
    api.include_router(photo_moderation.router)
    api.include_router(event_stream.router)

    @api.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
    async def api_not_found(rest: str, request: Request) -> None:
        allowed = _methods_for_path(app, request)
        if allowed:
            raise ApiError(
                405,
                "method_not_allowed",
                f"This address does not accept {request.method}; it accepts {', '.join(allowed)}.",
                {"allowed_methods": allowed},
            )
        raise ApiError(404, "not_found", "There is no API endpoint at this address.")

    api.include_into(app)
    _add_ticket_read_lane(app, api)
    app.include_router(open311.router)  # Open311 GeoReport v2, outside /api/v1 as its clients expect

    @app.get("/metrics", include_in_schema=False)
    async def metrics() -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    if mailbox is not None:
        app.include_router(dev.router)

    _serve_web_app(app, settings.frontend_dist)
    return app


def _add_ticket_read_lane(app: FastAPI, api: FlatApiRouter) -> None:
    """GET /api/v1/tickets/{ticket_id} through gateway/ticket_reads.py: the innermost middleware, inside
    the request context (correlation id, metrics, log line) and the proxy headers (client address)."""
    (route,) = [
        r for r in tickets.router.routes if isinstance(r, APIRoute) and r.endpoint is tickets.get_ticket
    ]
    before_api = list(itertools.takewhile(lambda r: isinstance(r, Route), app.router.routes))  # the docs
    reserved = reserved_segments(
        [*(("", r) for r in before_api), *api.routes_in_order()], (API_PREFIX, route)
    )
    app.user_middleware.append(Middleware(TicketReadLane, route=route, prefix=API_PREFIX, reserved=reserved))


@functools.cache
def _documented_paths(app: FastAPI) -> list[tuple[re.Pattern[str], list[str]]]:
    """Every documented endpoint as (path pattern, methods), read from the app's own OpenAPI document."""
    found = []
    for template, operations in app.openapi()["paths"].items():
        pattern = re.compile("^" + re.sub(r"\\\{[^/]+?\\\}", "[^/]+", re.escape(template)) + "$")
        found.append((pattern, sorted(m.upper() for m in operations)))
    return found


def _methods_for_path(app: FastAPI, request: Request) -> list[str]:
    """The methods the API accepts at this path (the catch-all would otherwise turn a 405 into a 404)."""
    path = request.url.path
    return sorted({m for pattern, methods in _documented_paths(app) if pattern.match(path) for m in methods})


def _serve_web_app(app: FastAPI, dist: Path) -> None:
    """The built web app at /, with index.html for client-side routes (/login, /verify-email, …)."""
    root = dist.resolve()

    @app.get("/{path:path}", include_in_schema=False)
    async def web_app(path: str, request: Request) -> Response:
        if path == "api" or path.startswith("api/"):
            # No client-side route lives under /api: an API client gets the JSON 404, never the page.
            raise ApiError(404, "not_found", "There is no API endpoint at this address.")
        candidate = (root / path).resolve()
        if path and candidate.is_relative_to(root) and candidate.is_file():
            return FileResponse(candidate)
        index = root / "index.html"
        if index.is_file():
            return FileResponse(index, headers={"Cache-Control": "no-cache"})
        return HTMLResponse(
            "<!doctype html><title>CityFix</title><h1>CityFix</h1>"
            "<p>The web app is not built yet: run <code>make setup</code>.</p>",
            status_code=503,
        )

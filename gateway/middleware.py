"""Correlation id, metrics and one log line per request, as a plain ASGI middleware (cheap on the hot path)."""

from __future__ import annotations

import re
import time
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from services.common.context import bind_correlation_id, new_correlation_id
from services.common.logs import get_logger
from services.common.metrics import HTTP_DURATION, HTTP_REQUESTS

log = get_logger("cityfix.http")

HEADER = b"x-correlation-id"
_ACCEPTABLE = re.compile(rb"^[A-Za-z0-9._:\-]{1,128}$")
# The labelled series of each (method, route, status) seen, as many as the metrics themselves hold.
_series: dict[tuple[str, str, int], tuple[Any, Any]] = {}


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        supplied = next((v for k, v in scope["headers"] if k == HEADER), None)
        correlation_id = (
            supplied.decode()
            if supplied is not None and _ACCEPTABLE.match(supplied)
            else new_correlation_id()
        )
        bind_correlation_id(correlation_id)
        scope.setdefault("state", {})["correlation_id"] = correlation_id
        started = time.perf_counter()
        status = 500

        async def send_with_header(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (HEADER, correlation_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_header)
        finally:
            duration = time.perf_counter() - started
            route: Any = scope.get("route")
            template = getattr(route, "path", None) or ("static" if status < 400 else "unmatched")
            method = scope["method"]
            counted = _series.get((method, template, status))
            if counted is None:  # prometheus_client's labels() costs more than the count itself
                counted = _series[(method, template, status)] = (
                    HTTP_REQUESTS.labels(method, template, str(status)),
                    HTTP_DURATION.labels(method, template),
                )
            counted[0].inc()
            counted[1].observe(duration)
            log.info(
                "handled http request",
                method=method,
                route=template,
                status=status,
                duration_ms=round(duration * 1000, 2),
            )

"""Request/reply between the gateway and the services, with typed error replies.

Server side: `RpcRegistry.handles(Model)` registers `async def handler(request, ctx) -> reply`; the
registry subscribes it on `cityfix.rpc.<service>.<operation>` in the service's queue group. Every
outcome is a reply (`RpcReply`): a handler that raised would leave the caller with only a timeout.

Client side: `RpcClient.call(Model(...), ctx)` returns the validated reply model or raises `RpcFailure`
carrying an `ErrorReply` (including `unavailable` when no service answers in time).
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import nats.errors
from faststream.nats import NatsBroker, NatsMessage
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg
from nats.aio.subscription import Subscription
from pydantic import ValidationError
from pydantic_core import to_json

from cityfix_contracts import Contract, DomainError, ErrorReply, RpcContext, RpcReply
from cityfix_contracts.rpc import CONTEXT_HEADER, Request, health_subject

from .context import bind_correlation_id, new_correlation_id
from .logs import get_logger
from .metrics import HANDLER_DURATION

log = get_logger("cityfix.rpc")

Req = TypeVar("Req", bound=Request)
Handler = Callable[[Any, RpcContext, Any], Awaitable[Contract]]


async def whole_message(msg: NatsMessage) -> NatsMessage:
    """FastStream decoder that hands the handler the message itself; we validate with our own models.

    Handlers then take one untyped parameter: a `NatsMessage` context parameter would make FastStream
    resolve it in a worker thread for every message (measured: half the consumer's throughput).
    """
    return msg


def validation_details(error: ValidationError) -> dict[str, Any]:
    return {
        "fields": [
            {"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]}
            for e in error.errors(include_url=False, include_input=False)
        ]
    }


def invalid_request(error: ValidationError) -> ErrorReply:
    return ErrorReply(
        kind="invalid",
        code="validation_failed",
        message="Some fields are missing or not valid; see details.",
        details=validation_details(error),
    )


def read_context(headers: dict[str, Any]) -> RpcContext:
    raw = headers.get(CONTEXT_HEADER)
    if raw:
        return RpcContext.model_validate_json(raw)
    return RpcContext(correlation_id=new_correlation_id())


# A success as RpcReply(ok=True, result=…).model_dump_json() writes it, around the result's own JSON.
OK_PREFIX = b'{"ok":true,"result":'
OK_SUFFIX = b',"error":null}'


def ok_reply(result: Contract) -> bytes:
    """`RpcReply(ok=True, result=result.model_dump(mode="json"))` as JSON, the same bytes, without building
    the result's dict and serializing it again."""
    return OK_PREFIX + result.model_dump_json(by_alias=True).encode() + OK_SUFFIX


def error_reply(error: ErrorReply) -> bytes:
    return RpcReply(ok=False, error=error).model_dump_json(by_alias=True).encode()


@dataclass
class RpcRegistry:
    """The commands and queries one service answers."""

    service: str
    handlers: dict[type[Request], Handler] = field(default_factory=dict)
    # Requests of one operation handled at once (FastStream's default: one after the other).
    concurrency: dict[type[Request], int] = field(default_factory=dict)
    # Operations answered on a plain nats-py subscription (`handles(..., direct=True)`).
    direct: set[type[Request]] = field(default_factory=set)

    def handles(
        self, model: type[Req], concurrency: int = 1, *, direct: bool = False
    ) -> Callable[[Callable[[Req, RpcContext, Any], Awaitable[Contract]]], Any]:
        """Register `async def handler(request, ctx, deps) -> reply model` for `model`; `concurrency` > 1
        lets a handler that mostly waits (on a worker pool, a store) take several requests at once.

        `direct`: answer on a plain nats-py queue subscription of the service's connection instead of a
        FastStream subscriber (same subject, queue group, replies, errors, log line and metrics), for hot
        read-only queries: FastStream's machinery per message costs more than such a handler (measured:
        about half of the tickets service's CPU per GET /tickets/{id}). One request after the other, as a
        FastStream subscriber with its default concurrency."""
        if model.service != self.service:
            raise ValueError(f"{model.__name__} belongs to {model.service}, not {self.service}")
        if direct and concurrency > 1:
            raise ValueError("a direct handler answers one request after the other")

        def register(fn: Callable[[Req, RpcContext, Any], Awaitable[Contract]]) -> Any:
            self.handlers[model] = fn
            if concurrency > 1:
                self.concurrency[model] = concurrency
            if direct:
                self.direct.add(model)
            return fn

        return register

    def subscribe(self, broker: NatsBroker, deps: Any) -> None:
        """FastStream subscribers for the handlers that are not `direct` (those, and the health request,
        are subscribed by `subscribe_direct` once the connection is open)."""
        for model, handler in self.handlers.items():
            if model in self.direct:
                continue  # subscribe_direct, once the connection is open
            workers = self.concurrency.get(model)
            options: dict[str, Any] = {"max_workers": workers} if workers else {}
            broker.subscriber(
                model.subject(),
                queue=self.service,
                decoder=whole_message,
                title=model.subject(),
                description=(handler.__doc__ or model.__doc__ or "").strip() or None,
                **options,
            )(self._endpoint(model, handler, deps))

    async def subscribe_direct(
        self, connection: NatsClient, deps: Any, health: Callable[[], Awaitable[Contract]]
    ) -> list[Subscription]:
        """Subscribe the health request and the `direct` handlers on `connection` (the broker's, once
        connected), in the service's queue group.

        Health is answered directly too: the gateway's GET /api/v1/health asks every service at once, so
        each service's cost per health request is paid seven times over on the same cores, and FastStream's
        machinery per message was most of it."""

        async def answer_health(msg: Msg) -> None:
            reply = await health()
            if msg.reply:
                await msg.respond(ok_reply(reply))

        subscriptions = [
            await connection.subscribe(health_subject(self.service), queue=self.service, cb=answer_health)
        ]
        for model in self.direct:
            answer = self._answerer(model, self.handlers[model], deps)

            async def respond(msg: Msg, answer: Callable[[bytes, Any], Awaitable[bytes]] = answer) -> None:
                reply = await answer(msg.data, msg.headers or {})
                if msg.reply:
                    await msg.respond(reply)

            subscriptions.append(await connection.subscribe(model.subject(), queue=self.service, cb=respond))
        return subscriptions

    def _endpoint(self, model: type[Request], handler: Handler, deps: Any) -> Callable[[Any], Any]:
        answer = self._answerer(model, handler, deps)

        async def endpoint(message: Any) -> bytes:
            msg: NatsMessage = message
            return await answer(msg.body, msg.headers)

        return endpoint

    def _answerer(
        self, model: type[Request], handler: Handler, deps: Any
    ) -> Callable[[bytes, Any], Awaitable[bytes]]:
        """The reply to one request's body and headers, whatever happens (an RpcReply, as JSON)."""
        service = self.service
        name = model.operation()
        subject = model.subject()
        timers: dict[str, Any] = {}  # outcome → its labelled series

        async def answer(body: bytes, headers: Any) -> bytes:
            started = time.perf_counter()
            outcome = "ok"
            try:
                ctx = read_context(headers)
            except ValidationError as exc:
                reply = RpcReply(ok=False, error=invalid_request(exc))
                return reply.model_dump_json().encode()
            bind_correlation_id(ctx.correlation_id)
            try:
                request = model.model_validate_json(body or b"{}")
                result = await handler(request, ctx, deps)
                payload = ok_reply(result)
            except ValidationError as exc:
                outcome = "invalid"
                payload = error_reply(invalid_request(exc))
            except DomainError as exc:
                outcome = exc.reply.kind
                payload = error_reply(exc.reply)
            except Exception:
                outcome = "error"
                log.exception("rpc handler failed", service=service, operation=name)
                payload = error_reply(
                    ErrorReply(
                        kind="internal",
                        code="internal_error",
                        message="Something went wrong on our side; the request was not completed.",
                    )
                )
            duration = time.perf_counter() - started
            timer = timers.get(outcome)
            if timer is None:  # prometheus_client's labels() costs more than the observation itself
                timer = timers[outcome] = HANDLER_DURATION.labels(service, name, outcome)
            timer.observe(duration)
            log.info(
                "handled request",
                service=service,
                subject=subject,
                duration_ms=round(duration * 1000, 2),
                outcome=outcome,
            )
            return payload

        return answer


class RpcFailure(Exception):
    def __init__(self, error: ErrorReply) -> None:
        super().__init__(error.message)
        self.error = error


def unavailable(service: str) -> RpcFailure:
    return RpcFailure(
        ErrorReply(
            kind="unavailable",
            code="service_unavailable",
            message=f"The {service} service is not answering right now; please try again shortly.",
            details={"service": service},
        )
    )


R = TypeVar("R", bound=Contract)


class RpcClient:
    """Sends requests over a plain nats-py connection (the gateway's)."""

    def __init__(self, connection: NatsClient, timeout: float = 5.0) -> None:
        self.connection = connection
        self.timeout = timeout

    async def request_raw(
        self, subject: str, service: str, payload: bytes, ctx: RpcContext, timeout: float | None = None
    ) -> RpcReply:
        return RpcReply.model_validate_json(await self.request_bytes(subject, service, payload, ctx, timeout))

    async def request_bytes(
        self, subject: str, service: str, payload: bytes, ctx: RpcContext, timeout: float | None = None
    ) -> bytes:
        """The reply as it came (an RpcReply's JSON); `unavailable` when no service answers in time."""
        if not self.connection.is_connected:
            raise unavailable(service)
        headers = {CONTEXT_HEADER: ctx.model_dump_json()}
        for attempt in range(2):
            try:
                msg = await self.connection.request(
                    subject, payload, timeout=timeout or self.timeout, headers=headers
                )
            except nats.errors.NoRespondersError:
                # A service that has just (re)subscribed can be missed by the server's interest graph for a
                # moment (seen with nats-server 2.15 at ~1 % of first requests): ask once more, shortly.
                if attempt == 0:
                    await asyncio.sleep(0.02)
                    continue
                raise unavailable(service) from None
            except (nats.errors.TimeoutError, nats.errors.ConnectionClosedError):
                raise unavailable(service) from None
            data: bytes = msg.data
            return data
        raise unavailable(service)

    async def call(self, request: Request, ctx: RpcContext, timeout: float | None = None) -> Any:
        model = type(request)
        reply = await self.request_raw(
            model.subject(), model.service, request.model_dump_json(by_alias=True).encode(), ctx, timeout
        )
        if not reply.ok or reply.result is None:
            raise RpcFailure(
                reply.error or ErrorReply(kind="internal", code="empty_reply", message="No answer.")
            )
        return model.reply_model.model_validate(reply.result)

    async def call_json(self, request: Request, ctx: RpcContext, timeout: float | None = None) -> bytes:
        """As `call`, but the reply's result as JSON bytes, not validated into the reply model: for a
        gateway route that hands the service's answer to the client as it is (the hot read path). A
        success as `ok_reply` writes it is passed through without parsing it."""
        model = type(request)
        data = await self.request_bytes(
            model.subject(), model.service, request.model_dump_json(by_alias=True).encode(), ctx, timeout
        )
        if data.startswith(OK_PREFIX) and data.endswith(OK_SUFFIX):
            result = data[len(OK_PREFIX) : -len(OK_SUFFIX)]
            if result.startswith(b"{"):
                return result
        reply = RpcReply.model_validate_json(data)
        if not reply.ok or reply.result is None:
            raise RpcFailure(
                reply.error or ErrorReply(kind="internal", code="empty_reply", message="No answer.")
            )
        return to_json(reply.result)

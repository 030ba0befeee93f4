"""A signed-in person's live stream (Server-Sent Events): their own notifications as they are stored, and
the public updates of a municipality's tickets.

A browser's EventSource cannot send an Authorization header (DESIGN §1): the page first asks for a
short-lived stream token (`POST /events/stream-token`, with its access token as usual), which is also
set as a cookie limited to the stream's path; the stream takes it from `?token=` or from that cookie.
Access tokens therefore never appear in a URL, and a stream token opens the stream and nothing else.

What a person receives:
- `NotificationCreated` from CITYFIX_PRIVATE on their own subject only
  (`cityfix.private.<their user id>.notification.created`);
- the public ticket events of one municipality (the same as the public live channel, live.py: TicketCreated
  and StatusChanged, without the reporter's id, none of a hidden ticket): staff's own municipality, or the one named by
  `?municipality_id=` (tickets are public, so anyone may follow any municipality's).

Resume: each SSE `id` is the position in both streams, `<private sequence>.<events sequence>` (JetStream
stream sequences), of what was sent so far. A reconnect with that `Last-Event-ID` (the header a browser
sends by itself, or `?last_event_id=` for a new EventSource) starts ordered, ephemeral consumers right
after it, so what was missed in between arrives, once and in order. A client too slow to keep up is
disconnected rather than skipped, and resumes the same way. Heartbeats (SSE comments) keep proxies from
closing an idle stream; a person deactivated meanwhile is disconnected at the next one.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import re
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Cookie, Header, Query, Request, Response
from nats.aio.client import Client as NatsClient
from nats.js.api import ConsumerConfig, DeliverPolicy
from sse_starlette.sse import EventSourceResponse

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.auth import IssueStreamToken, StreamToken
from cityfix_contracts.subjects import (
    EVENTS_PREFIX,
    EVENTS_STREAM,
    PRIVATE_PREFIX,
    PRIVATE_STREAM,
    check_token,
)
from services.common.logs import get_logger
from services.common.tokens import AccessClaims, InvalidToken

from ..deps import Ctx, CurrentUser, Rpc, State
from ..errors import ApiError
from ..hidden_tickets import HiddenTickets
from ..state import GatewayState
from .live import PRIVATE_DATA_FIELDS, PUBLIC_EVENT_TYPES

log = get_logger("cityfix.gateway.stream")

router = APIRouter(prefix="/events", tags=["live"])

STREAM_PATH = "/api/v1/events/stream"
STREAM_COOKIE = "cityfix_stream"
LAST_EVENT_ID = re.compile(r"^([0-9]{1,18})\.([0-9]{1,18})$")
QUEUE_SIZE = 1000


@router.post(
    "/stream-token",
    response_model=StreamToken,
    operation_id="live-stream_token",
    responses={401: {"model": ErrorResponse, "description": "Not signed in"}},
)
async def stream_token(
    user: CurrentUser, rpc: Rpc, ctx: Ctx, request: Request, response: Response
) -> StreamToken:
    """A short-lived token that opens your live stream: pass it as `?token=` to `GET /events/stream`, or
    let the browser send the cookie this sets (HttpOnly, only for the stream's path)."""
    issued: StreamToken = await rpc.call(IssueStreamToken(), ctx)
    lifetime = max(1, int((issued.expires_at - datetime.now(UTC)).total_seconds()))
    response.set_cookie(
        STREAM_COOKIE,
        issued.token,
        max_age=lifetime,
        path=STREAM_PATH,
        httponly=True,
        secure=request.url.scheme == "https",
        samesite="strict",
    )
    return issued


@dataclass
class Position:
    """How far a stream has come in each JetStream stream (the last sequence sent, or skipped)."""

    private: int
    events: int

    def __str__(self) -> str:
        return f"{self.private}.{self.events}"


def resume_position(last_event_id: str | None) -> Position | None:
    if last_event_id is None or last_event_id == "":
        return None
    found = LAST_EVENT_ID.match(last_event_id.strip())
    if found is None:
        raise ApiError(
            400,
            "invalid_last_event_id",
            "Last-Event-ID must be the id of an event this stream sent (two numbers joined by a dot); "
            "leave it out to start from now.",
        )
    return Position(int(found.group(1)), int(found.group(2)))


async def stream_claims(state: GatewayState, token: str | None) -> AccessClaims:
    if not token:
        raise ApiError(
            401,
            "unauthenticated",
            "Open the live stream with a stream token (POST /api/v1/events/stream-token) as ?token= or its cookie.",
        )
    verifier = await state.verifier()
    try:
        claims = verifier.verify_stream(token)
    except InvalidToken:
        raise ApiError(
            401, "invalid_token", "This stream token is not valid or has expired; ask for a new one."
        ) from None
    if state.is_deactivated(claims.sub):
        raise ApiError(401, "invalid_token", "This account is deactivated.")
    return claims


@dataclass
class Feed:
    """Messages of both consumers in arrival order; each consumer's own are in stream order."""

    queue: asyncio.Queue[tuple[str, int, dict[str, Any] | None]] = field(
        default_factory=lambda: asyncio.Queue(maxsize=QUEUE_SIZE)
    )
    overflowed: bool = False

    def offer(self, source: str, sequence: int, event: dict[str, Any] | None) -> None:
        # Once one message did not fit, none after it may be sent either (it would leave a gap behind
        # the ids): the stream ends after the queue drains, and the client resumes from there.
        if self.overflowed or self.queue.full():
            self.overflowed = True
            return
        self.queue.put_nowait((source, sequence, event))


def public_view(event: dict[str, Any], hidden: HiddenTickets) -> dict[str, Any] | None:
    if event.get("event_type") not in PUBLIC_EVENT_TYPES or hidden.hides(event):
        return None
    data = event.get("data")
    if isinstance(data, dict):
        event["data"] = {k: v for k, v in data.items() if k not in PRIVATE_DATA_FIELDS}
    return event


async def subscribe(
    state: GatewayState, feed: Feed, source: str, stream: str, subject: str, after: int
) -> Any:
    connection = state.connection
    assert connection is not None

    async def on_message(msg: Any) -> None:
        try:
            event = json.loads(msg.data)
        except ValueError:
            event = None
        if source == "events" and isinstance(event, dict):
            event = public_view(event, state.hidden_tickets)
        feed.offer(source, msg.metadata.sequence.stream, event if isinstance(event, dict) else None)

    return await connection.jetstream().subscribe(
        subject,
        stream=stream,
        cb=on_message,
        ordered_consumer=True,
        config=ConsumerConfig(deliver_policy=DeliverPolicy.BY_START_SEQUENCE, opt_start_seq=after + 1),
    )


async def unsubscribe_all(subscriptions: list[Any]) -> None:
    for subscription in subscriptions:
        with contextlib.suppress(Exception):
            await subscription.unsubscribe()


async def current_position(connection: NatsClient) -> Position:
    """Where both streams stand now: a stream opened without Last-Event-ID starts after it."""
    js = connection.jetstream()
    private, events = await asyncio.gather(js.stream_info(PRIVATE_STREAM), js.stream_info(EVENTS_STREAM))
    return Position(private.state.last_seq, events.state.last_seq)


@router.get(
    "/stream",
    operation_id="live-stream",
    response_class=EventSourceResponse,
    responses={
        200: {"content": {"text/event-stream": {}}, "description": "Server-Sent Events until you disconnect"},
        401: {"model": ErrorResponse, "description": "No valid stream token"},
    },
)
async def event_stream(
    state: State,
    token: Annotated[str | None, Query(description="A stream token from POST /events/stream-token")] = None,
    cookie_token: Annotated[str | None, Cookie(alias=STREAM_COOKIE)] = None,
    municipality_id: Annotated[
        str | None, Query(max_length=100, description="Follow this municipality's public ticket updates")
    ] = None,
    last_event_id: Annotated[
        str | None, Query(max_length=40, description="Resume after this event id (for a new EventSource)")
    ] = None,
    last_event_id_header: Annotated[str | None, Header(alias="Last-Event-ID", max_length=40)] = None,
) -> EventSourceResponse:
    """Your notifications as they are stored, and the public updates of a municipality's tickets (`event:`
    the event type, `id:` the position to resume from with Last-Event-ID, `data:` the event's envelope)."""
    claims = await stream_claims(state, token or cookie_token)
    resume = resume_position(last_event_id_header or last_event_id)
    followed = municipality_id or claims.municipality_id
    if followed is not None:
        try:
            check_token(followed, "municipality id")
        except ValueError:
            raise ApiError(404, "not_found", "No municipality with this id exists.") from None
    connection = state.connection
    if connection is None or not connection.is_connected:
        raise ApiError(503, "service_unavailable", "Live updates are not available right now.")
    feed = Feed()
    subscriptions: list[Any] = []
    try:
        position = resume or await current_position(connection)
        own = f"{PRIVATE_PREFIX}.{claims.sub}.notification.created"
        subscriptions.append(await subscribe(state, feed, "private", PRIVATE_STREAM, own, position.private))
        if followed is not None:
            public = f"{EVENTS_PREFIX}.{followed}.ticket.>"
            subscriptions.append(
                await subscribe(state, feed, "events", EVENTS_STREAM, public, position.events)
            )
    except Exception as exc:
        log.warning("cannot open a live stream", error=repr(exc))
        await unsubscribe_all(subscriptions)
        raise ApiError(503, "service_unavailable", "Live updates are not available right now.") from None
    heartbeat = state.settings.sse_heartbeat_seconds

    async def events() -> AsyncIterator[dict[str, str]]:
        try:
            while True:
                if feed.overflowed and feed.queue.empty():
                    return  # too slow: the client reconnects with the last id and misses nothing
                try:
                    source, sequence, event = await asyncio.wait_for(feed.queue.get(), timeout=heartbeat)
                except TimeoutError:
                    if state.is_deactivated(claims.sub):
                        return
                    continue
                if source == "private":
                    position.private = max(position.private, sequence)
                else:
                    position.events = max(position.events, sequence)
                if event is None:
                    continue  # not for this person's eyes; its position still moves on
                yield {"event": str(event.get("event_type")), "id": str(position), "data": json.dumps(event)}
        finally:
            await unsubscribe_all(subscriptions)

    return EventSourceResponse(events(), ping=heartbeat)

"""The signed-in person's live stream (GET /api/v1/events/stream) over real HTTP: the whole stack on a real
nats-server, and a gateway served by uvicorn on loopback (an in-memory ASGI client would wait for the end
of a stream that never ends). Two managers connected at once each receive only their own notifications
and their municipality's public updates; a reconnect with Last-Event-ID receives what was missed.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import uvicorn
from fastapi import FastAPI
from nats.aio.client import Client as NatsClient

from cityfix_contracts.subjects import EVENTS_STREAM
from gateway.app import create_app
from gateway.settings import GatewaySettings
from services.common.nats_server import free_port
from services.common.settings import Settings
from services.common.testing import eventually
from tests.support.notifications import notifications_know_staff, notifications_of
from tests.support.stack import World, world
from tests.support.tickets import reported, worked

__all__ = ["world"]


def truthy(check: Callable[[], object]) -> Callable[[], Awaitable[bool]]:
    async def probe() -> bool:
        return bool(check())

    return probe


@pytest.fixture
def stream_app(settings: Settings) -> FastAPI:
    """A second gateway on the same bus, with heartbeats every half second."""
    return create_app(GatewaySettings(**{**settings.model_dump(), "sse_heartbeat_seconds": 0.5}))


@pytest.fixture
async def stream_gateway(world: World, stream_app: FastAPI) -> AsyncIterator[str]:
    """The second gateway served over HTTP on loopback; its base URL."""
    app = stream_app
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="warning", lifespan="on", timeout_graceful_shutdown=1
    )
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    await eventually(truthy(lambda: server.started), what="the stream gateway started")
    base_url = f"http://127.0.0.1:{port}"
    async with httpx.AsyncClient(base_url=base_url) as http:

        async def connected() -> bool:
            return (await http.get("/api/v1/health")).status_code == 200

        await eventually(connected, what="the stream gateway connected")
    yield base_url
    server.should_exit = True
    with contextlib.suppress(asyncio.CancelledError):
        await serving


@dataclass
class Listener:
    """Reads one SSE connection in the background: the events (fields by name) and the comment lines."""

    base_url: str
    params: dict[str, str]
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    events: list[dict[str, str]] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)
    status: int | None = None
    task: asyncio.Task[None] | None = None

    def start(self) -> Listener:
        self.task = asyncio.create_task(self._listen())
        return self

    async def _listen(self) -> None:
        async with (
            httpx.AsyncClient(base_url=self.base_url, timeout=None, cookies=self.cookies) as http,
            http.stream("GET", "/api/v1/events/stream", params=self.params, headers=self.headers) as response,
        ):
            self.status = response.status_code
            fields: dict[str, str] = {}
            async for line in response.aiter_lines():
                if not line:
                    if "data" in fields:
                        self.events.append(fields)
                    fields = {}
                elif line.startswith(":"):
                    self.comments.append(line)
                else:
                    name, _, value = line.partition(":")
                    fields[name] = value.strip()

    async def stop(self) -> None:
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self.task

    def payloads(self) -> list[dict[str, Any]]:
        return [json.loads(event["data"]) for event in self.events]

    async def wait_for(self, count: int, what: str) -> list[dict[str, Any]]:
        async def arrived() -> list[dict[str, Any]] | None:
            assert self.task is not None and not (self.task.done() and self.task.exception()), self.task
            return self.payloads() if len(self.events) >= count else None

        found: list[dict[str, Any]] = await eventually(arrived, what=what)
        return found


async def stream_token(w: World, key: str) -> str:
    response = await w.http.post("/api/v1/events/stream-token", headers=w.person(key).auth())
    assert response.status_code == 200, response.text
    assert "httponly" in response.headers["set-cookie"].lower()
    token: str = response.json()["token"]
    return token


def kinds(payloads: list[dict[str, Any]]) -> list[tuple[str, str]]:
    """(event type, ticket id) of each payload, notifications by the ticket they concern."""
    found = []
    for payload in payloads:
        data = payload["data"]
        ticket_id = data["notification"]["ticket_id"] if "notification" in data else data["ticket_id"]
        found.append((payload["event_type"], ticket_id))
    return found


async def test_each_person_streams_only_what_they_may_see_and_resumes_after_the_last_id(
    world: World, stream_gateway: str
) -> None:
    w = world
    await notifications_know_staff(w)
    manager_a = Listener(stream_gateway, {"token": await stream_token(w, "manager_a")}).start()
    # manager_b's stream token comes as the cookie, as a browser's EventSource sends it.
    manager_b = Listener(stream_gateway, {}, cookies={"cityfix_stream": await stream_token(w, "manager_b")})
    manager_b.start()
    both_beating = truthy(lambda: manager_a.comments and manager_b.comments)
    await eventually(both_beating, what="both streams' first heartbeats")
    assert (manager_a.status, manager_b.status) == (200, 200)

    first = await reported(w, "citizen", "A")
    seen_a = await manager_a.wait_for(2, "manager_a's first two events")
    assert sorted(kinds(seen_a)) == [("NotificationCreated", first["id"]), ("TicketCreated", first["id"])]
    created = next(p for p in seen_a if p["event_type"] == "TicketCreated")
    assert "reporter_id" not in created["data"]  # the public update never names the reporter
    notified = next(p for p in seen_a if p["event_type"] == "NotificationCreated")
    assert notified["data"]["user_id"] == w.person("manager_a").id

    other = await reported(w, "citizen_2", "B")
    seen_b = await manager_b.wait_for(2, "manager_b's two events")
    assert sorted(kinds(seen_b)) == [("NotificationCreated", other["id"]), ("TicketCreated", other["id"])]
    assert all(p["data"].get("user_id", w.person("manager_b").id) == w.person("manager_b").id for p in seen_b)
    # Neither saw anything of the other's municipality, nor the other's notifications.
    assert first["id"] not in json.dumps(manager_b.payloads())
    assert other["id"] not in json.dumps(manager_a.payloads()) and len(manager_a.events) == 2

    # manager_a goes away; a report arrives meanwhile; they come back with the last id they had.
    last_id = manager_a.events[-1]["id"]
    await manager_a.stop()
    missed = await reported(w, "citizen", "A")

    async def stored() -> bool:
        return any(n["ticket_id"] == missed["id"] for n in await notifications_of(w, "manager_a"))

    await eventually(stored, what="manager_a's notification of the report they missed")
    back = Listener(
        stream_gateway, {"token": await stream_token(w, "manager_a")}, headers={"Last-Event-ID": last_id}
    ).start()
    resumed = await back.wait_for(2, "what manager_a missed")
    assert sorted(kinds(resumed)) == [("NotificationCreated", missed["id"]), ("TicketCreated", missed["id"])]
    # Every id moves on from the one it resumed after, and nothing from before it came again.
    assert all(e["id"] != last_id for e in back.events)
    await eventually(truthy(lambda: back.comments), what="a heartbeat after resuming")
    assert len(back.events) == 2

    # The same resume by query string, for a new EventSource that cannot set the header.
    again = Listener(
        stream_gateway, {"token": await stream_token(w, "manager_a"), "last_event_id": last_id}
    ).start()
    assert sorted(kinds(await again.wait_for(2, "the same by query string"))) == sorted(kinds(resumed))
    for listener in (back, again, manager_b):
        await listener.stop()


async def test_the_stream_opens_only_with_a_stream_token(world: World, stream_gateway: str) -> None:
    w = world
    async with httpx.AsyncClient(base_url=stream_gateway) as http:
        nothing = await http.get("/api/v1/events/stream")
        assert nothing.status_code == 401 and nothing.json()["error"]["code"] == "unauthenticated"
        assert "WWW-Authenticate" in nothing.headers
        # An access token is no stream token (and never belongs in a URL).
        access = await http.get("/api/v1/events/stream", params={"token": w.person("citizen").token})
        assert access.status_code == 401 and access.json()["error"]["code"] == "invalid_token"
        token = await stream_token(w, "citizen")
        # A stream token is no access token.
        api = await http.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert api.status_code == 401
        bad_resume = await http.get(
            "/api/v1/events/stream", params={"token": token}, headers={"Last-Event-ID": "yesterday"}
        )
        assert bad_resume.status_code == 400
        assert bad_resume.json()["error"]["code"] == "invalid_last_event_id"
    anonymous = await w.http.post("/api/v1/events/stream-token")
    assert anonymous.status_code == 401


async def test_a_hidden_ticket_s_public_updates_are_not_streamed(
    world: World, stream_gateway: str, stream_app: FastAPI, nats_client: NatsClient
) -> None:
    w = world
    token = await stream_token(w, "citizen_2")
    viewer = Listener(stream_gateway, {"token": token, "municipality_id": w.municipality_a}).start()
    await eventually(truthy(lambda: viewer.comments), what="the viewer's first heartbeat")
    hidden = await reported(w, "citizen", "A")
    await viewer.wait_for(1, "the report's public TicketCreated")
    moderated = await w.http.patch(
        f"/api/v1/tickets/{hidden['id']}/moderation",
        json={"hidden": True, "reason": "Names a neighbour"},
        headers=w.person("manager_a").auth(),
    )
    assert moderated.status_code == 200, moderated.text
    memory = stream_app.state.gateway.hidden_tickets
    await eventually(truthy(lambda: hidden["id"] in memory), what="the gateway knows the ticket is hidden")
    await worked(w, hidden["id"], "manager_a", "status", {"status": "triaged"})
    js = nats_client.jetstream()
    changed = f"cityfix.events.{w.municipality_a}.ticket.status_changed"

    async def published() -> bool:
        info = await js.stream_info(EVENTS_STREAM, subjects_filter=changed)
        return bool((info.state.subjects or {}).get(changed))

    await eventually(published, what="the hidden ticket's StatusChanged on the stream")
    # A later public update arrives, so the hidden ticket's (earlier on the stream) was passed over.
    shown = await reported(w, "citizen", "A")
    seen = await viewer.wait_for(2, "the next report's TicketCreated")
    assert kinds(seen) == [("TicketCreated", hidden["id"]), ("TicketCreated", shown["id"])]
    await viewer.stop()


async def test_a_deactivated_person_s_stream_ends_and_no_new_token_is_issued(
    world: World, stream_gateway: str
) -> None:
    w = world
    operator = Listener(stream_gateway, {"token": await stream_token(w, "operator_a")}).start()
    await eventually(truthy(lambda: operator.comments), what="the operator's first heartbeat")
    deactivated = await w.http.patch(
        f"/api/v1/users/{w.person('operator_a').id}",
        json={"active": False},
        headers=w.person("manager_a").auth(),
    )
    assert deactivated.status_code == 200, deactivated.text

    async def ended() -> bool:
        assert operator.task is not None
        return operator.task.done()

    await eventually(ended, what="the deactivated operator's stream closed")
    assert operator.task is not None and operator.task.exception() is None
    refused = await w.http.post("/api/v1/events/stream-token", headers=w.person("operator_a").auth())
    assert refused.status_code == 401

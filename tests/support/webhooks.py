"""A webhook receiver for tests: a real HTTP server on 127.0.0.1 (uvicorn) that verifies every request's
Standard Webhooks signature with the `standardwebhooks` library, answers 500 to the first attempts of each
`webhook-id` as told, and remembers what it received."""

from __future__ import annotations

import asyncio
import contextlib
import socket
from collections import Counter
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from standardwebhooks import Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Route

from services.common.testing import eventually
from tests.support.stack import World


@dataclass
class Received:
    webhook_id: str
    verified: bool
    status: int
    body: dict[str, Any] | None


@dataclass
class Receiver:
    url: str = ""
    secret: str | None = None  # set once the endpoint is created
    fail_first: int = 0  # answer 500 to this many attempts of each webhook-id
    always_fail: bool = False
    requests: list[Received] = field(default_factory=list)
    tries: Counter[str] = field(default_factory=Counter)

    @property
    def accepted(self) -> list[Received]:
        return [r for r in self.requests if r.status == 200]

    def accepted_ids(self) -> Counter[str]:
        return Counter(r.webhook_id for r in self.accepted)

    async def handle(self, request: Request) -> PlainTextResponse:
        body = await request.body()
        webhook_id = request.headers.get("webhook-id", "")
        try:
            assert self.secret is not None
            payload = Webhook(self.secret).verify(body, dict(request.headers))
        except (WebhookVerificationError, AssertionError):
            self.requests.append(Received(webhook_id, False, 401, None))
            return PlainTextResponse("bad signature", status_code=401)
        self.tries[webhook_id] += 1
        if self.always_fail or self.tries[webhook_id] <= self.fail_first:
            self.requests.append(Received(webhook_id, True, 500, payload))
            return PlainTextResponse("receiver down for maintenance " + "x" * 2000, status_code=500)
        self.requests.append(Received(webhook_id, True, 200, payload))
        return PlainTextResponse("ok")


@contextlib.asynccontextmanager
async def running_receiver() -> AsyncIterator[Receiver]:
    receiver = Receiver()
    app = Starlette(routes=[Route("/hook", receiver.handle, methods=["POST"])])
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off"))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    receiver.url = f"http://127.0.0.1:{port}/hook"

    async def started() -> bool:
        return server.started

    await eventually(started, what="webhook receiver listening")
    try:
        yield receiver
    finally:
        server.should_exit = True
        await task
        sock.close()


async def endpoint(w: World, actor: str, receiver: Receiver, **body: Any) -> dict[str, Any]:
    """An endpoint registered over HTTP by `actor` for `receiver`, whose secret the receiver now knows."""
    from tests.support.open311 import integrations_know_world

    await integrations_know_world(w)
    response = await w.http.post(
        "/api/v1/webhooks", json={"url": receiver.url, **body}, headers=w.person(actor).auth()
    )
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    receiver.secret = created["secret"]
    return created

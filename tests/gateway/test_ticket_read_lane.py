"""GET /api/v1/tickets/{ticket_id} through the read lane (gateway/ticket_reads.py) answers exactly as the
FastAPI route does: the same status, headers and body for every kind of path, Authorization header and
token, and the same request context reaching the tickets service.

Two gateways side by side on one real nats-server: the app as built, and the same app with the lane
taken out of its middleware. A stand-in tickets service echoes the context it was sent (so the body
shows who the gateway said was asking) and answers errors for some ids; a stand-in auth service hands
out the key the tokens are signed with."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg

from cityfix_contracts import RpcContext, RpcReply
from cityfix_contracts.commands.auth import GetJwks, Jwks
from cityfix_contracts.commands.tickets import GetTicket
from cityfix_contracts.errors import ErrorReply
from cityfix_contracts.rpc import CONTEXT_HEADER
from gateway.app import create_app
from gateway.settings import GatewaySettings
from gateway.ticket_reads import TicketReadLane, bearer_token, reserved_segments
from services.common.testing import eventually
from services.common.tokens import TokenIssuer, load_private_key, public_jwk

CORRELATION = {"X-Correlation-ID": "corr-lane-test"}


async def answer_tickets(msg: Msg) -> None:
    ctx = RpcContext.model_validate_json((msg.headers or {})[CONTEXT_HEADER])
    ticket_id = json.loads(msg.data)["ticket_id"]
    if ticket_id == "missing":
        reply = RpcReply(ok=False, error=ErrorReply(kind="not_found", code="ticket_not_found", message="No."))
    elif ticket_id == "limited":
        error = ErrorReply(
            kind="rate_limited", code="slow_down", message="Later.", details={"retry_after": 7}
        )
        reply = RpcReply(ok=False, error=error)
    else:
        reply = RpcReply(ok=True, result={"id": ticket_id, "asked_with": ctx.model_dump(mode="json")})
    await msg.respond(reply.model_dump_json().encode())


@pytest.fixture
async def services(nats_client: NatsClient, key_file: Path) -> None:
    jwks = RpcReply(
        ok=True, result=Jwks(keys=[public_jwk(load_private_key(key_file))]).model_dump(mode="json")
    )

    async def answer_jwks(msg: Msg) -> None:
        await msg.respond(jwks.model_dump_json().encode())

    await nats_client.subscribe(GetJwks.subject(), queue="auth", cb=answer_jwks)
    await nats_client.subscribe(GetTicket.subject(), queue="tickets", cb=answer_tickets)
    await nats_client.flush()


async def running(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with app.router.lifespan_context(app):

        async def connected() -> bool:
            connection = app.state.gateway.connection
            return connection is not None and connection.is_connected

        await eventually(connected, what="gateway connected to NATS")
        transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=("198.51.100.7", 4711))
        async with httpx.AsyncClient(transport=transport, base_url="http://cityfix.test") as http:
            yield http


def without_lane(app: FastAPI) -> FastAPI:
    app.user_middleware = [m for m in app.user_middleware if m.cls is not TicketReadLane]  # type: ignore[comparison-overlap]
    return app


@pytest.fixture
async def pair(
    gateway_settings: GatewaySettings, services: None, monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[tuple[httpx.AsyncClient, httpx.AsyncClient, list[str]]]:
    """(through the lane, through FastAPI, ticket ids the lane answered)."""
    answered: list[str] = []
    answer = TicketReadLane.answer

    async def counting(self: TicketReadLane, scope: Any, ticket_id: str) -> bytes:
        answered.append(ticket_id)
        return await answer(self, scope, ticket_id)

    monkeypatch.setattr(TicketReadLane, "answer", counting)
    lane_app, plain_app = create_app(gateway_settings), without_lane(create_app(gateway_settings))
    async for lane in running(lane_app):
        async for plain in running(plain_app):
            for app in (lane_app, plain_app):
                app.state.gateway.deactivated_users.add("u-deactivated")
            yield lane, plain, answered


def same(lane: httpx.Response, plain: httpx.Response) -> None:
    assert (lane.status_code, lane.headers.multi_items(), lane.content) == (
        plain.status_code,
        plain.headers.multi_items(),
        plain.content,
    )


PATHS = [
    "/api/v1/tickets/t-1",
    "/api/v1/tickets/missing",
    "/api/v1/tickets/limited",
    "/api/v1/tickets/" + "x" * 101,  # longer than GetTicket allows: the same 422 from both
    "/api/v1/tickets/t%201",
    "/api/v1/tickets/t-1?view=staff",
    "/api/v1/tickets/mine",
    "/api/v1/tickets/assigned",
    "/api/v1/tickets/nearby",
    "/api/v1/tickets/export.csv",
    "/api/v1/tickets/",
    "/api/v1/tickets/t-1/",
    "/api/v1/tickets",
    "/api/v1/tickets/t-1/timeline",
]


@pytest.mark.parametrize("path", PATHS)
async def test_every_path_under_tickets_answers_as_the_route(
    pair: tuple[httpx.AsyncClient, httpx.AsyncClient, list[str]], issuer: TokenIssuer, path: str
) -> None:
    lane, plain, _ = pair
    headers = {**CORRELATION, "Authorization": f"Bearer {issuer.access_token('u-1', 'citizen', None)}"}
    same(await lane.get(path, headers=headers), await plain.get(path, headers=headers))
    same(await lane.head(path, headers=headers), await plain.head(path, headers=headers))
    same(await lane.post(path, headers=headers, json={}), await plain.post(path, headers=headers, json={}))


async def test_an_id_too_long_for_a_ticket_is_a_422_that_names_it(
    pair: tuple[httpx.AsyncClient, httpx.AsyncClient, list[str]], issuer: TokenIssuer
) -> None:
    lane, plain, _ = pair
    headers = {**CORRELATION, "Authorization": f"Bearer {issuer.access_token('u-1', 'citizen', None)}"}
    long_id = "x" * 101
    for client, method, path in [
        (lane, "GET", f"/api/v1/tickets/{long_id}"),
        (plain, "GET", f"/api/v1/tickets/{long_id}"),
        (plain, "GET", f"/api/v1/tickets/{long_id}/timeline"),
    ]:
        answer = await client.request(method, path, headers=headers)
        assert answer.status_code == 422, (path, answer.text)
        [field] = answer.json()["error"]["details"]["fields"]
        assert field["field"] == "ticket_id" and "100 characters" in field["problem"]


def authorizations(issuer: TokenIssuer) -> dict[str, list[tuple[str, str]]]:
    citizen = issuer.access_token("u-1", "citizen", None)
    return {
        "none": [],
        "citizen": [("Authorization", f"Bearer {citizen}")],
        "manager": [("Authorization", f"Bearer {issuer.access_token('u-2', 'manager', 'm-a')}")],
        "lower-case scheme": [("Authorization", f"bearer {citizen}")],
        "spaces around the token": [("Authorization", f"Bearer   {citizen}  ")],
        "other scheme": [("Authorization", "Basic dXNlcjpwYXNz")],
        "scheme alone": [("Authorization", "Bearer")],
        "scheme and a space": [("Authorization", "Bearer ")],
        "garbage token": [("Authorization", "Bearer not-a-jwt")],
        "tampered token": [("Authorization", f"Bearer {citizen[:-4]}AAAA")],
        "expired token": [
            ("Authorization", f"Bearer {issuer.access_token('u-1', 'citizen', None, minutes=-1)}")
        ],
        "deactivated account": [
            ("Authorization", f"Bearer {issuer.access_token('u-deactivated', 'citizen', None)}")
        ],
        "two headers, the first counts": [
            ("Authorization", "Basic dXNlcjpwYXNz"),
            ("Authorization", f"Bearer {citizen}"),
        ],
    }


@pytest.mark.parametrize(
    "who",
    [
        "none",
        "citizen",
        "manager",
        "lower-case scheme",
        "spaces around the token",
        "other scheme",
        "scheme alone",
        "scheme and a space",
        "garbage token",
        "tampered token",
        "expired token",
        "deactivated account",
        "two headers, the first counts",
    ],
)
async def test_every_kind_of_authorization_answers_as_the_route(
    pair: tuple[httpx.AsyncClient, httpx.AsyncClient, list[str]], issuer: TokenIssuer, who: str
) -> None:
    lane, plain, answered = pair
    headers = [*CORRELATION.items(), *authorizations(issuer)[who]]
    for _ in range(2):  # the second time from the verified-token cache
        through_lane = await lane.get("/api/v1/tickets/t-1", headers=headers)
        same(through_lane, await plain.get("/api/v1/tickets/t-1", headers=headers))
    assert answered == ["t-1", "t-1"]  # the lane took both requests (and a 401 before asking the service)
    if through_lane.status_code == 200:
        asked_with = through_lane.json()["asked_with"]
        assert asked_with["correlation_id"] == "corr-lane-test"
        assert asked_with["client_address"] == "198.51.100.7"


async def test_the_context_names_the_signed_in_user(
    pair: tuple[httpx.AsyncClient, httpx.AsyncClient, list[str]], issuer: TokenIssuer
) -> None:
    lane, _, _ = pair
    token = issuer.access_token("u-2", "manager", "m-a")
    response = await lane.get("/api/v1/tickets/t-9", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 200
    asked_with = response.json()["asked_with"]
    assert asked_with["actor"] == {"user_id": "u-2", "role": "manager"}
    assert asked_with["municipality_id"] == "m-a"
    assert response.headers["x-correlation-id"] == asked_with["correlation_id"]
    anonymous = (await lane.get("/api/v1/tickets/t-9")).json()["asked_with"]
    assert anonymous["actor"] == {"system": "anonymous"} and anonymous["municipality_id"] is None


async def test_without_nats_both_answer_503(gateway_settings: GatewaySettings, issuer: TokenIssuer) -> None:
    headers = {**CORRELATION, "Authorization": "Bearer not-a-jwt"}  # the connection is checked first
    answers = []
    for app in (create_app(gateway_settings), without_lane(create_app(gateway_settings))):
        transport = httpx.ASGITransport(app=app)  # no lifespan: never connected
        async with httpx.AsyncClient(transport=transport, base_url="http://cityfix.test") as http:
            answers.append(await http.get("/api/v1/tickets/t-1", headers=headers))
    same(*answers)
    assert answers[0].status_code == 503


def test_bearer_token_reads_the_header_as_httpbearer() -> None:
    def scope(*values: bytes) -> dict[str, Any]:
        return {"headers": [(b"accept", b"*/*"), *((b"authorization", v) for v in values)]}

    assert bearer_token(scope()) is None
    assert bearer_token(scope(b"Bearer abc")) == "abc"
    assert bearer_token(scope(b"BEARER  abc ")) == "abc"
    assert bearer_token(scope(b"Bearer")) is None
    assert bearer_token(scope(b"Token abc")) is None
    assert bearer_token(scope(b"Token abc", b"Bearer abc")) is None


def test_a_route_with_a_parameter_before_the_lane_stops_the_app() -> None:
    from fastapi import APIRouter
    from fastapi.routing import APIRoute

    router = APIRouter(prefix="/tickets")

    @router.get("/by-{reference}")
    async def by_reference(reference: str) -> None: ...

    @router.get("/mine")
    async def mine() -> None: ...

    @router.get("/{rest:path}")
    async def anything(rest: str) -> None: ...

    @router.get("/{ticket_id}")
    async def get_ticket(ticket_id: str) -> None: ...

    by_ref, mine_route, catch_all, lane_route = (r for r in router.routes if isinstance(r, APIRoute))
    assert reserved_segments([("/api/v1", mine_route), ("/api/v1", lane_route)], ("/api/v1", lane_route)) == {
        "mine"
    }
    for earlier in (by_ref, catch_all):
        with pytest.raises(RuntimeError, match="cannot tell them apart"):
            reserved_segments([("/api/v1", earlier), ("/api/v1", lane_route)], ("/api/v1", lane_route))

"""The auth service under test: a real nats-server, the chosen MongoDB backend, a real runtime.

`AuthHarness` calls the service over request/reply as the gateway would, reads what it published from
JetStream with a plain nats client, and moves its clock (a fake clock replaces the service's, so tests
about expiry and throttling windows never wait for real time).
"""

from __future__ import annotations

import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from cityfix_contracts import ErrorReply, RpcContext, SystemActor, UserActor, envelope_for
from cityfix_contracts.commands.auth import Login, ProvisionUser, RegisterCitizen, TokenPair, UserView
from cityfix_contracts.envelope import envelope_json
from cityfix_contracts.events import MunicipalityCreated
from cityfix_contracts.rpc import Request
from cityfix_contracts.subjects import EVENTS_STREAM, PRIVATE_STREAM
from services.auth.documents import MunicipalityDocument
from services.auth.handlers import AuthDeps
from services.auth.service import spec as auth_spec
from services.common.rpc import RpcClient, RpcFailure
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.common.tokens import generate_private_key

PASSWORD = "Lantern-Orchard-42"
OTHER_PASSWORD = "Quartz-Meadow-Bicycle-7"
ADDRESS = "203.0.113.10"
DEADLINE = 30.0  # generous: a condition, never a performance figure


class FakeClock:
    """Replaces the service's clock: starts at the real time and moves only when told."""

    def __init__(self) -> None:
        self.now = datetime.now(UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


@dataclass
class Message:
    subject: str
    body: dict[str, Any]
    raw: bytes


@dataclass
class AuthHarness:
    runtime: ServiceRuntime
    rpc: RpcClient
    js: JetStreamContext
    clock: FakeClock

    @property
    def deps(self) -> AuthDeps:
        deps: AuthDeps = self.runtime.deps
        return deps

    # ----- contexts ------------------------------------------------------------------------------------

    @staticmethod
    def anonymous(address: str | None = ADDRESS) -> RpcContext:
        return RpcContext(
            correlation_id=uuid.uuid4().hex, actor=SystemActor(system="anonymous"), client_address=address
        )

    @staticmethod
    def system() -> RpcContext:
        return RpcContext(correlation_id=uuid.uuid4().hex, actor=SystemActor(system="cli"))

    @staticmethod
    def as_user(
        user: UserView, address: str | None = ADDRESS, correlation_id: str | None = None
    ) -> RpcContext:
        return RpcContext(
            correlation_id=correlation_id or uuid.uuid4().hex,
            actor=UserActor(user_id=user.id, role=user.role),
            municipality_id=user.municipality_id,
            client_address=address,
        )

    # ----- calls ---------------------------------------------------------------------------------------

    async def call(self, request: Request, ctx: RpcContext | None = None) -> Any:
        return await self.rpc.call(request, ctx or self.anonymous())

    async def fail(self, request: Request, ctx: RpcContext | None = None) -> ErrorReply:
        """The typed error the request is answered with (fails the test if it succeeds)."""
        try:
            result = await self.rpc.call(request, ctx or self.anonymous())
        except RpcFailure as failure:
            return failure.error
        raise AssertionError(f"{type(request).__name__} succeeded: {result!r}")

    async def register(
        self, email: str, full_name: str = "Clara Citizen", password: str = PASSWORD
    ) -> UserView:
        user: UserView = await self.call(RegisterCitizen(email=email, password=password, full_name=full_name))
        return user

    async def provision(
        self,
        email: str,
        role: str,
        municipality_id: str | None = None,
        full_name: str = "Sam Staff",
        password: str = PASSWORD,
    ) -> UserView:
        request = ProvisionUser(
            email=email, password=password, full_name=full_name, role=role, municipality_id=municipality_id
        )
        user: UserView = await self.call(request, self.system())
        return user

    async def login(self, email: str, password: str = PASSWORD, address: str | None = ADDRESS) -> TokenPair:
        pair: TokenPair = await self.call(Login(email=email, password=password), self.anonymous(address))
        return pair

    async def add_municipality(self, municipality_id: str, name: str | None = None) -> None:
        """Publish MunicipalityCreated as the admin service would, and wait until auth knows it."""
        envelope = envelope_for(
            MunicipalityCreated(
                municipality_id=municipality_id,
                name=name or municipality_id.title(),
                slug=municipality_id,
                reference_prefix=municipality_id[:3].upper(),
            ),
            aggregate_id=municipality_id,
            sequence=1,
            actor=SystemActor(system="admin-test"),
            correlation_id="test-municipality",
            municipality_id=municipality_id,
        )
        await self.js.publish(envelope.subject, envelope_json(envelope), headers=envelope.headers())

        async def known() -> bool:
            return await MunicipalityDocument.get(municipality_id) is not None

        await eventually(known, timeout=DEADLINE, what=f"auth knows municipality {municipality_id}")

    # ----- the streams ---------------------------------------------------------------------------------

    async def messages(self, stream: str) -> list[Message]:
        """Every message the stream holds now (purged ones are gone)."""
        info = await self.js.stream_info(stream)
        found: list[Message] = []
        if info.state.messages == 0:
            return found
        for seq in range(info.state.first_seq, info.state.last_seq + 1):
            try:
                raw = await self.js.get_msg(stream, seq)
            except NotFoundError:
                continue
            data = raw.data or b""
            found.append(Message(raw.subject or "", json.loads(data), data))
        return found

    async def events(self, event_type: str, stream: str = EVENTS_STREAM, **data: Any) -> list[Message]:
        return [
            m
            for m in await self.messages(stream)
            if m.body["event_type"] == event_type and all(m.body["data"].get(k) == v for k, v in data.items())
        ]

    async def wait_event(
        self, event_type: str, stream: str = EVENTS_STREAM, count: int = 1, **data: Any
    ) -> list[Message]:
        """Wait until at least `count` such events are on the stream; returns them all."""

        async def arrived() -> list[Message]:
            found = await self.events(event_type, stream, **data)
            return found if len(found) >= count else []

        return await eventually(arrived, timeout=DEADLINE, what=f"{count} × {event_type} on {stream}")

    async def private_event(self, event_type: str, user_id: str, count: int = 1) -> list[Message]:
        return await self.wait_event(event_type, PRIVATE_STREAM, count=count, user_id=user_id)

    async def outbox_drained(self) -> None:
        async def empty() -> bool:
            pending: int = await self.runtime.database["outbox"].count_documents({})
            return pending == 0

        await eventually(empty, timeout=DEADLINE, what="the auth outbox relayed everything")


StartAuth = Callable[..., Awaitable[AuthHarness]]


@pytest.fixture
def key_file(tmp_path: Path) -> Path:
    return generate_private_key(tmp_path / "keys" / "jwt.pem")


@pytest.fixture
async def start_auth(
    run_service: Callable[..., Awaitable[ServiceRuntime]], nats_client: NatsClient, key_file: Path
) -> StartAuth:
    """Start the auth service with these setting overrides (said in each test that uses them)."""

    async def start(**overrides: Any) -> AuthHarness:
        runtime = await run_service(auth_spec, jwt_private_key_file=key_file, **overrides)
        clock = FakeClock()
        runtime.deps.clock = clock
        return AuthHarness(runtime, RpcClient(nats_client, timeout=10.0), nats_client.jetstream(), clock)

    return start


@pytest.fixture
async def auth(start_auth: StartAuth) -> AuthHarness:
    return await start_auth()

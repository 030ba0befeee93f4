"""The whole system in the test process: every service on a real nats-server, the gateway over ASGI,
and a small world seeded through the services' own commands (municipalities A and B, one user per role).
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest
from nats.aio.client import Client as NatsClient

from cityfix_contracts import RpcContext, SystemActor
from cityfix_contracts.commands.admin import CreateCategory, CreateMunicipality
from cityfix_contracts.commands.auth import ProvisionUser
from cityfix_contracts.rpc import SERVICES
from gateway.app import create_app
from gateway.settings import GatewaySettings
from services.cli.registry import service_spec
from services.common.demo import brandenburg_municipalities
from services.common.rpc import RpcClient
from services.common.service import ServiceRuntime
from services.common.settings import Settings
from services.common.testing import eventually
from services.common.tokens import generate_private_key

PASSWORD = "correct horse battery staple 42"


@dataclass
class Person:
    id: str
    email: str
    role: str
    municipality_id: str | None
    token: str = ""

    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@dataclass
class World:
    """Two municipalities and the people who act on them."""

    http: httpx.AsyncClient
    rpc: RpcClient
    runtimes: dict[str, ServiceRuntime]
    municipality_a: str = ""
    municipality_b: str = ""
    category_a: str = ""
    category_b: str = ""
    people: dict[str, Person] = field(default_factory=dict)

    def person(self, key: str) -> Person:
        return self.people[key]


SYSTEM = RpcContext(correlation_id="test-seed", actor=SystemActor(system="test-seed"))


async def seed_world(world: World) -> None:
    boundaries = brandenburg_municipalities()
    a = await world.rpc.call(
        CreateMunicipality(
            name="Potsdam", slug="potsdam", reference_prefix="POT", boundary=boundaries["Potsdam"]
        ),
        SYSTEM,
    )
    b = await world.rpc.call(
        CreateMunicipality(
            name="Cottbus", slug="cottbus", reference_prefix="COT", boundary=boundaries["Cottbus"]
        ),
        SYSTEM,
    )
    world.municipality_a, world.municipality_b = a.id, b.id
    for name, municipality in (("a", a.id), ("b", b.id)):
        category = await world.rpc.call(
            CreateCategory(municipality_id=municipality, code="pothole", name="Pothole"), SYSTEM
        )
        setattr(world, f"category_{name}", category.id)
    accounts = {
        "admin": ("admin", None),
        "manager_a": ("manager", a.id),
        "operator_a": ("operator", a.id),
        "manager_b": ("manager", b.id),
        "operator_b": ("operator", b.id),
        "citizen": ("citizen", None),
        "citizen_2": ("citizen", None),
    }
    for key, (role, municipality_id) in accounts.items():
        email = f"{key.replace('_', '.')}@example.org"
        user = await world.rpc.call(
            ProvisionUser(
                email=email,
                password=PASSWORD,
                full_name=key.replace("_", " ").title(),
                role=role,
                municipality_id=municipality_id,
            ),
            SYSTEM,
        )
        world.people[key] = Person(user.id, email, role, municipality_id)
    # Staff learn about each other and about municipalities through events: wait until every service
    # that keeps such projections has them, by signing in through the public API (tokens, for real).
    for person in world.people.values():

        async def signed_in(person: Person = person) -> bool:
            response = await world.http.post(
                "/api/v1/auth/login", json={"email": person.email, "password": PASSWORD}
            )
            if response.status_code != 200:
                return False
            person.token = response.json()["access_token"]
            return True

        await eventually(signed_in, what=f"{person.email} signed in")


@pytest.fixture
async def world(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
    settings: Settings,
    nats_client: NatsClient,
    tmp_path: Path,
) -> AsyncIterator[World]:
    key = generate_private_key(tmp_path / "jwt.pem")
    # No test reaches the internet: the geocoder points at a closed loopback port unless a test says otherwise.
    runtimes = {
        name: await run_service(
            service_spec(name), jwt_private_key_file=key, geocoder_url="http://127.0.0.1:9"
        )
        for name in SERVICES
    }
    (tmp_path / "dist").mkdir()
    (tmp_path / "dist" / "index.html").write_text("<!doctype html><title>CityFix</title>")
    app = create_app(
        GatewaySettings(
            **{**settings.model_dump(), "jwt_private_key_file": key, "frontend_dist": tmp_path / "dist"}
        )
    )
    async with app.router.lifespan_context(app):

        async def connected() -> bool:
            connection = app.state.gateway.connection
            return connection is not None and connection.is_connected

        await eventually(connected, what="gateway connected")
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://cityfix.test") as http:
            world = World(http=http, rpc=RpcClient(nats_client), runtimes=runtimes)
            await seed_world(world)
            yield world


def body_text(response: httpx.Response) -> str:
    return response.text


def contains_none(response: httpx.Response, *needles: Any) -> bool:
    text = response.text
    return not any(str(n) in text for n in needles if n)

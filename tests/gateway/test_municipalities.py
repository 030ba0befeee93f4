"""Municipalities and categories through the gateway: HTTP → request/reply → admin → event on the bus."""

from __future__ import annotations

import uuid

import httpx
from nats.aio.client import Client as NatsClient
from nats.js.errors import NotFoundError

from cityfix_contracts import UserActor, parse_envelope
from cityfix_contracts.events import CategoryChanged, MunicipalityCreated
from cityfix_contracts.subjects import EVENTS_STREAM
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.common.tokens import TokenIssuer
from tests.gateway.conftest import assert_error, bearer

ADMIN_ID = "admin-1"


def municipality_body(slug: str, prefix: str) -> dict[str, object]:
    return {"name": slug.replace("-", " ").title(), "slug": slug, "reference_prefix": prefix}


async def create_municipality(
    client: httpx.AsyncClient, admin_token: str, slug: str, prefix: str
) -> dict[str, object]:
    response = await client.post(
        "/api/v1/municipalities", json=municipality_body(slug, prefix), headers=bearer(admin_token)
    )
    assert response.status_code == 201, response.text
    created: dict[str, object] = response.json()
    return created


async def test_create_municipality_publishes_municipality_created_with_the_request_correlation_id(
    client: httpx.AsyncClient,
    core_services: dict[str, ServiceRuntime],
    issuer: TokenIssuer,
    nats_client: NatsClient,
) -> None:
    token = issuer.access_token(ADMIN_ID, "admin", None)
    response = await client.post(
        "/api/v1/municipalities",
        json={"name": "Spreewald", "slug": "spreewald", "reference_prefix": "SPR"},
        headers={**bearer(token), "X-Correlation-ID": "t-1"},
    )
    assert response.status_code == 201, response.text
    assert response.headers["x-correlation-id"] == "t-1"
    view = response.json()
    assert view["slug"] == "spreewald"
    assert view["reference_prefix"] == "SPR"
    municipality_id = view["id"]
    assert uuid.UUID(municipality_id)

    js = nats_client.jetstream()
    subject = f"cityfix.events.{municipality_id}.municipality.created"

    async def published() -> object:
        try:
            return await js.get_last_msg(EVENTS_STREAM, subject)
        except NotFoundError:
            return None

    raw = await eventually(published, what="MunicipalityCreated on CITYFIX_EVENTS")
    envelope = parse_envelope(raw.data)  # type: ignore[attr-defined]
    assert envelope.event_type == "MunicipalityCreated"
    assert envelope.correlation_id == "t-1"
    assert envelope.municipality_id == municipality_id
    assert envelope.aggregate_id == municipality_id
    assert envelope.sequence == 1
    assert envelope.actor == UserActor(user_id=ADMIN_ID, role="admin")
    assert isinstance(envelope.data, MunicipalityCreated)
    assert envelope.data.municipality_id == municipality_id
    assert envelope.data.slug == "spreewald"
    assert raw.headers["Nats-Msg-Id"] == envelope.event_id  # type: ignore[attr-defined]

    listed = await client.get("/api/v1/municipalities")
    assert listed.status_code == 200, listed.text
    assert [m["id"] for m in listed.json()["data"]] == [municipality_id]
    assert listed.json()["next_cursor"] is None


async def test_duplicate_slug_is_a_conflict(
    client: httpx.AsyncClient, core_services: dict[str, ServiceRuntime], issuer: TokenIssuer
) -> None:
    token = issuer.access_token(ADMIN_ID, "admin", None)
    await create_municipality(client, token, "lubbenau", "LUB")
    again = await client.post(
        "/api/v1/municipalities", json=municipality_body("lubbenau", "LBX"), headers=bearer(token)
    )
    details = assert_error(again, 409, "municipality_exists")
    assert details["slug"] == "lubbenau"


async def test_a_manager_manages_categories_of_their_own_municipality_only(
    client: httpx.AsyncClient,
    core_services: dict[str, ServiceRuntime],
    issuer: TokenIssuer,
    nats_client: NatsClient,
) -> None:
    admin = issuer.access_token(ADMIN_ID, "admin", None)
    town_a = str((await create_municipality(client, admin, "town-a", "TA"))["id"])
    town_b = str((await create_municipality(client, admin, "town-b", "TB"))["id"])
    manager = issuer.access_token("manager-a", "manager", town_a)
    category = {"code": "pothole", "name": "Pothole", "sla_hours": 72}

    own = await client.post(
        f"/api/v1/municipalities/{town_a}/categories", json=category, headers=bearer(manager)
    )
    assert own.status_code == 201, own.text
    view = own.json()
    assert view["municipality_id"] == town_a
    assert view["code"] == "pothole"

    other = await client.post(
        f"/api/v1/municipalities/{town_b}/categories", json=category, headers=bearer(manager)
    )
    details = assert_error(other, 403, "forbidden")
    # The refusal is the admin service's tenancy check, not the gateway's coarse role check (which
    # would name the allowed roles): a manager passes that one.
    assert "allowed_roles" not in details

    # Nothing was created in B, and only A's category reached the bus.
    listed_b = await client.get(f"/api/v1/municipalities/{town_b}/categories")
    assert listed_b.status_code == 200, listed_b.text
    assert listed_b.json()["data"] == []
    listed_a = await client.get(f"/api/v1/municipalities/{town_a}/categories")
    assert [c["id"] for c in listed_a.json()["data"]] == [view["id"]]

    js = nats_client.jetstream()

    async def category_event() -> object:
        try:
            return await js.get_last_msg(EVENTS_STREAM, f"cityfix.events.{town_a}.category.changed")
        except NotFoundError:
            return None

    raw = await eventually(category_event, what="CategoryChanged on CITYFIX_EVENTS")
    envelope = parse_envelope(raw.data)  # type: ignore[attr-defined]
    assert isinstance(envelope.data, CategoryChanged)
    assert envelope.data.category_id == view["id"]
    assert envelope.actor == UserActor(user_id="manager-a", role="manager")
    info = await js.stream_info(EVENTS_STREAM, subjects_filter=f"cityfix.events.{town_b}.category.>")
    assert not info.state.subjects


async def test_operators_and_citizens_cannot_create_categories(
    client: httpx.AsyncClient, core_services: dict[str, ServiceRuntime], issuer: TokenIssuer
) -> None:
    admin = issuer.access_token(ADMIN_ID, "admin", None)
    town = str((await create_municipality(client, admin, "town-c", "TC"))["id"])
    category = {"code": "graffiti", "name": "Graffiti"}
    for role, municipality in (("operator", town), ("citizen", None)):
        token = issuer.access_token(f"{role}-1", role, municipality)  # type: ignore[arg-type]
        response = await client.post(
            f"/api/v1/municipalities/{town}/categories", json=category, headers=bearer(token)
        )
        assert_error(response, 403, "forbidden")

"""The geo service against a real nats-server: its boundary projection, Locate, Geocode and Reverse through
geopy against the loopback Nominatim stand-in, and addresses filled in for tickets reported without one."""

from __future__ import annotations

import asyncio
import json
import random
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg

from cityfix_contracts import DomainEvent, Point, RpcContext, SystemActor, envelope_for
from cityfix_contracts.commands.geo import Geocode, Locate, Reverse
from cityfix_contracts.envelope import envelope_json
from cityfix_contracts.events import (
    AddressResolved,
    BoundaryChanged,
    MunicipalityCreated,
    MunicipalityUpdated,
    TicketCreated,
)
from services.common.demo import brandenburg_municipalities
from services.common.rpc import RpcClient, RpcFailure
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.geo.service import spec

from .nominatim import NOWHERE, POTSDAM_TOWN_HALL, NominatimStandIn, SilentServer

CTX = RpcContext(correlation_id="geo-test", actor=SystemActor(system="test"))
ADMIN = SystemActor(system="admin")
RunService = Callable[..., Awaitable[ServiceRuntime]]


def square(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


async def publish(
    nats: NatsClient, data: DomainEvent, *, aggregate_id: str, sequence: int, tenant: str
) -> str:
    envelope = envelope_for(
        data,
        aggregate_id=aggregate_id,
        sequence=sequence,
        actor=ADMIN,
        correlation_id="geo-test",
        municipality_id=tenant,
    )
    await nats.jetstream().publish(envelope.subject, envelope_json(envelope), headers=envelope.headers())
    return envelope.event_id


async def create(nats: NatsClient, municipality_id: str, name: str, boundary: dict[str, Any] | None) -> None:
    event = MunicipalityCreated(
        municipality_id=municipality_id,
        name=name,
        slug=name.lower(),
        reference_prefix="TST",
        boundary=boundary,
    )
    await publish(nats, event, aggregate_id=municipality_id, sequence=1, tenant=municipality_id)


async def located(rpc: RpcClient, lat: float, lon: float) -> str | None:
    try:
        return (await rpc.call(Locate(lat=lat, lon=lon), CTX)).municipality_id
    except RpcFailure:
        return None


async def start_geo(run_service: RunService, geocoder_url: str, **overrides: Any) -> ServiceRuntime:
    settings: dict[str, Any] = {
        "geocoder_url": geocoder_url,
        "geocoder_min_interval_seconds": 0.0,  # the stand-in has no usage policy; said here on purpose
        "geocoder_timeout_seconds": 2.0,
        "address_poll_seconds": 0.2,
        **overrides,
    }
    return await run_service(spec, **settings)


async def test_locate_follows_municipality_events(
    run_service: RunService, nats_client: NatsClient, nominatim: NominatimStandIn
) -> None:
    await start_geo(run_service, nominatim.url)
    rpc = RpcClient(nats_client)
    potsdam, cottbus = "m-potsdam", "m-cottbus"
    boundaries = brandenburg_municipalities()
    await create(nats_client, potsdam, "Potsdam", boundaries["Potsdam"])
    await create(nats_client, cottbus, "Cottbus", boundaries["Cottbus"])

    async def both() -> bool:
        return (
            await located(rpc, 52.3906, 13.0645) == potsdam
            and await located(rpc, 51.7563, 14.3329) == cottbus
        )

    await eventually(both, what="both municipalities located")
    view = await rpc.call(Locate(lat=52.3906, lon=13.0645), CTX)
    assert (view.slug, view.name) == ("potsdam", "Potsdam")

    with pytest.raises(RpcFailure) as failure:
        await rpc.call(Locate(lat=52.5163, lon=13.3777), CTX)  # Berlin
    error = failure.value.error
    assert (error.kind, error.code) == ("not_found", "not_covered")
    assert error.details["nearest"]["municipality_id"] == potsdam
    assert 10_000 < error.details["nearest"]["distance_m"] < 40_000

    # The boundary moves: Potsdam's old area is no longer Potsdam's.
    await publish(
        nats_client,
        BoundaryChanged(municipality_id=potsdam, boundary=square(10.0, 50.0, 10.1, 50.1)),
        aggregate_id=potsdam,
        sequence=2,
        tenant=potsdam,
    )

    async def moved() -> bool:
        return await located(rpc, 52.3906, 13.0645) is None and await located(rpc, 50.05, 10.05) == potsdam

    await eventually(moved, what="the new boundary applied")


async def test_shared_border_and_shuffled_duplicated_events(
    run_service: RunService, nats_client: NatsClient, nominatim: NominatimStandIn
) -> None:
    runtime = await start_geo(run_service, nominatim.url)
    rpc = RpcClient(nats_client)
    west, east = "a-west", "b-east"
    await create(nats_client, east, "East", square(13.1, 52.0, 13.2, 52.1))
    await create(nats_client, west, "West", square(13.0, 52.0, 13.1, 52.1))
    await eventually(lambda: located(rpc, 52.05, 13.15), what="east located")
    await eventually(lambda: located(rpc, 52.05, 13.05), what="west located")
    assert await located(rpc, 52.05, 13.1) == west  # exactly on the shared border: the smaller id

    # Events of one municipality, shuffled and duplicated: the projection ends in the newest state.
    town = "c-town"
    history: list[tuple[DomainEvent, int]] = [
        (
            MunicipalityCreated(
                municipality_id=town,
                name="Old",
                slug="old",
                reference_prefix="OLD",
                boundary=square(14.0, 52.0, 14.1, 52.1),
            ),
            1,
        ),
        (BoundaryChanged(municipality_id=town, boundary=square(15.0, 52.0, 15.1, 52.1)), 2),
        (MunicipalityUpdated(municipality_id=town, name="New", slug="new", reference_prefix="NEW"), 3),
    ]
    envelopes = [
        envelope_for(e, aggregate_id=town, sequence=s, actor=ADMIN, correlation_id="t", municipality_id=town)
        for e, s in history
    ]
    deliveries = envelopes * 2
    random.Random(4).shuffle(deliveries)
    for envelope in deliveries:  # re-sent with fresh ids too: JetStream's dedupe is not what saves us
        copy = (
            envelope.model_copy(update={"event_id": str(uuid.uuid4())}) if random.random() < 0.5 else envelope
        )
        await nats_client.jetstream().publish(copy.subject, envelope_json(copy), headers=copy.headers())

    async def settled() -> bool:
        area = runtime.deps.locator.municipality(town)
        return area is not None and area.name == "New" and await located(rpc, 52.05, 15.05) == town

    await eventually(settled, what="the newest state of c-town")
    assert await located(rpc, 52.05, 14.05) is None


async def test_geocode_and_reverse_through_geopy(
    run_service: RunService, nats_client: NatsClient, nominatim: NominatimStandIn
) -> None:
    runtime = await start_geo(
        run_service, nominatim.url, geocoder_user_agent="CityFix tests (geo@example.org)"
    )
    rpc = RpcClient(nats_client)
    places = await rpc.call(Geocode(q="Friedrich-Ebert-Straße 79"), CTX)
    assert places.data and places.data[0].address.startswith("Friedrich-Ebert-Straße 79")
    assert places.data[0].lat == pytest.approx(POTSDAM_TOWN_HALL["lat"])
    search = nominatim.asked("/search")[-1]
    assert search["user_agent"] == "CityFix tests (geo@example.org)"
    assert "viewbox" not in search["params"]

    await create(nats_client, "m-potsdam", "Potsdam", brandenburg_municipalities()["Potsdam"])
    await eventually(lambda: located(rpc, 52.3906, 13.0645), what="Potsdam located")
    await rpc.call(Geocode(q="Breite Straße", municipality_id="m-potsdam"), CTX)
    biased = nominatim.asked("/search")[-1]["params"]
    assert biased["bounded"] == "1"
    west, south, east, north = (float(v) for v in biased["viewbox"].split(","))
    assert west < 13.06 < east and south < 52.39 < north

    with pytest.raises(RpcFailure) as failure:
        await rpc.call(Geocode(q="Breite Straße", municipality_id="unknown"), CTX)
    assert failure.value.error.kind == "not_found"

    place = await rpc.call(Reverse(lat=52.4, lon=13.06), CTX)
    assert place.address.endswith("14469 Potsdam")
    asked = len(nominatim.asked("/reverse"))
    assert (await rpc.call(Reverse(lat=52.4, lon=13.06), CTX)) == place  # from the cache
    assert len(nominatim.asked("/reverse")) == asked
    assert runtime.deps.geocoder.requests == 2 + asked  # two searches and one reverse reached the geocoder

    with pytest.raises(RpcFailure) as failure:
        await rpc.call(Reverse(lat=NOWHERE[0], lon=NOWHERE[1]), CTX)
    assert (failure.value.error.kind, failure.value.error.code) == ("not_found", "address_not_found")


async def test_a_geocoder_that_never_answers_gives_unavailable(
    run_service: RunService, nats_client: NatsClient, silent_geocoder: SilentServer
) -> None:
    await start_geo(run_service, silent_geocoder.url, geocoder_timeout_seconds=0.5)
    rpc = RpcClient(nats_client, timeout=30)
    for request in (Geocode(q="Am Kanal 1"), Reverse(lat=52.4, lon=13.06)):
        with pytest.raises(RpcFailure) as failure:
            await rpc.call(request, CTX)
        assert (failure.value.error.kind, failure.value.error.code) == ("unavailable", "geocoder_unavailable")


async def test_a_ticket_without_address_gets_one(
    run_service: RunService, nats_client: NatsClient, nominatim: NominatimStandIn
) -> None:
    await start_geo(run_service, nominatim.url)
    resolved: list[dict[str, Any]] = []

    async def collect(msg: Msg) -> None:
        resolved.append(json.loads(msg.data))

    await nats_client.subscribe("cityfix.events.*.address.resolved", cb=collect)
    tenant = "m-potsdam"
    tickets = {}
    for address in (None, "Am Neuen Markt 1"):
        ticket_id = str(uuid.uuid4())
        tickets[ticket_id] = address
        event = TicketCreated(
            ticket_id=ticket_id,
            reference=f"POT-{len(tickets)}",
            municipality_id=tenant,
            category_id="c-1",
            description="Pothole",
            location=Point(lat=52.401, lon=13.061),
            address=address,
            created_at=datetime.now(UTC),
        )
        event_id = await publish(nats_client, event, aggregate_id=ticket_id, sequence=1, tenant=tenant)
        if address is None:
            cause = event_id
            await publish(
                nats_client, event, aggregate_id=ticket_id, sequence=1, tenant=tenant
            )  # redelivered

    async def published() -> bool:
        return bool(resolved)

    await eventually(published, what="AddressResolved published")
    await asyncio.sleep(0.5)  # a second resolution would have been published by now
    [envelope] = resolved
    without = next(t for t, a in tickets.items() if a is None)
    assert envelope["event_type"] == AddressResolved.event_type()
    assert envelope["municipality_id"] == tenant
    assert envelope["causation_id"] == cause
    assert envelope["aggregate_id"] == envelope["data"]["address_id"] != without
    assert envelope["data"]["ticket_id"] == without
    assert envelope["data"]["address"].endswith("14469 Potsdam")

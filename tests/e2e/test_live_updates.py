"""Live updates: the gateway pushes a municipality's public events as Server-Sent Events."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime

import httpx
import nats

from cityfix_contracts import Point, SystemActor, envelope_for
from cityfix_contracts.events import CategoryChanged, StatusChanged, TicketCreated
from services.common.testing import eventually
from tests.support.devstack import DevStack, dev_stack, wait_healthy

__all__ = ["dev_stack"]


async def test_public_events_of_one_municipality_arrive_over_sse(dev_stack: DevStack) -> None:
    await wait_healthy(dev_stack)
    status_changed = envelope_for(
        StatusChanged(ticket_id="t-42", from_="received", to="triaged", note="on our list"),
        aggregate_id="t-42",
        sequence=2,
        actor=SystemActor(system="test"),
        correlation_id="sse-test",
        municipality_id="m-a",
    )
    not_public = envelope_for(
        CategoryChanged(
            category_id="c-1", municipality_id="m-a", change="created", code="x", name="Internal"
        ),
        aggregate_id="c-1",
        sequence=1,
        actor=SystemActor(system="test"),
        correlation_id="sse-test",
        municipality_id="m-a",
    )
    other_tenant = status_changed.model_copy(update={"municipality_id": "m-b", "event_id": "other"})
    reported = envelope_for(
        TicketCreated(
            ticket_id="t-43",
            reference="POT-43",
            municipality_id="m-a",
            category_id="c-1",
            description="Streetlight out",
            location=Point(lat=52.4, lon=13.06),
            reporter_id="citizen-7",
            created_at=datetime.now(UTC),
        ),
        aggregate_id="t-43",
        sequence=1,
        actor=SystemActor(system="test"),
        correlation_id="sse-test",
        municipality_id="m-a",
    )
    received: list[dict[str, str]] = []

    async def listen() -> None:
        async with (
            httpx.AsyncClient(base_url=dev_stack.base_url, timeout=None) as http,
            http.stream("GET", "/api/v1/live/municipalities/m-a") as response,
        ):
            assert response.status_code == 200
            assert response.headers["content-type"].startswith("text/event-stream")
            fields: dict[str, str] = {}
            async for line in response.aiter_lines():
                if not line:
                    if "data" in fields:
                        received.append(fields)
                    fields = {}
                    continue
                name, _, value = line.partition(":")
                fields[name] = value.strip()

    listener = asyncio.create_task(listen())
    connection = await nats.connect(dev_stack.nats_url)
    try:

        async def delivered() -> bool:
            # Publish until the stream is subscribed (the SSE response starts asynchronously).
            for envelope in (other_tenant, not_public, status_changed, reported):
                await connection.publish(envelope.subject, envelope.model_dump_json(by_alias=True).encode())
            await asyncio.sleep(0.2)
            return {e["event"] for e in received} == {"StatusChanged", "TicketCreated"}

        await eventually(delivered, what="an SSE event")
    finally:
        listener.cancel()
        await connection.close()
    assert {e["event"] for e in received} == {"StatusChanged", "TicketCreated"}
    created = next(json.loads(e["data"]) for e in received if e["event"] == "TicketCreated")
    assert created["data"]["reference"] == "POT-43"
    assert "reporter_id" not in created["data"]  # anonymous viewers never learn who reported
    first = next(e for e in received if e["event"] == "StatusChanged")
    assert first["id"] == status_changed.event_id
    payload = json.loads(first["data"])
    assert payload["municipality_id"] == "m-a"
    assert payload["data"]["from"] == "received"

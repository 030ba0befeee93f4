"""The integrations service's projections and the Open311 answers built from them: the same events
shuffled and duplicated end in the same, newest state (DESIGN §3.4), and Open311 shows it."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

from cityfix_contracts import DomainEvent, Envelope, Point, RpcContext, SystemActor, envelope_for
from cityfix_contracts.commands.integrations import (
    GetOpen311Request,
    ListOpen311Requests,
    ListOpen311RequestUpdates,
    ListOpen311Services,
)
from cityfix_contracts.events import (
    AddressResolved,
    CategoryChanged,
    MunicipalityCreated,
    MunicipalityUpdated,
    StatusChanged,
    TicketCreated,
    TicketEdited,
    TicketHidden,
    TicketRecategorized,
    TicketUnhidden,
)
from services.common.service import ServiceRuntime
from services.integrations.handlers import IntegrationsDeps
from services.integrations.open311 import get_request, list_request_updates, list_requests, list_services
from services.integrations.service import spec
from services.integrations.subscribers import events

SYSTEM = SystemActor(system="test")
ASKER = RpcContext(correlation_id="t")
TOWN = "m-town"
TICKET = "t-1"
CREATED = datetime(2026, 11, 2, 9, 30, tzinfo=UTC)


def handlers_by_type() -> dict[str, list[Callable[..., Awaitable[None]]]]:
    """Every consumer's handler of each event type (the projections', and the webhooks' of every one)."""
    found: dict[str, list[Callable[..., Awaitable[None]]]] = {}
    for consumer in events.consumers.values():
        for event_type, handler in consumer.handlers.items():
            found.setdefault(event_type, []).append(handler)
    return found


def numbered(events: list[DomainEvent], aggregate_id: str, start: int = 1) -> list[Envelope[Any]]:
    return [
        envelope_for(
            e,
            aggregate_id=aggregate_id,
            sequence=n,
            actor=SYSTEM,
            correlation_id="t",
            municipality_id=TOWN,
            occurred_at=CREATED + timedelta(hours=n),
        )
        for n, e in enumerate(events, start=start)
    ]


def category(category_id: str, code: str, **fields: Any) -> CategoryChanged:
    return CategoryChanged(
        category_id=category_id,
        municipality_id=TOWN,
        change="updated",
        code=code,
        name=code.title(),
        **fields,
    )


def history() -> list[Envelope[Any]]:
    town = numbered(
        [
            MunicipalityCreated(municipality_id=TOWN, name="Old Town", slug="old", reference_prefix="OLD"),
            MunicipalityUpdated(municipality_id=TOWN, name="New Town", slug="new", reference_prefix="NEW"),
        ],
        TOWN,
    )
    pothole = numbered([category("c-1", "pothole"), category("c-1", "pothole", keywords=("hole",))], "c-1")
    light = numbered([category("c-2", "light"), category("c-2", "light", active=False)], "c-2")
    lamp = numbered([category("c-3", "lamp")], "c-3")
    ticket = numbered(
        [
            TicketCreated(
                ticket_id=TICKET,
                reference="NEW-1",
                municipality_id=TOWN,
                category_id="c-1",
                description="Hole",
                location=Point(lat=52.1, lon=13.1),
                created_at=CREATED,
            ),
            StatusChanged(ticket_id=TICKET, **{"from": "received"}, to="triaged"),
            TicketEdited(ticket_id=TICKET, description="A deep hole"),
            TicketHidden(ticket_id=TICKET),
            TicketUnhidden(ticket_id=TICKET),
            TicketRecategorized(ticket_id=TICKET, **{"from": "c-1"}, to="c-3"),
            StatusChanged(ticket_id=TICKET, **{"from": "triaged"}, to="resolved", note="Filled."),
        ],
        TICKET,
    )
    address = numbered(
        [
            AddressResolved(
                address_id="a-1", ticket_id=TICKET, address="Markt 1", location=Point(lat=52.1, lon=13.1)
            )
        ],
        "a-1",
    )
    return town + pothole + light + lamp + ticket + address


async def test_shuffled_and_duplicated_events_end_in_the_newest_state(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
) -> None:
    runtime = await run_service(spec)
    deps: IntegrationsDeps = runtime.deps
    deps.clock = lambda: CREATED + timedelta(days=1)
    handlers = handlers_by_type()
    deliveries = history() * 2
    random.Random(11).shuffle(deliveries)
    for envelope in deliveries:
        for handler in handlers[envelope.event_type]:
            async with runtime.unit_of_work() as uow:
                await handler(envelope, uow, deps)

    services = await list_services(ListOpen311Services(jurisdiction_id="new"), ASKER, deps)
    assert [s.service_code for s in services.services] == ["lamp", "pothole"]  # by name; light inactive
    assert services.services[1].keywords == "hole"

    listed = await list_requests(ListOpen311Requests(jurisdiction_id="new"), ASKER, deps)
    (request,) = listed.requests
    assert request.service_request_id == "NEW-1"
    assert (request.status, request.status_notes) == ("closed", "Filled.")
    assert (request.service_code, request.description) == ("lamp", "A deep hole")
    assert request.agency_responsible == "New Town" and request.address == "Markt 1"
    assert request.requested_datetime == CREATED
    assert request.updated_datetime == CREATED + timedelta(hours=7)  # the newest ticket event

    closed = await list_requests(ListOpen311Requests(jurisdiction_id="new", status=("closed",)), ASKER, deps)
    assert len(closed.requests) == 1
    still_open = await list_requests(
        ListOpen311Requests(jurisdiction_id="new", status=("open",)), ASKER, deps
    )
    assert still_open.requests == ()
    one = await get_request(GetOpen311Request(jurisdiction_id="new", service_request_id="NEW-1"), ASKER, deps)
    assert one == listed

    # Each status change is one FixMyStreet update, however often it was delivered.
    updates = await list_request_updates(ListOpen311RequestUpdates(jurisdiction_id="new"), ASKER, deps)
    assert [(u.status, u.description, u.service_request_id) for u in updates.updates] == [
        ("OPEN", "", "NEW-1"),
        ("FIXED", "Filled.", "NEW-1"),
    ]


async def test_hidden_tickets_are_not_service_requests(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
) -> None:
    runtime = await run_service(spec)
    deps: IntegrationsDeps = runtime.deps
    deps.clock = lambda: CREATED + timedelta(days=1)
    handlers = handlers_by_type()
    hidden = [e for e in history() if not isinstance(e.data, TicketUnhidden)]
    for envelope in hidden:
        for handler in handlers[envelope.event_type]:
            async with runtime.unit_of_work() as uow:
                await handler(envelope, uow, deps)
    listed = await list_requests(ListOpen311Requests(jurisdiction_id="new"), ASKER, deps)
    assert listed.requests == ()

"""The tickets service's two stores (store.py on MongoDB, memory.py in dicts) behind the same handlers: the
same events projected, the same reports, reads, assignments and status changes give the same answers,
the same refusals and the same history, on both.

Each test runs on both adapters; the last one runs one scenario on each and compares the transcripts."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient

from cityfix_contracts import (
    DomainError,
    DomainEvent,
    Envelope,
    RpcContext,
    SystemActor,
    UserActor,
    envelope_for,
)
from cityfix_contracts.commands.tickets import (
    AssignTicket,
    ChangeTicketStatus,
    CreateTicket,
    GetTicket,
    SubmitFeedback,
    TicketView,
    UnassignTicket,
)
from cityfix_contracts.events import CategoryChanged, MunicipalityCreated, UserRegistered
from cityfix_contracts.rpc import ANONYMOUS
from cityfix_contracts.subjects import EVENTS_STREAM
from services.common.service import ServiceRuntime, ServiceSpec
from services.common.testing import eventually
from services.tickets.documents import TicketEventDocument
from services.tickets.domain import Actor
from services.tickets.handlers import (
    TicketsDeps,
    assign_ticket,
    change_status,
    create_ticket,
    get_ticket,
    load_from,
    save,
    submit_feedback,
    ticket_from,
    unassign_ticket,
)
from services.tickets.memory import MemoryTicketStore, memory_spec
from services.tickets.service import spec as mongo_spec
from services.tickets.subscribers import learn_staff, project_category, project_municipality

T0 = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
TOWN, OTHER_TOWN = "m-spreewald", "m-havelland"
CATEGORY = "c-pothole"
MANAGER, OPERATOR, OTHER_OPERATOR = "u-manager", "u-operator", "u-operator-b"
CITIZEN, NEIGHBOUR = "u-citizen", "u-neighbour"
INSIDE = {"lat": 52.05, "lon": 14.05}

ADAPTERS = ("mongo", "memory")


def spec_for(adapter: str) -> ServiceSpec:
    return mongo_spec if adapter == "mongo" else memory_spec()


def square(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def envelope(event: DomainEvent, aggregate_id: str, municipality_id: str = TOWN) -> Envelope[Any]:
    return envelope_for(
        event,
        aggregate_id=aggregate_id,
        sequence=1,
        actor=SystemActor(system="admin"),
        correlation_id="seed",
        municipality_id=municipality_id,
    )


def ctx(user_id: str | None, role: str = "citizen", municipality_id: str | None = None) -> RpcContext:
    if user_id is None:
        return RpcContext(correlation_id="t", actor=ANONYMOUS, client_address="192.0.2.7")
    return RpcContext(
        correlation_id="t",
        actor=UserActor(user_id=user_id, role=role),  # type: ignore[arg-type]
        municipality_id=municipality_id,
        client_address="192.0.2.7",
    )


CITIZEN_CTX = ctx(CITIZEN)
MANAGER_CTX = ctx(MANAGER, "manager", TOWN)
OPERATOR_CTX = ctx(OPERATOR, "operator", TOWN)


async def started(
    run_service: Callable[..., Awaitable[ServiceRuntime]], adapter: str, **settings: Any
) -> tuple[ServiceRuntime, TicketsDeps]:
    """The service on `adapter` with a fixed clock, knowing one town, its category and its staff."""
    runtime = await run_service(spec_for(adapter), **settings)
    deps: TicketsDeps = runtime.deps
    assert isinstance(deps.store, MemoryTicketStore) == (adapter == "memory")
    deps.clock = lambda: T0
    seed: list[tuple[Any, Envelope[Any]]] = [
        (
            project_municipality,
            envelope(
                MunicipalityCreated(
                    municipality_id=TOWN,
                    name="Spreewald",
                    slug="spreewald",
                    reference_prefix="SPR",
                    boundary=square(14, 52, 14.1, 52.1),
                ),
                TOWN,
            ),
        ),
        (
            project_category,
            envelope(
                CategoryChanged(
                    change="created",
                    category_id=CATEGORY,
                    municipality_id=TOWN,
                    code="pothole",
                    name="Pothole",
                    sla_hours=48,
                ),
                CATEGORY,
            ),
        ),
    ]
    for user_id, role, town, name in (
        (MANAGER, "manager", TOWN, "M. Anager"),
        (OPERATOR, "operator", TOWN, "O. Perator"),
        (OTHER_OPERATOR, "operator", OTHER_TOWN, "B. Operator"),
    ):
        registered = UserRegistered(user_id=user_id, role=role, municipality_id=town, display_name=name)  # type: ignore[arg-type]
        seed.append((learn_staff, envelope(registered, user_id, town)))
    for handler, event in seed:
        async with runtime.unit_of_work() as uow:
            await handler(event, uow, deps)
    return runtime, deps


def report(**overrides: Any) -> CreateTicket:
    body: dict[str, Any] = {"category_id": CATEGORY, "location": INSIDE, "description": "Deep pothole"}
    return CreateTicket.model_validate({**body, **overrides})


async def refusal(call: Awaitable[Any]) -> tuple[str, str]:
    with pytest.raises(DomainError) as refused:
        await call
    return refused.value.reply.kind, refused.value.reply.code


async def history(deps: TicketsDeps, ticket_id: str) -> list[tuple[int, str, dict[str, Any]]]:
    """(sequence, event type, data without ids) of the ticket's kept history, in order."""
    if isinstance(deps.store, MemoryTicketStore):
        events = deps.store.events_of(ticket_id)
    else:
        events = await TicketEventDocument.find({"ticket_id": ticket_id}).sort("sequence").to_list()
    return [
        (event.sequence, event.event_type, {k: v for k, v in event.data.items() if k != "ticket_id"})
        for event in events
    ]


def shown(view: TicketView) -> dict[str, Any]:
    """The view without what differs between runs (the ticket's id)."""
    return view.model_dump(mode="json", exclude={"id"})


@pytest.mark.parametrize("adapter", ADAPTERS)
async def test_report_and_read_in_three_views(
    run_service: Callable[..., Awaitable[ServiceRuntime]], adapter: str
) -> None:
    _, deps = await started(run_service, adapter)
    created = await create_ticket(report(), CITIZEN_CTX, deps)
    assert (created.reference, created.status, created.view, created.reporter_id) == (
        "SPR-1",
        "received",
        "reporter",
        CITIZEN,
    )
    assert created.due_at == T0 + timedelta(hours=48)
    assert (await create_ticket(report(), CITIZEN_CTX, deps)).reference == "SPR-2"

    views = {
        name: await get_ticket(GetTicket(ticket_id=created.id), asker, deps)
        for name, asker in (("public", ctx(None)), ("reporter", CITIZEN_CTX), ("staff", MANAGER_CTX))
    }
    assert {name: view.view for name, view in views.items()} == {
        "public": "public",
        "reporter": "reporter",
        "staff": "staff",
    }
    assert views["public"].reporter_id is None
    assert views["reporter"] == created
    assert await refusal(get_ticket(GetTicket(ticket_id="t-none"), CITIZEN_CTX, deps)) == (
        "not_found",
        "ticket_not_found",
    )
    assert [kind for _, kind, _ in await history(deps, created.id)] == ["TicketCreated"]


@pytest.mark.parametrize("adapter", ADAPTERS)
async def test_reports_are_refused_alike(
    run_service: Callable[..., Awaitable[ServiceRuntime]], adapter: str
) -> None:
    _, deps = await started(run_service, adapter, reports_per_hour=2)
    outside = report(location={"lat": 53.0, "lon": 13.0})
    assert await refusal(create_ticket(outside, CITIZEN_CTX, deps)) == ("invalid", "not_covered")
    unknown = report(category_id="c-unknown")
    assert await refusal(create_ticket(unknown, CITIZEN_CTX, deps)) == ("invalid", "category_not_found")
    await create_ticket(report(), CITIZEN_CTX, deps)
    await create_ticket(report(), CITIZEN_CTX, deps)
    assert await refusal(create_ticket(report(), CITIZEN_CTX, deps)) == ("rate_limited", "too_many_reports")
    # Another account from the same address still may (the per-address limit is 20 by default).
    assert (await create_ticket(report(), ctx(NEIGHBOUR), deps)).reference == "SPR-3"


@pytest.mark.parametrize("adapter", ADAPTERS)
async def test_assign_work_and_rate(
    run_service: Callable[..., Awaitable[ServiceRuntime]], adapter: str
) -> None:
    _, deps = await started(run_service, adapter)
    ticket = await create_ticket(report(), CITIZEN_CTX, deps)
    foreign = AssignTicket(ticket_id=ticket.id, operator_id=OTHER_OPERATOR)
    assert await refusal(assign_ticket(foreign, MANAGER_CTX, deps)) == ("invalid", "not_an_operator")
    by_operator = AssignTicket(ticket_id=ticket.id, operator_id=OPERATOR)
    assert (await refusal(assign_ticket(by_operator, OPERATOR_CTX, deps)))[0] == "forbidden"

    assigned = await assign_ticket(by_operator, MANAGER_CTX, deps)
    assert (assigned.status, assigned.assigned_operator_id, assigned.assigned_operator_name) == (
        "assigned",
        OPERATOR,
        "O. Perator",
    )
    unassigned = await unassign_ticket(UnassignTicket(ticket_id=ticket.id), MANAGER_CTX, deps)
    assert (unassigned.status, unassigned.assigned_operator_id) == ("triaged", None)
    await assign_ticket(by_operator, MANAGER_CTX, deps)
    for status, note in (("in_progress", None), ("resolved", "Filled.")):
        moved = ChangeTicketStatus(ticket_id=ticket.id, status=status, note=note)  # type: ignore[arg-type]
        assert (await change_status(moved, OPERATOR_CTX, deps)).status == status
    rated = await submit_feedback(SubmitFeedback(ticket_id=ticket.id, rating=4), CITIZEN_CTX, deps)
    assert rated.status == "resolved"

    stored = await get_ticket(GetTicket(ticket_id=ticket.id), MANAGER_CTX, deps)
    assert stored.status == "resolved" and stored.assigned_operator_id == OPERATOR
    assert [(sequence, kind) for sequence, kind, _ in await history(deps, ticket.id)] == [
        (1, "TicketCreated"),
        (2, "TicketAssigned"),
        (3, "StatusChanged"),
        (4, "TicketUnassigned"),
        (5, "StatusChanged"),
        (6, "TicketAssigned"),
        (7, "StatusChanged"),
        (8, "StatusChanged"),
        (9, "StatusChanged"),
        (10, "FeedbackSubmitted"),
    ]


@pytest.mark.parametrize("adapter", ADAPTERS)
async def test_a_stale_change_is_refused_and_leaves_nothing(
    run_service: Callable[..., Awaitable[ServiceRuntime]], adapter: str
) -> None:
    runtime, deps = await started(run_service, adapter)
    ticket = await create_ticket(report(), CITIZEN_CTX, deps)
    async with runtime.unit_of_work() as uow:
        stale = await load_from(deps.store, uow, ticket.id)
    await change_status(ChangeTicketStatus(ticket_id=ticket.id, status="triaged"), MANAGER_CTX, deps)

    later = T0 + timedelta(minutes=5)

    async def save_the_stale_ticket() -> None:
        async with runtime.unit_of_work() as uow:
            overtaken = ticket_from(stale)
            overtaken.change_status(Actor.manager(MANAGER, TOWN), "not_responsible", "Federal road.", later)
            await save(uow, overtaken, stale, MANAGER_CTX, later, store=deps.store)

    assert await refusal(save_the_stale_ticket()) == ("conflict", "ticket_changed")
    held = await get_ticket(GetTicket(ticket_id=ticket.id), MANAGER_CTX, deps)
    assert held.status == "triaged"
    assert [kind for _, kind, _ in await history(deps, ticket.id)] == ["TicketCreated", "StatusChanged"]


@pytest.mark.parametrize("adapter", ADAPTERS)
async def test_the_report_reaches_the_stream_through_the_adapters_outbox(
    run_service: Callable[..., Awaitable[ServiceRuntime]], nats_client: NatsClient, adapter: str
) -> None:
    _, deps = await started(run_service, adapter)
    ticket = await create_ticket(report(), CITIZEN_CTX, deps)
    js = nats_client.jetstream()

    async def published() -> Any:
        try:
            return await js.get_last_msg(EVENTS_STREAM, f"cityfix.events.{TOWN}.ticket.created")
        except Exception:  # not there yet
            return None

    message = await eventually(published, what="TicketCreated on CITYFIX_EVENTS")
    envelope = json.loads(message.data)
    assert (envelope["event_type"], envelope["aggregate_id"], envelope["sequence"]) == (
        "TicketCreated",
        ticket.id,
        1,
    )
    assert envelope["data"]["reference"] == "SPR-1"


async def transcript(
    run_service: Callable[..., Awaitable[ServiceRuntime]], adapter: str
) -> tuple[list[dict[str, Any]], list[tuple[int, str, dict[str, Any]]]]:
    runtime, deps = await started(run_service, adapter)
    views: list[TicketView] = []
    try:
        ticket = await create_ticket(report(answers={}, address=" Lindenstraße 3 "), CITIZEN_CTX, deps)
        views.append(ticket)
        views.append(await get_ticket(GetTicket(ticket_id=ticket.id), ctx(None), deps))
        assignment = AssignTicket(ticket_id=ticket.id, operator_id=OPERATOR)
        views.append(await assign_ticket(assignment, MANAGER_CTX, deps))
        views.append(await assign_ticket(assignment, MANAGER_CTX, deps))  # the same again changes nothing
        moved = ChangeTicketStatus(ticket_id=ticket.id, status="in_progress")
        views.append(await change_status(moved, OPERATOR_CTX, deps))
        views.append(await get_ticket(GetTicket(ticket_id=ticket.id), OPERATOR_CTX, deps))
        return [shown(view) for view in views], await history(deps, ticket.id)
    finally:
        await runtime.stop()


async def test_both_adapters_give_the_same_transcript(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
) -> None:
    on_mongo = await transcript(run_service, "mongo")
    on_memory = await transcript(run_service, "memory")
    assert on_memory == on_mongo
    views, events = on_mongo
    assert [view["status"] for view in views] == [
        "received",
        "received",
        "assigned",
        "assigned",
        "in_progress",
        "in_progress",
    ]
    assert views[0]["address"] == "Lindenstraße 3"
    assert [kind for _, kind, _ in events] == [
        "TicketCreated",
        "TicketAssigned",
        "StatusChanged",
        "StatusChanged",
    ]

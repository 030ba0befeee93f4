"""The tickets service's scheduler: SLA breaches once per ticket, and the confirmation window that closes a
resolved ticket, against a real nats-server with the service's clock replaced by a fake one (time moves
when a test says so; nobody waits for hours).

"Once" is checked where it counts: the ticket's version (every recorded event raises it by one) and the
SlaBreached messages on CITYFIX_EVENTS once the outbox is empty. It holds across a stop or a kill and a
restart around the due time, for passes running at the same time, and for two instances of the service.
"""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient

from cityfix_contracts import DomainError, Point, RpcContext, SystemActor
from cityfix_contracts.subjects import EVENTS_STREAM
from services.common.service import ServiceRuntime, ServiceSpec
from services.common.testing import eventually
from services.tickets.domain import Actor, CategoryTerms, Ticket
from services.tickets.handlers import emit_events, load, save, session_of, ticket_document, ticket_from
from services.tickets.scheduler import TicketScheduler
from services.tickets.service import dependencies, spec
from tests.support.stack import World, world
from tests.support.tickets import reported as reported_over_http
from tests.support.tickets import tickets_know_operators, tickets_know_world, worked

__all__ = ["world"]

RunService = Callable[..., Awaitable[ServiceRuntime]]

TOWN = "m-town"
T0 = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)
REPORTER = Actor.citizen("u-reporter")
MANAGER = Actor.manager("u-manager", TOWN)
OPERATOR = Actor.operator("u-operator", TOWN)
BREACHES = f"cityfix.events.{TOWN}.ticket.sla_breached"
DEADLINE = 30.0  # generous: a condition, never a performance figure


class FakeClock:
    """The service's clock in these tests: it moves only when told."""

    def __init__(self, now: datetime = T0) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now

    def advance(self, **delta: float) -> None:
        self.now += timedelta(**delta)


def ticking(clock: FakeClock) -> ServiceSpec:
    """The tickets service with `clock` in its dependencies from the start (its first pass uses it)."""

    def with_clock(runtime: ServiceRuntime) -> Any:
        deps = dependencies(runtime)
        deps.clock = clock
        return deps

    return replace(spec, dependencies=with_clock)


def scheduler_of(runtime: ServiceRuntime) -> TicketScheduler:
    scheduler: TicketScheduler | None = runtime.deps.scheduler
    assert scheduler is not None
    return scheduler


# ----- tickets, made and worked through the domain and the service's own save ---------------------------


def context(actor: Actor) -> RpcContext:
    return RpcContext(
        correlation_id=uuid.uuid4().hex, actor=actor.envelope_actor(), municipality_id=actor.municipality_id
    )


async def reported(runtime: ServiceRuntime, now: datetime, sla_hours: float | None = 48) -> str:
    """A ticket REPORTER reports at `now` in a category promising `sla_hours`; its TicketCreated in the
    outbox, as the create handler stores it."""
    ticket = Ticket.report(
        ticket_id=str(uuid.uuid4()),
        reference=f"TWN-{uuid.uuid4().hex[:8]}",
        municipality_id=TOWN,
        category=CategoryTerms(id="c-pothole", sla_hours=sla_hours),
        actor=REPORTER,
        description="Deep pothole in front of the bakery",
        location=Point(lat=52.05, lon=13.05),
        now=now,
    )
    async with runtime.unit_of_work() as uow:
        emit_events(uow, ticket, context(REPORTER), now)
        await ticket_document(ticket, reported_by=REPORTER.user_id).insert(session=session_of(uow))
    return ticket.id


async def act(
    runtime: ServiceRuntime, ticket_id: str, actor: Actor, change: Callable[[Ticket], None], now: datetime
) -> None:
    """One command on the ticket, as the RPC handlers do it: load, domain, versioned save with events."""
    async with runtime.unit_of_work() as uow:
        loaded = await load(ticket_id, session_of(uow))
        ticket = ticket_from(loaded)
        change(ticket)
        await save(uow, ticket, loaded, context(actor), now)


async def assign(runtime: ServiceRuntime, ticket_id: str, now: datetime) -> None:
    await act(
        runtime, ticket_id, MANAGER, lambda t: t.assign(MANAGER, OPERATOR.user_id, "A. Operator", now), now
    )


async def resolve(runtime: ServiceRuntime, ticket_id: str, now: datetime) -> None:
    await assign(runtime, ticket_id, now)
    await act(
        runtime, ticket_id, OPERATOR, lambda t: t.change_status(OPERATOR, "resolved", "Filled.", now), now
    )


# ----- what happened ------------------------------------------------------------------------------------


async def stored(runtime: ServiceRuntime, ticket_id: str) -> dict[str, Any]:
    document: dict[str, Any] | None = await runtime.database["tickets"].find_one({"_id": ticket_id})
    assert document is not None
    return document


async def pass_done(runtime: ServiceRuntime, clock: FakeClock) -> None:
    """Wake the scheduler and wait until a pass has run at the clock's present time."""
    scheduler = scheduler_of(runtime)
    scheduler.wake()

    async def passed() -> bool:
        return scheduler.last_pass_at == clock.now

    await eventually(passed, timeout=DEADLINE, what=f"a scheduler pass at {clock.now}")


async def relayed(runtime: ServiceRuntime) -> None:
    async def empty() -> bool:
        pending: int = await runtime.database["outbox"].count_documents({})
        return pending == 0

    await eventually(empty, timeout=DEADLINE, what="the tickets outbox relayed everything")


async def published(nats_client: NatsClient, subject: str = BREACHES) -> int:
    info = await nats_client.jetstream().stream_info(EVENTS_STREAM, subjects_filter=subject)
    return sum((info.state.subjects or {}).values())


async def breached(runtime: ServiceRuntime, ticket_id: str) -> None:
    async def recorded() -> bool:
        return (await stored(runtime, ticket_id)).get("sla_breached_at") is not None

    await eventually(recorded, timeout=DEADLINE, what="the ticket recorded its breach")


# ----- SLA breaches -------------------------------------------------------------------------------------


async def test_a_breach_is_recorded_once_when_an_open_ticket_passes_its_due_time(
    run_service: RunService, nats_client: NatsClient
) -> None:
    clock = FakeClock()
    runtime = await run_service(ticking(clock))
    ticket_id = await reported(runtime, clock.now, sla_hours=48)

    clock.advance(hours=47, minutes=59)
    await pass_done(runtime, clock)
    assert (await stored(runtime, ticket_id))["sla_breached_at"] is None  # not due yet

    clock.advance(minutes=2)
    await pass_done(runtime, clock)
    ticket = await stored(runtime, ticket_id)
    assert ticket["sla_breached_at"] == clock.now and ticket["version"] == 2  # TicketCreated, SlaBreached

    for _ in range(3):  # later passes find it breached already
        clock.advance(hours=1)
        await pass_done(runtime, clock)
    assert (await stored(runtime, ticket_id))["version"] == 2
    await relayed(runtime)
    assert await published(nats_client) == 1


async def test_an_outside_subscriber_sees_sla_breached_as_the_tickets_next_event(
    run_service: RunService, nats_client: NatsClient
) -> None:
    seen: list[dict[str, Any]] = []

    async def outside(msg: Any) -> None:
        seen.append(json.loads(msg.data))

    clock = FakeClock()
    runtime = await run_service(ticking(clock))  # it makes the streams
    subscription = await nats_client.jetstream().subscribe(
        "cityfix.events.>", cb=outside, ordered_consumer=True
    )
    ticket_id = await reported(runtime, clock.now, sla_hours=24)
    await assign(runtime, ticket_id, clock.now)  # TicketAssigned, StatusChanged → assigned
    clock.advance(hours=25)
    await pass_done(runtime, clock)

    async def four() -> list[dict[str, Any]]:
        return [e for e in seen if e["aggregate_id"] == ticket_id and e["sequence"] == 4]

    [envelope] = await eventually(four, timeout=DEADLINE, what="the ticket's fourth event on the bus")
    await subscription.unsubscribe()
    events = sorted((e for e in seen if e["aggregate_id"] == ticket_id), key=lambda e: e["sequence"])
    assert [(e["sequence"], e["event_type"]) for e in events] == [
        (1, "TicketCreated"),
        (2, "TicketAssigned"),
        (3, "StatusChanged"),
        (4, "SlaBreached"),
    ]
    assert envelope["actor"] == {"system": "tickets"}
    assert envelope["municipality_id"] == TOWN
    assert datetime.fromisoformat(envelope["occurred_at"]) == clock.now
    assert envelope["data"] == {
        "ticket_id": ticket_id,
        "due_at": (T0 + timedelta(hours=24)).isoformat().replace("+00:00", "Z"),
        "status": "assigned",
        "priority": "normal",
        "assigned_operator_id": OPERATOR.user_id,
        "breached_at": clock.now.isoformat().replace("+00:00", "Z"),
    }


@pytest.mark.parametrize("stop", ["stop", "kill"])
async def test_a_restarted_service_catches_up_a_breach_that_fell_due_while_it_was_down(
    run_service: RunService, nats_client: NatsClient, stop: str
) -> None:
    clock = FakeClock()
    first = await run_service(ticking(clock))
    ticket_id = await reported(first, clock.now, sla_hours=48)
    await relayed(first)
    await getattr(first, stop)()

    clock.advance(hours=49)
    second = await run_service(ticking(clock))  # nobody wakes it: its first pass catches up
    await breached(second, ticket_id)
    await pass_done(second, clock)
    assert (await stored(second, ticket_id))["version"] == 2
    await relayed(second)
    assert await published(nats_client) == 1


@pytest.mark.parametrize("stop", ["stop", "kill"])
async def test_a_breach_recorded_before_a_restart_is_not_emitted_again(
    run_service: RunService, nats_client: NatsClient, stop: str
) -> None:
    clock = FakeClock()
    first = await run_service(ticking(clock))
    ticket_id = await reported(first, clock.now, sla_hours=48)
    clock.advance(hours=48)  # due exactly now
    await pass_done(first, clock)
    await breached(first, ticket_id)
    await getattr(first, stop)()  # killed: the breach may still wait in the outbox

    second = await run_service(ticking(clock))  # the same moment, still past due
    await pass_done(second, clock)
    clock.advance(hours=1)
    await pass_done(second, clock)
    assert (await stored(second, ticket_id))["version"] == 2
    await relayed(second)
    assert await published(nats_client) == 1


async def test_passes_running_at_the_same_time_record_each_breach_once(
    run_service: RunService, nats_client: NatsClient
) -> None:
    clock = FakeClock()
    # The service's own loop sleeps through this test (an hour at most): only the passes below run.
    runtime = await run_service(ticking(clock), scheduler_max_sleep_seconds=3600)
    await pass_done(runtime, clock)  # its first pass, before anything is due
    tickets = [await reported(runtime, clock.now, sla_hours=hours) for hours in (1, 2, 3, 4, 5)]
    clock.advance(hours=6)
    schedulers = [TicketScheduler(runtime.deps) for _ in range(3)]

    outcomes = await asyncio.gather(*(scheduler.run_pass() for scheduler in schedulers))
    assert sum(outcome.breached for outcome in outcomes) == len(tickets)  # each by exactly one pass
    for ticket_id in tickets:
        assert (await stored(runtime, ticket_id))["version"] == 2
    await relayed(runtime)
    assert await published(nats_client) == len(tickets)


async def test_two_instances_of_the_service_record_each_breach_once(
    run_service: RunService, nats_client: NatsClient
) -> None:
    clock = FakeClock()
    one, two = await run_service(ticking(clock)), await run_service(ticking(clock))
    tickets = [await reported(one, clock.now, sla_hours=hours) for hours in (1, 2, 3)]
    clock.advance(hours=4)
    await asyncio.gather(pass_done(one, clock), pass_done(two, clock))
    for ticket_id in tickets:
        assert (await stored(one, ticket_id))["version"] == 2
    await relayed(one)
    await relayed(two)
    assert await published(nats_client) == len(tickets)


async def test_a_change_made_from_a_stale_read_is_refused_and_emits_nothing(run_service: RunService) -> None:
    """The guard is the versioned update, not the scheduler's memory: a second instance that read the
    ticket before the first recorded the breach cannot record it again."""
    clock = FakeClock()
    runtime = await run_service(ticking(clock))
    ticket_id = await reported(runtime, clock.now, sla_hours=1)
    clock.advance(hours=2)
    async with runtime.unit_of_work() as uow:
        stale = await load(ticket_id, session_of(uow))
    await pass_done(runtime, clock)  # the first instance records the breach
    await relayed(runtime)

    late = ticket_from(stale)
    late.breach_sla(clock.now)  # still looks due to the one that read early
    with pytest.raises(DomainError) as refused:
        async with runtime.unit_of_work() as uow:
            await save(uow, late, stale, context(Actor.system("tickets")), clock.now)
    assert refused.value.reply.code == "ticket_changed"
    assert await runtime.database["outbox"].count_documents({}) == 0
    assert (await stored(runtime, ticket_id))["version"] == 2


async def test_tickets_resolved_or_closed_in_time_never_breach(
    run_service: RunService, nats_client: NatsClient
) -> None:
    clock = FakeClock()
    runtime = await run_service(ticking(clock))
    fixed = await reported(runtime, clock.now, sla_hours=48)
    await resolve(runtime, fixed, clock.now + timedelta(hours=47))
    elsewhere = await reported(runtime, clock.now, sla_hours=48)
    await act(
        runtime,
        elsewhere,
        MANAGER,
        lambda t: t.change_status(MANAGER, "not_responsible", "A federal road.", clock.now),
        clock.now,
    )
    no_promise = await reported(runtime, clock.now, sla_hours=None)
    clock.advance(days=10)  # past every due date; not yet past the confirmation window of `fixed`
    await pass_done(runtime, clock)
    for ticket_id in (fixed, elsewhere, no_promise):
        assert (await stored(runtime, ticket_id))["sla_breached_at"] is None
    await relayed(runtime)
    assert await published(nats_client) == 0


async def test_a_ticket_reopened_after_its_due_time_breaches_once(run_service: RunService) -> None:
    """Reopening keeps the promise made at the report: the fix did not hold, so the ticket is open past its
    due time and breaches, once; resolving and reopening again does not breach it a second time."""
    clock = FakeClock()
    runtime = await run_service(ticking(clock))
    ticket_id = await reported(runtime, clock.now, sla_hours=48)
    await resolve(runtime, ticket_id, clock.now + timedelta(hours=24))
    clock.advance(hours=72)
    await act(
        runtime, ticket_id, REPORTER, lambda t: t.reopen(REPORTER, "Still broken.", clock.now), clock.now
    )
    await pass_done(runtime, clock)
    first = await stored(runtime, ticket_id)
    assert first["status"] == "reopened" and first["sla_breached_at"] == clock.now

    await resolve(runtime, ticket_id, clock.now)
    await act(runtime, ticket_id, REPORTER, lambda t: t.reopen(REPORTER, "Still!", clock.now), clock.now)
    clock.advance(hours=1)
    await pass_done(runtime, clock)
    again = await stored(runtime, ticket_id)
    assert again["sla_breached_at"] == first["sla_breached_at"]
    # TicketAssigned, StatusChanged (assigned, resolved, reopened), TicketReopened; no second SlaBreached
    assert again["version"] == first["version"] + 5


# ----- the confirmation window --------------------------------------------------------------------------


async def test_a_resolved_ticket_closes_itself_after_the_confirmation_window_and_not_before(
    run_service: RunService, nats_client: NatsClient
) -> None:
    clock = FakeClock()
    runtime = await run_service(ticking(clock), confirmation_window_days=3)  # the setting, not the default 14
    ticket_id = await reported(runtime, clock.now, sla_hours=None)
    await resolve(runtime, ticket_id, clock.now)
    resolved_version = (await stored(runtime, ticket_id))["version"]

    clock.advance(days=2, hours=23, minutes=59)
    await pass_done(runtime, clock)
    assert (await stored(runtime, ticket_id))["status"] == "resolved"

    clock.advance(minutes=1)
    await pass_done(runtime, clock)
    closed = await stored(runtime, ticket_id)
    assert closed["status"] == "closed" and closed["version"] == resolved_version + 1
    assert closed["history"][-1]["actor"]["user_id"] == "tickets"
    assert closed["history"][-1]["actor"]["role"] == "system"

    clock.advance(days=30)
    await pass_done(runtime, clock)
    assert (await stored(runtime, ticket_id))["version"] == resolved_version + 1
    await relayed(runtime)
    js = nats_client.jetstream()
    message = await js.get_last_msg(EVENTS_STREAM, f"cityfix.events.{TOWN}.ticket.status_changed")
    envelope = json.loads(message.data or b"{}")
    assert envelope["aggregate_id"] == ticket_id and envelope["sequence"] == resolved_version + 1
    assert envelope["actor"] == {"system": "tickets"}
    assert (envelope["data"]["from"], envelope["data"]["to"]) == ("resolved", "closed")


async def test_the_window_counts_from_the_latest_resolution_and_a_manager_may_close_first(
    run_service: RunService,
) -> None:
    clock = FakeClock()
    runtime = await run_service(ticking(clock))  # the default window: 14 days
    again = await reported(runtime, clock.now, sla_hours=None)
    await resolve(runtime, again, clock.now)
    by_manager = await reported(runtime, clock.now, sla_hours=None)
    await resolve(runtime, by_manager, clock.now)
    clock.advance(days=10)
    await act(runtime, again, REPORTER, lambda t: t.reopen(REPORTER, "Still broken.", clock.now), clock.now)
    await resolve(runtime, again, clock.now)
    await act(runtime, by_manager, MANAGER, lambda t: t.close(MANAGER, clock.now), clock.now)
    manager_closed = await stored(runtime, by_manager)

    clock.advance(days=13)  # 23 days after the first resolution, 13 after the second
    await pass_done(runtime, clock)
    assert (await stored(runtime, again))["status"] == "resolved"
    clock.advance(days=1)
    await pass_done(runtime, clock)
    assert (await stored(runtime, again))["status"] == "closed"
    assert (await stored(runtime, by_manager))["version"] == manager_closed["version"]


# ----- when it wakes ------------------------------------------------------------------------------------


async def test_it_sleeps_until_the_earliest_due_time_at_most_the_longest_sleep(
    run_service: RunService,
) -> None:
    clock = FakeClock()
    runtime = await run_service(ticking(clock), confirmation_window_days=1)
    scheduler = scheduler_of(runtime)
    assert await scheduler.next_due() is None
    assert await scheduler.seconds_to_next() == 60  # nothing due: the longest sleep (the default)

    later = await reported(runtime, clock.now, sla_hours=48)
    await reported(runtime, clock.now - timedelta(hours=1), sla_hours=1.5)  # due in 30 minutes
    assert await scheduler.next_due() == clock.now + timedelta(minutes=30)
    assert await scheduler.seconds_to_next() == 60  # capped: a new ticket may be due sooner

    clock.advance(minutes=29, seconds=50)
    assert await scheduler.seconds_to_next() == 10
    clock.advance(seconds=10)
    await pass_done(runtime, clock)
    assert await scheduler.next_due() == T0 + timedelta(hours=48)

    await resolve(runtime, later, clock.now)  # its confirmation window ends sooner than any due date
    assert await scheduler.next_due() == clock.now + timedelta(days=1)


async def test_it_wakes_by_itself_at_the_due_time(run_service: RunService) -> None:
    """On the real clock: a ticket due in two seconds is breached without anyone waking the scheduler after
    its pass, long before the longest sleep (raised to an hour here) would have ended."""
    runtime = await run_service(spec, scheduler_max_sleep_seconds=3600)
    scheduler = scheduler_of(runtime)
    now = runtime.deps.clock()
    ticket_id = await reported(runtime, now, sla_hours=2 / 3600)  # due in two seconds
    scheduler.wake()  # as a change that is due sooner than the scheduler's sleep would

    async def looked_after_it() -> bool:
        return scheduler.last_pass_at is not None and scheduler.last_pass_at > now

    await eventually(looked_after_it, timeout=DEADLINE, what="a pass after the report")
    await breached(runtime, ticket_id)


# ----- the whole stack ----------------------------------------------------------------------------------


async def test_over_http_a_late_ticket_breaches_and_a_resolved_one_closes_itself(
    world: World, nats_client: NatsClient
) -> None:
    """Reported and worked through the gateway; the tickets service's clock is a fake one from the report
    on. An outside plain nats-py subscriber sees SlaBreached and the system's StatusChanged (→ closed) as
    the ticket's next events, and the ticket over HTTP says so."""
    manager = world.person("manager_a")
    promised = await world.http.patch(
        f"/api/v1/municipalities/{world.municipality_a}/categories/{world.category_a}",
        json={"sla_hours": 24},
        headers=manager.auth(),
    )
    assert promised.status_code == 200, promised.text
    tickets = world.runtimes["tickets"]

    async def promise_known() -> bool:
        category = await tickets.database["categories"].find_one({"_id": world.category_a}) or {}
        return category.get("sla_hours") == 24

    await tickets_know_world(world)
    await eventually(promise_known, timeout=DEADLINE, what="tickets holds the category's promise")
    clock = FakeClock(datetime.now(UTC).replace(microsecond=0))  # as MongoDB keeps it: milliseconds
    tickets.deps.clock = clock
    seen: list[dict[str, Any]] = []

    async def outside(msg: Any) -> None:
        seen.append(json.loads(msg.data))

    subscription = await nats_client.jetstream().subscribe(
        "cityfix.events.>", cb=outside, ordered_consumer=True
    )
    ticket = await reported_over_http(world, "citizen", "A")
    ticket_id = ticket["id"]
    await tickets_know_operators(world)
    operator = world.person("operator_a")
    await worked(world, ticket_id, "manager_a", "assignment", {"operator_id": operator.id})

    def of_ticket() -> list[dict[str, Any]]:
        return sorted((e for e in seen if e["aggregate_id"] == ticket_id), key=lambda e: e["sequence"])

    async def events(count: int) -> bool:
        return len(of_ticket()) >= count

    clock.advance(hours=23, minutes=59)
    await pass_done(tickets, clock)
    clock.advance(minutes=1)
    await pass_done(tickets, clock)
    await eventually(lambda: events(4), timeout=DEADLINE, what="SlaBreached on the bus")
    late = await world.http.get(f"/api/v1/tickets/{ticket_id}", headers=manager.auth())
    assert datetime.fromisoformat(late.json()["sla_breached_at"]) == clock.now

    await worked(world, ticket_id, "operator_a", "status", {"status": "resolved", "note": "Filled."})
    clock.advance(days=14, minutes=1)
    await pass_done(tickets, clock)
    await eventually(lambda: events(6), timeout=DEADLINE, what="the system's StatusChanged on the bus")
    await subscription.unsubscribe()

    envelopes = of_ticket()
    assert [(e["sequence"], e["event_type"], e["data"].get("to")) for e in envelopes] == [
        (1, "TicketCreated", None),
        (2, "TicketAssigned", None),
        (3, "StatusChanged", "assigned"),
        (4, "SlaBreached", None),
        (5, "StatusChanged", "resolved"),
        (6, "StatusChanged", "closed"),
    ]
    breach, closing = envelopes[3], envelopes[5]
    assert breach["actor"] == closing["actor"] == {"system": "tickets"}
    assert breach["data"]["status"] == "assigned" and breach["data"]["assigned_operator_id"] == operator.id
    assert datetime.fromisoformat(breach["data"]["due_at"]) == datetime.fromisoformat(ticket["due_at"])
    closed = await world.http.get(f"/api/v1/tickets/{ticket_id}")
    assert closed.status_code == 200 and closed.json()["status"] == "closed"


# ----- the domain rule ----------------------------------------------------------------------------------


def fresh(sla_hours: float | None = 48) -> Ticket:
    ticket = Ticket.report(
        ticket_id="t-1",
        reference="TWN-1",
        municipality_id=TOWN,
        category=CategoryTerms(id="c-pothole", sla_hours=sla_hours),
        actor=REPORTER,
        description="Pothole",
        location=Point(lat=52.05, lon=13.05),
        now=T0,
    )
    ticket.collect_events()
    return ticket


def test_breach_sla_records_one_event_only_when_open_and_due() -> None:
    ticket = fresh()
    ticket.breach_sla(T0 + timedelta(hours=47))
    assert ticket.events == [] and ticket.sla_breached_at is None
    due = T0 + timedelta(hours=48)
    ticket.breach_sla(due)
    [event] = ticket.collect_events()
    assert event[0] == 2 and type(event[1]).__name__ == "SlaBreached"
    assert ticket.sla_breached_at == due and not ticket.events
    ticket.breach_sla(due + timedelta(days=1))
    assert ticket.events == []


def test_no_breach_without_a_due_date_or_once_resolved() -> None:
    without = fresh(sla_hours=None)
    without.breach_sla(T0 + timedelta(days=365))
    assert without.events == []
    done = fresh()
    done.assign(MANAGER, OPERATOR.user_id, "A. Operator", T0)
    done.change_status(OPERATOR, "resolved", "Filled.", T0)
    done.collect_events()
    assert not done.is_overdue(T0 + timedelta(days=3))
    done.breach_sla(T0 + timedelta(days=3))
    assert done.events == []


def test_the_system_cannot_close_before_the_window() -> None:
    ticket = fresh(sla_hours=None)
    ticket.assign(MANAGER, OPERATOR.user_id, "A. Operator", T0)
    ticket.change_status(OPERATOR, "resolved", "Filled.", T0)
    with pytest.raises(DomainError) as early:
        ticket.close(Actor.system("tickets"), T0 + timedelta(days=13))
    assert early.value.reply.code == "confirmation_window_open"
    assert Actor.system("tickets").envelope_actor() == SystemActor(system="tickets")

"""The notifications service's projections — people from the auth service's events, tickets from the
tickets service's — under shuffled and duplicated delivery (DESIGN §3.4): the same people, the same
ticket facts and the same notifications as in order.

The consumers' handlers are driven directly, bypassing the inbox of handled event ids, so every
duplicate really reaches the projections.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from typing import Any

from cityfix_contracts import Envelope
from services.common.service import ServiceRuntime
from services.notifications.documents import PersonDocument, TicketStateDocument
from services.notifications.service import spec as notifications_spec

from .journey import Cast, expected_inbox, inbox_of, journey, people_events


async def handle(runtime: ServiceRuntime, envelope: Envelope[Any]) -> None:
    """What every consumer of the service interested in this event does with it."""
    for consumer in runtime.spec.events.consumers.values():
        handler = consumer.handlers.get(envelope.event_type)
        if handler is not None:
            async with runtime.unit_of_work() as uow:
                await handler(envelope, uow, runtime.deps)


async def test_shuffled_and_duplicated_events_notify_exactly_as_in_order(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
) -> None:
    runtime = await run_service(notifications_spec)  # no SMTP server: emails stay queued, to be counted
    cast = Cast.fresh()
    people = people_events(cast) * 2
    random.Random(11).shuffle(people)
    for envelope in people:
        await handle(runtime, envelope)

    in_order = journey(cast, "t-in-order", "POT-1")
    for envelope in in_order:
        await handle(runtime, envelope)
    shuffled = journey(cast, "t-shuffled", "POT-2")
    deliveries = shuffled * 2
    for seed in range(3):  # a few orders, so an early arrival of every kind is likely among them
        random.Random(seed).shuffle(deliveries)
    for envelope in deliveries:
        await handle(runtime, envelope)

    database = runtime.database
    expected = expected_inbox(cast)
    for person in cast.everyone():
        assert await inbox_of(database, in_order, person) == expected[person], person
        assert await inbox_of(database, shuffled, person) == expected[person], person

    facts = {}
    for ticket_id in ("t-in-order", "t-shuffled"):
        state = await TicketStateDocument.get(ticket_id)
        assert state is not None and state.applied == 12 and state.waiting == {}
        facts[ticket_id] = state.model_dump(exclude={"id", "revision_id", "reference", "version"})
    assert facts["t-in-order"] == facts["t-shuffled"]
    assert facts["t-in-order"]["followers"] == sorted([cast.follower, cast.late_follower])
    assert facts["t-in-order"]["status"] == "reopened"

    manager = await PersonDocument.get(cast.manager)
    retired = await PersonDocument.get(cast.retired_manager)
    assert manager is not None and retired is not None
    assert (manager.role, manager.municipality_id, manager.active) == ("manager", "m-potsdam", True)
    assert (manager.email, manager.full_name) == (cast.email(cast.manager), f"Person {cast.manager}")
    assert (retired.role, retired.active) == ("manager", False)

    # The reporter's three changes of status (not their own reopening), once each: queued emails.
    for ticket in (in_order, shuffled):
        mails = await database["deliveries"].count_documents(
            {"recipient": cast.citizen, "event_id": {"$in": [e.event_id for e in ticket]}}
        )
        assert mails == 3
        # And the manager's email of the new report (their preferences' default: one per new report).
        new_report = {"recipient": cast.manager, "event_id": ticket[0].event_id, "kind": "ticket_created"}
        assert await database["deliveries"].count_documents(new_report) == 1
    others = {"recipient": {"$nin": [cast.citizen, cast.manager]}}
    assert await database["deliveries"].count_documents(others) == 0


async def test_an_event_waits_for_its_predecessor(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
) -> None:
    runtime = await run_service(notifications_spec)
    cast = Cast.fresh()
    for envelope in people_events(cast):
        await handle(runtime, envelope)
    created, followed, assigned, *_ = journey(cast, "t-gap", "POT-3")

    await handle(runtime, assigned)  # sequence 3 before 1 and 2: nothing can be decided yet
    state = await TicketStateDocument.get("t-gap")
    assert state is not None and state.applied == 0 and list(state.waiting) == ["3"]
    assert await runtime.database["notifications"].count_documents({"event_id": assigned.event_id}) == 0

    await handle(runtime, created)
    await handle(runtime, followed)  # fills the gap: 2, then the waiting 3, are applied
    state = await TicketStateDocument.get("t-gap")
    assert state is not None and state.applied == 3 and state.waiting == {}
    told = await runtime.database["notifications"].count_documents({"event_id": assigned.event_id})
    assert told == 2  # the operator and the reporter

"""The journey of one ticket (issue 5's acceptance), through the whole system over HTTP and NATS: a citizen
reports, a manager assigns an operator, the operator works and resolves it, the citizen rates the fix.
An outside plain nats-py subscriber sees exactly the ticket's six events, in order, with consecutive
sequences and the whole envelope of DESIGN §2."""

from __future__ import annotations

import json
import uuid
from datetime import datetime, timedelta
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg

from cityfix_contracts import DomainError, RpcContext, UserActor, utc_now
from services.common.testing import eventually
from services.tickets.documents import TicketDocument
from services.tickets.domain import Actor
from services.tickets.handlers import save, ticket_from
from tests.support.stack import World, world
from tests.support.tickets import assigned, reported, tickets_know_operators

__all__ = ["world"]

ENVELOPE_FIELDS = {
    "event_id",
    "event_type",
    "schema_version",
    "occurred_at",
    "municipality_id",
    "aggregate_id",
    "sequence",
    "actor",
    "correlation_id",
    "causation_id",
    "data",
}


async def test_report_assign_work_resolve_rate(world: World, nats_client: NatsClient) -> None:
    seen: list[tuple[str, dict[str, Any]]] = []

    async def outside(msg: Msg) -> None:
        seen.append((msg.subject, json.loads(msg.data)))

    subscription = await nats_client.jetstream().subscribe(
        "cityfix.events.>", cb=outside, ordered_consumer=True
    )
    try:
        await _journey(world, seen)
    finally:
        await subscription.unsubscribe()


async def _journey(w: World, seen: list[tuple[str, dict[str, Any]]]) -> None:
    citizen, manager, operator = w.person("citizen"), w.person("manager_a"), w.person("operator_a")
    ticket = await reported(w, "citizen", "A")
    ticket_id = ticket["id"]
    await tickets_know_operators(w)

    steps: list[tuple[Any, str, str, dict[str, Any]]] = [
        (manager, "post", "assignment", {"operator_id": operator.id}),
        (operator, "post", "status", {"status": "in_progress"}),
        (operator, "post", "status", {"status": "resolved", "note": "Filled and sealed."}),
        (citizen, "post", "feedback", {"rating": 5, "comment": "Quick, thank you!"}),
    ]
    correlations = [f"journey-{uuid.uuid4().hex[:8]}" for _ in steps]
    answers = []
    for (person, method, path, body), correlation in zip(steps, correlations, strict=True):
        response = await w.http.request(
            method.upper(),
            f"/api/v1/tickets/{ticket_id}/{path}",
            json=body,
            headers={**person.auth(), "X-Correlation-ID": correlation},
        )
        assert response.status_code == 200, response.text
        answers.append(response.json())
    assigned, working, resolved, rated = answers
    assert assigned["status"] == "assigned" and assigned["view"] == "staff"
    assert assigned["assigned_operator_id"] == operator.id and assigned["assigned_operator_name"]
    assert working["status"] == "in_progress" and resolved["status"] == "resolved"
    assert rated["status"] == "resolved" and rated["view"] == "reporter"
    assert rated["assigned_operator_id"] is None  # staff view only

    def of_ticket() -> list[dict[str, Any]]:
        return [envelope for _, envelope in seen if envelope["aggregate_id"] == ticket_id]

    async def all_six() -> bool:
        return len(of_ticket()) >= 6

    await eventually(all_six, what="the journey's six events on CITYFIX_EVENTS")
    envelopes = of_ticket()
    kinds = [(e["event_type"], e["data"].get("to")) for e in envelopes]
    assert kinds == [
        ("TicketCreated", None),
        ("TicketAssigned", None),
        ("StatusChanged", "assigned"),
        ("StatusChanged", "in_progress"),
        ("StatusChanged", "resolved"),
        ("FeedbackSubmitted", None),
    ]
    assert [e["sequence"] for e in envelopes] == [1, 2, 3, 4, 5, 6]
    subjects = [subject for subject, e in seen if e["aggregate_id"] == ticket_id]
    a = w.municipality_a
    assert subjects == [
        f"cityfix.events.{a}.ticket.created",
        f"cityfix.events.{a}.ticket.assigned",
        *[f"cityfix.events.{a}.ticket.status_changed"] * 3,
        f"cityfix.events.{a}.ticket.feedback_submitted",
    ]
    for envelope in envelopes:
        assert set(envelope) == ENVELOPE_FIELDS, envelope
        uuid.UUID(envelope["event_id"])
        assert envelope["schema_version"] == 1 and envelope["municipality_id"] == a
        assert datetime.fromisoformat(envelope["occurred_at"]).utcoffset() == timedelta(0)
        assert envelope["data"]["ticket_id"] == ticket_id
    assert len({e["event_id"] for e in envelopes}) == 6

    created, assigned_event, to_assigned, to_working, to_resolved, feedback = envelopes
    assert created["actor"] == {"user_id": citizen.id, "role": "citizen"}
    for envelope in (assigned_event, to_assigned):
        assert envelope["actor"] == {"user_id": manager.id, "role": "manager"}
        assert envelope["correlation_id"] == correlations[0]
    assert assigned_event["data"]["operator_id"] == operator.id
    assert assigned_event["data"]["operator_name"] == assigned["assigned_operator_name"]
    assert (to_assigned["data"]["from"], to_assigned["data"]["to"]) == ("received", "assigned")
    assert (to_working["data"]["from"], to_working["correlation_id"]) == ("assigned", correlations[1])
    assert to_working["actor"] == {"user_id": operator.id, "role": "operator"}
    assert to_resolved["data"]["from"] == "in_progress"
    assert to_resolved["data"]["note"] == "Filled and sealed."
    assert to_resolved["correlation_id"] == correlations[2]
    assert feedback["actor"] == {"user_id": citizen.id, "role": "citizen"}
    assert feedback["data"]["rating"] == 5 and feedback["correlation_id"] == correlations[3]
    raw = json.dumps(envelopes)
    assert citizen.email not in raw  # outside systems never learn who reported


async def test_a_change_that_lost_the_race_is_refused_and_emits_nothing(world: World) -> None:
    ticket = await assigned(world, "A")
    runtime = world.runtimes["tickets"]
    stale = await TicketDocument.get(ticket["id"])
    assert stale is not None and stale.version == 3
    await TicketDocument.get_pymongo_collection().update_one(
        {"_id": ticket["id"]}, {"$inc": {"version": 1}}
    )  # someone else's change, committed after this request loaded the ticket
    working = ticket_from(stale)
    operator = world.person("operator_a")
    working.change_status(Actor.operator(operator.id, world.municipality_a), "in_progress", None, utc_now())
    context = RpcContext(correlation_id="race", actor=UserActor(user_id=operator.id, role="operator"))
    with pytest.raises(DomainError) as refused:
        async with runtime.unit_of_work() as uow:
            await save(uow, working, stale, context, utc_now())
    reply = refused.value.reply
    assert (reply.kind, reply.code, reply.http_status) == ("conflict", "ticket_changed", 409)
    assert uow.events == []  # nothing for the outbox
    held = await TicketDocument.get(ticket["id"])
    assert held is not None and held.status == "assigned"

"""Managers' tools through the whole system over HTTP and NATS (the `world` fixture): the partial update
(PUT), a category's default operator, the per-address report limit, moderation and transfer — each with
what an outside plain nats-py subscriber sees on CITYFIX_EVENTS."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator, Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

import httpx
import pytest
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg

from cityfix_contracts import RpcContext, UserActor
from cityfix_contracts.commands.tickets import CreateTicket, TicketView
from services.cli.registry import service_spec
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from tests.support.stack import World, world
from tests.support.tickets import (
    POINTS,
    assigned,
    report,
    reported,
    ticket_body,
    tickets_know_operators,
    tickets_know_world,
    worked,
)

__all__ = ["world"]


class Bus:
    """What an outside system subscribed to every public event sees, in order."""

    def __init__(self) -> None:
        self.seen: list[tuple[str, dict[str, Any]]] = []

    async def on_message(self, msg: Msg) -> None:
        self.seen.append((msg.subject, json.loads(msg.data)))

    def of(self, ticket_id: str) -> list[dict[str, Any]]:
        return [envelope for _, envelope in self.seen if envelope["aggregate_id"] == ticket_id]

    def subjects_of(self, ticket_id: str) -> list[str]:
        return [subject for subject, envelope in self.seen if envelope["aggregate_id"] == ticket_id]

    async def wait(self, ticket_id: str, count: int) -> list[dict[str, Any]]:
        async def arrived() -> bool:
            return len(self.of(ticket_id)) >= count

        await eventually(arrived, what=f"{count} events of ticket {ticket_id}")
        return self.of(ticket_id)


@pytest.fixture
async def bus(nats_client: NatsClient) -> AsyncIterator[Bus]:
    watcher = Bus()
    subscription = await nats_client.jetstream().subscribe(
        "cityfix.events.>", cb=watcher.on_message, ordered_consumer=True
    )
    yield watcher
    await subscription.unsubscribe()


def kinds(envelopes: list[dict[str, Any]]) -> list[tuple[str, Any]]:
    return [(e["event_type"], e["data"].get("to")) for e in envelopes]


async def put(w: World, ticket_id: str, person: str, body: Any) -> httpx.Response:
    return await w.http.put(f"/api/v1/tickets/{ticket_id}", json=body, headers=w.person(person).auth())


async def moderate(w: World, ticket_id: str, person: str, body: Any) -> httpx.Response:
    return await w.http.patch(
        f"/api/v1/tickets/{ticket_id}/moderation", json=body, headers=w.person(person).auth()
    )


async def transfer(w: World, ticket_id: str, person: str, body: Any) -> httpx.Response:
    return await w.http.post(
        f"/api/v1/tickets/{ticket_id}/transfer", json=body, headers=w.person(person).auth()
    )


async def read(w: World, ticket_id: str, person: str | None) -> httpx.Response:
    headers = w.person(person).auth() if person else {}
    return await w.http.get(f"/api/v1/tickets/{ticket_id}", headers=headers)


def error(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    body: dict[str, Any] = response.json()["error"]
    return body


async def tickets_hold_category(w: World, category_id: str, **expected: Any) -> None:
    categories = w.runtimes["tickets"].database["categories"]

    async def held() -> bool:
        found = await categories.find_one({"_id": category_id}) or {}
        return bool(found.get("sequence")) and all(found.get(k) == v for k, v in expected.items())

    await eventually(held, what=f"tickets holds category {category_id} with {expected}")


async def new_category_a(w: World, **fields: Any) -> str:
    """Another category of municipality A, created by its manager and projected by tickets."""
    body = {"code": "streetlight", "name": "Streetlight", **fields}
    response = await w.http.post(
        f"/api/v1/municipalities/{w.municipality_a}/categories",
        json=body,
        headers=w.person("manager_a").auth(),
    )
    assert response.status_code == 201, response.text
    category_id: str = response.json()["id"]
    await tickets_hold_category(w, category_id)
    return category_id


async def change_category(w: World, category_id: str, municipality_id: str, **changes: Any) -> None:
    manager = "manager_a" if municipality_id == w.municipality_a else "manager_b"
    response = await w.http.patch(
        f"/api/v1/municipalities/{municipality_id}/categories/{category_id}",
        json=changes,
        headers=w.person(manager).auth(),
    )
    assert response.status_code == 200, response.text
    await tickets_hold_category(w, category_id, **changes)


# ----- PUT /tickets/{id} ---------------------------------------------------------------------------------


async def test_put_assigns_like_the_assignment_route_and_sets_priority_and_category(
    world: World, bus: Bus
) -> None:
    w = world
    manager, operator = w.person("manager_a"), w.person("operator_a")
    streetlight = await new_category_a(w, sla_hours=24)
    ticket = await reported(w, "citizen", "A")
    await tickets_know_operators(w)

    response = await put(w, ticket["id"], "manager_a", {"assigned_operator_id": operator.id})
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["view"], body["status"], body["assigned_operator_id"]) == ("staff", "assigned", operator.id)

    changed = await put(w, ticket["id"], "manager_a", {"priority": "urgent", "category_id": streetlight})
    assert changed.status_code == 200, changed.text
    body = changed.json()
    assert (body["priority"], body["category_id"], body["status"]) == ("urgent", streetlight, "assigned")
    # The new category's 24 hours, counted from the report.
    reported_at = datetime.fromisoformat(body["created_at"])  # as stored (MongoDB keeps milliseconds)
    assert ticket["due_at"] is None and datetime.fromisoformat(body["due_at"]) - reported_at == timedelta(
        hours=24
    )
    unassigned = await put(w, ticket["id"], "manager_a", {"assigned_operator_id": None})
    assert unassigned.status_code == 200, unassigned.text
    assert (unassigned.json()["status"], unassigned.json()["assigned_operator_id"]) == ("triaged", None)
    # The same values again (and null on an unassigned ticket) change nothing and emit nothing.
    stored = (await read(w, ticket["id"], "manager_a")).json()
    same = await put(w, ticket["id"], "manager_a", {"priority": "urgent", "assigned_operator_id": None})
    assert same.status_code == 200 and same.json() == stored

    envelopes = await bus.wait(ticket["id"], 7)
    assert kinds(envelopes) == [
        ("TicketCreated", None),
        ("TicketAssigned", None),
        ("StatusChanged", "assigned"),
        ("TicketRecategorized", streetlight),
        ("TicketPrioritized", "urgent"),
        ("TicketUnassigned", None),
        ("StatusChanged", "triaged"),
    ]
    assert [e["sequence"] for e in envelopes] == list(range(1, 8))
    assigned_event, recategorized, prioritized = envelopes[1], envelopes[3], envelopes[4]
    assert assigned_event["actor"] == {"user_id": manager.id, "role": "manager"}
    assert assigned_event["data"]["operator_id"] == operator.id
    assert (recategorized["data"]["from"], recategorized["data"]["due_at"]) == (w.category_a, body["due_at"])
    assert prioritized["data"]["from"] == "normal"
    assert {subject.split(".")[2] for subject in bus.subjects_of(ticket["id"])} == {w.municipality_a}


async def test_put_refuses_what_it_cannot_do(world: World) -> None:
    w = world
    ticket = (await read(w, (await reported(w, "citizen", "A"))["id"], "manager_a")).json()
    await tickets_know_operators(w)
    empty = error(await put(w, ticket["id"], "manager_a", {}), 422)
    assert empty["code"] == "validation_failed" and "at least one of" in json.dumps(empty)
    unknown = error(await put(w, ticket["id"], "manager_a", {"status": "closed"}), 422)
    assert unknown["details"]["fields"][0]["field"] == "status"
    assert (
        error(await put(w, ticket["id"], "manager_a", {"priority": None}), 422)["code"] == "validation_failed"
    )
    assert error(await put(w, ticket["id"], "manager_a", {"priority": "asap"}), 422)
    foreign = error(await put(w, ticket["id"], "manager_a", {"category_id": w.category_b}), 422)
    assert foreign["code"] == "category_not_found"
    not_ours = error(
        await put(w, ticket["id"], "manager_a", {"assigned_operator_id": w.person("operator_b").id}), 422
    )
    assert not_ours["code"] == "not_an_operator"
    inactive = await new_category_a(w)
    await change_category(w, inactive, w.municipality_a, active=False)
    assert error(await put(w, ticket["id"], "manager_a", {"category_id": inactive}), 422)["code"] == (
        "category_inactive"
    )
    assert error(await put(w, ticket["id"], "manager_b", {"priority": "low"}), 403)["code"] == (
        "other_municipality"
    )
    assert error(await put(w, ticket["id"], "operator_a", {"priority": "low"}), 403)
    # A refused update changes nothing, also not in part.
    mixed = {"priority": "low", "assigned_operator_id": w.person("operator_b").id}
    assert error(await put(w, ticket["id"], "manager_a", mixed), 422)["code"] == "not_an_operator"
    held = (await read(w, ticket["id"], "manager_a")).json()
    assert (held["priority"], held["status"], held["updated_at"]) == (
        "normal",
        "received",
        ticket["updated_at"],
    )
    rejected = await worked(
        w, ticket["id"], "manager_a", "status", {"status": "not_responsible", "note": "Private."}
    )
    assert (
        error(await put(w, ticket["id"], "manager_a", {"priority": "low"}), 409)["code"] == "ticket_not_open"
    )
    assert rejected["status"] == "not_responsible"


# ----- a category's default operator ---------------------------------------------------------------------


async def test_a_category_s_default_operator_gets_new_reports_while_active(world: World, bus: Bus) -> None:
    w = world
    operator = w.person("operator_a")
    await tickets_know_world(w)
    await tickets_know_operators(w)
    await change_category(w, w.category_a, w.municipality_a, default_operator_id=operator.id)

    ticket = await reported(w, "citizen", "A")
    assert (ticket["status"], ticket["view"], ticket["assigned_operator_name"]) == (
        "assigned",
        "reporter",
        "Operator A",
    )
    envelopes = await bus.wait(ticket["id"], 3)
    assert kinds(envelopes) == [
        ("TicketCreated", None),
        ("TicketAssigned", None),
        ("StatusChanged", "assigned"),
    ]
    assert [e["sequence"] for e in envelopes] == [1, 2, 3]
    assert envelopes[0]["actor"] == {"user_id": w.person("citizen").id, "role": "citizen"}
    for envelope in envelopes[1:]:
        assert envelope["actor"] == {"system": "category_default_operator"}
        assert envelope["correlation_id"] == envelopes[0]["correlation_id"]
    assert envelopes[1]["data"]["operator_id"] == operator.id
    assert (await read(w, ticket["id"], "operator_a")).json()["assigned_operator_id"] == operator.id

    # A deactivated default operator leaves new reports unassigned.
    deactivated = await w.http.patch(
        f"/api/v1/users/{operator.id}", json={"active": False}, headers=w.person("manager_a").auth()
    )
    assert deactivated.status_code == 200, deactivated.text
    staff = w.runtimes["tickets"].database["staff"]

    async def tickets_know_it() -> bool:
        return (await staff.find_one({"_id": operator.id}) or {}).get("active") is False

    await eventually(tickets_know_it, what="tickets knows operator_a is deactivated")
    later = await reported(w, "citizen", "A")
    assert (later["status"], later["assigned_operator_name"]) == ("received", None)
    assert kinds(await bus.wait(later["id"], 1)) == [("TicketCreated", None)]
    assert (await reported(w, "citizen", "B"))["status"] == "received"  # B's category has no default


# ----- the per-address limit -----------------------------------------------------------------------------


async def test_citizens_reports_per_address_are_limited_staff_are_exempt(
    world: World, run_service: Callable[..., Awaitable[ServiceRuntime]]
) -> None:
    # The per-address limit (20 an hour by default) is lowered to 2 for this test only: the world's tickets
    # service restarts with a run_service override, keeping its database.
    w = world
    await w.runtimes["tickets"].stop()
    w.runtimes["tickets"] = await run_service(service_spec("tickets"), reports_per_address_per_hour=2)
    await reported(w, "citizen", "A")
    await reported(w, "citizen_2", "B")  # another account, the same address (the test client's)
    for person in ("citizen_2", "citizen"):
        limited = await report(w, person, "A")
        body = error(limited, 429)
        assert body["code"] == "too_many_reports_from_address"
        retry_after = int(limited.headers["Retry-After"])
        assert 0 < retry_after <= 3600 and body["details"]["retry_after"] == retry_after
    # Staff filing for someone who phoned are not held up by the citizens' address.
    assert (await report(w, "operator_a", "A")).status_code == 201
    # A citizen from another address still gets through (as the gateway would call from there).
    citizen = w.person("citizen")
    context = RpcContext(
        correlation_id="other-address",
        actor=UserActor(user_id=citizen.id, role="citizen"),
        client_address="198.51.100.7",
    )
    view = await w.rpc.call(CreateTicket.model_validate(ticket_body(w, "A")), context)
    assert isinstance(view, TicketView) and view.status == "received"
    # What is kept for counting is the address and the time, apart from the ticket and the account.
    origins = await w.runtimes["tickets"].database["report_origins"].find({}).to_list(None)
    assert len(origins) == 3
    assert {key for origin in origins for key in origin} == {
        "_id",
        "client_address",
        "reported_at",
        "expires_at",
    }


# ----- moderation ----------------------------------------------------------------------------------------


async def test_moderation_edits_and_hides_with_an_audit_for_staff(world: World, bus: Bus) -> None:
    w = world
    manager, citizen = w.person("manager_a"), w.person("citizen")
    original = "Pothole in front of number 12, call Mrs Example on 0331 123456"
    ticket = await reported(w, "citizen", "A", description=original)

    edited = await moderate(
        w,
        ticket["id"],
        "manager_a",
        {"description": "Pothole in front of number 12", "reason": "Phone number"},
    )
    assert edited.status_code == 200, edited.text
    audit = edited.json()
    assert (audit["description"], audit["original_description"], audit["hidden"]) == (
        "Pothole in front of number 12",
        original,
        False,
    )
    [entry] = audit["entries"]
    assert entry["action"] == "edited" and entry["by"] == {"user_id": manager.id, "role": "manager"}
    assert (entry["before"], entry["after"], entry["reason"]) == (
        original,
        audit["description"],
        "Phone number",
    )
    public = await read(w, ticket["id"], None)
    assert public.json()["description"] == audit["description"] and "0331" not in public.text

    hidden = await moderate(w, ticket["id"], "manager_a", {"hidden": True, "reason": "Under review"})
    assert hidden.status_code == 200 and hidden.json()["hidden"] is True
    for outsider in (None, "citizen_2", "manager_b", "operator_b"):
        assert error(await read(w, ticket["id"], outsider), 404)["code"] == "ticket_not_found", outsider
    for insider in ("citizen", "operator_a", "manager_a"):
        seen = await read(w, ticket["id"], insider)
        assert seen.status_code == 200 and seen.json()["hidden"] is True, insider

    staff_audit = await w.http.get(
        f"/api/v1/tickets/{ticket['id']}/moderation", headers=w.person("operator_a").auth()
    )
    assert staff_audit.status_code == 200 and staff_audit.json()["original_description"] == original
    assert [e["action"] for e in staff_audit.json()["entries"]] == ["edited", "hidden"]
    foreign = await w.http.get(
        f"/api/v1/tickets/{ticket['id']}/moderation", headers=w.person("manager_b").auth()
    )
    assert error(foreign, 404)["code"] == "ticket_not_found" and original not in foreign.text

    shown = await moderate(w, ticket["id"], "manager_a", {"hidden": False})
    assert shown.status_code == 200 and (await read(w, ticket["id"], None)).status_code == 200
    foreign = await w.http.get(
        f"/api/v1/tickets/{ticket['id']}/moderation", headers=w.person("manager_b").auth()
    )
    assert error(foreign, 403)["code"] == "staff_only" and original not in foreign.text

    assert error(await moderate(w, ticket["id"], "manager_a", {}), 422)["code"] == "validation_failed"
    assert error(await moderate(w, ticket["id"], "manager_a", {"description": None}), 422)
    assert error(await moderate(w, ticket["id"], "manager_a", {"description": "<b>x</b>"}), 422)["code"] == (
        "description_has_html"
    )
    assert error(await moderate(w, ticket["id"], "manager_b", {"hidden": True}), 403)["code"] == (
        "other_municipality"
    )
    assert error(await moderate(w, ticket["id"], "operator_a", {"hidden": True}), 403)

    envelopes = await bus.wait(ticket["id"], 4)
    assert [e["event_type"] for e in envelopes] == [
        "TicketCreated",
        "TicketEdited",
        "TicketHidden",
        "TicketUnhidden",
    ]
    assert [e["sequence"] for e in envelopes] == [1, 2, 3, 4]
    moderation_events = json.dumps(envelopes[1:])
    for secret in ("0331", "Phone number", "Under review", citizen.id, citizen.email):
        assert secret not in moderation_events, secret
    assert envelopes[1]["data"] == {"ticket_id": ticket["id"], "description": "Pothole in front of number 12"}


# ----- transfer ------------------------------------------------------------------------------------------


async def test_a_misrouted_ticket_moves_to_the_other_municipality(world: World, bus: Bus) -> None:
    w = world
    manager_a, citizen = w.person("manager_a"), w.person("citizen")
    ticket = await assigned(w, "A")
    body = {"municipality_id": w.municipality_b, "category_id": w.category_b, "note": "Cottbus maintains it."}

    assert error(await transfer(w, ticket["id"], "operator_a", body), 403)
    assert error(await transfer(w, ticket["id"], "manager_b", body), 403)["code"] == "other_municipality"
    same = {**body, "municipality_id": w.municipality_a, "category_id": w.category_a}
    assert error(await transfer(w, ticket["id"], "manager_a", same), 422)["code"] == "same_municipality"
    wrong_category = {**body, "category_id": w.category_a}
    assert (
        error(await transfer(w, ticket["id"], "manager_a", wrong_category), 422)["code"]
        == "category_not_found"
    )
    nowhere = {**body, "municipality_id": "no-such-municipality"}
    assert (
        error(await transfer(w, ticket["id"], "manager_a", nowhere), 422)["code"] == "municipality_not_found"
    )
    assert error(await transfer(w, ticket["id"], "manager_a", {**body, "note": ""}), 422)

    moved = await transfer(w, ticket["id"], "manager_a", {**body, "note": " Cottbus maintains it. "})
    assert moved.status_code == 200, moved.text
    view = moved.json()
    assert (view["view"], view["municipality_id"], view["category_id"]) == (
        "public",
        w.municipality_b,
        w.category_b,
    )
    assert view["reference"] == "COT-1" and view["former_references"] == [ticket["reference"]]
    assert (view["status"], view["assigned_operator_name"], view["reporter_id"]) == ("received", None, None)

    staff_b = (await read(w, ticket["id"], "manager_b")).json()
    assert (staff_b["view"], staff_b["assigned_operator_id"]) == ("staff", None)
    assert (await read(w, ticket["id"], "citizen")).json()["view"] == "reporter"
    # The receiving municipality works it; the one it left no longer can.
    await tickets_know_operators(w)
    operator_b = w.person("operator_b").id
    taken = await worked(w, ticket["id"], "manager_b", "assignment", {"operator_id": operator_b})
    assert taken["status"] == "assigned"
    refused = await w.http.post(
        f"/api/v1/tickets/{ticket['id']}/status",
        json={"status": "in_progress"},
        headers=w.person("operator_a").auth(),
    )
    assert error(refused, 403)["code"] == "other_municipality"
    assert (
        error(await put(w, ticket["id"], "manager_a", {"priority": "low"}), 403)["code"]
        == "other_municipality"
    )
    assert (await report(w, "citizen", "A")).json()["reference"] == "POT-2"  # A's numbering goes on

    envelopes = await bus.wait(ticket["id"], 7)
    assert kinds(envelopes)[3:] == [
        ("TicketTransferred", None),
        ("StatusChanged", "received"),
        ("TicketAssigned", None),
        ("StatusChanged", "assigned"),
    ]
    assert [e["sequence"] for e in envelopes] == list(range(1, 8))
    a, b = w.municipality_a, w.municipality_b
    assert bus.subjects_of(ticket["id"])[3:5] == [
        f"cityfix.events.{b}.ticket.transferred",
        f"cityfix.events.{b}.ticket.status_changed",
    ]
    transferred = envelopes[3]
    assert transferred["municipality_id"] == b
    assert transferred["actor"] == {"user_id": manager_a.id, "role": "manager"}
    data = transferred["data"]
    assert (data["from_municipality_id"], data["municipality_id"]) == (a, b)
    assert (data["from_reference"], data["reference"]) == (ticket["reference"], "COT-1")
    assert (data["from_status"], data["status"], data["previous_operator_id"]) == (
        "assigned",
        "received",
        w.person("operator_a").id,
    )
    assert (data["note"], data["location"], data["reporter_id"]) == (
        "Cottbus maintains it.",
        POINTS["A"],
        citizen.id,
    )
    assert data["description"] == ticket["description"] and data["created_at"]
    assert envelopes[4]["data"]["from"] == "assigned"
    assert citizen.email not in json.dumps(envelopes)


async def test_an_admin_transfers_and_a_transferred_ticket_can_come_back(world: World) -> None:
    w = world
    ticket = await reported(w, "citizen", "B")
    to_a = {"municipality_id": w.municipality_a, "category_id": w.category_a, "note": "Potsdam's street."}
    moved = await transfer(w, ticket["id"], "admin", to_a)
    assert moved.status_code == 200, moved.text
    assert (moved.json()["view"], moved.json()["reference"]) == ("staff", "POT-1")
    back = {
        "municipality_id": w.municipality_b,
        "category_id": w.category_b,
        "note": "It was Cottbus after all.",
    }
    returned = await transfer(w, ticket["id"], "manager_a", back)
    assert returned.status_code == 200, returned.text
    assert returned.json()["reference"] == "COT-2"
    assert returned.json()["former_references"] == [ticket["reference"], "POT-1"]
    resolved = await worked(
        w, ticket["id"], "manager_b", "status", {"status": "not_responsible", "note": "Not ours"}
    )
    assert resolved["status"] == "not_responsible"
    again = await transfer(w, ticket["id"], "manager_b", to_a)  # not_responsible is what misrouted means
    assert again.status_code == 200 and again.json()["reference"] == "POT-2"

    # A municipality that takes no reports takes no transfers either.
    closed = await w.http.patch(
        f"/api/v1/municipalities/{w.municipality_b}", json={"active": False}, headers=w.person("admin").auth()
    )
    assert closed.status_code == 200, closed.text
    municipalities = w.runtimes["tickets"].database["municipalities"]

    async def tickets_know_it() -> bool:
        return (await municipalities.find_one({"_id": w.municipality_b}) or {}).get("active") is False

    await eventually(tickets_know_it, what="tickets knows Cottbus is inactive")
    refused = await transfer(w, ticket["id"], "manager_a", back)
    assert error(refused, 422)["code"] == "municipality_inactive"
    assert (await read(w, ticket["id"], "manager_a")).json()["reference"] == "POT-2"

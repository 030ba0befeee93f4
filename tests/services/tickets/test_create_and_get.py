"""Reporting a ticket and reading it, through the whole system over HTTP and NATS (the `world` fixture):
the outside event, where a report may go, the category's questions, references per municipality, the
three views, and the per-account rate limit."""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Any

from nats.aio.client import Client as NatsClient

from cityfix_contracts.subjects import EVENTS_STREAM
from services.cli.registry import service_spec
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from tests.support.stack import World, world
from tests.support.tickets import BERLIN, POINTS, report, reported, ticket_body, tickets_know_world

__all__ = ["world"]

QUESTIONS = [
    {
        "code": "depth",
        "datatype": "singlevaluelist",
        "required": True,
        "description": "How deep is it?",
        "values": [{"key": "shallow", "name": "Shallow"}, {"key": "deep", "name": "Deep"}],
    },
    {"code": "width_cm", "datatype": "number", "description": "How wide is it, in cm?"},
]


async def change_category_a(w: World, **changes: Any) -> None:
    """Change A's category as its manager, and wait until the tickets service has projected the change."""
    await tickets_know_world(w)
    categories = w.runtimes["tickets"].database["categories"]
    before = (await categories.find_one({"_id": w.category_a}))["sequence"]
    response = await w.http.patch(
        f"/api/v1/municipalities/{w.municipality_a}/categories/{w.category_a}",
        json=changes,
        headers=w.person("manager_a").auth(),
    )
    assert response.status_code == 200, response.text

    async def projected() -> bool:
        held = await categories.find_one({"_id": w.category_a}) or {}
        return bool(held.get("sequence", 0) > before)

    await eventually(projected, what="tickets holds the changed category")


def error_of(response: Any) -> dict[str, Any]:
    assert response.status_code == 422, response.text
    error: dict[str, Any] = response.json()["error"]
    return error


async def test_report_publishes_ticket_created_for_outside_systems(
    world: World, nats_client: NatsClient
) -> None:
    citizen = world.person("citizen")
    await change_category_a(world, sla_hours=48)
    ticket_response = await world.http.post(
        "/api/v1/tickets",
        json=ticket_body(world, "A"),
        headers={**citizen.auth(), "X-Correlation-ID": "report-journey-1"},
    )
    assert ticket_response.status_code == 201, ticket_response.text
    ticket = ticket_response.json()
    assert ticket["reference"] == "POT-1" and ticket["status"] == "received"
    assert ticket["view"] == "reporter" and ticket["reporter_id"] == citizen.id
    created = datetime.fromisoformat(ticket["created_at"])
    assert datetime.fromisoformat(ticket["due_at"]) - created == timedelta(hours=48)

    js = nats_client.jetstream()
    subject = f"cityfix.events.{world.municipality_a}.ticket.created"
    message = await eventually(lambda: _last(js, subject), what="TicketCreated on CITYFIX_EVENTS")
    envelope = json.loads(message.data)
    assert message.headers and message.headers["Nats-Msg-Id"] == envelope["event_id"]
    assert envelope["event_type"] == "TicketCreated" and envelope["schema_version"] == 1
    assert envelope["aggregate_id"] == ticket["id"] and envelope["sequence"] == 1
    assert envelope["municipality_id"] == world.municipality_a
    assert envelope["correlation_id"] == "report-journey-1"
    assert envelope["actor"] == {"user_id": citizen.id, "role": "citizen"}
    assert datetime.fromisoformat(envelope["occurred_at"]).utcoffset() == timedelta(0)
    data = envelope["data"]
    assert data["ticket_id"] == ticket["id"] and data["reference"] == "POT-1"
    assert data["category_id"] == world.category_a and data["location"] == POINTS["A"]
    assert data["reporter_id"] == citizen.id and data["due_at"] is not None
    raw = message.data.decode()
    assert citizen.email not in raw and "Citizen" not in raw  # neither the email nor the full name


async def _last(js: Any, subject: str) -> Any:
    try:
        return await js.get_last_msg(EVENTS_STREAM, subject)
    except Exception:  # not there yet
        return None


async def test_a_report_must_lie_in_a_municipality_with_that_category(world: World) -> None:
    berlin = error_of(await report(world, "citizen", "A", location=BERLIN))
    assert berlin["code"] == "not_covered"
    assert berlin["details"]["nearest"]["municipality_id"] == world.municipality_a  # Potsdam is nearest

    foreign = error_of(await report(world, "citizen", "A", category_id=world.category_b))
    assert foreign["code"] == "category_not_found"
    unknown = error_of(await report(world, "citizen", "A", category_id="no-such-category"))
    assert unknown["code"] == "category_not_found"

    await change_category_a(world, active=False)
    inactive = error_of(await report(world, "citizen", "A"))
    assert inactive["code"] == "category_inactive"
    assert (await report(world, "citizen", "B")).status_code == 201  # B's category is untouched


async def test_description_and_photos_are_checked(world: World) -> None:
    assert error_of(await report(world, "citizen", "A", description="<b>pothole</b>"))["code"] == (
        "description_has_html"
    )
    assert (await report(world, "citizen", "A", description="")).status_code == 422
    assert (await report(world, "citizen", "A", description="x" * 4001)).status_code == 422
    assert (await report(world, "citizen", "A", description="x" * 4000)).status_code == 201
    photos = error_of(await report(world, "citizen", "A", photo_ids=["m-1"]))
    assert photos["code"] == "photo_not_available"  # no such upload
    assert photos["details"] == {"photo_id": "m-1"}


async def test_answers_are_checked_against_the_category_questions(world: World) -> None:
    await change_category_a(world, questions=QUESTIONS)
    cases = [
        ({}, "answer_required", "depth"),
        ({"depth": "   "}, "answer_required", "depth"),
        ({"depth": "bottomless"}, "answer_not_a_choice", "depth"),
        ({"depth": "deep", "width_cm": "wide"}, "answer_not_a_number", "width_cm"),
        ({"depth": "deep", "colour": "grey"}, "answer_unknown_question", "colour"),
    ]
    for answers, code, question in cases:
        error = error_of(await report(world, "citizen", "A", answers=answers))
        assert (error["code"], error["details"]["question"]) == (code, question), answers
        assert question in error["message"]
    ticket = await reported(world, "citizen", "A", answers={"depth": "deep", "width_cm": 40})
    assert ticket["answers"] == {"depth": "deep", "width_cm": 40}


async def test_references_count_per_municipality(world: World) -> None:
    references = [
        (await reported(world, actor, target))["reference"]
        for actor, target in (
            ("citizen", "A"),
            ("citizen_2", "A"),
            ("citizen", "B"),
            ("operator_a", "A"),  # staff reporting for someone who phoned
            ("citizen_2", "B"),
        )
    ]
    assert references == ["POT-1", "POT-2", "COT-1", "POT-3", "COT-2"]


async def test_three_views_of_a_ticket(world: World) -> None:
    citizen = world.person("citizen")
    ticket = await reported(world, "citizen", "A")
    path = f"/api/v1/tickets/{ticket['id']}"

    async def view_of(actor: str | None) -> dict[str, Any]:
        headers = world.person(actor).auth() if actor else {}
        response = await world.http.get(path, headers=headers)
        assert response.status_code == 200, response.text
        body: dict[str, Any] = response.json()
        assert citizen.email not in response.text
        return body

    assert (await view_of("citizen"))["view"] == "reporter"
    assert (await view_of("citizen"))["reporter_id"] == citizen.id
    for actor in ("manager_a", "operator_a"):
        staff = await view_of(actor)
        assert staff["view"] == "staff" and staff["reporter_id"] == citizen.id
    for outsider in (None, "citizen_2", "manager_b", "operator_b"):
        public = await view_of(outsider)
        assert public["view"] == "public" and public["reporter_id"] is None, outsider
        assert public["reference"] == ticket["reference"] and public["description"] == ticket["description"]

    missing = await world.http.get("/api/v1/tickets/no-such-ticket")
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "ticket_not_found"


async def test_reports_per_account_are_limited(
    world: World, run_service: Callable[..., Awaitable[ServiceRuntime]]
) -> None:
    # The limit (20 an hour by default) is lowered to 2 for this test only: the world's tickets service is
    # restarted with a run_service override, keeping its database (and reloading its locator from it).
    await world.runtimes["tickets"].stop()
    world.runtimes["tickets"] = await run_service(service_spec("tickets"), reports_per_hour=2)
    for _ in range(2):
        await reported(world, "citizen", "A")
    limited = await report(world, "citizen", "B")
    assert limited.status_code == 429, limited.text
    error = limited.json()["error"]
    assert error["code"] == "too_many_reports"
    retry_after = int(limited.headers["Retry-After"])
    assert 0 < retry_after <= 3600 and error["details"]["retry_after"] == retry_after
    assert (await report(world, "citizen_2", "A")).status_code == 201  # per account, not for everyone

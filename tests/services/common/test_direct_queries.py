"""Queries answered on a plain nats-py subscription (`RpcRegistry.handles(..., direct=True)`) answer
exactly as a FastStream subscriber does: the same reply bytes for a result, a domain error, an invalid
request and a failing handler; the same subject and queue group; the correlation id bound; and once the
service stops, no one answers any more.

The same handler is registered twice, once direct and once through FastStream, under two operations of
a small test service, against a real nats-server."""

from __future__ import annotations

from typing import Any, ClassVar

import nats.errors
import pytest
from nats.aio.client import Client as NatsClient

from cityfix_contracts import Contract, RpcContext, UserActor
from cityfix_contracts.errors import not_found
from cityfix_contracts.rpc import CONTEXT_HEADER, Request
from services.common.consumer import ConsumerRegistry
from services.common.context import current_correlation_id
from services.common.metrics import HANDLER_DURATION
from services.common.rpc import RpcClient, RpcFailure, RpcRegistry
from services.common.service import ServiceSpec
from services.common.testing import eventually

SERVICE = "shelf"
CTX = RpcContext(correlation_id="corr-direct-1", actor=UserActor(user_id="u-1", role="citizen"))


class Book(Contract):
    book_id: str
    title: str
    asked_by: str
    correlation_id: str


class LookUpDirect(Request):
    service: ClassVar[str] = SERVICE
    reply_model: ClassVar[type[Contract]] = Book

    book_id: str


class LookUpViaBroker(Request):
    service: ClassVar[str] = SERVICE
    reply_model: ClassVar[type[Contract]] = Book

    book_id: str


async def look_up(request: Any, ctx: RpcContext, deps: Any) -> Book:
    if request.book_id == "missing":
        raise not_found("book", request.book_id)
    if request.book_id == "broken":
        raise RuntimeError("the shelf fell over")
    return Book(
        book_id=request.book_id,
        title=f"Book {request.book_id}",
        asked_by=getattr(ctx.actor, "user_id", "?"),
        correlation_id=current_correlation_id(),
    )


def shelf_spec() -> ServiceSpec:
    rpc = RpcRegistry(SERVICE)
    rpc.handles(LookUpDirect, direct=True)(look_up)
    rpc.handles(LookUpViaBroker)(look_up)
    return ServiceSpec(name=SERVICE, documents=[], rpc=rpc, events=ConsumerRegistry(SERVICE))


async def raw_reply(connection: NatsClient, model: type[Request], body: bytes) -> bytes:
    """The reply's bytes; a responder that has just subscribed can be missed by the server's interest
    graph for a moment (see RpcClient.request_raw), so "no responders" is asked again until answered."""

    async def ask() -> bytes | None:
        try:
            msg = await connection.request(
                model.subject(), body, timeout=5.0, headers={CONTEXT_HEADER: CTX.model_dump_json()}
            )
        except nats.errors.NoRespondersError:
            return None
        return msg.data

    reply = await eventually(ask, timeout=10.0, what=f"a reply on {model.subject()}")
    assert reply is not None
    return reply


@pytest.mark.parametrize(
    "body",
    [
        b'{"book_id": "b-7"}',  # a result
        b'{"book_id": "missing"}',  # a domain error (404)
        b'{"book_id": 7}',  # an invalid request
        b"not json",
        b'{"book_id": "broken"}',  # a handler that raised
    ],
)
async def test_direct_query_replies_byte_for_byte_as_the_faststream_subscriber(
    run_service: Any, nats_client: NatsClient, body: bytes
) -> None:
    await run_service(shelf_spec())

    direct = await raw_reply(nats_client, LookUpDirect, body)
    via_broker = await raw_reply(nats_client, LookUpViaBroker, body)

    assert direct == via_broker


async def test_direct_query_answers_the_typed_client_with_the_callers_context(
    run_service: Any, nats_client: NatsClient
) -> None:
    await run_service(shelf_spec())
    client = RpcClient(nats_client)

    book = await client.call(LookUpDirect(book_id="b-1"), CTX)
    assert book == Book(book_id="b-1", title="Book b-1", asked_by="u-1", correlation_id="corr-direct-1")
    assert await client.call_json(LookUpDirect(book_id="b-1"), CTX) == book.model_dump_json().encode()

    with pytest.raises(RpcFailure) as failure:
        await client.call(LookUpDirect(book_id="missing"), CTX)
    assert (failure.value.error.kind, failure.value.error.http_status) == ("not_found", 404)


def handled(operation: str) -> float:
    """Requests of `operation` the shelf has answered successfully, in this process."""
    return sum(
        sample.value
        for metric in HANDLER_DURATION.collect()
        for sample in metric.samples
        if sample.name.endswith("_count")
        and sample.labels == {"service": SERVICE, "handler": operation, "outcome": "ok"}
    )


async def test_direct_query_is_answered_once_by_one_of_the_service_queue_group(
    run_service: Any, nats_client: NatsClient
) -> None:
    first = await run_service(shelf_spec())
    second = await run_service(shelf_spec())
    client = RpcClient(nats_client)
    before = handled("LookUpDirect")

    for n in range(10):
        assert (await client.call(LookUpDirect(book_id=f"b-{n}"), CTX)).book_id == f"b-{n}"
    await first.stop()  # both stop only after answering what reached them (drain)
    assert (await client.call(LookUpDirect(book_id="b-after"), CTX)).book_id == "b-after"
    await second.stop()

    assert handled("LookUpDirect") - before == 11  # not twice: one queue group


async def test_no_one_answers_a_direct_query_after_the_service_stopped(
    run_service: Any, nats_client: NatsClient
) -> None:
    runtime = await run_service(shelf_spec())
    assert (await RpcClient(nats_client).call(LookUpDirect(book_id="b-1"), CTX)).book_id == "b-1"

    await runtime.stop()

    with pytest.raises(nats.errors.NoRespondersError):
        await nats_client.request(LookUpDirect.subject(), b'{"book_id": "b-2"}', timeout=2.0)

"""The delivery rules of DESIGN §3, proven against a real nats-server and the chosen MongoDB backend.

No lost events, no double effects, no silent drops: JetStream's duplicate window, redelivery after a
consumer dies before acking, retries with an effect applied once, poison messages moved to CITYFIX_DLQ
(and replayed from there), the outbox surviving NATS being away, and a relay dying between publish and
mark-sent. Every test waits for conditions, never for a time.

The service under test is a small "ledger" with test-only events and requests, so these plumbing tests
do not move when the real contracts do. An "effect" is a document a consumer writes in its unit of
work (deliberately without a unique index: a second application would show as a second document).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from typing import Any, ClassVar

import nats
import pytest
from nats.aio.client import Client as NatsClient
from nats.js import JetStreamContext
from nats.js.errors import NotFoundError

from cityfix_contracts import (
    EVENT_TYPES,
    Contract,
    DomainEvent,
    Envelope,
    RpcContext,
    SystemActor,
    UserActor,
    envelope_for,
)
from cityfix_contracts.rpc import Request, health_subject
from cityfix_contracts.subjects import DLQ_PREFIX, DLQ_STREAM, EVENTS_PREFIX, EVENTS_STREAM
from services.common.consumer import (
    CONSUMER_HEADER,
    DELIVERY_COUNT_HEADER,
    ERROR_HEADER,
    ORIGINAL_SUBJECT_HEADER,
    ConsumerRegistry,
)
from services.common.dead_letters import DeadLetterNotFound, list_dead_letters, replay_dead_letter
from services.common.mongo import connect, reset_in_process_engine
from services.common.nats_server import NatsServer
from services.common.outbox import MongoOutboxStore, OutboxRelay
from services.common.rpc import RpcClient, RpcFailure, RpcRegistry
from services.common.service import ServiceRuntime, ServiceSpec
from services.common.streams import ensure_streams
from services.common.testing import eventually
from services.common.uow import OUTBOX, MongoUnitOfWork

SERVICE = "ledger"
TENANT = "m-test"
DEADLINE = 30.0  # generous: a condition, not a performance figure

RunService = Callable[..., Awaitable[ServiceRuntime]]
Handler = Callable[[Envelope[Any], Any, Any], Awaitable[None]]


# ----- the test service ------------------------------------------------------------------------------


class LedgerEntryRecorded(DomainEvent):
    aggregate = "ledger"
    ledger_id: str
    amount: int


class EntryReceipt(Contract):
    event_id: str


class RecordEntry(Request):
    service: ClassVar[str] = SERVICE
    reply_model: ClassVar[type[Contract]] = EntryReceipt

    ledger_id: str
    amount: int


@pytest.fixture(autouse=True)
def test_event_types(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make parse_envelope (and so the consumers) know the test-only event, for this test only."""
    monkeypatch.setitem(EVENT_TYPES, LedgerEntryRecorded.event_type(), LedgerEntryRecorded)


def entry_event(amount: int = 5, correlation_id: str = "corr-test") -> Envelope[LedgerEntryRecorded]:
    return envelope_for(
        LedgerEntryRecorded(ledger_id="l-1", amount=amount),
        aggregate_id="l-1",
        sequence=1,
        actor=SystemActor(system="test"),
        correlation_id=correlation_id,
        municipality_id=TENANT,
    )


async def record_entry(request: RecordEntry, ctx: RpcContext, runtime: ServiceRuntime) -> EntryReceipt:
    """The ledger's one command: store the entry and emit LedgerEntryRecorded in the same unit of work."""
    unit: Any = runtime.unit_of_work()  # a MongoUnitOfWork: its database and session
    async with unit as uow:
        await uow.database["entries"].insert_one(
            {"ledger_id": request.ledger_id, "amount": request.amount}, session=uow.session
        )
        envelope = envelope_for(
            LedgerEntryRecorded(ledger_id=request.ledger_id, amount=request.amount),
            aggregate_id=request.ledger_id,
            sequence=1,
            actor=ctx.actor,
            correlation_id=ctx.correlation_id,
            municipality_id=TENANT,
        )
        uow.emit(envelope)
    return EntryReceipt(event_id=envelope.event_id)


def ledger_spec(*handlers: Handler) -> ServiceSpec:
    """A fresh ledger service whose consumers of LedgerEntryRecorded are `handlers` (durable consumers
    `ledger-<handler name>-LedgerEntryRecorded`). Built anew for each runtime that should share them."""
    rpc = RpcRegistry(SERVICE)
    rpc.handles(RecordEntry)(record_entry)
    events = ConsumerRegistry(SERVICE)
    for handler in handlers:
        events.on(LedgerEntryRecorded)(handler)
    return ServiceSpec(name=SERVICE, documents=[], rpc=rpc, events=events)


def durable(handler: Handler) -> str:
    return f"{SERVICE}-{handler.__name__}-{LedgerEntryRecorded.event_type()}"


async def apply_effect(uow: Any, consumer: str, envelope: Envelope[Any], **extra: Any) -> None:
    await uow.database["effects"].insert_one(
        {"consumer": consumer, "event_id": envelope.event_id, **extra}, session=uow.session
    )


async def effects(runtime: ServiceRuntime, consumer: str, event_id: str) -> int:
    n: int = await runtime.database["effects"].count_documents({"consumer": consumer, "event_id": event_id})
    return n


# ----- looking into JetStream ------------------------------------------------------------------------


async def stream_messages(
    js: JetStreamContext, stream: str = EVENTS_STREAM, subjects: str = f"{EVENTS_PREFIX}.>"
) -> list[tuple[int, dict[str, str], dict[str, Any]]]:
    """Every message in `stream`: (sequence, headers, JSON body)."""
    found: list[tuple[int, dict[str, str], dict[str, Any]]] = []
    sequence = 1
    while True:
        try:
            msg = await js.get_msg(stream, seq=sequence, subject=subjects, next=True)
        except NotFoundError:
            return found
        assert msg.seq is not None
        found.append((msg.seq, dict(msg.headers or {}), json.loads(msg.data or b"null")))
        sequence = msg.seq + 1


async def copies_of(js: JetStreamContext, event_id: str) -> list[int]:
    """Stream sequences of the messages in CITYFIX_EVENTS whose body carries `event_id`."""
    return [seq for seq, _, body in await stream_messages(js) if body.get("event_id") == event_id]


async def dead_letter_count(js: JetStreamContext) -> int:
    info = await js.stream_info(DLQ_STREAM)
    return int(info.state.messages)


def caught_up(js: JetStreamContext, consumer: str, sequence: int) -> Callable[[], Awaitable[bool]]:
    """Probe: `consumer` has settled (acked or terminated) everything up to stream `sequence`."""

    async def probe() -> bool:
        try:
            info = await js.consumer_info(EVENTS_STREAM, consumer)
        except NotFoundError:
            return False
        assert info.ack_floor is not None
        return bool(info.ack_floor.stream_seq >= sequence and info.num_ack_pending == 0)

    return probe


async def publish_event(js: JetStreamContext, envelope: Envelope[Any], msg_id: str | None = None) -> int:
    headers = envelope.headers()
    if msg_id is not None:
        headers["Nats-Msg-Id"] = msg_id
    ack = await js.publish(
        envelope.subject, envelope.model_dump_json(by_alias=True).encode(), headers=headers
    )
    return ack.seq


# ----- a. JetStream dedupe ---------------------------------------------------------------------------


async def test_same_event_published_twice_is_stored_once(nats_client: NatsClient) -> None:
    js = nats_client.jetstream()
    await ensure_streams(js)
    event = entry_event()
    body = event.model_dump_json(by_alias=True).encode()

    first = await js.publish(event.subject, body, headers=event.headers())
    second = await js.publish(event.subject, body, headers=event.headers())

    assert not first.duplicate
    assert second.duplicate
    assert second.seq == first.seq
    assert await copies_of(js, event.event_id) == [first.seq]
    assert (await js.stream_info(EVENTS_STREAM)).state.messages == 1


# ----- b. a consumer that dies before acking ---------------------------------------------------------


async def test_consumer_killed_before_ack_gets_the_message_again_and_applies_it_once(
    run_service: RunService, nats_client: NatsClient
) -> None:
    started, release = asyncio.Event(), asyncio.Event()
    attempts: list[int] = []

    async def slow(envelope: Envelope[Any], uow: Any, deps: Any) -> None:
        attempts.append(len(attempts) + 1)
        await apply_effect(uow, "slow", envelope, attempt=len(attempts))
        if len(attempts) == 1:
            started.set()
            await release.wait()  # "crash" here: the effect is written but not committed, nothing acked

    spec = ledger_spec(slow)
    first = await run_service(spec)
    js = nats_client.jetstream()
    event = entry_event()
    seq = await publish_event(js, event)

    await eventually(_is_set(started), timeout=DEADLINE, what="the handler started")
    await first.kill()
    assert await effects(first, "slow", event.event_id) == 0  # the unit of work never committed

    second = await run_service(ledger_spec(slow))  # a new process, same durable consumer
    try:
        await eventually(caught_up(js, durable(slow), seq), timeout=DEADLINE, what="redelivery acked")
    finally:
        release.set()
    assert await effects(second, "slow", event.event_id) == 1
    assert len(attempts) >= 2
    assert await dead_letter_count(js) == 0


def _is_set(flag: Any) -> Callable[[], Awaitable[bool]]:
    async def probe() -> bool:
        return bool(flag.is_set())

    return probe


# ----- c. retries ------------------------------------------------------------------------------------


async def test_handler_failing_twice_then_succeeding_has_its_effect_once(
    run_service: RunService, nats_client: NatsClient
) -> None:
    attempts = 0

    async def flaky(envelope: Envelope[Any], uow: Any, deps: Any) -> None:
        nonlocal attempts
        attempts += 1
        await apply_effect(uow, "flaky", envelope, attempt=attempts)  # written, then rolled back twice
        if attempts <= 2:
            raise RuntimeError(f"transient failure {attempts}")

    runtime = await run_service(ledger_spec(flaky))
    js = nats_client.jetstream()
    event = entry_event()
    seq = await publish_event(js, event)

    await eventually(caught_up(js, durable(flaky), seq), timeout=DEADLINE, what="flaky consumer acked")
    assert attempts == 3
    assert await effects(runtime, "flaky", event.event_id) == 1
    assert await dead_letter_count(js) == 0


# ----- d. poison messages, the DLQ and replay --------------------------------------------------------


async def test_poison_message_is_dead_lettered_not_redelivered_and_can_be_replayed_once(
    run_service: RunService, nats_client: NatsClient
) -> None:
    broken = True
    attempts = 0

    async def jammed(envelope: Envelope[Any], uow: Any, deps: Any) -> None:
        nonlocal attempts
        attempts += 1
        await apply_effect(uow, "jammed", envelope)
        if broken:
            raise RuntimeError("ledger is jammed\nsee the second line")

    async def mirror(envelope: Envelope[Any], uow: Any, deps: Any) -> None:
        await apply_effect(uow, "mirror", envelope)

    runtime = await run_service(ledger_spec(jammed, mirror))
    max_deliver = runtime.settings.consumer_max_deliver
    js = nats_client.jetstream()
    event = entry_event()
    seq = await publish_event(js, event)

    async def one_dead_letter() -> bool:
        return await dead_letter_count(js) >= 1

    await eventually(one_dead_letter, timeout=DEADLINE, what="a dead letter")
    # Terminated, not left pending: the server will never deliver it to this consumer again.
    await eventually(caught_up(js, durable(jammed), seq), timeout=DEADLINE, what="poison terminated")
    await eventually(caught_up(js, durable(mirror), seq), timeout=DEADLINE, what="mirror acked")
    assert attempts == max_deliver
    assert await effects(runtime, "jammed", event.event_id) == 0
    assert await effects(runtime, "mirror", event.event_id) == 1

    (letter,) = await list_dead_letters(js)
    assert letter.original_subject == event.subject
    assert letter.event_id == event.event_id
    assert letter.event_type == "LedgerEntryRecorded"
    assert letter.delivery_count == max_deliver
    assert letter.consumer == durable(jammed)
    assert letter.error.startswith("RuntimeError: ledger is jammed")
    assert letter.time is not None

    raw = await js.get_msg(DLQ_STREAM, seq=letter.sequence)
    assert raw.subject == f"{DLQ_PREFIX}.{event.subject}"
    assert json.loads(raw.data or b"") == json.loads(event.model_dump_json(by_alias=True))
    headers = raw.headers or {}
    assert headers[ORIGINAL_SUBJECT_HEADER] == event.subject
    assert headers[DELIVERY_COUNT_HEADER] == str(max_deliver)
    assert headers[CONSUMER_HEADER] == durable(jammed)
    assert "ledger is jammed" in headers[ERROR_HEADER]
    assert "\n" not in headers[ERROR_HEADER]

    # Fix the handler, replay: the failed consumer applies it once, the one that succeeded skips it.
    broken = False
    replayed = await replay_dead_letter(js, letter.sequence)
    assert replayed.subject == event.subject
    assert replayed.stream == EVENTS_STREAM
    assert not replayed.duplicate
    assert await list_dead_letters(js) == []
    assert await copies_of(js, event.event_id) == [seq, replayed.stream_sequence]

    for consumer in (jammed, mirror):
        await eventually(
            caught_up(js, durable(consumer), replayed.stream_sequence),
            timeout=DEADLINE,
            what=f"{consumer.__name__} settled the replay",
        )
    assert attempts == max_deliver + 1  # the original never came back; the replay was handled once
    assert await effects(runtime, "jammed", event.event_id) == 1
    assert await effects(runtime, "mirror", event.event_id) == 1
    assert await dead_letter_count(js) == 0

    with pytest.raises(DeadLetterNotFound):
        await replay_dead_letter(js, letter.sequence)


async def test_dead_letters_are_listed_oldest_first_with_a_cursor(nats_client: NatsClient) -> None:
    js = nats_client.jetstream()
    await ensure_streams(js)
    events = [entry_event(amount=n) for n in range(3)]
    for n, event in enumerate(events):
        await js.publish(
            f"{DLQ_PREFIX}.{event.subject}",
            event.model_dump_json(by_alias=True).encode(),
            headers={
                ORIGINAL_SUBJECT_HEADER: event.subject,
                ERROR_HEADER: f"boom {n}",
                DELIVERY_COUNT_HEADER: "3",
                CONSUMER_HEADER: "ledger-x-LedgerEntryRecorded",
            },
        )
    # Something that is not an envelope still lists (without event id or type).
    await js.publish(f"{DLQ_PREFIX}.{EVENTS_PREFIX}.{TENANT}.ledger.garbage", b"\xff not json")

    letters = await list_dead_letters(js)
    assert [letter.event_id for letter in letters] == [*(e.event_id for e in events), None]
    assert [letter.error for letter in letters[:3]] == ["boom 0", "boom 1", "boom 2"]
    assert letters[3].original_subject == f"{EVENTS_PREFIX}.{TENANT}.ledger.garbage"
    assert letters[3].delivery_count is None

    page = await list_dead_letters(js, limit=2)
    assert [letter.sequence for letter in page] == [letters[0].sequence, letters[1].sequence]
    rest = await list_dead_letters(js, limit=10, after=page[-1].sequence)
    assert [letter.sequence for letter in rest] == [letters[2].sequence, letters[3].sequence]

    await replay_dead_letter(js, letters[1].sequence)
    assert [letter.sequence for letter in await list_dead_letters(js)] == [
        letters[0].sequence,
        letters[2].sequence,
        letters[3].sequence,
    ]


async def test_replay_refuses_a_dead_letter_naming_a_non_event_subject(nats_client: NatsClient) -> None:
    js = nats_client.jetstream()
    await ensure_streams(js)
    ack = await js.publish(
        f"{DLQ_PREFIX}.{EVENTS_PREFIX}.{TENANT}.ledger.entry_recorded",
        b"{}",
        headers={ORIGINAL_SUBJECT_HEADER: "cityfix.rpc.admin.create_municipality"},
    )
    with pytest.raises(ValueError, match="not an event subject"):
        await replay_dead_letter(js, ack.seq)
    assert await dead_letter_count(js) == 1  # left in place for a person to look at


# ----- e. a change committed while NATS is down ------------------------------------------------------


async def test_change_committed_while_nats_is_down_is_published_once_when_it_returns(
    run_service: RunService, nats_server: NatsServer
) -> None:
    async def mirror(envelope: Envelope[Any], uow: Any, deps: Any) -> None:
        await apply_effect(uow, "mirror", envelope)

    runtime = await run_service(ledger_spec(mirror))
    await nats_server.astop()

    async def disconnected() -> bool:
        return runtime.jetstream() is None

    await eventually(disconnected, timeout=DEADLINE, what="the service noticed NATS is gone")
    # RPC is down with NATS, so run the command's handler directly, as its request would have.
    ctx = RpcContext(correlation_id="corr-offline", actor=UserActor(user_id="u-1", role="admin"))
    receipt = await record_entry(RecordEntry(ledger_id="l-9", amount=3), ctx, runtime)
    outbox = runtime.database[OUTBOX]
    assert await outbox.count_documents({"event_id": receipt.event_id}) == 1  # kept while NATS is away

    await nats_server.astart()  # same port, same store

    async def outbox_empty() -> bool:
        return bool(await outbox.count_documents({}) == 0)

    await eventually(outbox_empty, timeout=DEADLINE, what="the relay published after NATS returned")
    connection = await nats.connect(nats_server.url)
    try:
        js = connection.jetstream()
        copies = await copies_of(js, receipt.event_id)
        assert len(copies) == 1
        await eventually(caught_up(js, durable(mirror), copies[0]), timeout=DEADLINE, what="mirror acked")
        assert await effects(runtime, "mirror", receipt.event_id) == 1
        assert await copies_of(js, receipt.event_id) == copies
    finally:
        await connection.drain()


# ----- f. a relay that dies between publish and mark-sent --------------------------------------------


class RelayCrashed(Exception):
    pass


class CrashBeforeMarkingSent:
    """An outbox store whose first removal fails: the relay 'dies' after JetStream acked the publish."""

    def __init__(self, inner: MongoOutboxStore) -> None:
        self.inner = inner
        self.crashes_left = 1

    async def pending(self, limit: int) -> Any:
        return await self.inner.pending(limit)

    async def remove(self, event_ids: Any) -> None:
        if self.crashes_left:
            self.crashes_left -= 1
            raise RelayCrashed("died between publish and mark-sent")
        await self.inner.remove(event_ids)

    async def count(self) -> int:
        return await self.inner.count()


async def test_relay_dying_between_publish_and_mark_sent_causes_no_double_effect(
    run_service: RunService, nats_client: NatsClient
) -> None:
    async def mirror(envelope: Envelope[Any], uow: Any, deps: Any) -> None:
        await apply_effect(uow, "mirror", envelope)

    runtime = await run_service(ledger_spec(mirror))
    assert runtime.relay is not None
    await runtime.relay.stop()  # this test drives the relay itself
    receipt = await record_entry(
        RecordEntry(ledger_id="l-2", amount=1), RpcContext(correlation_id="corr-relay"), runtime
    )
    store = CrashBeforeMarkingSent(MongoOutboxStore(runtime.database[OUTBOX]))
    relay = OutboxRelay(SERVICE, store, runtime.jetstream)
    js = nats_client.jetstream()

    with pytest.raises(RelayCrashed):
        await relay.drain()
    assert await store.count() == 1  # still pending: it will be published again
    assert len(await copies_of(js, receipt.event_id)) == 1

    assert await relay.drain() == 1  # the restarted relay publishes again...
    assert await store.count() == 0
    (seq,) = await copies_of(js, receipt.event_id)  # ...and JetStream drops the copy
    await eventually(caught_up(js, durable(mirror), seq), timeout=DEADLINE, what="mirror acked")
    assert await effects(runtime, "mirror", receipt.event_id) == 1

    # Outside the duplicate window (here: the same event under another message id) JetStream keeps the
    # copy, and the consumer's inbox is what stops a second effect.
    (_, _, body) = next(m for m in await stream_messages(js) if m[0] == seq)
    late = await js.publish(
        f"{EVENTS_PREFIX}.{TENANT}.ledger.entry_recorded",
        json.dumps(body).encode(),
        headers={"Nats-Msg-Id": f"late-{receipt.event_id}"},
    )
    assert not late.duplicate
    assert await copies_of(js, receipt.event_id) == [seq, late.seq]
    await eventually(caught_up(js, durable(mirror), late.seq), timeout=DEADLINE, what="late copy acked")
    assert await effects(runtime, "mirror", receipt.event_id) == 1


# ----- correlation ------------------------------------------------------------------------------------


def _answers_health(client: RpcClient) -> Callable[[], Awaitable[bool]]:
    """Probe: the service answers its health request.

    Even after the service's subscriptions are flushed, nats-server (2.15) now and then answers a
    request sent at once by another connection with "no responders" (about 1 in 100 in a loop of
    subscribe, flush, request). A first request right after start waits for this, rather than flake.
    """

    async def probe() -> bool:
        try:
            reply = await client.request_raw(
                health_subject(SERVICE), SERVICE, b"", RpcContext(correlation_id="probe")
            )
        except RpcFailure:
            return False
        return reply.ok

    return probe


async def test_correlation_id_of_the_request_is_carried_into_the_emitted_event(
    run_service: RunService, nats_client: NatsClient
) -> None:
    await run_service(ledger_spec())
    client = RpcClient(nats_client)
    await eventually(_answers_health(client), timeout=DEADLINE, what="the ledger service answers")
    ctx = RpcContext(correlation_id="corr-from-http", actor=UserActor(user_id="u-7", role="operator"))

    receipt = await client.call(RecordEntry(ledger_id="l-3", amount=2), ctx)

    js = nats_client.jetstream()

    async def published() -> list[dict[str, Any]]:
        return [body for _, _, body in await stream_messages(js) if body["event_id"] == receipt.event_id]

    (event,) = await eventually(published, timeout=DEADLINE, what="the event reached the stream")
    assert event["correlation_id"] == "corr-from-http"
    assert event["actor"] == {"user_id": "u-7", "role": "operator"}
    assert event["event_type"] == "LedgerEntryRecorded"


# ----- the in-process engine's units of work ---------------------------------------------------------


def test_in_process_units_of_work_contend_safely_in_successive_event_loops() -> None:
    """Units of work on the in-process engine take turns through a lock; a process may run one event
    loop after another (every test here does), and the lock must work in each of them."""
    reset_in_process_engine()
    try:
        client = connect(None)

        async def contend() -> int:
            async def one(n: int) -> None:
                async with MongoUnitOfWork(client, "cityfix_test_loops") as uow:
                    await uow.database["effects"].insert_one({"n": n}, session=uow.session)
                    await asyncio.sleep(0)  # let the other unit of work wait for the lock

            await asyncio.gather(one(1), one(2))
            n: int = await client["cityfix_test_loops"]["effects"].count_documents({})
            return n

        assert asyncio.run(contend()) == 2
        assert asyncio.run(contend()) == 4
    finally:
        reset_in_process_engine()

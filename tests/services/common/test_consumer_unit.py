"""EventProcessor decisions, driven directly with the in-memory unit of work (no NATS, no database).

The integration tests in test_delivery.py prove the same rules against a real nats-server; these pin
down each decision quickly and exactly. The events are test-only (registered for the duration of each
test), so these plumbing tests do not move when the real contracts do.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from cityfix_contracts import EVENT_TYPES, DomainEvent, Envelope, SystemActor, envelope_for
from services.common.consumer import ConsumerPolicy, ConsumerRegistry, EventProcessor
from services.common.outbox import MemoryOutboxStore
from services.common.uow import MemoryUnitOfWork

ACTOR = SystemActor(system="test")


class LedgerEntryRecorded(DomainEvent):
    aggregate = "ledger"
    ledger_id: str
    amount: int


class LedgerBalanced(DomainEvent):
    aggregate = "ledger"
    ledger_id: str
    total: int


@pytest.fixture(autouse=True)
def test_event_types(monkeypatch: pytest.MonkeyPatch) -> None:
    for model in (LedgerEntryRecorded, LedgerBalanced):
        monkeypatch.setitem(EVENT_TYPES, model.event_type(), model)


def entry_recorded(amount: int = 5) -> Envelope[LedgerEntryRecorded]:
    return envelope_for(
        LedgerEntryRecorded(ledger_id="l-1", amount=amount),
        aggregate_id="l-1",
        sequence=1,
        actor=ACTOR,
        correlation_id="corr-1",
        municipality_id="m-1",
    )


def balanced() -> Envelope[LedgerBalanced]:
    return envelope_for(
        LedgerBalanced(ledger_id="l-1", total=5),
        aggregate_id="l-1",
        sequence=2,
        actor=ACTOR,
        correlation_id="corr-2",
        municipality_id="m-1",
    )


def body(envelope: Envelope[Any]) -> bytes:
    return envelope.model_dump_json(by_alias=True).encode()


class Harness:
    """One consumer over in-memory stores; `fail_times` makes the handler raise that many times first."""

    def __init__(self, *, fail_times: int = 0, policy: ConsumerPolicy | None = None) -> None:
        self.outbox = MemoryOutboxStore()
        self.inbox: set[tuple[str, str]] = set()
        self.fail_times = fail_times
        self.calls: list[str] = []
        self.commits = 0
        registry = ConsumerRegistry("ledger")

        @registry.on(LedgerEntryRecorded)
        async def record(envelope: Envelope[Any], uow: Any, deps: Any) -> None:
            self.calls.append(envelope.event_id)
            # Emit first, then (maybe) fail: a failure must take the emitted event down with it.
            uow.emit(
                envelope_for(
                    LedgerBalanced(ledger_id=envelope.aggregate_id, total=envelope.data.amount),
                    aggregate_id=envelope.aggregate_id,
                    sequence=envelope.sequence + 1,
                    actor=ACTOR,
                    correlation_id=envelope.correlation_id,
                    causation_id=envelope.event_id,
                    municipality_id=envelope.municipality_id,
                )
            )
            if len(self.calls) <= self.fail_times:
                raise RuntimeError(f"transient failure {len(self.calls)}")

        (consumer,) = registry.consumers.values()
        self.processor = EventProcessor(
            "ledger",
            consumer,
            self.unit_of_work,
            policy or ConsumerPolicy(max_deliver=5, backoff_seconds=1.0, max_backoff_seconds=60.0),
        )

    def unit_of_work(self) -> MemoryUnitOfWork:
        return MemoryUnitOfWork(self.outbox, self.inbox, on_commit=self.committed)

    def committed(self) -> None:
        self.commits += 1


def test_durable_name_is_service_handler_and_event_type() -> None:
    assert Harness().processor.durable == "ledger-record-LedgerEntryRecorded"


async def test_unknown_event_type_is_skipped_without_calling_the_handler() -> None:
    h = Harness()
    decision = await h.processor.process(body(balanced()), delivered=1)
    assert decision.outcome == "skip"
    assert h.calls == []
    assert h.inbox == set()
    assert await h.outbox.count() == 0


async def test_success_commits_inbox_mark_and_emitted_event_together() -> None:
    h = Harness()
    event = entry_recorded()
    decision = await h.processor.process(body(event), delivered=1)
    assert decision.outcome == "ack"
    assert h.inbox == {("ledger-record-LedgerEntryRecorded", event.event_id)}
    (entry,) = await h.outbox.pending(10)
    emitted = json.loads(entry.payload)
    assert emitted["event_type"] == "LedgerBalanced"
    assert emitted["causation_id"] == event.event_id
    assert emitted["correlation_id"] == event.correlation_id
    assert entry.headers["Nats-Msg-Id"] == entry.event_id == emitted["event_id"]
    assert h.commits == 1


async def test_duplicate_event_id_is_acked_without_a_second_effect() -> None:
    h = Harness()
    event = entry_recorded()
    assert (await h.processor.process(body(event), delivered=1)).outcome == "ack"
    # Redelivered, or re-published under another message id: same event_id, so no second effect.
    again = await h.processor.process(body(event), delivered=2)
    assert again.outcome == "ack"
    assert h.calls == [event.event_id]
    assert await h.outbox.count() == 1

    other = entry_recorded(7)
    assert (await h.processor.process(body(other), delivered=1)).outcome == "ack"
    assert h.calls == [event.event_id, other.event_id]
    assert await h.outbox.count() == 2


async def test_failing_handler_leaves_no_inbox_mark_and_no_outbox_entry() -> None:
    h = Harness(fail_times=1)
    event = entry_recorded()
    decision = await h.processor.process(body(event), delivered=1)
    assert decision.outcome == "retry"
    assert decision.error == "RuntimeError: transient failure 1"
    assert h.inbox == set()
    assert await h.outbox.count() == 0
    assert h.commits == 0

    # The redelivery is handled in full: the earlier failure did not mark the event as handled.
    assert (await h.processor.process(body(event), delivered=2)).outcome == "ack"
    assert h.calls == [event.event_id, event.event_id]
    assert h.inbox == {("ledger-record-LedgerEntryRecorded", event.event_id)}
    assert await h.outbox.count() == 1


async def test_retry_backoff_grows_with_each_delivery_up_to_the_cap() -> None:
    policy = ConsumerPolicy(max_deliver=10, backoff_seconds=1.0, max_backoff_seconds=5.0)
    h = Harness(fail_times=100, policy=policy)
    event = body(entry_recorded())
    delays = []
    for delivered in range(1, 6):
        decision = await h.processor.process(event, delivered=delivered)
        assert decision.outcome == "retry"
        delays.append(decision.delay)
    assert delays == [1.0, 2.0, 4.0, 5.0, 5.0]


async def test_dead_at_max_deliver_with_the_error() -> None:
    h = Harness(fail_times=100, policy=ConsumerPolicy(max_deliver=3, backoff_seconds=0.1))
    event = body(entry_recorded())
    outcomes = [(await h.processor.process(event, delivered=n)).outcome for n in (1, 2)]
    assert outcomes == ["retry", "retry"]
    last = await h.processor.process(event, delivered=3)
    assert last.outcome == "dead"
    assert last.error == "RuntimeError: transient failure 3"
    assert len(h.calls) == 3
    assert h.inbox == set()
    assert await h.outbox.count() == 0


async def test_delivered_beyond_max_deliver_is_dead_without_running_the_handler() -> None:
    # Earlier deliveries never finished (the process died while handling): do not try again forever.
    h = Harness(policy=ConsumerPolicy(max_deliver=3))
    decision = await h.processor.process(body(entry_recorded()), delivered=4)
    assert decision.outcome == "dead"
    assert decision.error is not None
    assert h.calls == []


@pytest.mark.parametrize(
    "raw",
    [
        b"not json at all",
        b"[1, 2, 3]",
        json.dumps({"hello": "world"}).encode(),
    ],
    ids=["not-json", "not-an-object", "no-event-type"],
)
async def test_a_message_that_is_not_an_envelope_is_retried_then_dead_never_skipped(raw: bytes) -> None:
    h = Harness(policy=ConsumerPolicy(max_deliver=2, backoff_seconds=0.1))
    first = await h.processor.process(raw, delivered=1)
    assert first.outcome == "retry"
    assert (await h.processor.process(raw, delivered=2)).outcome == "dead"
    assert h.calls == []


async def test_known_event_type_with_invalid_data_is_retried_not_skipped() -> None:
    h = Harness(policy=ConsumerPolicy(max_deliver=2, backoff_seconds=0.1))
    broken = json.loads(body(entry_recorded()))
    del broken["data"]["amount"]
    decision = await h.processor.process(json.dumps(broken).encode(), delivered=1)
    assert decision.outcome == "retry"
    assert decision.error is not None
    assert decision.error.startswith("ValidationError")
    assert h.calls == []
    assert h.inbox == set()


class AuditNoted(DomainEvent):
    aggregate = "audit"
    audit_id: str


def test_one_consumer_of_several_aggregates_reads_the_whole_stream(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(EVENT_TYPES, AuditNoted.event_type(), AuditNoted)
    registry = ConsumerRegistry("test")

    async def handler(envelope: Envelope[Any], uow: Any, deps: Any) -> None:
        return None

    registry.on(LedgerEntryRecorded, LedgerBalanced, consumer="ledger")(handler)
    registry.on(LedgerEntryRecorded, AuditNoted, consumer="everything")(handler)
    assert registry.consumers["ledger"].subject == "cityfix.events.*.ledger.*"
    assert registry.consumers["everything"].subject == "cityfix.events.>"
    assert set(registry.consumers["everything"].handlers) == {"LedgerEntryRecorded", "AuditNoted"}

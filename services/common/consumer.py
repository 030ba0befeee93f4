"""The idempotent event consumer (DESIGN §3.2–3.3).

Each consumer is a durable JetStream pull subscription with explicit acks. A message is handled inside
a unit of work that also records `(consumer, event_id)` in the inbox, so a redelivered or re-published
event has no second effect. A handler that fails is nak'ed with exponential backoff; once it has failed
`max_deliver` times the message moves to CITYFIX_DLQ (original subject, error and delivery count in the
headers) and is terminated there — never silently dropped.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Literal

from faststream import AckPolicy
from faststream.nats import JStream, NatsBroker, NatsMessage, PullSub
from nats.js import JetStreamContext
from nats.js.api import AckPolicy as JsAckPolicy
from nats.js.api import ConsumerConfig, DeliverPolicy

from cityfix_contracts import EVENT_TYPES, DomainEvent, Envelope, parse_envelope
from cityfix_contracts.subjects import (
    EVENTS_PREFIX,
    EVENTS_STREAM,
    PRIVATE_PREFIX,
    PRIVATE_STREAM,
    dlq_subject,
)

from .context import bind_correlation_id
from .logs import get_logger
from .metrics import CONSUMER_PENDING, DEAD_LETTERS, HANDLER_DURATION
from .rpc import whole_message
from .uow import UnitOfWork

log = get_logger("cityfix.consumer")

# handler(envelope, unit of work, the service's dependencies)
EventHandler = Callable[[Envelope[Any], Any, Any], Awaitable[None]]

ORIGINAL_SUBJECT_HEADER = "Cityfix-Original-Subject"
ERROR_HEADER = "Cityfix-Error"
DELIVERY_COUNT_HEADER = "Cityfix-Delivery-Count"
CONSUMER_HEADER = "Cityfix-Consumer"


@dataclass
class EventConsumer:
    """One durable consumer: a subject filter and the handlers of the event types it cares about."""

    name: str
    subject: str
    handlers: dict[str, EventHandler] = field(default_factory=dict)
    stream: str = EVENTS_STREAM


def subject_filter(event: type[DomainEvent]) -> tuple[str, str]:
    """The wildcard subject and stream carrying every instance of `event`, whatever its tenant or user."""
    from cityfix_contracts.subjects import event_token

    token = event_token(event.event_type(), event.aggregate)
    if event.private:
        return f"{PRIVATE_PREFIX}.*.{event.aggregate}.{token}", PRIVATE_STREAM
    return f"{EVENTS_PREFIX}.*.{event.aggregate}.{token}", EVENTS_STREAM


@dataclass
class ConsumerRegistry:
    """The event consumers of one service."""

    service: str
    consumers: dict[str, EventConsumer] = field(default_factory=dict)

    def on(
        self, *events: type[DomainEvent], consumer: str | None = None
    ) -> Callable[[EventHandler], EventHandler]:
        """Register `handler(envelope, uow, deps)` for these events.

        Without `consumer`, each event type gets its own durable consumer named after the handler.
        """

        def register(handler: EventHandler) -> EventHandler:
            for event in events:
                subject, stream = subject_filter(event)
                name = consumer or f"{handler.__name__}-{event.event_type()}"
                entry = self.consumers.setdefault(
                    name, EventConsumer(name=name, subject=subject, stream=stream)
                )
                if entry.subject != subject:
                    # several event types in one consumer: widen the filter to the aggregate, or to
                    # the whole stream when they belong to several aggregates
                    prefix = PRIVATE_PREFIX if event.private else EVENTS_PREFIX
                    aggregate_wide = f"{prefix}.*.{event.aggregate}.*"
                    first = next(iter(entry.handlers), None)
                    same_aggregate = first is None or EVENT_TYPES[first].aggregate == event.aggregate
                    entry.subject = aggregate_wide if same_aggregate else f"{prefix}.>"
                entry.handlers[event.event_type()] = handler
            return handler

        return register


Outcome = Literal["ack", "skip", "retry", "dead"]


@dataclass
class Decision:
    outcome: Outcome
    delay: float = 0.0
    error: str | None = None


@dataclass
class ConsumerPolicy:
    max_deliver: int = 5
    backoff_seconds: float = 1.0
    max_backoff_seconds: float = 60.0

    def backoff(self, delivered: int) -> float:
        return float(min(self.backoff_seconds * 2 ** max(delivered - 1, 0), self.max_backoff_seconds))


class EventProcessor:
    """Decides what happens to one delivery; free of NATS so it can be driven directly in tests."""

    def __init__(
        self,
        service: str,
        consumer: EventConsumer,
        unit_of_work: Callable[[], UnitOfWork],
        policy: ConsumerPolicy,
        deps: Any = None,
    ) -> None:
        self.service = service
        self.deps = deps
        self.consumer = consumer
        self.unit_of_work = unit_of_work
        self.policy = policy
        self.durable = f"{service}-{consumer.name}"

    async def process(self, body: bytes, delivered: int) -> Decision:
        started = time.perf_counter()
        if delivered > self.policy.max_deliver:
            # Earlier deliveries never finished (the process died mid-handling): stop the cycle here.
            return Decision("dead", error=f"delivered {delivered - 1} times without completing")
        try:
            event_type = json.loads(body).get("event_type")
        except (ValueError, AttributeError):
            event_type = None
        handler = self.consumer.handlers.get(event_type) if isinstance(event_type, str) else None
        if handler is None and event_type is not None:
            return Decision("skip")  # an event this consumer does not care about
        outcome = "ok"
        try:
            if handler is None:
                raise ValueError("message is not a CityFix event envelope")
            envelope = parse_envelope(body)
            bind_correlation_id(envelope.correlation_id)
            async with self.unit_of_work() as uow:
                if not await uow.claim(self.durable, envelope.event_id):
                    outcome = "duplicate"
                else:
                    await handler(envelope, uow, self.deps)
        except Exception as exc:
            outcome = "error"
            error = f"{type(exc).__name__}: {exc}"
            log.warning(
                "event handler failed",
                service=self.service,
                consumer=self.durable,
                event_type=event_type,
                delivered=delivered,
                error=error,
            )
            if delivered >= self.policy.max_deliver:
                return Decision("dead", error=error)
            return Decision("retry", delay=self.policy.backoff(delivered), error=error)
        finally:
            duration = time.perf_counter() - started
            HANDLER_DURATION.labels(self.service, self.durable, outcome).observe(duration)
            log.info(
                "handled event",
                service=self.service,
                consumer=self.durable,
                event_type=event_type,
                duration_ms=round(duration * 1000, 2),
                outcome=outcome,
            )
        return Decision("ack")


async def dead_letter(
    js: JetStreamContext,
    subject: str,
    body: bytes,
    error: str,
    delivered: int,
    consumer: str,
    stream_seq: int,
) -> None:
    await js.publish(
        dlq_subject(subject),
        body,
        headers={
            "Nats-Msg-Id": f"dlq-{consumer}-{stream_seq}",
            ORIGINAL_SUBJECT_HEADER: subject,
            ERROR_HEADER: error[:1000],
            DELIVERY_COUNT_HEADER: str(delivered),
            CONSUMER_HEADER: consumer,
        },
    )


def subscribe_consumer(
    broker: NatsBroker,
    processor: EventProcessor,
    *,
    ack_wait: float,
    batch_size: int,
) -> None:
    consumer = processor.consumer

    async def endpoint(message: Any) -> None:
        msg: NatsMessage = message
        body, raw = msg.body, msg.raw_message
        metadata = raw.metadata
        decision = await processor.process(body, metadata.num_delivered)
        if decision.outcome in ("ack", "skip"):
            await raw.ack()
        elif decision.outcome == "retry":
            await raw.nak(delay=decision.delay)
        else:
            try:
                await dead_letter(
                    broker.config.connection_state.stream,
                    raw.subject,
                    body,
                    decision.error or "unknown",
                    metadata.num_delivered,
                    processor.durable,
                    metadata.sequence.stream,
                )
            except Exception as exc:  # keep the message rather than lose it
                log.warning("could not dead-letter", consumer=processor.durable, error=repr(exc))
                await raw.nak(delay=processor.policy.max_backoff_seconds)
                return
            DEAD_LETTERS.labels(processor.service, processor.durable).inc()
            log.error(
                "moved to dead letters",
                consumer=processor.durable,
                subject=raw.subject,
                delivered=metadata.num_delivered,
                error=decision.error,
            )
            await raw.term()

    broker.subscriber(
        consumer.subject,
        stream=JStream(name=consumer.stream, declare=False),
        durable=processor.durable,
        pull_sub=PullSub(batch_size=batch_size, timeout=5.0),
        ack_policy=AckPolicy.MANUAL,
        decoder=whole_message,
        config=ConsumerConfig(
            durable_name=processor.durable,
            ack_policy=JsAckPolicy.EXPLICIT,
            ack_wait=ack_wait,
            max_deliver=-1,  # we count deliveries ourselves and dead-letter, never drop
            deliver_policy=DeliverPolicy.ALL,
            filter_subject=consumer.subject,
            max_ack_pending=max(batch_size * 4, 256),
        ),
        title=processor.durable,
        description=f"{processor.service} consumes {', '.join(sorted(consumer.handlers))}",
    )(endpoint)


async def report_pending(
    js: Callable[[], JetStreamContext | None],
    service: str,
    processors: list[EventProcessor],
    every: float = 10.0,
) -> None:
    """Keep cityfix_consumer_pending current for each durable consumer."""
    while True:
        ctx = js()
        if ctx is not None:
            for p in processors:
                with contextlib.suppress(Exception):
                    info = await ctx.consumer_info(p.consumer.stream, p.durable)
                    CONSUMER_PENDING.labels(service, p.durable).set(info.num_pending + info.num_ack_pending)
        await asyncio.sleep(every)

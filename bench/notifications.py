"""Event pipeline benchmark (DESIGN §9) through the notifications service's own handlers.

    .venv/bin/python -m bench.notifications [--events N] [--rate R] [--json PATH] ...

The same measurements as bench.events (baseline raw JetStream; sustained, open loop at 200/s, 10× burst),
with the same bookkeeping, options and table, but the consumer is the notifications service's real
`tickets` consumer (services/notifications/ticket_events.py: ordering by sequence, the rules of who hears
what, area alerts, preferences, the inbox entry unique by (event, recipient, channel), the queued email,
and the NotificationCreated in its outbox), driven by `EventProcessor` + `subscribe_consumer` as
`ServiceRuntime` wires it, with the service's `NotificationDeps`. A second `OutboxRelay` publishes the
service's NotificationCreated events to CITYFIX_PRIVATE, as the running service does.

Storage: the in-memory repository adapter of the notifications service (services/notifications/memory.py,
dict-backed collections keeping the documents' unique keys) behind a `MemoryUnitOfWork`, as DESIGN §9
requires without a real MongoDB. The in-process Mongo engine is used only so Beanie can bind the document
classes before their collections are replaced; no figure touches it. Each new report is heard by its
municipality's manager: one inbox entry, one queued email (the default preference), one
NotificationCreated per event. An event counts as stored when its consumer's unit of work commits with
the manager's inbox entry in the repository. Emails are queued, not sent (no SMTP server in this run).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
import tempfile
import time
import uuid
from dataclasses import asdict
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

import nats
from faststream.nats import NatsBroker
from nats.js import JetStreamContext

from bench.events import (
    MUNICIPALITIES,
    Ledger,
    Options,
    Pipeline,
    ProblemLog,
    RawConsumer,
    Row,
    baseline_emitter,
    bench_settings,
    configure_service_logs,
    full_path_emitter,
    jetstream_of,
    judge,
    measure,
    now,
    parse_args,
    print_report,
    reset_stream,
)
from services.common.consumer import ConsumerPolicy, EventProcessor, subscribe_consumer
from services.common.mongo import connect, init_documents
from services.common.nats_server import NatsServer
from services.common.outbox import MemoryOutboxStore, OutboxRelay
from services.common.settings import Settings
from services.common.streams import ensure_streams
from services.common.uow import MemoryUnitOfWork, UnitOfWork
from services.notifications.documents import DOCUMENTS
from services.notifications.handlers import NotificationDeps
from services.notifications.memory import MemoryCollection, use_memory_collections
from services.notifications.sender import MailSender
from services.notifications.service import spec as notifications_spec
from services.notifications.settings import notification_settings

LABEL = "outbox→relay→JS→notifications service [memory adapter]"
CONSUMER = "tickets"  # the notifications service's consumer of the ticket aggregate's events


def manager_of(municipality_id: str) -> str:
    return f"manager-{municipality_id}"


class CountingUnitOfWork(MemoryUnitOfWork):
    """The service's `MemoryUnitOfWork`, telling the ledger which events have their inbox entry stored
    when it commits (and which deliveries the inbox refused as already handled)."""

    def __init__(
        self,
        outbox: MemoryOutboxStore,
        inbox: set[tuple[str, str]],
        on_commit: Any,
        ledger: Ledger,
        notifications: MemoryCollection,
        municipality_of: dict[str, str],
    ) -> None:
        super().__init__(outbox, inbox, on_commit)
        self.ledger = ledger
        self.notifications = notifications
        self.municipality_of = municipality_of
        self.claimed: list[str] = []

    async def claim(self, consumer: str, event_id: str) -> bool:
        fresh = await super().claim(consumer, event_id)
        if fresh:
            self.claimed.append(event_id)
        else:
            self.ledger.suppressed(event_id)
        return fresh

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await super().__aexit__(exc_type, exc, tb)
        if exc is not None:
            return
        at = now()
        for event_id in self.claimed:
            municipality_id = self.municipality_of.get(event_id)
            if municipality_id is None:
                continue
            key = {"event_id": event_id, "recipient": manager_of(municipality_id), "channel": "inbox"}
            if await self.notifications.find_one(key) is not None:
                self.ledger.stored(event_id, at)


async def people(collections: dict[str, MemoryCollection]) -> None:
    """Each municipality's manager, as the auth service's events would have left them."""
    for municipality_id in MUNICIPALITIES:
        await collections["people"].insert_one(
            {
                "_id": manager_of(municipality_id),
                "role": "manager",
                "municipality_id": municipality_id,
                "active": True,
                "deleted": False,
                "email": f"{manager_of(municipality_id)}@example.org",
                "full_name": f"Manager {municipality_id}",
                "locale": "de",
                "email_verified": True,
                "preferences": None,
            }
        )


class WatchedPipeline(Pipeline):
    """bench.events' pipeline, plus the notifications service's own relay and repository."""

    service_relay: OutboxRelay
    collections: dict[str, MemoryCollection]
    municipality_of: dict[str, str]

    async def stop(self) -> None:
        await self.service_relay.stop()
        await super().stop()


async def start_notifications_pipeline(settings: Settings, ledger: Ledger) -> WatchedPipeline:
    await init_documents(connect(None), f"cityfix_bench_{uuid.uuid4().hex[:8]}_notifications", DOCUMENTS)
    collections = use_memory_collections(DOCUMENTS)
    await people(collections)
    municipality_of: dict[str, str] = {}

    producer_broker = NatsBroker(settings.nats_url, name="cityfix-bench-tickets", logger=None)
    consumer_broker = NatsBroker(settings.nats_url, name="cityfix-bench-notifications", logger=None)
    producer_outbox, producer_inbox = MemoryOutboxStore(), set[tuple[str, str]]()
    relay = OutboxRelay(
        "bench-tickets",
        producer_outbox,
        lambda: jetstream_of(producer_broker),
        poll_seconds=settings.outbox_poll_seconds,
        max_in_flight=settings.outbox_max_in_flight,
    )
    service_outbox, service_inbox = MemoryOutboxStore(), set[tuple[str, str]]()
    service_relay = OutboxRelay(
        "bench-notifications",
        service_outbox,
        lambda: jetstream_of(consumer_broker),
        poll_seconds=settings.outbox_poll_seconds,
        max_in_flight=settings.outbox_max_in_flight,
    )

    class TicketsUnitOfWork(MemoryUnitOfWork):
        """The tickets side: also notes each TicketCreated's municipality, for the stored check."""

        async def __aexit__(
            self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
        ) -> None:
            if exc is None:
                for envelope in self.events:
                    municipality_of[envelope.event_id] = envelope.municipality_id
            await super().__aexit__(exc_type, exc, tb)

    def producer_uow() -> UnitOfWork:
        return TicketsUnitOfWork(producer_outbox, producer_inbox, relay.wake)

    def service_uow() -> UnitOfWork:
        return CountingUnitOfWork(
            service_outbox,
            service_inbox,
            service_relay.wake,
            ledger,
            collections["notifications"],
            municipality_of,
        )

    service_settings = notification_settings(settings)
    deps = NotificationDeps(service_settings, service_uow, MailSender(None, service_uow, service_settings))
    consumer = notifications_spec.events.consumers[CONSUMER]
    policy = ConsumerPolicy(
        max_deliver=settings.consumer_max_deliver, backoff_seconds=settings.consumer_backoff_seconds
    )
    processor = EventProcessor("bench-notifications", consumer, service_uow, policy, deps)
    subscribe_consumer(
        consumer_broker,
        processor,
        ack_wait=settings.consumer_ack_wait_seconds,
        batch_size=settings.consumer_batch_size,
    )
    pipeline = WatchedPipeline(LABEL, producer_uow, relay, consumer_broker, producer_broker, processor)
    pipeline.service_relay = service_relay
    pipeline.collections = collections
    pipeline.municipality_of = municipality_of
    await producer_broker.connect()
    await consumer_broker.connect()
    await ensure_streams(consumer_broker.config.connection_state.stream)
    await consumer_broker.start()
    relay.start()
    service_relay.start()
    return pipeline


async def run_paths(
    opts: Options,
    settings: Settings,
    ledger: Ledger,
    js: JetStreamContext,
    results: dict[str, Any],
    out: TextIO,
) -> list[Row]:
    print("baseline: raw nats-py JetStream publish + pull subscriber …", file=out, flush=True)
    raw = RawConsumer(js, ledger, settings.consumer_batch_size, settings.consumer_ack_wait_seconds)
    await raw.start()
    try:
        baseline, _ = await measure(
            label="baseline: raw JetStream",
            ledger=ledger,
            emit_for=lambda t: baseline_emitter(js, ledger, t, settings.outbox_max_in_flight),
            opts=opts,
            events=opts.events,
            workers=settings.outbox_max_in_flight,
            out=out,
            burst=False,
        )
    finally:
        await raw.stop()
    await reset_stream(js)

    print(f"full path: {LABEL} …", file=out, flush=True)
    pipeline = await start_notifications_pipeline(settings, ledger)
    try:
        rows, _ = await measure(
            label=LABEL,
            ledger=ledger,
            emit_for=lambda t: full_path_emitter(pipeline, ledger, t),
            opts=opts,
            events=opts.events,
            workers=opts.workers,
            out=out,
        )
        emitted = len(pipeline.municipality_of)
        notifications = pipeline.collections["notifications"]
        deliveries = pipeline.collections["deliveries"]
        results["notes"].append(
            f"the notifications service stored {len(notifications.documents):,} inbox entries and queued "
            f"{len(deliveries.documents):,} emails for {emitted:,} TicketCreated events (one manager per "
            f"municipality hears of each: expected {emitted:,} of each); "
            f"{await pipeline.service_relay.store.count():,} NotificationCreated still in its outbox at the end"
        )
    finally:
        await pipeline.stop()
    judge(baseline, rows, opts)
    return [*baseline, *rows]


async def run(opts: Options, out: TextIO) -> dict[str, Any]:
    ledger = Ledger()
    results: dict[str, Any] = {"rows": [], "notes": [], "profile": None}
    with tempfile.TemporaryDirectory(prefix="cityfix-bench-notifications-") as tmp:
        server = NatsServer(Path(tmp) / "nats", log_file=Path(tmp) / "nats.log")
        await server.astart()
        try:
            settings = bench_settings(opts, server, results, out)
            nc = await nats.connect(server.url, name="bench-baseline")
            try:
                js = nc.jetstream()
                await ensure_streams(js)
                rows = await run_paths(opts, settings, ledger, js, results, out)
            finally:
                await nc.close()
        finally:
            await server.astop()
    results["rows"] = [asdict(r) for r in rows]
    results["notes"].append(
        "consumer = the notifications service's real `tickets` consumer and rules (ticket_events.py) on its "
        "in-memory repository adapter (services/notifications/memory.py); its NotificationCreated events "
        "are relayed to CITYFIX_PRIVATE by its own OutboxRelay; emails are queued, not sent"
    )
    results["notes"].append(
        "MongoDB figures for this path are not measured here (the in-memory adapter only); "
        "bench.events measures its synthetic consumer on a real MongoDB when CITYFIX_TEST_MONGO_URL is set"
    )
    return results


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(["--mongo", "off", "--stage-events", "0", "--profile", "off", *(argv or sys.argv[1:])])
    out = sys.stdout
    problems = ProblemLog()
    with open(os.devnull, "w") as sink:
        configure_service_logs(opts.log_level.upper(), sink, problems)
        started = time.monotonic()

        async def bounded() -> dict[str, Any]:
            async with asyncio.timeout(opts.time_limit):
                return await run(opts, out)

        try:
            results = asyncio.run(bounded())
        except TimeoutError:
            print(f"stopped: the run exceeded --time-limit {opts.time_limit:g} s", file=out)
            return 2
    results["_problems"] = problems
    print_report(results, opts, None, out)
    print(f"(run took {time.monotonic() - started:.1f} s)", file=out)
    if opts.json_path is not None:
        document = {k: v for k, v in results.items() if not k.startswith("_")}
        opts.json_path.write_text(json.dumps(document, indent=2, default=str) + "\n")
        print(f"figures written to {opts.json_path}", file=out)
    return 1 if any(r["verdict"] == "FAIL" for r in results["rows"]) else 0


if __name__ == "__main__":
    raise SystemExit(main())

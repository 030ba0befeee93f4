"""The runtime every service shares: database, broker, streams, request handlers, consumers, outbox relay.

A service declares a `ServiceSpec` (its documents, its RPC handlers, its event consumers and how to
build its dependencies); `ServiceRuntime` runs it. Tests and the embedded dev stack run several
runtimes in one process; `cityfix service <name>` runs one.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import Awaitable, Callable, Coroutine, Sequence
from dataclasses import dataclass, field
from typing import Any

import beanie
from faststream.nats import NatsBroker
from nats.aio.subscription import Subscription
from nats.js import JetStreamContext

from cityfix_contracts import ServiceHealth

from .aio import settle
from .consumer import ConsumerPolicy, ConsumerRegistry, EventProcessor, report_pending, subscribe_consumer
from .logs import get_logger, log_nats_error
from .mongo import Client, connect, init_documents
from .outbox import MongoOutboxStore, OutboxRelay, OutboxStore
from .rpc import RpcRegistry
from .settings import Settings
from .streams import ensure_streams
from .uow import OUTBOX, MongoUnitOfWork, UnitOfWork, create_plumbing_indexes

log = get_logger("cityfix.service")

STOP_SECONDS = 5.0


@dataclass
class ServiceSpec:
    """What makes one service: everything else is the shared runtime."""

    name: str
    documents: Sequence[type[beanie.Document]]
    rpc: RpcRegistry
    events: ConsumerRegistry
    # Builds the handlers' dependencies (repositories, clock, settings) from the running runtime.
    dependencies: Callable[[ServiceRuntime], Any] = lambda runtime: runtime
    # Named readiness conditions reported by the health request (e.g. demo data present).
    readiness: Callable[[ServiceRuntime], Awaitable[dict[str, bool]]] | None = None
    # Work a service runs beside its handlers (a scheduler, a resolver): started after the service is
    # up, watched like the runtime's own loops (its end counts as a crash) and cancelled on stop.
    background: Callable[[ServiceRuntime], Coroutine[Any, Any, None]] | None = None
    # The unit of work handlers use; services with repositories pass a subclass.
    unit_of_work: Callable[[Client, str, Callable[[], None]], UnitOfWork] = MongoUnitOfWork
    # Where that unit of work keeps its outbox, for the relay; None: the `outbox` collection of the
    # service's database. Services whose unit of work keeps it elsewhere (in-memory adapters) say where.
    outbox_store: Callable[[ServiceRuntime], OutboxStore] | None = None


@dataclass
class ServiceRuntime:
    spec: ServiceSpec
    settings: Settings
    client: Client | None = None
    broker: NatsBroker | None = field(default=None, init=False)
    relay: OutboxRelay | None = field(default=None, init=False)
    deps: Any = field(default=None, init=False)
    _tasks: list[asyncio.Task[None]] = field(default_factory=list, init=False)
    _direct: list[Subscription] = field(default_factory=list, init=False)  # RpcRegistry.subscribe_direct

    @property
    def name(self) -> str:
        return self.spec.name

    @property
    def database_name(self) -> str:
        return f"{self.settings.database_prefix}{self.spec.name}"

    @property
    def database(self) -> Any:
        assert self.client is not None
        return self.client[self.database_name]

    def jetstream(self) -> JetStreamContext | None:
        if self.broker is None or not self.broker.config.connection_state:
            return None
        connection = self.broker.config.connection_state.connection
        if not connection.is_connected:
            return None
        stream: JetStreamContext = self.broker.config.connection_state.stream
        return stream

    def unit_of_work(self) -> UnitOfWork:
        """A fresh unit of work whose commit wakes the relay."""
        assert self.client is not None and self.relay is not None
        return self.spec.unit_of_work(self.client, self.database_name, self.relay.wake)

    async def start(self) -> None:
        settings = self.settings
        if self.client is None:
            self.client = connect(settings.mongo_url)
        await init_documents(self.client, self.database_name, self.spec.documents)
        await create_plumbing_indexes(self.database)
        self.relay = OutboxRelay(
            self.name,
            MongoOutboxStore(self.database[OUTBOX])
            if self.spec.outbox_store is None
            else self.spec.outbox_store(self),
            self.jetstream,
            poll_seconds=settings.outbox_poll_seconds,
            max_in_flight=settings.outbox_max_in_flight,
        )
        self.deps = self.spec.dependencies(self)
        broker = NatsBroker(
            settings.nats_url,
            name=f"cityfix-{self.name}",
            allow_reconnect=True,
            max_reconnect_attempts=-1,
            reconnect_time_wait=1,
            error_cb=log_nats_error,
            logger=None,  # our own line per handled message replaces FastStream's two
        )
        self.broker = broker
        self.spec.rpc.subscribe(broker, self.deps)
        policy = ConsumerPolicy(
            max_deliver=settings.consumer_max_deliver, backoff_seconds=settings.consumer_backoff_seconds
        )
        processors = [
            EventProcessor(self.name, consumer, self.unit_of_work, policy, self.deps)
            for consumer in self.spec.events.consumers.values()
        ]
        for processor in processors:
            subscribe_consumer(
                broker,
                processor,
                ack_wait=settings.consumer_ack_wait_seconds,
                batch_size=settings.consumer_batch_size,
            )
        await broker.connect()
        await ensure_streams(broker.config.connection_state.stream)
        await broker.start()
        self._direct = await self.spec.rpc.subscribe_direct(
            broker.config.connection_state.connection, self.deps, self.health
        )
        # Round trip to the server so it has processed our subscriptions: once start() returns, a
        # request to this service finds a responder (not "no responders" for a SUB still in flight).
        await broker.config.connection_state.connection.flush()
        self.relay.start()
        assert self.relay.task is not None
        self._tasks.append(self.relay.task)
        if self.spec.background is not None:
            self._tasks.append(
                asyncio.create_task(self.spec.background(self), name=f"{self.name}-background")
            )
        if processors:
            self._tasks.append(asyncio.create_task(report_pending(self.jetstream, self.name, processors)))
        log.info("service started", service=self.name, consumers=[p.durable for p in processors])

    async def crashed(self) -> None:
        """Return (raising) when one of the runtime's own loops ends: they only end by failing."""
        if not self._tasks:
            await asyncio.Event().wait()
        done, _ = await asyncio.wait(self._tasks, return_when=asyncio.FIRST_COMPLETED)
        if all(task.cancelled() for task in done):
            return  # stopped on purpose
        for task in done:
            if not task.cancelled() and task.exception() is not None:
                raise RuntimeError(f"{self.name} stopped working") from task.exception()
        raise RuntimeError(f"{self.name} stopped working")

    async def health(self) -> ServiceHealth:
        checks: dict[str, bool] = {"nats": self.jetstream() is not None}
        try:
            assert self.client is not None
            await self.database.command("ping")
            checks["database"] = True
        except Exception:
            checks["database"] = False
        if self.spec.readiness is not None:
            checks.update(await self.spec.readiness(self))
        return ServiceHealth(
            service=self.name, status="up" if all(checks.values()) else "degraded", checks=checks
        )

    async def stop(self) -> None:
        """Graceful stop: stop taking work, let the relay finish its batch, drain the connection.

        Every step has a deadline, so a library call that ignores its cancellation cannot keep the
        process (or a test's teardown) from ending."""
        if self.relay is not None:
            await self.relay.stop()
        for task in self._tasks:
            task.cancel()
        await settle(self._tasks, STOP_SECONDS, f"{self.name} background tasks")
        self._tasks.clear()
        if self.broker is not None:
            direct, self._direct = self._direct, []
            # Stop taking queries; those already delivered are answered (drain), as FastStream's would be.
            drains: list[Awaitable[None]] = [subscription.drain() for subscription in direct]  # type: ignore[no-untyped-call]
            await settle(drains, STOP_SECONDS, f"{self.name} queries")
            connection = None
            with contextlib.suppress(Exception):  # never connected
                connection = self.broker.config.connection_state.connection
            await settle([self.broker.stop()], STOP_SECONDS, f"{self.name} broker stop")
            # Draining fails while NATS is away, leaving nats-py reconnecting forever: close it for good.
            if connection is not None and not connection.is_closed:
                await settle([connection.close()], STOP_SECONDS, f"{self.name} connection close")
            self.broker = None
        log.info("service stopped", service=self.name)

    async def kill(self) -> None:
        """Die as a crashed process would: drop the NATS connection without acking, keep the database."""
        # A crash stops everything at the same instant: every task is cancelled before anything is
        # awaited, so no handler runs on (and stores more) while another part is being stopped.
        # In-flight handlers die with the process: cancelling the subscribers' consume tasks (and the
        # handlers they run, whose units of work abort) means nothing is acked after this point.
        # broker.stop() alone would wait up to FastStream's graceful timeout for them, then fail to
        # unsubscribe on the closed connection and never cancel them: they would run on, holding
        # their unit of work open, and ack.
        broker, self.broker = self.broker, None
        consuming = (
            [task for sub in broker.subscribers for task in getattr(sub, "tasks", ())] if broker else []
        )
        consuming += [s._wait_for_msgs_task for s in self._direct if s._wait_for_msgs_task is not None]
        self._direct = []
        for task in [*consuming, *self._tasks]:
            task.cancel()
        self._tasks.clear()
        if self.relay is not None:
            await self.relay.stop()
        if broker is not None:
            await settle(consuming, STOP_SECONDS, f"{self.name} consumers")
            connection = broker.config.connection_state.connection
            await settle([connection.close()], STOP_SECONDS, f"{self.name} connection close")
            await settle([broker.stop()], STOP_SECONDS, f"{self.name} broker stop")

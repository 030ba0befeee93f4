"""Shared fixtures: a real nats-server per test, the MongoDB backend of DESIGN §6, running services."""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path
from typing import Any

import nats
import pytest
from nats.aio.client import Client as NatsClient

from services.common.mongo import Client
from services.common.nats_server import NatsServer
from services.common.service import ServiceRuntime, ServiceSpec
from services.common.settings import Settings
from tests.support.mongo import TEST_DB_PREFIX, mongo_client, mongo_url

__all__ = ["mongo_client", "mongo_url"]


@pytest.fixture
def nats_server(tmp_path: Path) -> Iterator[NatsServer]:
    """A real nats-server with JetStream on a free loopback port, its store in the test's tmp dir."""
    server = NatsServer(tmp_path / "nats", log_file=tmp_path / "nats.log")
    server.start()
    yield server
    server.stop()


@pytest.fixture
def settings(nats_server: NatsServer, mongo_url: str | None) -> Settings:
    """Settings for services under test, with delivery timings shortened (said here, on purpose)."""
    return Settings(
        nats_url=nats_server.url,
        mongo_url=mongo_url,
        database_prefix=TEST_DB_PREFIX,
        consumer_max_deliver=3,
        consumer_ack_wait_seconds=2.0,
        consumer_backoff_seconds=0.05,
        outbox_poll_seconds=0.2,
        rpc_timeout_seconds=5.0,
    )


@pytest.fixture
async def nats_client(nats_server: NatsServer) -> AsyncIterator[NatsClient]:
    """A plain nats-py client, as an outside system would use."""
    client = await nats.connect(nats_server.url)
    yield client
    await client.drain()


@pytest.fixture
async def run_service(settings: Settings, mongo_client: Client) -> AsyncIterator[Callable[..., Any]]:
    """Start services in-process; all are stopped at the end of the test."""
    running: list[ServiceRuntime] = []

    async def start(spec: ServiceSpec, **overrides: Any) -> ServiceRuntime:
        runtime = ServiceRuntime(spec, settings.model_copy(update=overrides), client=mongo_client)
        await runtime.start()
        running.append(runtime)
        return runtime

    yield start
    for runtime in reversed(running):
        await runtime.stop()

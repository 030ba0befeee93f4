"""The dev stack reports a service that crashes and starts it again."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from structlog.testing import capture_logs

from services.cli.dev import DevOptions, DevStack
from services.common.consumer import ConsumerRegistry
from services.common.mongo import Client
from services.common.rpc import RpcRegistry
from services.common.service import ServiceRuntime, ServiceSpec
from services.common.settings import Settings
from services.common.testing import eventually


async def test_a_service_that_fails_to_start_is_reported_and_restarted(
    settings: Settings, mongo_client: Client, tmp_path: Path
) -> None:
    attempts = 0

    def flaky_dependencies(runtime: ServiceRuntime) -> Any:
        nonlocal attempts
        attempts += 1
        if attempts == 1:
            raise ConnectionError("database not reachable yet")
        return runtime

    spec = ServiceSpec(
        name="flaky",
        documents=[],
        rpc=RpcRegistry("flaky"),
        events=ConsumerRegistry("flaky"),
        dependencies=flaky_dependencies,
    )
    stack = DevStack(DevOptions(data_dir=tmp_path))
    with capture_logs() as logs:
        supervisor = asyncio.create_task(stack.supervise(spec, settings, mongo_client))

        async def running() -> bool:
            return "flaky" in stack.runtimes

        await eventually(running, what="the flaky service restarted")
        crash_reports = [entry for entry in logs if entry["event"] == "service crashed; restarting it"]
        assert len(crash_reports) == 1
        assert crash_reports[0]["service"] == "flaky"
        assert "database not reachable yet" in crash_reports[0]["error"]
        assert attempts == 2
        health = await stack.runtimes["flaky"].health()
        assert health.status == "up"

        stack.stopping.set()
        await stack.runtimes["flaky"].stop()
        await asyncio.wait_for(supervisor, 10)
    assert [e for e in logs if e["event"] == "service crashed; restarting it"] == crash_reports

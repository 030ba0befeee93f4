"""`cityfix dev --demo` started as a developer would, on free ports, for end-to-end and browser tests."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.common.nats_server import free_port
from services.common.testing import eventually

CITYFIX = Path(sys.executable).parent / "cityfix"


@dataclass
class DevStack:
    process: subprocess.Popen[bytes]
    base_url: str
    nats_url: str
    data_dir: Path
    log: Path


@pytest.fixture
def dev_stack(tmp_path: Path) -> Iterator[DevStack]:
    port, nats_port = free_port(), free_port()
    data_dir = tmp_path / "data"
    log = tmp_path / "dev.log"
    env = {k: v for k, v in os.environ.items() if not k.startswith("CITYFIX_")}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [
                str(CITYFIX),
                "dev",
                "--demo",
                "--port",
                str(port),
                "--nats-port",
                str(nats_port),
                "--data-dir",
                str(data_dir),
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
    stack = DevStack(process, f"http://127.0.0.1:{port}", f"nats://127.0.0.1:{nats_port}", data_dir, log)
    yield stack
    if process.poll() is None:
        process.kill()
        process.wait()


async def wait_healthy(stack: DevStack) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=stack.base_url) as http:

        async def healthy() -> dict[str, Any] | None:
            assert stack.process.poll() is None, stack.log.read_text()
            try:
                response = await http.get("/api/v1/health")
            except httpx.TransportError:
                return None
            return response.json() if response.status_code == 200 else None

        return await eventually(healthy, timeout=60, interval=0.2, what="dev stack healthy")

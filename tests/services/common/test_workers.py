"""Background worker processes end with the process that started them, however it ends: a worker left
behind would hold its memory (a photo worker up to 128 MiB) with nothing left to ask it for work."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="reads /proc")

ROOT = Path(__file__).resolve().parents[3]
PARENT = """
import os, time
from services.media.service import processing_pool
pool = processing_pool(1)
print(pool.submit(os.getpid).result(timeout=60), flush=True)
time.sleep(600)
"""


def running(pid: int) -> bool:
    """Alive and not a zombie waiting to be reaped."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"


def test_a_photo_worker_ends_when_its_service_is_killed() -> None:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    parent = subprocess.Popen(
        [sys.executable, "-c", PARENT], cwd=ROOT, env=env, stdout=subprocess.PIPE, text=True
    )
    worker = 0
    try:
        assert parent.stdout is not None
        worker = int(parent.stdout.readline())
        assert worker != parent.pid
        assert running(worker)
        parent.send_signal(signal.SIGKILL)  # no shutdown of the pool, no atexit
        parent.wait(timeout=10)
        deadline = time.monotonic() + 20
        while running(worker) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not running(worker), "the worker outlived its parent"
    finally:
        parent.kill()
        parent.wait()
        if worker and running(worker):
            os.kill(worker, signal.SIGKILL)

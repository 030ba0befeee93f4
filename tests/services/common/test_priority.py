"""Background CPU work runs under SCHED_IDLE at nice 19 (Linux): password hashing threads and the media
service's photo processes take a core only when nothing else wants it (measured by bench/auth and
bench/media), and the thread or process that starts them keeps its own priority."""

from __future__ import annotations

import os
import resource
import sys
import threading

import pytest
from PIL import Image

from services.auth.passwords import Passwords
from services.common.priority import LOWEST, lowest_priority
from services.media.processing import CACHED_IMAGE_BLOCKS
from services.media.service import processing_pool

pytestmark = pytest.mark.skipif(not sys.platform.startswith("linux"), reason="per-thread policy is Linux's")


def policy_and_niceness() -> tuple[int, int]:
    thread = threading.get_native_id()
    return os.sched_getscheduler(thread), os.getpriority(os.PRIO_PROCESS, thread)


def test_lowest_priority_lowers_only_the_calling_thread() -> None:
    mine = policy_and_niceness()
    seen: list[tuple[int, int]] = []

    def worker() -> None:
        lowest_priority()
        seen.append(policy_and_niceness())

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    assert seen == [(os.SCHED_IDLE, LOWEST)]
    assert policy_and_niceness() == mine
    assert mine[0] != os.SCHED_IDLE


def test_password_hashing_threads_run_at_the_lowest_priority() -> None:
    passwords = Passwords(memory_kib=8, time_cost=1, parallelism=1, concurrency=2)
    try:
        assert passwords.workers.submit(policy_and_niceness).result() == (os.SCHED_IDLE, LOWEST)
    finally:
        passwords.workers.shutdown()
    assert policy_and_niceness()[0] != os.SCHED_IDLE


def test_photo_processing_runs_in_other_processes_at_the_lowest_priority() -> None:
    pool = processing_pool(1)
    try:
        assert pool.submit(policy_and_niceness).result(timeout=60) == (os.SCHED_IDLE, LOWEST)
        assert pool.submit(os.getpid).result(timeout=60) != os.getpid()
        # and Pillow keeps its image memory there between photos (processing.keep_image_memory)
        assert pool.submit(Image.core.get_blocks_max).result(timeout=60) == CACHED_IMAGE_BLOCKS
        assert Image.core.get_blocks_max() != CACHED_IMAGE_BLOCKS  # not in this process
        # and a worker ended for its CPU budget writes no core file of a photo
        assert pool.submit(resource.getrlimit, resource.RLIMIT_CORE).result(timeout=60) == (0, 0)
    finally:
        pool.shutdown()

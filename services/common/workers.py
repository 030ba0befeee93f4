"""Worker processes for CPU-bound background work (photo processing): spawned, never forked from the
service's multi-threaded process, and gone when that process is.

A ProcessPoolExecutor's worker waits for work on a queue whose pipe it holds both ends of (the queue is
handed over whole), so when its parent dies without shutting the pool down (SIGKILL, a crash, a test
runner exiting) nothing wakes it and it lives on, holding its memory. `exit_with_parent` gives each
worker a thread that waits on its parent's sentinel (readable once the parent is gone, whatever the
cause) and ends the worker then.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
import threading
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from multiprocessing.connection import wait


def exit_with_parent() -> None:
    """In a spawned process: end it as soon as the process that started it ends. Elsewhere: nothing."""
    parent = multiprocessing.parent_process()
    if parent is None or parent.sentinel is None:
        return

    def watch(sentinel: int) -> None:
        wait([sentinel])
        os._exit(0)  # the work in hand has no one to answer to

    threading.Thread(target=watch, args=(parent.sentinel,), name="exit-with-parent", daemon=True).start()


def _start_worker(initializer: Callable[[], None]) -> None:
    exit_with_parent()
    initializer()


def spawned_pool(workers: int, initializer: Callable[[], None]) -> ProcessPoolExecutor:
    """`workers` spawned processes, each running `initializer` (a module-level function) once, each
    ending with this process."""
    return ProcessPoolExecutor(
        max_workers=workers,
        mp_context=multiprocessing.get_context("spawn"),
        initializer=functools.partial(_start_worker, initializer),
    )

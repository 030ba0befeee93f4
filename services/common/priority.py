"""Background CPU work at the lowest scheduling priority.

Password hashing and photo processing take whole cores for tens or hundreds of milliseconds. At the
lowest priority (nice 19) such work takes the cycles that request handling, the broker and the database
leave over instead of competing with them: on a 2-core machine it otherwise raises the latency of
unrelated requests (measured by bench/auth and bench/media).
"""

from __future__ import annotations

import contextlib
import os
import threading

LOWEST = 19


def lowest_priority() -> None:
    """Lower the calling thread to the lowest CPU priority (a pool's initializer).

    On Linux, niceness is per thread: this lowers only the worker that calls it, whether a thread of a
    ThreadPoolExecutor or the main thread of a ProcessPoolExecutor's worker process."""
    thread = threading.get_native_id()
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, thread, LOWEST)
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setscheduler(thread, os.SCHED_IDLE, os.sched_param(0))

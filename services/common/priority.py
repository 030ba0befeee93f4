"""Background CPU work at the lowest scheduling priority.

Password hashing and photo processing take whole cores for tens or hundreds of milliseconds. Under
SCHED_IDLE (and nice 19 where that policy is refused) such work takes only the cycles that request
handling, the broker and the database leave over: the kernel preempts it the moment anything else wakes.
Nice 19 alone was not enough on a 2-core machine: a core-bound loop at nice 19 still raised unrelated
requests' p99 by about 60 %, under SCHED_IDLE not measurably (bench/auth and bench/media).
"""

from __future__ import annotations

import contextlib
import os
import threading

LOWEST = 19


def lowest_priority() -> None:
    """Lower the calling thread to SCHED_IDLE at nice 19 (a pool's initializer).

    On Linux, niceness is per thread: this lowers only the worker that calls it, whether a thread of a
    ThreadPoolExecutor or the main thread of a ProcessPoolExecutor's worker process."""
    thread = threading.get_native_id()
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, thread, LOWEST)
    with contextlib.suppress(AttributeError, OSError):
        os.sched_setscheduler(thread, os.SCHED_IDLE, os.sched_param(0))

"""Small asyncio helpers the runtime's stop path relies on."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Iterable

from .logs import get_logger

log = get_logger("cityfix.aio")


async def settle(work: Iterable[Awaitable[object]], seconds: float, what: str) -> bool:
    """Wait at most `seconds` for `work` to finish, then give up on what is left (cancelled, not awaited).

    Unlike `asyncio.wait_for`, this never waits on past its deadline for a task that does not honour
    its cancellation: a stuck library call during shutdown is logged, not a process that never exits.
    Returns whether everything finished in time; failures of the work itself are swallowed.
    """
    tasks = {asyncio.ensure_future(item) for item in work}
    if not tasks:
        return True
    done, pending = await asyncio.wait(tasks, timeout=seconds)
    for task in done:
        if not task.cancelled():
            task.exception()  # retrieved: a failure while stopping is not worth a warning per task
    for task in pending:
        task.cancel()
    if pending:
        log.warning("gave up waiting while stopping", step=what, pending=len(pending), seconds=seconds)
    return not pending

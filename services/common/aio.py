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


def quiet_cancellation_leftovers(loop: asyncio.AbstractEventLoop) -> None:
    """Report library tasks that ended in a cancellation nobody awaited as a log line, not a traceback.

    At shutdown nats-py leaves per-subscription drain tasks whose flush is cancelled when the connection
    closes; asyncio would print "Task exception was never retrieved" with a CancelledError traceback for
    each. A cancellation is not a failure: it is logged once as a warning. Every other exception goes to
    the default handler, unchanged.
    """

    def handle(loop: asyncio.AbstractEventLoop, context: dict[str, object]) -> None:
        if isinstance(context.get("exception"), asyncio.CancelledError):
            log.warning("a task was cancelled while stopping", task=repr(context.get("future"))[:200])
            return
        loop.default_exception_handler(context)

    loop.set_exception_handler(handle)

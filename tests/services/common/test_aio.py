"""The stop path's asyncio helpers: a deadline that holds against tasks ignoring their cancellation, and
cancellation leftovers reported without a traceback."""

from __future__ import annotations

import asyncio
import gc
from typing import Any

import pytest

from services.common import aio
from services.common.aio import quiet_cancellation_leftovers, settle


async def stubborn(release: asyncio.Event) -> None:
    """Ignores every cancellation until `release` is set (as a misbehaving library call would)."""
    while not release.is_set():
        try:
            await release.wait()
        except asyncio.CancelledError:
            continue


async def test_settle_gives_up_on_a_task_that_ignores_its_cancellation() -> None:
    release = asyncio.Event()
    task = asyncio.create_task(stubborn(release))
    finished = await settle([task], 0.2, "stubborn")
    assert finished is False
    assert not task.done()  # it was not awaited past the deadline
    release.set()
    await task


async def test_settle_reports_work_that_finished_even_when_it_failed() -> None:
    async def fails() -> None:
        raise RuntimeError("boom")

    assert await settle([fails(), asyncio.sleep(0)], 5.0, "quick") is True
    assert await settle([], 5.0, "nothing") is True


async def test_a_cancellation_nobody_awaited_is_logged_not_printed_as_a_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    loop = asyncio.get_running_loop()
    printed: list[dict[str, Any]] = []  # what would have gone to stderr with a traceback
    monkeypatch.setattr(loop, "default_exception_handler", printed.append)
    logged: list[str] = []
    monkeypatch.setattr(aio.log, "warning", lambda event, **_: logged.append(event))
    quiet_cancellation_leftovers(loop)
    try:

        async def flush() -> None:
            await asyncio.Event().wait()

        async def fails() -> None:
            raise RuntimeError("a real failure")

        # nats-py drains subscriptions in a gather under a deadline; cancelling that leaves the
        # gathering future holding a CancelledError that nobody retrieves.
        drains = asyncio.gather(asyncio.create_task(flush()))
        leftovers = [drains, asyncio.create_task(fails())]
        await asyncio.sleep(0)
        drains.cancel()
        for _ in range(3):
            await asyncio.sleep(0)
        assert all(future.done() for future in leftovers)
        del leftovers, drains
        gc.collect()
        assert logged == ["a task was cancelled while stopping"]
        assert [type(context["exception"]) for context in printed] == [RuntimeError]
    finally:
        loop.set_exception_handler(None)

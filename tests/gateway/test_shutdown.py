"""The gateway stops promptly even when a library swallows its cancellation while it waits for the
event streams (a hang seen in teardown under load)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest

from gateway import app as gateway_app
from gateway.settings import GatewaySettings
from gateway.state import GatewayState
from services.common.nats_server import NatsServer
from services.common.testing import eventually


async def test_the_nats_loop_stops_when_a_library_turns_cancellation_into_an_error(
    nats_server: NatsServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    attempts = 0

    async def follow_like_a_bad_library(state: Any, connection: Any) -> None:
        nonlocal attempts
        attempts += 1
        try:
            await asyncio.sleep(3600)
        except asyncio.CancelledError:
            raise RuntimeError("request cancelled") from None  # the cancellation is lost here

    monkeypatch.setattr(gateway_app, "follow_account_events", follow_like_a_bad_library)
    state = GatewayState(settings=GatewaySettings(nats_url=nats_server.url))
    task = asyncio.create_task(gateway_app._connect_forever(state, nats_server.url))

    async def following() -> bool:
        return attempts == 1

    await eventually(following, what="the gateway follows account events")
    task.cancel()
    done, _ = await asyncio.wait({task}, timeout=30)
    assert task in done, "the gateway's NATS loop ignored its cancellation"
    assert task.cancelled()
    assert attempts == 1  # it did not go round again
    assert state.connection is not None
    await state.connection.close()

"""Follow one municipality's CityFix events with plain nats-py, through a durable consumer of your own.

Credentials come from `cityfix integrations nats-user`: a user name (also the name of your durable
consumer), a password, and the municipality id whose events you may read.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any

import nats
from nats.js.api import AckPolicy, ConsumerConfig, DeliverPolicy
from nats.js.errors import NotFoundError

STREAM = "CITYFIX_EVENTS"


async def follow(
    url: str,
    user: str,
    password: str,
    municipality_id: str,
    handle: Callable[[dict[str, Any]], Awaitable[None]],
    *,
    start_time: datetime | None = None,
    stop_when_idle: bool = False,
) -> None:
    """Hand every event of the municipality to `handle`, acknowledging each once handled.

    The durable consumer remembers what you acknowledged, so a restart continues where you stopped.
    With `start_time` (timezone-aware), the consumer is created anew and replays from that moment.
    """
    # Your user may receive replies only on its own inbox prefix.
    nc = await nats.connect(url, user=user, password=password, inbox_prefix=f"_INBOX_{user}")
    try:
        js = nc.jetstream()
        config = ConsumerConfig(
            name=user,
            durable_name=user,
            filter_subject=f"cityfix.events.{municipality_id}.>",
            ack_policy=AckPolicy.EXPLICIT,
        )
        if start_time is not None:
            # A consumer's starting point cannot change: drop yours and create it again from that time.
            with contextlib.suppress(NotFoundError):
                await js.delete_consumer(STREAM, user)
            config.deliver_policy = DeliverPolicy.BY_START_TIME
            config.opt_start_time = start_time
            await js.add_consumer(STREAM, config)
        else:
            try:
                await js.consumer_info(STREAM, user)
            except NotFoundError:
                await js.add_consumer(STREAM, config)  # first run: from the stream's beginning
        subscription = await js.pull_subscribe_bind(durable=user, stream=STREAM)
        while True:
            try:
                messages = await subscription.fetch(batch=100, timeout=2)
            except TimeoutError:  # nothing new within the fetch's timeout
                if stop_when_idle:
                    return
                continue
            for message in messages:
                event = json.loads(message.data)
                # Order per aggregate by event["sequence"]; skip an event_id you have seen (redelivery).
                await handle(event)
                await message.ack()
    finally:
        await nc.close()

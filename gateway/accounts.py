"""The gateway's memory of accounts that may no longer act, rebuilt from events (DESIGN §1).

An ordered consumer replays the account events of CITYFIX_EVENTS from the start and follows new ones,
so a deactivated or deleted user's tokens stop working as soon as the event arrives — also right after
a gateway restart.
"""

from __future__ import annotations

import json
from typing import Any

from nats.aio.client import Client as NatsClient
from nats.js.api import ConsumerConfig, DeliverPolicy

from cityfix_contracts.subjects import EVENTS_PREFIX, EVENTS_STREAM
from services.common.logs import get_logger

from .state import GatewayState

log = get_logger("cityfix.gateway.accounts")

BLOCKING = {"UserDeactivated", "AccountDeleted"}
UNBLOCKING = {"UserReactivated"}


async def follow_account_events(state: GatewayState, connection: NatsClient) -> Any:
    async def on_event(msg: Any) -> None:
        try:
            event = json.loads(msg.data)
            user_id = event["data"]["user_id"]
            kind = event["event_type"]
        except (ValueError, KeyError, TypeError):
            return
        if kind in BLOCKING:
            state.deactivated_users.add(user_id)
        elif kind in UNBLOCKING:
            state.deactivated_users.discard(user_id)

    js = connection.jetstream()
    subscription = await js.subscribe(
        f"{EVENTS_PREFIX}.*.user.>",
        stream=EVENTS_STREAM,
        cb=on_event,
        ordered_consumer=True,
        config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL),
    )
    log.info("following account events")
    return subscription

"""The gateway's memory of which tickets are hidden from the public, rebuilt from events (DESIGN §1), so
the live channels never push a public update of a hidden ticket.

Ordered consumers replay every TicketHidden and TicketUnhidden of CITYFIX_EVENTS from the start and follow
new ones. Each ticket keeps the state of its newest such event by the ticket's own `sequence`, so the two
consumers' interleaving does not matter. (An update that reaches a stream in the instant between a
ticket's hiding and this memory learning of it can still go out; the ticket's public views hide it.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

from nats.aio.client import Client as NatsClient
from nats.js.api import ConsumerConfig, DeliverPolicy

from cityfix_contracts.subjects import EVENTS_PREFIX, EVENTS_STREAM
from services.common.logs import get_logger

log = get_logger("cityfix.gateway.hidden_tickets")

CHANGES = {"hidden": True, "unhidden": False}  # the subjects' last token → hidden afterwards


@dataclass
class HiddenTickets:
    latest: dict[str, tuple[int, bool]] = field(default_factory=dict)  # ticket id → (sequence, hidden)

    def apply(self, ticket_id: str, sequence: int, hidden: bool) -> None:
        known = self.latest.get(ticket_id)
        if known is None or known[0] < sequence:
            self.latest[ticket_id] = (sequence, hidden)

    def __contains__(self, ticket_id: object) -> bool:
        known = self.latest.get(ticket_id) if isinstance(ticket_id, str) else None
        return known is not None and known[1]

    def hides(self, event: dict[str, Any]) -> bool:
        """Whether a public event concerns a hidden ticket."""
        data = event.get("data")
        return isinstance(data, dict) and data.get("ticket_id") in self


async def follow_hidden_tickets(hidden: HiddenTickets, connection: NatsClient) -> list[Any]:
    js = connection.jetstream()
    subscriptions = []
    for token, hides in CHANGES.items():

        async def on_event(msg: Any, hides: bool = hides) -> None:
            try:
                event = json.loads(msg.data)
                hidden.apply(event["data"]["ticket_id"], int(event["sequence"]), hides)
            except (ValueError, KeyError, TypeError):
                return

        subscriptions.append(
            await js.subscribe(
                f"{EVENTS_PREFIX}.*.ticket.{token}",
                stream=EVENTS_STREAM,
                cb=on_event,
                ordered_consumer=True,
                config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL),
            )
        )
    log.info("following hidden tickets")
    return subscriptions

"""Live updates over Server-Sent Events.

Skeleton of the live channel: the public events of one municipality, pushed as they arrive on the bus.
(A browser's EventSource cannot send an Authorization header: the private channels of the notification
issue authenticate with a short-lived token in the query string or a cookie.)
"""

from __future__ import annotations

import asyncio
import contextlib
import json
from collections.abc import AsyncIterator
from typing import Any

from fastapi import APIRouter
from sse_starlette.sse import EventSourceResponse

from cityfix_contracts.subjects import EVENTS_PREFIX, check_token

from ..deps import State
from ..errors import ApiError

router = APIRouter(tags=["live"])

# Only events whose content is public may be pushed to anonymous viewers, less what identifies a person
# (the reporter's id would let anyone link a citizen's reports).
PUBLIC_EVENT_TYPES = frozenset({"TicketCreated", "StatusChanged"})
PRIVATE_DATA_FIELDS = frozenset({"reporter_id"})


@router.get("/live/municipalities/{municipality_id}", operation_id="live-municipality")
async def live_municipality(municipality_id: str, state: State) -> EventSourceResponse:
    """Stream the public ticket events of a municipality (`event:` is the event type, `id:` its event_id)."""
    try:
        check_token(municipality_id, "municipality id")
    except ValueError:
        raise ApiError(404, "not_found", "No municipality with this id exists.") from None
    connection = state.connection
    if connection is None or not connection.is_connected:
        raise ApiError(503, "service_unavailable", "Live updates are not available right now.")
    queue: asyncio.Queue[dict[str, Any]] = asyncio.Queue(maxsize=1000)

    async def on_message(msg: Any) -> None:
        try:
            event = json.loads(msg.data)
        except ValueError:
            return
        if (
            event.get("event_type") in PUBLIC_EVENT_TYPES
            and not queue.full()
            and not state.hidden_tickets.hides(event)
        ):
            data = event.get("data")
            if isinstance(data, dict):
                event["data"] = {k: v for k, v in data.items() if k not in PRIVATE_DATA_FIELDS}
            queue.put_nowait(event)

    subscription = await connection.subscribe(f"{EVENTS_PREFIX}.{municipality_id}.>", cb=on_message)

    async def stream() -> AsyncIterator[dict[str, str]]:
        try:
            while True:
                event = await queue.get()
                yield {"event": event["event_type"], "id": event["event_id"], "data": json.dumps(event)}
        finally:
            with contextlib.suppress(Exception):
                await subscription.unsubscribe()

    return EventSourceResponse(stream(), ping=15)

"""Forgetting a person on the bus: purge their messages from CITYFIX_PRIVATE by subject (DESIGN §2).

DeleteMyAccount purges right after its commit; the auth service's own consumer of AccountDeleted purges
again, so a crash between the commit and the purge (or NATS being away then) is made good by redelivery.
Purging is idempotent, so doing it twice costs nothing.
"""

from __future__ import annotations

from collections.abc import Callable

from nats.js import JetStreamContext

from cityfix_contracts.subjects import PRIVATE_PREFIX, PRIVATE_STREAM, check_token
from services.common.logs import get_logger

log = get_logger("cityfix.auth.privacy")


def private_subjects_of(user_id: str) -> str:
    """Every private message about one person: `cityfix.private.<user_id>.>`."""
    return f"{PRIVATE_PREFIX}.{check_token(user_id, 'user id')}.>"


async def purge_private_messages(jetstream: Callable[[], JetStreamContext | None], user_id: str) -> None:
    """Remove the person's messages from CITYFIX_PRIVATE; raises when NATS cannot be reached."""
    js = jetstream()
    if js is None:
        raise ConnectionError("not connected to NATS: cannot purge private messages yet")
    await js.purge_stream(PRIVATE_STREAM, subject=private_subjects_of(user_id))
    log.info("purged private messages", user_id=user_id)

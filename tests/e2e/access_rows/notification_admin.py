"""Access rows: emails given up for good (notifications service), platform admins only. The row first
records one failed email to operator_b, so the admin's list shows it (by recipient id, never the address)
and nobody else sees it."""

from __future__ import annotations

from datetime import UTC, datetime

import httpx

from tests.support.access import Case, each, headers, row
from tests.support.stack import World

NOT_ADMINS = ("citizen", "operator_a", "manager_a")
FAILED_ID = "failed-delivery-access-row"


def failed_list(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        deliveries = w.runtimes["notifications"].database["deliveries"]
        failed = {
            "event_id": "event-of-failed-delivery",
            "recipient": w.person("operator_b").id,
            "channel": "email",
            "kind": "ticket_created",
            "status": "failed",
            "attempts": 3,
            "last_error": "SMTPRecipientRefused 550: mailbox unavailable",
            "next_attempt_at": datetime.now(UTC),
            "created_at": datetime.now(UTC),
        }
        await deliveries.update_one({"_id": FAILED_ID}, {"$setOnInsert": failed}, upsert=True)
        return await w.http.get("/api/v1/admin/notifications/failed", headers=headers(w, actor))

    return send


row(
    "GET",
    "/api/v1/admin/notifications/failed",
    failed_list,
    [
        Case("anonymous", "-", 401, hides=lambda w: [FAILED_ID]),
        *each(NOT_ADMINS, "-", 403, hides=lambda w: [FAILED_ID, w.person("operator_b").id]),
        Case(
            "admin",
            "-",
            200,
            shows=lambda w: [FAILED_ID, w.person("operator_b").id, "mailbox unavailable"],
            hides=lambda w: [w.person("operator_b").email],
        ),
    ],
)

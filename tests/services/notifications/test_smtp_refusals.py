"""What the mail server says about one address decides that address's mail alone.

A real SMTP server on loopback (aiosmtpd) that answers RCPT TO per address, as real servers do: a
temporary refusal (451, greylisting or a full mailbox) for one address its first few times, a permanent
one (550, no such mailbox) for another, and 250 for the rest. The temporarily refused mail is tried again
with backoff while everyone else's goes out; the permanently refused one is not tried again and is
listed for admins.
"""

from __future__ import annotations

import threading
import uuid
from collections import Counter
from typing import Any

from aiosmtpd.controller import Controller
from nats.aio.client import Client as NatsClient

from cityfix_contracts.commands.notifications import FailedDeliveryList, ListFailedDeliveries
from services.common.devmail import Mailbox
from services.common.rpc import RpcClient

from .conftest import SmtpServer, StartNotifications, verification
from .test_ticket_notifications import as_user

DEFERRALS = 3  # times the busy mailbox answers 451 before it takes the mail


class PerAddressHandler:
    """Accepts mail like services.common.devmail's catcher, but refuses some recipients at RCPT TO."""

    def __init__(self, mailbox: Mailbox, busy: str, unknown: str) -> None:
        self.mailbox = mailbox
        self.busy = busy
        self.unknown = unknown
        self.rcpt_answers: Counter[tuple[str, int]] = Counter()
        self.lock = threading.Lock()

    def answered(self, address: str, code: int) -> int:
        with self.lock:
            return self.rcpt_answers[(address, code)]

    async def handle_RCPT(
        self, server: Any, session: Any, envelope: Any, address: str, rcpt_options: list[str]
    ) -> str:
        with self.lock:
            if address == self.unknown:
                self.rcpt_answers[(address, 550)] += 1
                return "550 5.1.1 No such mailbox here"
            if address == self.busy and self.rcpt_answers[(address, 451)] < DEFERRALS:
                self.rcpt_answers[(address, 451)] += 1
                return "451 4.2.0 Mailbox busy, try again later"
            self.rcpt_answers[(address, 250)] += 1
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mailbox.keep(envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or b"")
        return "250 Message accepted for delivery"


async def test_a_refused_address_holds_up_no_one_else_and_a_deferred_one_goes_out_once(
    start_notifications: StartNotifications, smtp: SmtpServer, nats_client: NatsClient
) -> None:
    run = uuid.uuid4().hex[:8]
    people = {name: (f"{name}-{run}", f"{name}-{run}@example.org") for name in ("busy", "unknown", "fine")}
    handler = PerAddressHandler(smtp.catcher.mailbox, busy=people["busy"][1], unknown=people["unknown"][1])
    smtp.catcher.controller = Controller(handler, hostname=smtp.catcher.host, port=smtp.catcher.port)
    smtp.start()
    # Slower retries than the other tests' (still short): the first ones to everyone happen together, so
    # the others' mails are provably sent while the busy address still waits for its next try.
    notifications = await start_notifications(mail_retry_seconds=0.3, mail_max_retry_seconds=0.6)

    # The busy address's mail is queued first: were the sender to wait on it, the others would wait too.
    for name in ("busy", "unknown", "fine"):
        user_id, email = people[name]
        await notifications.publish(verification(user_id, email))

    [fine] = await notifications.wait_mails(people["fine"][1])
    [busy] = await notifications.wait_mails(people["busy"][1])
    assert fine.received_at < busy.received_at  # the deferred mail held up no one
    assert "verify-email?token=" in busy.body

    delivered = await notifications.wait_delivery(recipient=people["busy"][0], status="sent")
    assert delivered["attempts"] == DEFERRALS + 1  # each 451 was one try, then the one that went out
    assert handler.answered(people["busy"][1], 451) == DEFERRALS
    assert handler.answered(people["busy"][1], 250) == 1
    assert len(smtp.to(people["busy"][1])) == 1

    failed = await notifications.wait_delivery(recipient=people["unknown"][0], status="failed")
    assert failed["attempts"] == 1  # a permanent refusal is not tried again
    assert "550" in failed["last_error"]
    assert handler.answered(people["unknown"][1], 550) == 1
    assert smtp.to(people["unknown"][1]) == []

    rpc = RpcClient(nats_client, timeout=10.0)
    listed: FailedDeliveryList = await rpc.call(ListFailedDeliveries(), as_user("admin-1", "admin"))
    [entry] = [d for d in listed.data if d.recipient_id == people["unknown"][0]]
    assert entry.attempts == 1 and "550" in (entry.last_error or "")
    assert people["unknown"][1] not in listed.model_dump_json()  # the address stays out of the list

"""Sends queued emails: the outbox of the mail channel.

Consumers only queue a DeliveryDocument inside their unit of work, so an SMTP outage never holds up or
redelivers an event. This loop takes due mails, hands them to the SMTP server with no transaction open,
and records the outcome in a short unit of work: sent (the bodies, which hold the link's token, are
dropped), tried again later with backoff, expired (the link would no longer work) or failed for good.

Taking a mail moves its `next_attempt_at` ahead under a fresh `lease_id` (compare-and-set), so two
replicas never send the same mail at once, and a process that dies mid-send leaves the mail due again
when the lease ends. What no one can avoid: a crash after the SMTP server accepted a mail but before the
outcome is recorded sends it once more (with the same Message-ID). Every other path sends once.
"""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any, Protocol

from cityfix_contracts import utc_now
from services.common.logs import get_logger
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import DeliveryDocument
from .domain import Mail, link_expired, retry_delay
from .mailer import MailNotSent, MailRejected, compose
from .settings import NotificationSettings

log = get_logger("cityfix.notifications")

WAKE_DELAY_SECONDS = 0.05  # woken from inside the queueing unit of work: let it commit first
BATCH = 50
PERSONAL_BODIES = {"text": "", "html": ""}  # $unset operand: the bodies hold the name and the token


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


def _session(uow: UnitOfWork) -> Any:
    return uow.session if isinstance(uow, MongoUnitOfWork) else None


class MailSender:
    def __init__(
        self,
        mailer: Mailer | None,
        unit_of_work: Callable[[], UnitOfWork],
        settings: NotificationSettings,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        self.mailer = mailer  # None: no SMTP server configured, mails stay queued
        self.unit_of_work = unit_of_work
        self.settings = settings
        self.clock = clock
        self.lease = timedelta(seconds=settings.smtp_timeout_seconds * 2 + 30)
        self._wake = asyncio.Event()
        self._slots = asyncio.Semaphore(settings.mail_concurrency)

    def wake(self) -> None:
        with contextlib.suppress(RuntimeError):  # no running loop: the next poll finds the work
            asyncio.get_running_loop().call_later(WAKE_DELAY_SECONDS, self._wake.set)

    async def run(self) -> None:
        if self.mailer is None:
            log.warning("no SMTP server configured (CITYFIX_SMTP_URL): emails stay queued")
            await asyncio.Event().wait()
        while True:
            try:
                while await self.send_due():
                    pass
            except Exception as exc:  # the database away for a moment: try again at the next poll
                log.warning("mail sender failed", error=repr(exc))
            self._wake.clear()
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), timeout=self.settings.mail_poll_seconds)

    async def send_due(self) -> int:
        """Send every mail that is due; returns how many were taken."""
        taken = await self.take_due()
        await asyncio.gather(*(self.deliver(delivery) for delivery in taken))
        return len(taken)

    async def take_due(self) -> list[DeliveryDocument]:
        now = self.clock()
        taken: list[DeliveryDocument] = []
        async with self.unit_of_work() as uow:
            session = _session(uow)
            collection = DeliveryDocument.get_pymongo_collection()
            due = (
                await DeliveryDocument.find(
                    {"status": "pending", "next_attempt_at": {"$lte": now}}, session=session
                )
                .sort("+next_attempt_at")
                .limit(BATCH)
                .to_list()
            )
            for delivery in due:
                lease_id = uuid.uuid4().hex
                changed = await collection.update_one(
                    {"_id": delivery.id, "status": "pending", "lease_id": delivery.lease_id},
                    {"$set": {"lease_id": lease_id, "next_attempt_at": now + self.lease}},
                    session=session,
                )
                if changed.modified_count == 1:
                    delivery.lease_id = lease_id
                    taken.append(delivery)
        return taken

    async def deliver(self, delivery: DeliveryDocument) -> None:
        now = self.clock()
        if link_expired(delivery.expires_at, now):
            await self.record(delivery, {"$set": {"status": "expired"}, "$unset": PERSONAL_BODIES})
            log.info("mail expired unsent", delivery_id=delivery.id, kind=delivery.kind)
            return
        if delivery.to_address is None or delivery.text is None or delivery.html is None:
            await self.record(delivery, {"$set": {"status": "cancelled"}, "$unset": PERSONAL_BODIES})
            return
        assert self.mailer is not None
        message = compose(
            Mail(delivery.subject, delivery.text, delivery.html),
            sender=self.settings.mail_from,
            to=delivery.to_address,
            message_id=delivery.id,
        )
        attempts = delivery.attempts + 1
        try:
            async with self._slots:
                await self.mailer.send(message)
        except MailRejected as exc:
            log.error("mail rejected", delivery_id=delivery.id, kind=delivery.kind, error=str(exc))
            await self.record(
                delivery,
                {
                    "$set": {"status": "failed", "attempts": attempts, "last_error": str(exc)},
                    "$unset": PERSONAL_BODIES,
                },
            )
            return
        except MailNotSent as exc:
            gave_up = attempts >= self.settings.mail_max_attempts
            delay = retry_delay(
                attempts, self.settings.mail_retry_seconds, self.settings.mail_max_retry_seconds
            )
            log.warning(
                "mail not sent", delivery_id=delivery.id, attempts=attempts, gave_up=gave_up, error=str(exc)
            )
            change: dict[str, Any] = {
                "$set": {
                    "status": "failed" if gave_up else "pending",
                    "attempts": attempts,
                    "last_error": str(exc),
                    "next_attempt_at": self.clock() + timedelta(seconds=delay),
                }
            }
            if gave_up:
                change["$unset"] = PERSONAL_BODIES
            await self.record(delivery, change)
            return
        await self.record(
            delivery,
            {
                "$set": {"status": "sent", "attempts": attempts, "sent_at": self.clock(), "last_error": None},
                "$unset": PERSONAL_BODIES,
            },
        )
        log.info("mail sent", delivery_id=delivery.id, kind=delivery.kind, attempts=attempts)

    async def record(self, delivery: DeliveryDocument, change: dict[str, Any]) -> None:
        """Record the outcome of this try, unless another try has taken the mail meanwhile."""
        async with self.unit_of_work() as uow:
            await DeliveryDocument.get_pymongo_collection().update_one(
                {"_id": delivery.id, "lease_id": delivery.lease_id}, change, session=_session(uow)
            )

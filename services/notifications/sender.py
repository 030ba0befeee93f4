"""Sends queued emails: the outbox of the mail channel.

Consumers only queue a DeliveryDocument inside their unit of work, so an SMTP outage never holds up or
redelivers an event. This loop takes due mails, hands them to the SMTP server with no transaction open,
and records the outcome in a short unit of work: sent (the bodies, which hold the link's token, are
dropped), tried again later with backoff, expired (the link would no longer work) or failed for good.

A ticket notification's email is queued without an address or a body: it is rendered when it is sent,
from the notification and the person's current contact details, in their language. While this service
does not know the person's address yet (their ContactDetailsChanged has not arrived), the mail waits and
is tried again like one the server did not take; a person whose address is unverified, or who is
deactivated or deleted, is not written to (the mail is recorded cancelled, with the reason).

Taking a mail moves its `next_attempt_at` ahead under a fresh `lease_id` (compare-and-set), so two
replicas never send the same mail at once, and a process that dies mid-send leaves the mail due again
when the lease ends. What no one can avoid: a crash after the SMTP server accepted a mail but before the
outcome is recorded sends it once more (with the same Message-ID). Every other path sends once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from email.message import EmailMessage
from typing import Any, Protocol

from cityfix_contracts import utc_now
from cityfix_contracts.events.notifications import Notification
from services.common.leased import LeasedWork, session_of
from services.common.logs import get_logger
from services.common.uow import UnitOfWork

from .documents import DeliveryDocument, NotificationDocument, PersonDocument
from .domain import Mail, link_expired, retry_delay
from .mailer import MailNotSent, MailRejected, compose
from .settings import NotificationSettings
from .ticket_mails import ticket_mail

log = get_logger("cityfix.notifications")

PERSONAL_BODIES = {"text": "", "html": ""}  # $unset operand: the bodies hold the name and the token


class Mailer(Protocol):
    async def send(self, message: EmailMessage) -> None: ...


@dataclass(frozen=True)
class Outgoing:
    to: str
    mail: Mail


@dataclass(frozen=True)
class NotToBeSent:
    reason: str


class MailSender(LeasedWork[DeliveryDocument]):
    what = "mail"

    def __init__(
        self,
        mailer: Mailer | None,
        unit_of_work: Callable[[], UnitOfWork],
        settings: NotificationSettings,
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        super().__init__(
            DeliveryDocument,
            unit_of_work,
            clock,
            lease=timedelta(seconds=settings.smtp_timeout_seconds * 2 + 30),
            poll_seconds=settings.mail_poll_seconds,
        )
        self.mailer = mailer  # None: no SMTP server configured, mails stay queued
        self.settings = settings
        self._slots = asyncio.Semaphore(settings.mail_concurrency)

    async def run(self) -> None:
        if self.mailer is None:
            log.warning("no SMTP server configured (CITYFIX_SMTP_URL): emails stay queued")
            await asyncio.Event().wait()
        await self.poll_forever()

    async def deliver(self, delivery: DeliveryDocument) -> None:
        now = self.clock()
        if link_expired(delivery.expires_at, now):
            await self.record(delivery, {"$set": {"status": "expired"}, "$unset": PERSONAL_BODIES})
            log.info("mail expired unsent", delivery_id=delivery.id, kind=delivery.kind)
            return
        assert self.mailer is not None
        attempts = delivery.attempts + 1
        try:
            outgoing = await self.outgoing(delivery)
            if isinstance(outgoing, NotToBeSent):
                await self.record(
                    delivery,
                    {
                        "$set": {"status": "cancelled", "last_error": outgoing.reason},
                        "$unset": PERSONAL_BODIES,
                    },
                )
                log.info(
                    "mail not to be sent", delivery_id=delivery.id, kind=delivery.kind, reason=outgoing.reason
                )
                return
            message = compose(
                outgoing.mail, sender=self.settings.mail_from, to=outgoing.to, message_id=delivery.id
            )
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

    async def outgoing(self, delivery: DeliveryDocument) -> Outgoing | NotToBeSent:
        """The mail as it goes out now: an account mail as queued, a ticket mail rendered for the person."""
        if delivery.notification_id is None:
            if (
                delivery.to_address is None
                or delivery.subject is None
                or delivery.text is None
                or delivery.html is None
            ):
                return NotToBeSent("nothing left to send")
            headers = tuple((name, value) for name, value in delivery.headers or ())
            return Outgoing(
                delivery.to_address, Mail(delivery.subject, delivery.text, delivery.html, headers=headers)
            )
        stored = await NotificationDocument.get(delivery.notification_id)
        person = await PersonDocument.get(delivery.recipient)
        if stored is None or (person is not None and person.deleted):
            return NotToBeSent("the account was deleted")
        if person is None or person.email is None or person.full_name is None:
            raise MailNotSent("the person's email address is not known yet")
        if not person.active:
            return NotToBeSent("the account is deactivated")
        if not person.email_verified:
            return NotToBeSent("the email address is not verified")
        notification = Notification.model_validate(stored.model_dump(include=set(Notification.model_fields)))
        mail = ticket_mail(
            notification,
            full_name=person.full_name,
            locale=person.locale,
            public_url=self.settings.public_url,
        )
        return Outgoing(person.email, mail)

    async def record(self, delivery: DeliveryDocument, change: dict[str, Any]) -> None:
        """Record the outcome of this try, unless another try has taken the mail meanwhile."""
        async with self.unit_of_work() as uow:
            await DeliveryDocument.get_pymongo_collection().update_one(
                {"_id": delivery.id, "lease_id": delivery.lease_id}, change, session=session_of(uow)
            )

"""The notifications service under test: a real nats-server, the chosen MongoDB backend, a real runtime,
and a real SMTP server on loopback (aiosmtpd, services.common.devmail) whose mailbox the tests read.

Mail timings are shortened here, on purpose, so retries after an SMTP outage happen within the test's
patience; the tests wait for conditions, never for a time.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient
from nats.js import JetStreamContext

from cityfix_contracts import DomainEvent, Envelope, SystemActor, envelope_for
from cityfix_contracts.envelope import envelope_json
from cityfix_contracts.events import EmailVerificationRequested
from services.common.devmail import CaughtMail, MailCatcher
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.notifications.service import spec as notifications_spec

DEADLINE = 30.0  # generous: a condition, never a performance figure
FAST_MAIL = {"mail_retry_seconds": 0.05, "mail_max_retry_seconds": 0.2, "mail_poll_seconds": 0.2}


@dataclass
class SmtpServer:
    """A loopback SMTP server that a test may start late (the mail server being down at first)."""

    catcher: MailCatcher = field(default_factory=MailCatcher)
    running: bool = False

    @property
    def url(self) -> str:
        return self.catcher.url

    @property
    def messages(self) -> list[CaughtMail]:
        return self.catcher.mailbox.messages

    def start(self) -> None:
        self.catcher.start()
        self.running = True

    def stop(self) -> None:
        if self.running:
            self.catcher.stop()
            self.running = False

    def to(self, address: str) -> list[CaughtMail]:
        return [m for m in self.messages if address in m.recipients]


@dataclass
class NotificationsHarness:
    runtime: ServiceRuntime
    js: JetStreamContext
    smtp: SmtpServer

    async def publish(
        self, data: DomainEvent, *, envelope: Envelope[Any] | None = None, msg_id: str | None = None
    ) -> Envelope[Any]:
        """Publish as the auth service's relay would (or re-publish `envelope` under another message id)."""
        if envelope is None:
            envelope = envelope_for(
                data,
                aggregate_id=data.user_id,
                sequence=1,
                actor=SystemActor(system="auth-test"),
                correlation_id="test-notifications",
            )
        await self.js.publish(
            envelope.subject, envelope_json(envelope), headers={"Nats-Msg-Id": msg_id or envelope.event_id}
        )
        return envelope

    async def deliveries(self, **query: Any) -> list[dict[str, Any]]:
        return [d async for d in self.runtime.database["deliveries"].find(query)]

    async def idle(self) -> None:
        """Wait until every consumer of the service has handled (and acked) everything on its stream."""

        async def caught_up() -> bool:
            for processor_name, consumer in self.runtime.spec.events.consumers.items():
                info = await self.js.consumer_info(consumer.stream, f"notifications-{processor_name}")
                if info.num_pending or info.num_ack_pending:
                    return False
            return True

        await eventually(caught_up, timeout=DEADLINE, what="the notifications consumers caught up")

    async def wait_mails(self, address: str, count: int = 1) -> list[CaughtMail]:
        async def arrived() -> list[CaughtMail]:
            found = self.smtp.to(address)
            return found if len(found) >= count else []

        return await eventually(arrived, timeout=DEADLINE, what=f"{count} mail(s) to {address}")

    async def wait_delivery(self, **query: Any) -> dict[str, Any]:
        async def stored() -> dict[str, Any] | None:
            found = await self.deliveries(**query)
            return found[0] if found else None

        return await eventually(stored, timeout=DEADLINE, what=f"a delivery with {query}")


def verification(
    user_id: str, email: str, full_name: str = "Clara Citizen", **fields: Any
) -> EmailVerificationRequested:
    values: dict[str, Any] = {
        "user_id": user_id,
        "email": email,
        "full_name": full_name,
        "locale": "en",
        "token": "t0k3n-" + user_id,
        "verify_url": f"http://cityfix.test/verify-email?token=t0k3n-{user_id}",
        "expires_at": datetime.now(UTC) + timedelta(days=1),
    }
    values.update(fields)
    return EmailVerificationRequested(**values)


@pytest.fixture
def smtp() -> Iterator[SmtpServer]:
    """A loopback SMTP server, not yet started: most tests start it at once, one starts it late."""
    server = SmtpServer()
    yield server
    server.stop()


StartNotifications = Callable[..., Awaitable[NotificationsHarness]]


@pytest.fixture
async def start_notifications(
    run_service: Callable[..., Awaitable[ServiceRuntime]], nats_client: NatsClient, smtp: SmtpServer
) -> StartNotifications:
    async def start(**overrides: Any) -> NotificationsHarness:
        runtime = await run_service(notifications_spec, **{"smtp_url": smtp.url, **FAST_MAIL, **overrides})
        return NotificationsHarness(runtime, nats_client.jetstream(), smtp)

    return start


@pytest.fixture
async def notifications(start_notifications: StartNotifications, smtp: SmtpServer) -> NotificationsHarness:
    smtp.start()
    return await start_notifications()

"""A development mail catcher: an SMTP server that keeps what it receives, for `cityfix dev` and tests.

The gateway lists its messages at /dev/mail (development only); compose uses Mailpit instead.
"""

from __future__ import annotations

import email
import email.policy
from dataclasses import dataclass, field
from datetime import datetime
from email.message import EmailMessage
from typing import Any

from aiosmtpd.controller import Controller

from cityfix_contracts import utc_now


@dataclass(frozen=True)
class CaughtMail:
    received_at: datetime
    sender: str
    recipients: tuple[str, ...]
    subject: str
    body: str


@dataclass
class Mailbox:
    messages: list[CaughtMail] = field(default_factory=list)
    limit: int = 500

    def keep(self, sender: str, recipients: list[str], raw: bytes) -> None:
        parsed = email.message_from_bytes(raw, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        part = parsed.get_body(preferencelist=("plain", "html"))
        body = part.get_content() if part is not None else ""
        self.messages.append(
            CaughtMail(utc_now(), sender, tuple(recipients), str(parsed.get("Subject", "")), str(body))
        )
        del self.messages[: -self.limit]


class _Handler:
    def __init__(self, mailbox: Mailbox) -> None:
        self.mailbox = mailbox

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.mailbox.keep(
            envelope.mail_from, list(envelope.rcpt_tos), envelope.original_content or envelope.content
        )
        return "250 Message accepted for delivery"


class MailCatcher:
    """aiosmtpd on a loopback port; runs in its own thread, so it never blocks the event loop."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0) -> None:
        from .nats_server import free_port

        self.mailbox = Mailbox()
        self.host = host
        self.port = port or free_port(host)
        self.controller = Controller(_Handler(self.mailbox), hostname=host, port=self.port)

    @property
    def url(self) -> str:
        return f"smtp://{self.host}:{self.port}"

    def start(self) -> None:
        self.controller.start()

    def stop(self) -> None:
        self.controller.stop()

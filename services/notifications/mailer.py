"""Sending one email through the configured SMTP server (aiosmtplib), and telling apart why it failed.

A failure is *permanent* only when the server refuses this message or its recipient for good (a 5xx
answer to RCPT or DATA): trying again cannot help. Anything else — the server down, a timeout, a 4xx,
even a refused login or sender (a configuration problem an operator fixes) — is *transient*, and the
sender tries again later.
"""

from __future__ import annotations

from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, parseaddr
from urllib.parse import unquote, urlsplit

import aiosmtplib

from .domain import Mail

DEFAULT_PORTS = {"smtp": 25, "smtp+starttls": 587, "smtps": 465}


class MailRejected(Exception):
    """The server refused this mail for good."""


class MailNotSent(Exception):
    """The mail could not be handed over now; it may go through later."""


@dataclass(frozen=True)
class SmtpServer:
    hostname: str
    port: int
    username: str | None = None
    password: str | None = None
    use_tls: bool = False  # smtps://: TLS from the first byte
    start_tls: bool = False  # smtp+starttls://: upgrade after EHLO

    def __repr__(self) -> str:  # never log the password
        return f"SmtpServer({self.hostname}:{self.port}, tls={self.use_tls}, starttls={self.start_tls})"


def smtp_server(url: str) -> SmtpServer:
    """`smtp://host:port`, `smtp+starttls://user:password@host:587` or `smtps://user:password@host:465`."""
    parts = urlsplit(url)
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        raise ValueError("an SMTP URL looks like smtp://host:port, smtp+starttls:// or smtps://")
    return SmtpServer(
        hostname=parts.hostname,
        port=parts.port or DEFAULT_PORTS[parts.scheme],
        username=unquote(parts.username) if parts.username else None,
        password=unquote(parts.password) if parts.password is not None else None,
        use_tls=parts.scheme == "smtps",
        start_tls=parts.scheme == "smtp+starttls",
    )


def compose(mail: Mail, *, sender: str, to: str, message_id: str) -> EmailMessage:
    """The MIME message: plain text first, HTML as the alternative; a Message-ID fixed per delivery, so
    a mail handed over twice (a crash between send and record) is recognisably the same message."""
    message = EmailMessage()
    message["From"] = sender
    message["To"] = to
    message["Subject"] = mail.subject
    message["Date"] = formatdate(localtime=False, usegmt=True)
    domain = parseaddr(sender)[1].rpartition("@")[2] or "cityfix.localhost"
    message["Message-ID"] = f"<{message_id}@{domain}>"
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a robot
    for name, value in mail.headers:
        message[name] = value
    message.set_content(mail.text)
    message.add_alternative(mail.html, subtype="html")
    return message


def _permanent(code: int) -> bool:
    return 500 <= code < 600


class SmtpMailer:
    def __init__(self, server: SmtpServer, timeout: float) -> None:
        self.server = server
        self.timeout = timeout

    async def send(self, message: EmailMessage) -> None:
        server = self.server
        try:
            await aiosmtplib.send(
                message,
                hostname=server.hostname,
                port=server.port,
                username=server.username,
                password=server.password,
                use_tls=server.use_tls,
                start_tls=server.start_tls,
                timeout=self.timeout,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            codes = [refused.code for refused in exc.recipients]
            if codes and all(_permanent(code) for code in codes):
                raise MailRejected(f"recipient refused ({', '.join(map(str, codes))})") from None
            raise MailNotSent(f"recipient deferred ({', '.join(map(str, codes))})") from None
        except (aiosmtplib.SMTPRecipientRefused, aiosmtplib.SMTPDataError) as exc:
            if _permanent(exc.code):
                raise MailRejected(f"{type(exc).__name__} {exc.code}: {exc.message}") from None
            raise MailNotSent(f"{type(exc).__name__} {exc.code}: {exc.message}") from None
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise MailNotSent(f"{type(exc).__name__}: {exc}") from None

"""The notifications service: wiring of its documents, handlers and subscribers onto the shared runtime.

Handlers and consumers register on the registries of handlers.py and subscribers.py from their own
modules (inbox.py, people.py, profile_settings.py, ticket_events.py, webhook_mails.py), which are
imported here.

Beside the runtime's own loops it runs the mail sender, which hands queued emails to the SMTP server,
and the daily digest job, which queues the managers' digests (digest.py).
"""

from __future__ import annotations

import asyncio

from services.common.service import ServiceRuntime, ServiceSpec

from . import inbox, people, profile_settings, ticket_events, webhook_mails  # noqa: F401 - they register their handlers
from .digest import run_digests
from .documents import DOCUMENTS
from .handlers import NotificationDeps, rpc
from .mailer import SmtpMailer, smtp_server
from .sender import MailSender
from .settings import notification_settings
from .subscribers import events


def dependencies(runtime: ServiceRuntime) -> NotificationDeps:
    settings = notification_settings(runtime.settings)
    mailer = None
    if settings.smtp_url is not None:
        mailer = SmtpMailer(smtp_server(settings.smtp_url), timeout=settings.smtp_timeout_seconds)
    sender = MailSender(mailer, runtime.unit_of_work, settings)
    return NotificationDeps(settings=settings, unit_of_work=runtime.unit_of_work, sender=sender)


async def background(runtime: ServiceRuntime) -> None:
    """Send queued emails, and queue the managers' daily digests, until the service stops."""
    deps: NotificationDeps = runtime.deps
    await asyncio.gather(deps.sender.run(), run_digests(deps))


spec = ServiceSpec(
    name="notifications",
    documents=DOCUMENTS,
    rpc=rpc,
    events=events,
    dependencies=dependencies,
    background=background,
)

"""The integrations service: wiring of its documents, handlers and subscribers onto the shared runtime.

It owns the API keys of outside systems and answers the Open311 GeoReport v2 read side from its own
projections. Reporting through Open311 is composed by the gateway (gateway/routes/open311.py): it has
this service check the key (AuthorizeOpen311Report), then sends CreateTicket to the tickets service as
the system actor `open311:<api key id>` of the key's municipality — no service calls another.

Webhooks: the `webhooks` consumer queues a delivery per matching endpoint for every public event
(webhook_events.py); the sender, run beside the handlers, signs and sends them (webhook_sender.py).
"""

from __future__ import annotations

from services.common.service import ServiceRuntime, ServiceSpec

from . import nats_users, open311, webhook_events, webhooks  # noqa: F401 - they register their handlers
from .documents import DOCUMENTS
from .handlers import IntegrationsDeps, rpc
from .settings import integrations_settings
from .subscribers import events
from .webhook_sender import WebhookSender


def dependencies(runtime: ServiceRuntime) -> IntegrationsDeps:
    settings = integrations_settings(runtime.settings)
    return IntegrationsDeps(
        settings=settings,
        unit_of_work=runtime.unit_of_work,
        webhooks=WebhookSender(runtime.unit_of_work, settings),
    )


async def send_webhooks(runtime: ServiceRuntime) -> None:
    deps: IntegrationsDeps = runtime.deps
    assert deps.webhooks is not None
    await deps.webhooks.run()


spec = ServiceSpec(
    name="integrations",
    documents=DOCUMENTS,
    rpc=rpc,
    events=events,
    dependencies=dependencies,
    background=send_webhooks,
)

"""A disabled webhook endpoint's owner is emailed, once, in their language (WebhookEndpointDisabled from
the integrations service, published here as its relay would)."""

from __future__ import annotations

import uuid

from cityfix_contracts import Envelope, SystemActor, envelope_for
from cityfix_contracts.events import ContactDetailsChanged, UserDeactivated
from cityfix_contracts.events.webhooks import WebhookEndpointDisabled

from .conftest import NotificationsHarness

TOWN = "m-town"


def disabled(owner: str, endpoint: str) -> Envelope[WebhookEndpointDisabled]:
    return envelope_for(
        WebhookEndpointDisabled(
            webhook_endpoint_id=endpoint,
            municipality_id=TOWN,
            owner_id=owner,
            description="Work orders",
            failed_deliveries=3,
            reason="HTTP 503",
        ),
        aggregate_id=endpoint,
        sequence=1,
        actor=SystemActor(system="integrations"),
        correlation_id="test-webhooks",
        municipality_id=TOWN,
    )


async def test_the_owner_is_emailed_once_in_their_language(notifications: NotificationsHarness) -> None:
    owner = f"u-{uuid.uuid4().hex[:8]}"
    address = f"{owner}@example.org"
    await notifications.publish(
        ContactDetailsChanged(
            user_id=owner, email=address, full_name="Marta Manager", locale="de", email_verified=True
        )
    )
    await notifications.idle()
    event = disabled(owner, "wh-1")
    await notifications.publish(event.data, envelope=event)
    await notifications.publish(event.data, envelope=event, msg_id="again-" + event.event_id)

    [mail] = await notifications.wait_mails(address)
    assert mail.subject == "CityFix sendet keine Ereignisse mehr an Ihren Webhook"
    assert mail.body.startswith("Hallo Marta Manager,")
    assert "„Work orders“ (wh-1)" in mail.body and "HTTP 503" in mail.body
    assert "/api/v1/webhooks/wh-1" in mail.body
    await notifications.idle()
    assert len(notifications.smtp.to(address)) == 1
    [delivery] = await notifications.deliveries(recipient=owner)
    assert delivery["kind"] == "webhook_endpoint_disabled"


async def test_a_deactivated_owner_is_not_written_to(notifications: NotificationsHarness) -> None:
    owner = f"u-{uuid.uuid4().hex[:8]}"
    await notifications.publish(
        ContactDetailsChanged(
            user_id=owner, email=f"{owner}@example.org", full_name="Gone", email_verified=True
        )
    )
    deactivation = envelope_for(
        UserDeactivated(user_id=owner, municipality_id=TOWN),
        aggregate_id=owner,
        sequence=2,
        actor=SystemActor(system="auth-test"),
        correlation_id="test-webhooks",
        municipality_id=TOWN,
    )
    await notifications.publish(deactivation.data, envelope=deactivation)
    await notifications.idle()
    event = disabled(owner, "wh-2")
    await notifications.publish(event.data, envelope=event)
    await notifications.idle()
    handled = await notifications.runtime.database["inbox"].find_one(
        {"consumer": "notifications-webhook-endpoints", "event_id": event.event_id}
    )
    assert handled is not None  # handled (not left for a retry), and nothing queued
    assert await notifications.deliveries(recipient=owner) == []

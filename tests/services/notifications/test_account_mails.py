"""Account emails: the verification and password-reset links reach the person, once, whatever happens.

Against a real nats-server and a real SMTP server on loopback; the auth service itself asks for the
links in the end-to-end tests, plain published events drive the rest.
"""

from __future__ import annotations

import json
import re
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

from nats.aio.client import Client as NatsClient

from cityfix_contracts import RpcContext, SystemActor
from cityfix_contracts.commands.auth import (
    ConfirmPasswordReset,
    RegisterCitizen,
    RequestPasswordReset,
    UserView,
    VerifyEmail,
)
from cityfix_contracts.events import AccountDeleted, PasswordResetRequested
from services.auth.service import spec as auth_spec
from services.common.rpc import RpcClient
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.common.tokens import generate_private_key
from services.notifications.subscribers import queue_account_mail

from .conftest import DEADLINE, NotificationsHarness, SmtpServer, StartNotifications, verification

PASSWORD = "Lantern-Orchard-42"
NEW_PASSWORD = "Quartz-Meadow-Bicycle-7"


def anonymous() -> RpcContext:
    return RpcContext(
        correlation_id=uuid.uuid4().hex, actor=SystemActor(system="anonymous"), client_address="203.0.113.7"
    )


def link_token(body: str, path: str) -> str:
    found = re.search(rf"{re.escape(path)}\?token=([A-Za-z0-9_\-]+)", body)
    assert found, f"no {path} link in:\n{body}"
    return found.group(1)


async def start_auth(
    run_service: Callable[..., Awaitable[ServiceRuntime]], nats_client: NatsClient, tmp_path: Path
) -> RpcClient:
    await run_service(auth_spec, jwt_private_key_file=generate_private_key(tmp_path / "jwt.pem"))
    return RpcClient(nats_client, timeout=10.0)


async def test_registering_emails_a_verification_link_that_works(
    notifications: NotificationsHarness,
    run_service: Callable[..., Awaitable[ServiceRuntime]],
    nats_client: NatsClient,
    tmp_path: Path,
) -> None:
    rpc = await start_auth(run_service, nats_client, tmp_path)
    email = f"clara.{uuid.uuid4().hex[:8]}@example.org"
    user: UserView = await rpc.call(
        RegisterCitizen(email=email, password=PASSWORD, full_name="Clara Citizen"), anonymous()
    )

    [mail] = await notifications.wait_mails(email)
    assert mail.subject == "Please confirm your email address for CityFix"
    assert mail.body.startswith("Hello Clara Citizen,")
    token = link_token(mail.body, "/verify-email")

    verified: UserView = await rpc.call(VerifyEmail(token=token), anonymous())
    assert verified.id == user.id and verified.email_verified

    # Once sent, the stored delivery keeps no body: the link's token is gone from the database.
    sent = await notifications.wait_delivery(recipient=user.id, status="sent")
    assert sent["kind"] == "email_verification" and sent["attempts"] == 1
    assert token not in json.dumps(sent, default=str)


async def test_a_password_reset_link_arrives_in_german_and_works(
    notifications: NotificationsHarness,
    run_service: Callable[..., Awaitable[ServiceRuntime]],
    nats_client: NatsClient,
    tmp_path: Path,
) -> None:
    rpc = await start_auth(run_service, nats_client, tmp_path)
    email = f"jonas.{uuid.uuid4().hex[:8]}@example.org"
    await rpc.call(
        RegisterCitizen(email=email, password=PASSWORD, full_name="Jonas Bürger", locale="de"), anonymous()
    )
    [welcome] = await notifications.wait_mails(email)
    assert welcome.subject == "Bitte bestätigen Sie Ihre E-Mail-Adresse für CityFix"

    await rpc.call(RequestPasswordReset(email=email), anonymous())
    _, reset = await notifications.wait_mails(email, count=2)
    assert reset.subject == "Ihr CityFix-Passwort zurücksetzen"
    assert reset.body.startswith("Hallo Jonas Bürger,")
    token = link_token(reset.body, "/reset-password")
    await rpc.call(ConfirmPasswordReset(token=token, password=NEW_PASSWORD), anonymous())


async def test_the_same_event_delivered_twice_sends_one_email(notifications: NotificationsHarness) -> None:
    user_id = f"user-{uuid.uuid4().hex[:8]}"
    email = f"{user_id}@example.org"
    envelope = await notifications.publish(verification(user_id, email))
    # The same event again under another message id: JetStream's duplicate window does not catch it.
    await notifications.publish(envelope.data, envelope=envelope, msg_id=f"again-{envelope.event_id}")

    await notifications.wait_mails(email)
    await notifications.idle()
    await notifications.wait_delivery(recipient=user_id, status="sent")
    assert len(notifications.smtp.to(email)) == 1
    assert len(await notifications.deliveries(event_id=envelope.event_id)) == 1


async def test_the_delivery_key_holds_even_past_the_inbox(notifications: NotificationsHarness) -> None:
    """(event_id, recipient, channel) is unique on its own: handling an event twice queues one mail."""
    user_id = f"user-{uuid.uuid4().hex[:8]}"
    envelope = await notifications.publish(verification(user_id, f"{user_id}@example.org"))
    for _ in range(2):  # as if the inbox mark had been lost: the handler runs again
        async with notifications.runtime.unit_of_work() as uow:
            await queue_account_mail(envelope, uow, notifications.runtime.deps)
    await notifications.idle()
    await notifications.wait_delivery(recipient=user_id, status="sent")
    assert len(await notifications.deliveries(event_id=envelope.event_id)) == 1
    assert len(notifications.smtp.to(f"{user_id}@example.org")) == 1


async def test_mail_waits_while_the_smtp_server_is_down_and_goes_out_once_when_it_is_back(
    start_notifications: StartNotifications, smtp: SmtpServer
) -> None:
    notifications = await start_notifications()  # the SMTP server is not running yet
    user_id = f"user-{uuid.uuid4().hex[:8]}"
    email = f"{user_id}@example.org"
    await notifications.publish(
        PasswordResetRequested(
            user_id=user_id,
            email=email,
            full_name="Paula Patient",
            token="reset-token-1234",
            reset_url="http://cityfix.test/reset-password?token=reset-token-1234",
            expires_at=datetime.now(UTC) + timedelta(hours=1),
        )
    )

    async def tried_and_failed() -> bool:
        found = await notifications.deliveries(recipient=user_id)
        return bool(found) and found[0]["attempts"] >= 2 and found[0]["status"] == "pending"

    await eventually(tried_and_failed, timeout=DEADLINE, what="sending tried while the server is down")
    await notifications.idle()  # the event itself was handled and acked: the outage holds up no event
    assert notifications.smtp.messages == []

    smtp.start()
    [mail] = await notifications.wait_mails(email)
    assert mail.subject == "Reset your CityFix password"
    assert "http://cityfix.test/reset-password?token=reset-token-1234" in mail.body
    sent = await notifications.wait_delivery(recipient=user_id, status="sent")
    assert sent["last_error"] is None
    assert len(notifications.smtp.to(email)) == 1


async def test_an_expired_link_is_not_sent(start_notifications: StartNotifications) -> None:
    notifications = await start_notifications()  # SMTP down: the link expires before it could go out
    user_id = f"user-{uuid.uuid4().hex[:8]}"
    await notifications.publish(
        verification(user_id, f"{user_id}@example.org", expires_at=datetime.now(UTC) - timedelta(seconds=1))
    )
    expired = await notifications.wait_delivery(recipient=user_id, status="expired")
    assert "text" not in expired and "html" not in expired


async def test_a_deleted_account_leaves_no_address_or_name(notifications: NotificationsHarness) -> None:
    user_id = f"user-{uuid.uuid4().hex[:8]}"
    email, name = f"{user_id}@example.org", f"Vera Vanishing {user_id}"
    await notifications.publish(verification(user_id, email, full_name=name))
    await notifications.wait_delivery(recipient=user_id, status="sent")

    await notifications.publish(AccountDeleted(user_id=user_id))

    async def forgotten() -> bool:
        database = notifications.runtime.database
        for collection in await database.list_collection_names():
            async for document in database[collection].find({}):
                text = json.dumps(document, default=str)
                if email in text or name in text:
                    return False
        return True

    await eventually(forgotten, timeout=DEADLINE, what="no document holds the address or the name")
    [delivery] = await notifications.deliveries(recipient=user_id)
    assert delivery["status"] == "sent" and delivery["to_address"] is None


async def test_an_account_email_arriving_after_the_deletion_is_dropped(
    notifications: NotificationsHarness,
) -> None:
    """The two streams are not ordered with each other: AccountDeleted may be handled first."""
    user_id = f"user-{uuid.uuid4().hex[:8]}"
    email = f"{user_id}@example.org"
    await notifications.publish(AccountDeleted(user_id=user_id))
    await notifications.idle()
    await notifications.publish(verification(user_id, email))
    await notifications.idle()
    assert await notifications.deliveries(recipient=user_id) == []
    assert notifications.smtp.to(email) == []

"""Events the notifications service reacts to: handlers of (envelope, unit of work, dependencies).

Nothing asks this service to notify anyone (DESIGN §1): the auth service states that a person asked for
a verification or password-reset link, and this service decides to email it. Consumers only queue the
mail in their unit of work; the sender (sender.py) hands it to the SMTP server afterwards. The
projection of people is in people.py, the notifications of what happens to tickets in ticket_events.py;
both register on the `events` registry here.
"""

from __future__ import annotations

import uuid
from typing import Any

from cityfix_contracts import Envelope, utc_now
from cityfix_contracts.events import AccountDeleted, EmailVerificationRequested, PasswordResetRequested
from services.common.consumer import ConsumerRegistry
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import (
    AreaAlertDocument,
    DeliveryDocument,
    ForgottenPersonDocument,
    NotificationDocument,
    PersonDocument,
)
from .domain import AccountMailKind, account_mail
from .handlers import NotificationDeps

events = ConsumerRegistry("notifications")


def _session(uow: UnitOfWork) -> Any:
    return uow.session if isinstance(uow, MongoUnitOfWork) else None


@events.on(EmailVerificationRequested, PasswordResetRequested, consumer="account-mails")
async def queue_account_mail(envelope: Envelope[Any], uow: UnitOfWork, deps: NotificationDeps) -> None:
    """Queue the link email once per (event, person, channel); sent whatever the preferences say."""
    data: EmailVerificationRequested | PasswordResetRequested = envelope.data
    session = _session(uow)
    if await ForgottenPersonDocument.get(data.user_id, session=session) is not None:
        return  # the account was deleted before this event was handled (the streams are not ordered)
    kind: AccountMailKind
    if isinstance(data, EmailVerificationRequested):
        kind, link = "email_verification", data.verify_url
    else:
        kind, link = "password_reset", data.reset_url
    mail = account_mail(
        kind, full_name=data.full_name, link=link, expires_at=data.expires_at, locale=data.locale
    )
    key = {"event_id": envelope.event_id, "recipient": data.user_id, "channel": "email"}
    delivery = DeliveryDocument(
        id=str(uuid.uuid4()),
        **key,
        kind=kind,
        to_address=data.email,
        subject=mail.subject,
        text=mail.text,
        html=mail.html,
        expires_at=data.expires_at,
    )
    queued = {"_id": delivery.id, **delivery.model_dump(exclude={"id", "revision_id", *key})}
    await DeliveryDocument.get_pymongo_collection().update_one(
        key, {"$setOnInsert": queued}, upsert=True, session=session
    )
    deps.wake_sender()


@events.on(AccountDeleted, consumer="account-deletions")
async def forget_person(envelope: Envelope[Any], uow: UnitOfWork, deps: NotificationDeps) -> None:
    """Keep no address, name, link, inbox, preferences or area alert of a deleted account; remember only its id, so late events
    are dropped."""
    user_id = envelope.data.user_id
    session = _session(uow)
    await ForgottenPersonDocument.get_pymongo_collection().update_one(
        {"_id": user_id}, {"$setOnInsert": {"forgotten_at": utc_now()}}, upsert=True, session=session
    )
    await PersonDocument.get_pymongo_collection().update_one(
        {"_id": user_id},
        {
            "$set": {
                "deleted": True,
                "active": False,
                "role": None,
                "municipality_id": None,
                "email": None,
                "full_name": None,
                "preferences": None,
            }
        },
        upsert=True,
        session=session,
    )
    await AreaAlertDocument.get_pymongo_collection().delete_many({"user_id": user_id}, session=session)
    await NotificationDocument.get_pymongo_collection().delete_many({"recipient": user_id}, session=session)
    deliveries = DeliveryDocument.get_pymongo_collection()
    await deliveries.update_many(
        {"recipient": user_id, "status": "pending"}, {"$set": {"status": "cancelled"}}, session=session
    )
    await deliveries.update_many(
        {"recipient": user_id},
        {
            "$set": {"to_address": None, "last_error": None},
            "$unset": {"text": "", "html": ""},
        },
        session=session,
    )

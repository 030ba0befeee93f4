"""Who people are, as far as notifications need: role and municipality (who manages where) from the
auth service's public account events, and how to write to them (address, name, language) from its
private ContactDetailsChanged. This service never asks the auth service.

Order-insensitive by construction (DESIGN §3.4): each part is set only by an event newer than the one it
came from — a conditional update, never a read-modify-write — and AccountDeleted (subscribers.py) is
final. The public and private streams number an account's events apart, so each part keeps the sequence
of its own stream.
"""

from __future__ import annotations

from typing import Any

from cityfix_contracts import Envelope
from cityfix_contracts.events import (
    ContactDetailsChanged,
    UserDeactivated,
    UserReactivated,
    UserRegistered,
    UserRoleChanged,
)
from services.common.uow import UnitOfWork

from .documents import PersonDocument
from .handlers import NotificationDeps, session_of
from .subscribers import events

NOT_DELETED = {"deleted": {"$ne": True}}


async def _ensure_person(user_id: str, session: Any) -> None:
    await PersonDocument.get_pymongo_collection().update_one(
        {"_id": user_id},
        {"$setOnInsert": PersonDocument(id=user_id).model_dump(exclude={"id", "revision_id"})},
        upsert=True,
        session=session,
    )


async def _newer(user_id: str, part: str, sequence: int, values: dict[str, Any], session: Any) -> None:
    """Set `values` if this event is newer than the one `part` came from, and the person still exists."""
    await PersonDocument.get_pymongo_collection().update_one(
        {"_id": user_id, **NOT_DELETED, f"{part}_sequence": {"$lt": sequence}},
        {"$set": {**values, f"{part}_sequence": sequence}},
        session=session,
    )


@events.on(UserRegistered, UserRoleChanged, UserDeactivated, UserReactivated, consumer="people")
async def learn_person(envelope: Envelope[Any], uow: UnitOfWork, deps: NotificationDeps) -> None:
    """Role, municipality and active flag of every account (managers hear of new reports)."""
    data = envelope.data
    session = session_of(uow)
    await _ensure_person(data.user_id, session)
    if isinstance(data, UserRegistered | UserRoleChanged):
        role = data.role if isinstance(data, UserRegistered) else data.to
        values = {"role": role, "municipality_id": data.municipality_id}
        await _newer(data.user_id, "role", envelope.sequence, values, session)
    if isinstance(data, UserRegistered | UserDeactivated | UserReactivated):
        active = not isinstance(data, UserDeactivated)
        await _newer(data.user_id, "active", envelope.sequence, {"active": active}, session)


@events.on(ContactDetailsChanged, consumer="contacts")
async def learn_contact(envelope: Envelope[Any], uow: UnitOfWork, deps: NotificationDeps) -> None:
    """The address, name and language to write in; emails are rendered with them when they are sent."""
    data: ContactDetailsChanged = envelope.data
    session = session_of(uow)
    await _ensure_person(data.user_id, session)
    values = {
        "email": data.email,
        "full_name": data.full_name,
        "locale": data.locale,
        "email_verified": data.email_verified,
    }
    await _newer(data.user_id, "contact", envelope.sequence, values, session)

"""Events the admin service reacts to: handlers of (envelope, unit of work, dependencies).

It learns who is an operator of which municipality from the auth service's account events, so a
category's default operator can be checked without asking auth (DESIGN §1: no synchronous calls).
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from cityfix_contracts import Envelope
from cityfix_contracts.events import (
    AccountDeleted,
    UserDeactivated,
    UserReactivated,
    UserRegistered,
    UserRoleChanged,
)
from services.common.consumer import ConsumerRegistry
from services.common.uow import UnitOfWork

from .documents import StaffDocument
from .domain import StaffRecord
from .handlers import AdminDeps, session_of

events = ConsumerRegistry("admin")

STAFF_EVENTS = (UserRegistered, UserRoleChanged, UserDeactivated, UserReactivated, AccountDeleted)


@events.on(*STAFF_EVENTS, consumer="staff")
async def learn_staff(envelope: Envelope[Any], uow: UnitOfWork, deps: AdminDeps) -> None:
    """Keep role, municipality and active flag of every account (no name, no email)."""
    session = session_of(uow)
    user_id = envelope.data.user_id
    stored = await StaffDocument.get(user_id, session=session)
    record = StaffRecord() if stored is None else StaffRecord(**stored.model_dump(exclude={"id"}))
    record.apply(envelope.data, envelope.sequence)
    await StaffDocument(id=user_id, **asdict(record)).save(session=session)

"""Events the auth service reacts to: handlers of (envelope, unit of work, dependencies)."""

from __future__ import annotations

from typing import Any

from cityfix_contracts import Envelope
from cityfix_contracts.events import AccountDeleted, CategoryChanged, MunicipalityCreated
from services.common.consumer import ConsumerRegistry
from services.common.uow import UnitOfWork

from .accounts import session_of
from .documents import CategoryDocument, MunicipalityDocument
from .handlers import AuthDeps
from .privacy import purge_private_messages

events = ConsumerRegistry("auth")


@events.on(MunicipalityCreated)
async def remember_municipality(envelope: Envelope[Any], uow: UnitOfWork, deps: AuthDeps) -> None:
    """Staff belong to municipalities this service knows; creation is the only change, so order is moot."""
    data: MunicipalityCreated = envelope.data
    await MunicipalityDocument.get_pymongo_collection().update_one(
        {"_id": data.municipality_id},
        {"$set": {"name": data.name, "slug": data.slug}},
        upsert=True,
        session=session_of(uow),
    )


@events.on(CategoryChanged)
async def remember_category(envelope: Envelope[Any], uow: UnitOfWork, deps: AuthDeps) -> None:
    """Area alerts may name categories; each event carries the whole category, so the newest wins."""
    data: CategoryChanged = envelope.data
    collection = CategoryDocument.get_pymongo_collection()
    await collection.update_one(
        {"_id": data.category_id},
        {"$setOnInsert": {"municipality_id": data.municipality_id, "sequence": 0}},
        upsert=True,
        session=session_of(uow),
    )
    await collection.update_one(
        {"_id": data.category_id, "sequence": {"$lt": envelope.sequence}},
        {"$set": {"municipality_id": data.municipality_id, "sequence": envelope.sequence}},
        session=session_of(uow),
    )


@events.on(AccountDeleted)
async def purge_deleted_account(envelope: Envelope[Any], uow: UnitOfWork, deps: AuthDeps) -> None:
    """Purge the person's private messages again: makes good a purge that DeleteMyAccount could not do
    (a crash after its commit, NATS away); a failure here is retried like any other."""
    data: AccountDeleted = envelope.data
    await purge_private_messages(deps.jetstream, data.user_id)

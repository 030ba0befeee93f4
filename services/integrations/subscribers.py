"""Events the integrations service reacts to: its projections of municipalities, categories and tickets.

It never asks another service (DESIGN §1): everything Open311 shows is learnt here. Municipalities and
categories carry their whole state and replace what is held when newer (higher `sequence`). A ticket's
fields come from several events; each group of fields is set only by an event newer than the one that set
it last, so redelivered, duplicated and shuffled events end in the same state (DESIGN §3.4). The
reporter's id is never kept: Open311 shows no reporter.
"""

from __future__ import annotations

from typing import Any

from cityfix_contracts import Envelope
from cityfix_contracts.events import (
    AddressResolved,
    CategoryChanged,
    MunicipalityCreated,
    MunicipalityUpdated,
    StatusChanged,
    TicketCreated,
    TicketEdited,
    TicketHidden,
    TicketRecategorized,
    TicketTransferred,
    TicketUnhidden,
)
from services.common.consumer import ConsumerRegistry
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import CategoryDocument, MunicipalityDocument, TicketDocument, TicketUpdateDocument
from .handlers import IntegrationsDeps

events = ConsumerRegistry("integrations")


def _session(uow: UnitOfWork) -> Any:
    return uow.session if isinstance(uow, MongoUnitOfWork) else None


async def _replace_if_newer(
    collection: Any, key: str, sequence: int, state: dict[str, Any], session: Any
) -> None:
    await collection.update_one({"_id": key}, {"$setOnInsert": {"sequence": 0}}, upsert=True, session=session)
    await collection.update_one(
        {"_id": key, "sequence": {"$lt": sequence}},
        {"$set": {**state, "sequence": sequence}},
        session=session,
    )


@events.on(MunicipalityCreated, MunicipalityUpdated, consumer="municipalities")
async def project_municipality(envelope: Envelope[Any], uow: UnitOfWork, deps: IntegrationsDeps) -> None:
    """Slug (Open311's jurisdiction_id), name (the agency responsible) and whether it is served."""
    data: MunicipalityCreated | MunicipalityUpdated = envelope.data
    state = {"slug": data.slug, "name": data.name, "active": data.active}
    await _replace_if_newer(
        MunicipalityDocument.get_pymongo_collection(),
        data.municipality_id,
        envelope.sequence,
        state,
        _session(uow),
    )


@events.on(CategoryChanged, consumer="categories")
async def project_category(envelope: Envelope[Any], uow: UnitOfWork, deps: IntegrationsDeps) -> None:
    """A category event carries the whole category: the newest one replaces what is held."""
    data: CategoryChanged = envelope.data
    state = {
        "municipality_id": data.municipality_id,
        "code": data.code,
        "name": data.name,
        "group": data.group,
        "description": data.description,
        "keywords": list(data.keywords),
        "active": data.active,
        "questions": [question.model_dump(mode="json") for question in data.questions],
    }
    await _replace_if_newer(
        CategoryDocument.get_pymongo_collection(), data.category_id, envelope.sequence, state, _session(uow)
    )


def ticket_groups(data: Any) -> dict[str, dict[str, Any]]:
    """What an event of a ticket says about it, by group of fields that change together."""
    if isinstance(data, TicketCreated | TicketTransferred):
        groups: dict[str, dict[str, Any]] = {
            "municipality": {"municipality_id": data.municipality_id, "reference": data.reference},
            "category": {"category_id": data.category_id, "expected_datetime": data.due_at},
            "status": {"status": data.status, "status_notes": None},
            "description": {"description": data.description},
            "place": {"lat": data.location.lat, "long": data.location.lon, "address": data.address},
            "created": {"requested_datetime": data.created_at},
        }
        if isinstance(data, TicketTransferred):
            groups["hidden"] = {"hidden": data.hidden}
        return groups
    if isinstance(data, StatusChanged):
        return {"status": {"status": data.to, "status_notes": data.note}}
    if isinstance(data, TicketEdited):
        return {"description": {"description": data.description}}
    if isinstance(data, TicketRecategorized):
        return {"category": {"category_id": data.to, "expected_datetime": data.due_at}}
    if isinstance(data, TicketHidden | TicketUnhidden):
        return {"hidden": {"hidden": isinstance(data, TicketHidden)}}
    return {}


TICKET_EVENTS = (
    TicketCreated,
    TicketTransferred,
    StatusChanged,
    TicketEdited,
    TicketRecategorized,
    TicketHidden,
    TicketUnhidden,
)


@events.on(*TICKET_EVENTS, consumer="tickets")
async def project_ticket(envelope: Envelope[Any], uow: UnitOfWork, deps: IntegrationsDeps) -> None:
    """Apply each group of fields the event sets where the event is newer than the group's last one."""
    session = _session(uow)
    collection = TicketDocument.get_pymongo_collection()
    ticket_id = envelope.data.ticket_id
    sequence = envelope.sequence
    await collection.update_one(
        {"_id": ticket_id},
        {
            "$setOnInsert": {"seq": {}, "hidden": False},
            "$max": {"updated_datetime": envelope.occurred_at},
        },
        upsert=True,
        session=session,
    )
    if isinstance(envelope.data, StatusChanged):  # FixMyStreet's request update, once per event
        change: StatusChanged = envelope.data
        await TicketUpdateDocument.get_pymongo_collection().update_one(
            {"_id": envelope.event_id},
            {
                "$setOnInsert": {
                    "ticket_id": ticket_id,
                    "status": change.to,
                    "note": change.note,
                    "updated_datetime": envelope.occurred_at,
                }
            },
            upsert=True,
            session=session,
        )
    for group, fields in ticket_groups(envelope.data).items():
        newer = {"$or": [{f"seq.{group}": {"$lt": sequence}}, {f"seq.{group}": {"$exists": False}}]}
        await collection.update_one(
            {"_id": ticket_id, **newer}, {"$set": {**fields, f"seq.{group}": sequence}}, session=session
        )


@events.on(AddressResolved, consumer="addresses")
async def project_address(envelope: Envelope[Any], uow: UnitOfWork, deps: IntegrationsDeps) -> None:
    """Geo's address for a ticket reported without one (shown only while the ticket has none of its own)."""
    data: AddressResolved = envelope.data
    await TicketDocument.get_pymongo_collection().update_one(
        {"_id": data.ticket_id},
        {"$set": {"resolved_address": data.address}, "$setOnInsert": {"seq": {}, "hidden": False}},
        upsert=True,
        session=_session(uow),
    )

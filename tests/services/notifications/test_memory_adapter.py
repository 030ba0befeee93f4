"""The service's handlers on the in-memory repository adapter (services/notifications/memory.py), with
no broker: the journey's people and ticket events handed to the registered consumers in a
`MemoryUnitOfWork`, shuffled and duplicated, give the same inbox as over the bus. The benchmark runs on
this adapter, so this is what makes its figures the service's own.
"""

from __future__ import annotations

import random
import uuid
from typing import Any

import pytest
from pymongo.errors import DuplicateKeyError

from cityfix_contracts import Envelope
from services.common.mongo import connect, init_documents
from services.common.outbox import MemoryOutboxStore
from services.common.settings import Settings
from services.common.uow import MemoryUnitOfWork, UnitOfWork
from services.notifications.documents import DOCUMENTS
from services.notifications.handlers import NotificationDeps
from services.notifications.memory import MemoryCollection, use_memory_collections
from services.notifications.sender import MailSender
from services.notifications.settings import notification_settings
from services.notifications.subscribers import events

from .journey import Cast, expected_inbox, inbox_of, journey, people_events


class MemoryDatabase:
    def __init__(self, collections: dict[str, MemoryCollection]) -> None:
        self.collections = collections

    def __getitem__(self, name: str) -> MemoryCollection:
        return self.collections[name]


async def handle_all(envelopes: list[Envelope[Any]], deps: NotificationDeps) -> int:
    """Hand each envelope to every consumer that takes it, as EventProcessor does; returns the events
    the consumers refused for now (a ticket's state written meanwhile never happens here)."""
    handled = 0
    for envelope in envelopes:
        for name, consumer in events.consumers.items():
            handler = consumer.handlers.get(envelope.event_type)
            if handler is None:
                continue
            async with deps.unit_of_work() as uow:
                if await uow.claim(name, envelope.event_id):
                    await handler(envelope, uow, deps)
                    handled += 1
    return handled


@pytest.fixture
async def memory() -> tuple[NotificationDeps, MemoryDatabase, MemoryOutboxStore]:
    await init_documents(connect(None), f"cityfix_test_memory_{uuid.uuid4().hex[:8]}", DOCUMENTS)
    database = MemoryDatabase(use_memory_collections(DOCUMENTS))
    outbox, inbox = MemoryOutboxStore(), set[tuple[str, str]]()

    def unit_of_work() -> UnitOfWork:
        return MemoryUnitOfWork(outbox, inbox)

    settings = notification_settings(Settings())
    deps = NotificationDeps(settings, unit_of_work, MailSender(None, unit_of_work, settings))
    return deps, database, outbox


async def test_the_journey_on_the_memory_adapter_tells_each_person_once(
    memory: tuple[NotificationDeps, MemoryDatabase, MemoryOutboxStore],
) -> None:
    deps, database, outbox = memory
    cast = Cast.fresh()
    await handle_all(people_events(cast), deps)
    events_of_ticket = journey(cast, f"t-{uuid.uuid4().hex[:8]}", "POT-1")
    shuffled = events_of_ticket * 2
    random.Random(7).shuffle(shuffled)
    await handle_all(shuffled, deps)

    expected = expected_inbox(cast)
    for person in cast.everyone():
        assert await inbox_of(database, events_of_ticket, person) == expected[person], person
    stored = sum(len(heard) for heard in expected.values())
    assert await database["notifications"].count_documents({}) == stored
    assert await outbox.count() == stored  # one NotificationCreated per stored entry
    # The reporter's emails of the three changes of status and the manager's of the new report.
    assert await database["deliveries"].count_documents({"recipient": cast.citizen}) == 3
    assert await database["deliveries"].count_documents({"recipient": cast.manager}) == 1


async def test_the_memory_adapter_keeps_unique_keys() -> None:
    collection = MemoryCollection([("event_id", "recipient")])
    await collection.insert_one({"_id": 1, "event_id": "e", "recipient": "r"})
    with pytest.raises(DuplicateKeyError):
        await collection.insert_one({"_id": 2, "event_id": "e", "recipient": "r"})
    with pytest.raises(DuplicateKeyError):
        await collection.insert_one({"_id": 1, "event_id": "f", "recipient": "r"})
    upserted = await collection.update_one(
        {"event_id": "e", "recipient": "r"}, {"$setOnInsert": {"_id": 3, "text": "x"}}, upsert=True
    )
    assert upserted.upserted_id is None and upserted.matched_count == 1
    assert await collection.find_one({"_id": 1}) == {"_id": 1, "event_id": "e", "recipient": "r"}
    await collection.update_one({"_id": 1}, {"$set": {"recipient": "s"}})
    await collection.insert_one({"_id": 4, "event_id": "e", "recipient": "r"})  # the old key is free again
    assert await collection.count_documents({"event_id": "e", "recipient": {"$in": ["r", "s"]}}) == 2

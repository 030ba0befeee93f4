"""The inbox of a unit of work on the in-process engine: a claim marks an event handled by one consumer
once, and finds out by the entry's key, never by testing the other entries (the inbox grows with every
event a service handles)."""

from __future__ import annotations

from typing import Any

import mongomock_ng.collection
import mongomock_ng.filtering
import pytest

from services.common.mongo import connect, reset_in_process_engine
from services.common.uow import INBOX, MongoUnitOfWork, create_plumbing_indexes, inbox_key

DATABASE = "cityfix_test_inbox"


async def test_a_claim_is_once_per_consumer_and_event_and_tests_no_other_entry(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    reset_in_process_engine()
    try:
        client = connect(None)
        await create_plumbing_indexes(client[DATABASE])
        async with MongoUnitOfWork(client, DATABASE) as uow:
            for n in range(500):
                assert await uow.claim("projection", f"event-{n}")

        tested: list[Any] = []
        applies = mongomock_ng.filtering.filter_applies
        entries = mongomock_ng.collection.Collection._compute_index_entries

        def filtering(filter: Any, document: Any) -> bool:
            tested.append(document)
            return bool(applies(filter, document))

        def indexing(document: Any, *args: Any) -> Any:
            tested.append(document)
            return entries(document, *args)

        monkeypatch.setattr(mongomock_ng.filtering, "filter_applies", filtering)
        monkeypatch.setattr(mongomock_ng.collection, "filter_applies", filtering)  # the library's scan
        monkeypatch.setattr(
            mongomock_ng.collection.Collection, "_compute_index_entries", staticmethod(indexing)
        )
        async with MongoUnitOfWork(client, DATABASE) as uow:
            assert await uow.claim("projection", "event-500")
            assert not await uow.claim("projection", "event-7")  # handled before
            assert await uow.claim("alerts", "event-7")  # by another consumer: its own mark
            assert not await uow.claim("alerts", "event-7")  # and only once
        assert len(tested) <= 8  # a few entries at most, not the 500 stored

        async def failing_handler() -> None:
            async with MongoUnitOfWork(client, DATABASE) as uow:
                assert await uow.claim("projection", "event-900")
                raise RuntimeError("the handler failed")

        with pytest.raises(RuntimeError):
            await failing_handler()
        async with MongoUnitOfWork(client, DATABASE) as uow:
            assert await uow.claim("projection", "event-900")  # the failed unit left no mark

        # Entries still name their consumer and event, for anyone who looks one up by them.
        entry = await client[DATABASE][INBOX].find_one({"consumer": "alerts", "event_id": "event-7"})
        assert entry is not None and entry["_id"] == inbox_key("alerts", "event-7")
        assert await client[DATABASE][INBOX].count_documents({}) == 503
    finally:
        reset_in_process_engine()

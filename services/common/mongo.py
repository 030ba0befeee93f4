"""MongoDB access shared by every service: a real server, or the in-process engine.

With a URL we talk to a real MongoDB through PyMongo's async client, the API Beanie 2.2 is built on.
Without one (embedded dev stack, tests on a machine with no MongoDB) every service in the process
shares ONE in-process engine — ``mongomock_motor`` driving ``mongomock_ng`` — so a service
restarted within a run keeps its data (one database per service, e.g. ``cityfix_tickets``).

``mongomock_motor`` imitates Motor, whereas Beanie 2.2 speaks the PyMongo async API; the small
subclasses below bridge the differences Beanie actually hits. They wrap, never patch library
globals. Known limits of the in-process engine: no ``$text`` search and no transaction isolation
(an abort rolls back whole collections to their state when the transaction first touched them,
including concurrent writes made outside the transaction). We use neither.
"""

from __future__ import annotations

import collections
import copy
import time
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from types import TracebackType
from typing import Any, TypeAlias, cast

import beanie
import mongomock_motor
import mongomock_ng
import mongomock_ng.filtering
import mongomock_ng.session
from pymongo import AsyncMongoClient
from pymongo.asynchronous.client_session import AsyncClientSession

# Both backends are typed as PyMongo's async client: the in-process engine duck-types the part of
# that API Beanie and our code use, and one static type keeps every caller simple.
Client: TypeAlias = AsyncMongoClient[dict[str, Any]]

# mongomock_motor's stubs claim its classes *are* Motor's (so mypy would check our overrides
# against Motor) and mongomock_ng is untyped: we reach the runtime classes through Any instead.
_MockClientBase: Any = mongomock_motor.AsyncMongoMockClient
_MockDatabaseBase: Any = mongomock_motor.AsyncMongoMockDatabase
_MockCollectionBase: Any = mongomock_motor.AsyncMongoMockCollection
_MockCursor: Any = mongomock_motor.AsyncLatentCommandCursor
_MockSession: Any = mongomock_ng.session.ClientSession
_filtering: Any = mongomock_ng.filtering


class _InProcessSession(_MockSession):  # type: ignore[misc]
    """A mongomock_ng session with PyMongo async's coroutine API.

    Subclassed rather than wrapped because mongomock_ng only accepts its own ClientSession in
    ``session=`` arguments (that is how collections enrol in the transaction for rollback).
    """

    async def start_transaction(self, **options: Any) -> _InProcessTransaction:
        _MockSession.start_transaction(self, **options)
        return _InProcessTransaction(self)

    def _ensure_collection_in_transaction(self, collection_store: Any) -> None:
        """Enrol a collection: what an abort restores is a *shallow* copy of its documents, taken when the
        transaction first touches it.

        mongomock_ng deep-copies the whole collection here, so every transaction paid for the size of each
        collection it wrote to, on the event loop (a sign-in, at 230 stored sessions: ~3.6 ms). A shallow
        copy already keeps inserted documents out and deleted ones in; the one write that changes a stored
        document in place, an update, first swaps that document's entry in the copy for a deep copy of its
        own (``_protect_updated_documents``). So a transaction pays for the documents it changes, not for
        the collection."""
        if self._in_transaction and collection_store not in self._transaction_collections:
            collection_store._saved_documents = collections.OrderedDict(collection_store._documents)
            collection_store._saved_indexes = copy.deepcopy(collection_store.indexes)
            collection_store._saved_ttl_indexes = copy.deepcopy(collection_store._ttl_indexes)
            self._transaction_collections.add(collection_store)

    # The sync base methods call one another through ``self``; calling them explicitly on the
    # base class keeps our async overrides out of those internal calls.
    async def commit_transaction(self) -> None:
        _MockSession.commit_transaction(self)

    async def abort_transaction(self) -> None:
        _MockSession.abort_transaction(self)

    async def end_session(self) -> None:
        if self.in_transaction:
            _MockSession.abort_transaction(self)
        self._has_ended = True

    async def __aenter__(self) -> _InProcessSession:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.end_session()


class _InProcessTransaction:
    """What ``await session.start_transaction()`` returns: commit on success, abort on error."""

    def __init__(self, session: _InProcessSession) -> None:
        self._session = session

    async def __aenter__(self) -> _InProcessTransaction:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if not self._session.in_transaction:
            return
        if exc_type is None:
            await self._session.commit_transaction()
        else:
            await self._session.abort_transaction()


TTL_SWEEP_SECONDS = 1.0


def _sweep_expired_at_intervals(store: Any) -> None:
    """Make `store` (a mongomock_ng CollectionStore) remove TTL-expired documents at most once every
    TTL_SWEEP_SECONDS instead of on every read and write.

    mongomock_ng scans the whole collection for expired documents on each access, so every insert into
    a collection with a TTL index (sessions, refresh tokens, sign-in throttling) cost time proportional
    to its size, on the event loop (measured: about 60 % of the engine's share of a sign-in at 200
    sessions). A real MongoDB's TTL monitor deletes expired documents in the background once a minute;
    code never relies on the exact moment, and this keeps the engine within a second of it. Done per
    store instance (an attribute overriding the method), not by patching the library's class.
    """
    if getattr(store, "_cityfix_ttl_sweep", False):
        return
    sweep = store._remove_expired_documents  # the library's bound method
    last = [-TTL_SWEEP_SECONDS]

    def at_intervals() -> None:
        if not store._ttl_indexes:
            return
        now = time.monotonic()
        if now - last[0] < TTL_SWEEP_SECONDS:
            return
        last[0] = now
        sweep()

    store._remove_expired_documents = at_intervals
    store._cityfix_ttl_sweep = True


def _protect_updated_documents(collection: Any) -> None:
    """Make `collection` (a mongomock_ng Collection) save a deep copy of each document an update may change,
    in the rollback copy of a transaction that has enrolled its store, before changing it in place.

    Every update of mongomock_ng (update_one/many, replace_one, find_one_and_*, bulk writes, $merge)
    goes through ``_update_documents``, which edits the stored dicts in place. The store, not the session,
    says whether a transaction holds a rollback copy (``find_one_and_update`` drops the session on its
    way there). Done per collection instance, as the TTL sweep above, not by patching the library's class.
    """
    if getattr(collection, "_cityfix_protects_updates", False):
        return
    update_documents = collection._update_documents  # the library's bound method

    def protecting(spec: Any, document: Any, *args: Any, **kwargs: Any) -> Any:
        saved = collection._store._saved_documents
        if saved is not None:
            for stored in collection._iter_documents(spec):
                key = stored["_id"]
                if saved.get(key) is stored:  # still shared with the live collection: keep it as it is now
                    saved[key] = copy.deepcopy(stored)
        return update_documents(spec, document, *args, **kwargs)

    collection._update_documents = protecting
    collection._cityfix_protects_updates = True


def _find_by_id_directly(collection: Any) -> None:
    """Make `collection` (a mongomock_ng Collection) look a document up by its `_id` when a filter names
    one, instead of testing the filter against every document.

    mongomock_ng has no indexes: every read, update and delete tests each document in turn, about 2 µs a
    document in Python. A service's by-id reads and upserts (a photo, a projection row, an inbox entry)
    then cost more with every document stored: 7 ms each at 4,000, on the service's event loop. Its
    store is a dict keyed by `_id`, so a filter that names a string `_id` needs that one document (the
    rest of the filter is still applied to it). Ids in this system are strings; any other filter takes
    the library's own path. Done per collection instance, as above, not by patching the library's class.
    """
    if getattr(collection, "_cityfix_finds_by_id", False):
        return
    scan = collection._iter_documents  # the library's bound method
    store = collection._store

    def iter_documents(filter: Any) -> Any:
        if isinstance(filter, dict) and type(filter.get("_id")) is str:
            key = filter["_id"]
            found = [store[key]] if key in store else []
            return iter([d for d in found if _filtering.filter_applies(filter, d)])
        return scan(filter)

    collection._iter_documents = iter_documents
    collection._cityfix_finds_by_id = True


class _InProcessCollection(_MockCollectionBase):  # type: ignore[misc]
    def __init__(self, database: _InProcessDatabase, collection: Any) -> None:
        super().__init__(database, collection)
        self._sync = collection
        _sweep_expired_at_intervals(collection._store)
        _protect_updated_documents(collection)
        _find_by_id_directly(collection)

    # PyMongo async's aggregate is a coroutine returning the cursor; Beanie awaits it.
    async def aggregate(self, pipeline: list[dict[str, Any]], *args: Any, **kwargs: Any) -> Any:
        return _MockCursor(self._sync.aggregate(pipeline, *args, **kwargs))

    # mongomock_ng refuses ``session=`` here; Beanie always passes one (often None). Counting only
    # reads, and the engine has no isolation anyway, so the session changes nothing.
    async def count_documents(self, filter: dict[str, Any], *, session: Any = None, **kwargs: Any) -> int:
        return int(self._sync.count_documents(filter, **kwargs))


class _InProcessDatabase(_MockDatabaseBase):  # type: ignore[misc]
    def __init__(self, client: _InProcessClient, database: Any) -> None:
        super().__init__(client, database)
        self._sync = database

    def get_collection(self, *args: Any, **kwargs: Any) -> _InProcessCollection:
        return _InProcessCollection(self, self._sync.get_collection(*args, **kwargs))

    # Beanie asks for ``authorizedCollections``/``nameOnly``; both only narrow the answer on a
    # server with access control, so they are meaningless here.
    async def list_collection_names(
        self, filter: dict[str, Any] | None = None, session: Any = None, **_: Any
    ) -> list[str]:
        return list(self._sync.list_collection_names(filter=filter))


class _InProcessClient(_MockClientBase):  # type: ignore[misc]
    def __init__(self) -> None:
        # tz_aware: hand datetimes back as UTC-aware, as the real client does with tz_aware=True.
        sync: Any = mongomock_ng.MongoClient(tz_aware=True)
        super().__init__(mock_mongo_client=sync)
        self._sync = sync

    def get_database(self, *args: Any, **kwargs: Any) -> _InProcessDatabase:
        return _InProcessDatabase(self, self._sync.get_database(*args, **kwargs))

    # PyMongo async's start_session is a plain call returning an async-context session.
    def start_session(self, **options: Any) -> _InProcessSession:
        return _InProcessSession(self._sync, options=None)


_engine: _InProcessClient | None = None


def connect(url: str | None) -> Client:
    """A real client for ``url``; without one, the process-wide shared in-process engine."""
    if url:
        return AsyncMongoClient(url, tz_aware=True)
    global _engine
    if _engine is None:
        _engine = _InProcessClient()
    return cast(Client, _engine)


def reset_in_process_engine() -> None:
    """Forget the shared in-process engine (and so all its data); the next connect(None) starts empty."""
    global _engine
    _engine = None


def is_in_process(client: object) -> bool:
    return isinstance(client, _InProcessClient)


async def init_documents(client: Client, database: str, documents: Sequence[type[beanie.Document]]) -> None:
    """Bind Beanie documents to ``database`` on ``client`` and create their indexes."""
    await beanie.init_beanie(database=client[database], document_models=list(documents))


@asynccontextmanager
async def transaction(client: Client) -> AsyncIterator[AsyncClientSession]:
    """A session in a started transaction: committed if the block succeeds, aborted if it raises.

    Pass it to Beanie as ``session=``. On a real server this needs a replica set (compose runs one).
    """
    async with client.start_session() as session, await session.start_transaction():
        yield session

"""Units of work: one atomic change, the events it produces, and the inbox mark of the event it handles.

Handlers receive a unit of work and never commit by hand: leaving the `async with` block commits the
change, the outbox entries of the events emitted, and (for consumers) the inbox record, all together;
an exception aborts all three. This is what makes "no lost events" and "no double effects" hold.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Callable
from types import TracebackType
from typing import Any, Self

from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError

from cityfix_contracts import Envelope, utc_now

from .mongo import Client, is_in_process, transaction
from .outbox import MemoryOutboxStore, OutboxEntry, outbox_document

OUTBOX = "outbox"
INBOX = "inbox"


async def create_plumbing_indexes(database: Any) -> None:
    """Indexes of the outbox collection every service database has. The inbox needs none of its own:
    an entry's `_id` is its consumer and event (`inbox_key`), unique by the primary key."""
    await database[OUTBOX].create_index("event_id", unique=True)
    await database[OUTBOX].create_index([("created_at", 1)])


def inbox_key(consumer: str, event_id: str) -> str:
    """The `_id` of the inbox entry that marks `event_id` handled by `consumer`.

    Keyed by the primary key, a claim is one look-up of the `_id` index and an insert that maintains no
    other index. (With a separate unique index on (consumer, event_id), the in-process engine tested
    every stored entry twice per claim, once to look and once to check uniqueness, and the inbox grows
    with every event: at a couple of thousand entries, about a third of a consumer's CPU per event.)"""
    return f"{consumer}:{event_id}"


class UnitOfWork:
    """What every unit of work offers; services subclass it to add their repositories."""

    def __init__(self) -> None:
        self.events: list[Envelope[Any]] = []
        self.claims: list[tuple[str, str]] = []

    def emit(self, envelope: Envelope[Any]) -> None:
        """Store this event with the change; the relay publishes it after the commit."""
        self.events.append(envelope)

    async def claim(self, consumer: str, event_id: str) -> bool:
        """Mark `event_id` handled by `consumer` in this unit; False if it already was."""
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        raise NotImplementedError


# The in-process engine has no transaction isolation, and an abort restores whole collections: two
# transactions interleaving could undo each other's writes. One at a time per process keeps it correct.
# One lock per event loop: an asyncio.Lock binds to the loop it first waits in, and a process may run
# several loops one after another (tests do); a single module-wide lock would then raise.
_in_process_locks: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Lock] = (
    weakref.WeakKeyDictionary()
)


def _in_process_lock() -> asyncio.Lock:
    loop = asyncio.get_running_loop()
    lock = _in_process_locks.get(loop)
    if lock is None:
        lock = _in_process_locks[loop] = asyncio.Lock()
    return lock


class MongoUnitOfWork(UnitOfWork):
    def __init__(self, client: Client, database: str, on_commit: Callable[[], None] = lambda: None) -> None:
        super().__init__()
        self.client = client
        self.database = client[database]
        self.on_commit = on_commit
        self._session: AsyncClientSession | None = None
        self._transaction: Any = None
        self._lock: asyncio.Lock | None = None

    @property
    def session(self) -> AsyncClientSession:
        if self._session is None:
            raise RuntimeError("the unit of work is not open")
        return self._session

    async def __aenter__(self) -> Self:
        self.events, self.claims = [], []
        if is_in_process(self.client):
            lock = _in_process_lock()
            await lock.acquire()
            self._lock = lock
        try:
            self._transaction = transaction(self.client)
            self._session = await self._transaction.__aenter__()
        except BaseException:
            self._release()
            raise
        return self

    async def claim(self, consumer: str, event_id: str) -> bool:
        inbox = self.database[INBOX]
        key = inbox_key(consumer, event_id)
        # Looked up first: on MongoDB a duplicate-key error inside a transaction would abort it.
        if await inbox.find_one({"_id": key}, {"_id": 1}, session=self.session):
            return False
        try:
            await inbox.insert_one(
                {"_id": key, "consumer": consumer, "event_id": event_id, "handled_at": utc_now()},
                session=self.session,
            )
        except DuplicateKeyError:
            return False
        self.claims.append((consumer, event_id))
        return True

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        try:
            if exc is None and self.events:
                await self.database[OUTBOX].insert_many(
                    [outbox_document(OutboxEntry.of(e)) for e in self.events], session=self.session
                )
        except BaseException as failure:
            await self._transaction.__aexit__(type(failure), failure, failure.__traceback__)
            self._release()
            raise
        await self._transaction.__aexit__(exc_type, exc, tb)
        self._session = None
        self._release()
        if exc is None and self.events:
            self.on_commit()

    def _release(self) -> None:
        if self._lock is not None:
            lock, self._lock = self._lock, None
            lock.release()


class MemoryUnitOfWork(UnitOfWork):
    """Unit of work of the in-memory adapters: events and inbox marks apply only on commit."""

    def __init__(
        self,
        outbox: MemoryOutboxStore,
        inbox: set[tuple[str, str]],
        on_commit: Callable[[], None] = lambda: None,
    ) -> None:
        super().__init__()
        self.outbox = outbox
        self.inbox = inbox
        self.on_commit = on_commit
        self.committed = False

    async def __aenter__(self) -> Self:
        self.events, self.claims, self.committed = [], [], False
        return self

    async def claim(self, consumer: str, event_id: str) -> bool:
        key = (consumer, event_id)
        if key in self.inbox or key in self.claims:
            return False
        self.claims.append(key)
        return True

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        if exc is not None:
            return
        self.inbox.update(self.claims)
        self.outbox.add([OutboxEntry.of(e) for e in self.events])
        self.committed = True
        if self.events:
            self.on_commit()

"""Password hashing with argon2id, off the event loop and a bounded number at a time (DESIGN §7).

Hashing takes tens of milliseconds of CPU and ~19 MiB of memory by design; run on the loop it would stall
every other request, run without a bound a burst of logins would exhaust memory. So each hash runs in a
worker thread, at most `concurrency` at once, the rest waiting their turn. The workers run at the lowest
CPU priority (SCHED_IDLE, services/common/priority.py): a hash then takes the cycles request handling
leaves over instead of competing with it (measured by bench/auth: at nice 19 alone, sign-ins still raised
the p99 of unrelated requests on a 2-core machine by 20-50 %; under SCHED_IDLE by about 10 %).
"""

from __future__ import annotations

import asyncio
import secrets
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

from services.common.priority import lowest_priority

T = TypeVar("T")


class Passwords:
    def __init__(self, *, memory_kib: int, time_cost: int, parallelism: int, concurrency: int) -> None:
        self.hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism, type=Type.ID
        )
        # The pool bounds how many hashes run (and hold their memory) at once; the rest wait in its queue.
        self.workers = ThreadPoolExecutor(
            max_workers=concurrency, thread_name_prefix="argon2", initializer=lowest_priority
        )
        self._decoy: str | None = None

    async def _off_loop(self, work: Callable[..., T], *args: str) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.workers, work, *args)

    async def hash(self, password: str) -> str:
        return await self._off_loop(self.hasher.hash, password)

    async def verify(self, stored: str | None, password: str) -> bool:
        """Whether `password` matches `stored`. Without a stored hash (no such account, or no password
        set yet) a decoy hash is checked instead, so the answer takes as long either way."""
        if stored is None:
            await self._check(await self.decoy(), password)
            return False
        return await self._check(stored, password)

    def needs_rehash(self, stored: str) -> bool:
        """True when `stored` was made with other (older) parameters than today's."""
        try:
            return self.hasher.check_needs_rehash(stored)
        except InvalidHashError:
            return True

    async def decoy(self) -> str:
        if self._decoy is None:
            self._decoy = await self.hash(secrets.token_urlsafe(16))
        return self._decoy

    async def _check(self, stored: str, password: str) -> bool:
        return await self._off_loop(self._verify_sync, stored, password)

    def _verify_sync(self, stored: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

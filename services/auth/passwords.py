"""Password hashing with argon2id, off the event loop and a bounded number at a time (DESIGN §7).

Hashing takes tens of milliseconds of CPU and ~19 MiB of memory by design; run on the loop it would stall
every other request, run without a bound a burst of logins would exhaust memory. So each hash runs in a
worker thread, at most `concurrency` at once, the rest waiting their turn.
"""

from __future__ import annotations

import asyncio
import secrets

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError


class Passwords:
    def __init__(self, *, memory_kib: int, time_cost: int, parallelism: int, concurrency: int) -> None:
        self.hasher = PasswordHasher(
            time_cost=time_cost, memory_cost=memory_kib, parallelism=parallelism, type=Type.ID
        )
        self.slots = asyncio.Semaphore(concurrency)
        self._decoy: str | None = None

    async def hash(self, password: str) -> str:
        async with self.slots:
            return await asyncio.to_thread(self.hasher.hash, password)

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
        async with self.slots:
            return await asyncio.to_thread(self._verify_sync, stored, password)

    def _verify_sync(self, stored: str, password: str) -> bool:
        try:
            return self.hasher.verify(stored, password)
        except (VerificationError, InvalidHashError):
            return False

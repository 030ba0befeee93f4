"""Login throttling kept in MongoDB, so every replica of the auth service sees the same failures.

Two records per attempt: one for the account (keyed by a hash of the email address, whether or not an
account exists, so an unknown address is throttled exactly like a real one) and one for the client
address. Each keeps only its most recent failures, pushed with one atomic update.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from cityfix_contracts import DomainError

from .documents import LoginThrottleDocument
from .domain import account_throttle_key, address_throttle_key, lockout_seconds


@dataclass(frozen=True)
class ThrottleLimits:
    per_account: int
    per_address: int
    window: timedelta


def too_many_attempts(retry_after: int) -> DomainError:
    # One body for every lock, whatever its cause and whether or not the account exists.
    return DomainError(
        "rate_limited",
        "too_many_attempts",
        "Too many failed sign-in attempts; please wait before trying again, or reset your password.",
        {"retry_after": retry_after},
    )


class LoginThrottle:
    def __init__(self, limits: ThrottleLimits) -> None:
        self.limits = limits

    def _keys(self, email: str, address: str | None) -> list[tuple[str, int]]:
        keys = [(account_throttle_key(email), self.limits.per_account)]
        if address:
            keys.append((address_throttle_key(address), self.limits.per_address))
        return keys

    async def check(self, email: str, address: str | None, now: datetime) -> None:
        """Raise `rate_limited` (with `retry_after` seconds) while the account or the address is locked."""
        limits = dict(self._keys(email, address))
        records = await LoginThrottleDocument.find({"_id": {"$in": list(limits)}}).to_list()  # one round trip
        waits: list[int] = []
        for record in records:
            wait = lockout_seconds(
                record.failures, limit=limits[record.id], window=self.limits.window, now=now
            )
            if wait is not None:
                waits.append(wait)
        if waits:
            raise too_many_attempts(max(waits))

    async def record_failure(self, email: str, address: str | None, now: datetime) -> None:
        for key, limit in self._keys(email, address):
            await LoginThrottleDocument.get_pymongo_collection().update_one(
                {"_id": key},
                {
                    "$push": {"failures": {"$each": [now], "$slice": -limit}},
                    "$set": {"expires_at": now + self.limits.window},
                },
                upsert=True,
            )

    async def forget_account(self, email: str) -> None:
        """Clear an account's failures: after its owner proved control of the mailbox, or on deletion."""
        await LoginThrottleDocument.get_pymongo_collection().delete_one({"_id": account_throttle_key(email)})

    async def account_failures(self, email: str) -> list[datetime]:
        record = await LoginThrottleDocument.get(account_throttle_key(email))
        return [] if record is None else list(record.failures)

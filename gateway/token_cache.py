"""Access tokens the gateway has already verified, so a client's next requests skip the signature check.

Keyed by the whole token string, so only the exact token that passed verification is found. An entry
lives until the token's `exp` (a token found expired is dropped and never returned), and the least
recently used entry goes when the cache is full. The cache holds verification only: whether the account
may still act (deactivated users) is checked on every request, after the look-up.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from services.common.tokens import AccessClaims

DEFAULT_SIZE = 4096


class VerifiedTokens:
    def __init__(self, size: int = DEFAULT_SIZE, clock: Callable[[], float] = time.time) -> None:
        if size < 1:
            raise ValueError("the cache needs room for at least one token")
        self.size = size
        self._clock = clock
        self._entries: OrderedDict[str, tuple[float, AccessClaims]] = OrderedDict()

    def __len__(self) -> int:
        return len(self._entries)

    def get(self, token: str) -> AccessClaims | None:
        entry = self._entries.get(token)
        if entry is None:
            return None
        expires, claims = entry
        if self._clock() >= expires:  # PyJWT's rule: a token is expired from its exp on
            del self._entries[token]
            return None
        self._entries.move_to_end(token)
        return claims

    def put(self, token: str, claims: AccessClaims) -> None:
        self._entries[token] = (claims.exp.timestamp(), claims)
        self._entries.move_to_end(token)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)

    def clear(self) -> None:
        self._entries.clear()

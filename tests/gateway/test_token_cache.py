"""The gateway's cache of verified access tokens: it skips only the signature check, never the
account's standing (deactivation) nor the token's expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from gateway.token_cache import VerifiedTokens
from services.common.tokens import AccessClaims, TokenIssuer, TokenVerifier, load_private_key

from .conftest import assert_error, bearer

# No tickets service runs here: a request that passes authentication gets 503 from the missing
# service, one that does not gets 401 from the gateway.
PROTECTED = "/api/v1/tickets/t-1"


def _claims(user: str, exp: float) -> AccessClaims:
    return AccessClaims(
        sub=user, role="citizen", municipality_id=None, jti=user, exp=datetime.fromtimestamp(exp, UTC)
    )


class Clock:
    def __init__(self, now: float) -> None:
        self.now = now

    def __call__(self) -> float:
        return self.now


def test_an_entry_is_found_until_its_token_expires() -> None:
    clock = Clock(1000.0)
    cache = VerifiedTokens(clock=clock)
    claims = _claims("u1", exp=1060.0)
    cache.put("token-1", claims)
    assert cache.get("token-1") == claims
    assert cache.get("token-2") is None
    clock.now = 1059.9
    assert cache.get("token-1") == claims
    clock.now = 1060.0
    assert cache.get("token-1") is None
    assert len(cache) == 0


def test_the_least_recently_used_token_leaves_a_full_cache() -> None:
    cache = VerifiedTokens(size=2, clock=Clock(0.0))
    cache.put("a", _claims("a", 100.0))
    cache.put("b", _claims("b", 100.0))
    assert cache.get("a") is not None  # now b is the least recently used
    cache.put("c", _claims("c", 100.0))
    assert len(cache) == 2
    assert cache.get("b") is None
    assert cache.get("a") is not None and cache.get("c") is not None
    with pytest.raises(ValueError, match="at least one token"):
        VerifiedTokens(size=0)


@pytest.fixture
def verifying_app(app: FastAPI, key_file: Path) -> FastAPI:
    # The auth service (which hands out the public key) does not run here: the gateway gets the key.
    app.state.gateway._verifier = TokenVerifier(load_private_key(key_file).public_key())
    return app


class Refusing(TokenVerifier):
    def verify(self, token: str) -> AccessClaims:
        raise AssertionError("a cached token was verified again")


async def test_a_verified_token_is_not_verified_again(
    verifying_app: FastAPI, client: httpx.AsyncClient, issuer: TokenIssuer
) -> None:
    state = verifying_app.state.gateway
    token = issuer.access_token("citizen-1", "citizen", None)
    assert_error(await client.get(PROTECTED, headers=bearer(token)), 503, "service_unavailable")
    assert len(state.verified_tokens) == 1
    state._verifier = Refusing(state._verifier.public_key)
    assert_error(await client.get(PROTECTED, headers=bearer(token)), 503, "service_unavailable")
    with pytest.raises(AssertionError):  # another token still goes to the verifier
        await state.verify(issuer.access_token("citizen-1", "citizen", None))


async def test_a_deactivated_users_cached_token_stops_working_at_once(
    verifying_app: FastAPI, client: httpx.AsyncClient, issuer: TokenIssuer
) -> None:
    state = verifying_app.state.gateway
    token = issuer.access_token("citizen-1", "citizen", None)
    assert_error(await client.get(PROTECTED, headers=bearer(token)), 503, "service_unavailable")
    assert state.verified_tokens.get(token) is not None
    state.deactivated_users.add("citizen-1")  # as follow_account_events does on UserDeactivated
    assert_error(await client.get(PROTECTED, headers=bearer(token)), 401, "invalid_token")
    state.deactivated_users.discard("citizen-1")  # UserReactivated
    assert_error(await client.get(PROTECTED, headers=bearer(token)), 503, "service_unavailable")


async def test_expired_and_altered_tokens_are_refused_and_not_cached(
    verifying_app: FastAPI, client: httpx.AsyncClient, issuer: TokenIssuer
) -> None:
    state = verifying_app.state.gateway
    expired = issuer.access_token("citizen-1", "citizen", None, now=datetime.now(UTC) - timedelta(hours=1))
    assert_error(await client.get(PROTECTED, headers=bearer(expired)), 401, "invalid_token")
    good = issuer.access_token("citizen-1", "citizen", None)
    assert_error(await client.get(PROTECTED, headers=bearer(good)), 503, "service_unavailable")
    altered = good[:-4] + ("AAAA" if not good.endswith("AAAA") else "BBBB")
    assert_error(await client.get(PROTECTED, headers=bearer(altered)), 401, "invalid_token")
    assert state.verified_tokens.get(expired) is None
    assert state.verified_tokens.get(altered) is None
    assert len(state.verified_tokens) == 1


async def test_a_cached_token_is_refused_once_it_expires(
    verifying_app: FastAPI, client: httpx.AsyncClient, issuer: TokenIssuer
) -> None:
    state = verifying_app.state.gateway
    clock = Clock(datetime.now(UTC).timestamp())
    state.verified_tokens = VerifiedTokens(clock=clock)
    token = issuer.access_token("citizen-1", "citizen", None, minutes=1)
    assert_error(await client.get(PROTECTED, headers=bearer(token)), 503, "service_unavailable")
    clock.now += 61  # the cache says expired; the verifier (real time) would too by then
    state._verifier = Refusing(state._verifier.public_key)
    with pytest.raises(AssertionError):  # not served from the cache: it goes back to the verifier
        await state.verify(token)

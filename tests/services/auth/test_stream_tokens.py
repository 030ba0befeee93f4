"""Stream tokens (they open a person's live stream in the gateway) and access tokens never pass for each
other: another audience and type, pinned by the verifier."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.common.tokens import STREAM_TOKEN_SECONDS, InvalidToken, TokenIssuer, TokenVerifier


@pytest.fixture
def keys() -> tuple[TokenIssuer, TokenVerifier]:
    key = Ed25519PrivateKey.generate()
    return TokenIssuer(key), TokenVerifier(key.public_key())


def test_a_stream_token_opens_the_stream_and_is_no_access_token(
    keys: tuple[TokenIssuer, TokenVerifier],
) -> None:
    issuer, verifier = keys
    now = datetime.now(UTC)
    token, expires_at = issuer.stream_token("u-1", "manager", "m-a", now=now)
    assert expires_at == now + timedelta(seconds=STREAM_TOKEN_SECONDS)
    claims = verifier.verify_stream(token)
    assert (claims.sub, claims.role, claims.municipality_id) == ("u-1", "manager", "m-a")
    with pytest.raises(InvalidToken):
        verifier.verify(token)


def test_an_access_token_is_no_stream_token(keys: tuple[TokenIssuer, TokenVerifier]) -> None:
    issuer, verifier = keys
    access = issuer.access_token("u-1", "citizen", None)
    assert verifier.verify(access).sub == "u-1"
    with pytest.raises(InvalidToken):
        verifier.verify_stream(access)


def test_stream_tokens_expire_and_need_the_issuer_s_key(keys: tuple[TokenIssuer, TokenVerifier]) -> None:
    issuer, verifier = keys
    old, _ = issuer.stream_token("u-1", "citizen", None, now=datetime.now(UTC) - timedelta(minutes=10))
    with pytest.raises(InvalidToken):
        verifier.verify_stream(old)
    forged, _ = TokenIssuer(Ed25519PrivateKey.generate()).stream_token("u-1", "admin", None)
    with pytest.raises(InvalidToken):
        verifier.verify_stream(forged)

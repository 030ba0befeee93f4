"""Access tokens: EdDSA-signed JWTs minted by the auth service and verified by the gateway (DESIGN §7).

Verification pins the algorithm, the issuer and the audience and requires every claim we rely on, so
`alg: none`, an HS256 token signed with the public key, or a token for another audience never pass.
"""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, Literal

import jwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey, Ed25519PublicKey

ALGORITHM = "EdDSA"
ISSUER = "cityfix"
AUDIENCE = "cityfix-api"
ACCESS_TOKEN_MINUTES = 15
# A stream token opens one person's live stream (SSE) and nothing else: another audience and type, so it
# never passes as an access token (it travels in a query string or a cookie), nor the other way round.
STREAM_AUDIENCE = "cityfix-stream"
STREAM_TOKEN_SECONDS = 120

Role = Literal["citizen", "operator", "manager", "admin"]


def generate_private_key(path: Path) -> Path:
    """Write a new Ed25519 private key (PKCS#8 PEM) readable by its owner only."""
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as f:
        f.write(pem)
    return path


def load_private_key(path: Path) -> Ed25519PrivateKey:
    key = serialization.load_pem_private_key(path.read_bytes(), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise ValueError(f"{path} does not hold an Ed25519 private key")
    return key


def public_jwk(key: Ed25519PrivateKey, kid: str = "cityfix-1") -> dict[str, Any]:
    jwk: dict[str, Any] = jwt.algorithms.OKPAlgorithm.to_jwk(key.public_key(), as_dict=True)
    return {**jwk, "kid": kid, "alg": ALGORITHM, "use": "sig"}


@dataclass(frozen=True)
class AccessClaims:
    sub: str
    role: Role
    municipality_id: str | None
    jti: str
    exp: datetime


class TokenIssuer:
    def __init__(self, key: Ed25519PrivateKey, kid: str = "cityfix-1") -> None:
        self.key = key
        self.kid = kid

    def access_token(
        self,
        user_id: str,
        role: Role,
        municipality_id: str | None,
        *,
        minutes: int = ACCESS_TOKEN_MINUTES,
        now: datetime | None = None,
    ) -> str:
        issued = now or datetime.now(UTC)
        claims = {
            "iss": ISSUER,
            "aud": AUDIENCE,
            "sub": user_id,
            "iat": issued,
            "nbf": issued,
            "exp": issued + timedelta(minutes=minutes),
            "jti": uuid.uuid4().hex,
            "typ": "access",
            "role": role,
            "municipality_id": municipality_id,
        }
        return jwt.encode(claims, self.key, algorithm=ALGORITHM, headers={"kid": self.kid})

    def stream_token(
        self,
        user_id: str,
        role: Role,
        municipality_id: str | None,
        *,
        seconds: int = STREAM_TOKEN_SECONDS,
        now: datetime | None = None,
    ) -> tuple[str, datetime]:
        """A token that opens this person's live stream, and when it expires."""
        issued = now or datetime.now(UTC)
        expires = issued + timedelta(seconds=seconds)
        claims = {
            "iss": ISSUER,
            "aud": STREAM_AUDIENCE,
            "sub": user_id,
            "iat": issued,
            "nbf": issued,
            "exp": expires,
            "jti": uuid.uuid4().hex,
            "typ": "stream",
            "role": role,
            "municipality_id": municipality_id,
        }
        token = jwt.encode(claims, self.key, algorithm=ALGORITHM, headers={"kid": self.kid})
        return token, expires


class InvalidToken(Exception):
    pass


class TokenVerifier:
    def __init__(self, public_key: Ed25519PublicKey) -> None:
        self.public_key = public_key

    @classmethod
    def from_jwk(cls, jwk: dict[str, Any]) -> TokenVerifier:
        key = jwt.algorithms.OKPAlgorithm.from_jwk(jwk)
        if not isinstance(key, Ed25519PublicKey):
            raise ValueError("the JWK is not an Ed25519 public key")
        return cls(key)

    def verify(self, token: str) -> AccessClaims:
        return self._verify(token, audience=AUDIENCE, kind="access")

    def verify_stream(self, token: str) -> AccessClaims:
        """The claims of a stream token (never an access token)."""
        return self._verify(token, audience=STREAM_AUDIENCE, kind="stream")

    def _verify(self, token: str, *, audience: str, kind: str) -> AccessClaims:
        try:
            claims = jwt.decode(
                token,
                self.public_key,
                algorithms=[ALGORITHM],
                audience=audience,
                issuer=ISSUER,
                options={"require": ["iss", "aud", "sub", "exp", "iat", "jti", "role"]},
            )
        except jwt.PyJWTError as exc:
            raise InvalidToken(str(exc)) from None
        if claims.get("typ") != kind or claims["role"] not in ("citizen", "operator", "manager", "admin"):
            raise InvalidToken(f"not an {kind} token" if kind == "access" else f"not a {kind} token")
        iat = datetime.fromtimestamp(claims["iat"], UTC)
        if iat > datetime.now(UTC) + timedelta(seconds=30):
            raise InvalidToken("token issued in the future")
        return AccessClaims(
            sub=claims["sub"],
            role=claims["role"],
            municipality_id=claims.get("municipality_id"),
            jti=claims["jti"],
            exp=datetime.fromtimestamp(claims["exp"], UTC),
        )

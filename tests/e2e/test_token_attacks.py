"""Token attacks against the whole system (gateway + auth service): every one of them is a 401."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime, timedelta

import jwt
import pytest

from services.common.testing import eventually
from services.common.tokens import ALGORITHM, AUDIENCE, ISSUER, load_private_key
from tests.support.stack import PASSWORD, World, world

__all__ = ["world"]


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def _signed(world: World, **overrides: object) -> str:
    key_file = world.runtimes["auth"].settings.jwt_private_key_file
    assert key_file is not None
    now = datetime.now(UTC)
    citizen = world.person("citizen")
    claims: dict[str, object] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": citizen.id,
        "iat": now,
        "nbf": now,
        "exp": now + timedelta(minutes=5),
        "jti": "attack",
        "typ": "access",
        "role": "citizen",
        "municipality_id": None,
    }
    claims.update(overrides)
    return jwt.encode(claims, load_private_key(key_file), algorithm=ALGORITHM)


async def _status(world: World, token: str) -> int:
    response = await world.http.get("/api/v1/auth/me", headers={"Authorization": f"Bearer {token}"})
    if response.status_code == 401:
        assert response.headers["WWW-Authenticate"].startswith("Bearer")
        assert set(response.json()["error"]) == {"code", "message", "details"}
    return response.status_code


async def test_a_properly_signed_token_is_accepted(world: World) -> None:
    assert await _status(world, _signed(world)) == 200


@pytest.mark.parametrize(
    "overrides",
    [
        pytest.param({"nbf": datetime.now(UTC) + timedelta(hours=1)}, id="nbf-in-the-future"),
        pytest.param({"iat": datetime.now(UTC) + timedelta(hours=1)}, id="iat-in-the-future"),
        pytest.param({"exp": datetime.now(UTC) - timedelta(seconds=5)}, id="expired"),
        pytest.param({"aud": "someone-else"}, id="wrong-audience"),
        pytest.param({"iss": "someone-else"}, id="wrong-issuer"),
    ],
)
async def test_signed_tokens_with_bad_claims_are_refused(world: World, overrides: dict[str, object]) -> None:
    assert await _status(world, _signed(world, **overrides)) == 401


async def test_a_tampered_payload_is_refused(world: World) -> None:
    header, payload, signature = _signed(world).split(".")
    claims = json.loads(base64.urlsafe_b64decode(payload + "=" * (-len(payload) % 4)))
    claims["role"] = "admin"
    forged = ".".join([header, _b64(json.dumps(claims).encode()), signature])
    assert await _status(world, forged) == 401


async def test_alg_none_is_refused(world: World) -> None:
    citizen = world.person("citizen")
    header = _b64(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    now = int(datetime.now(UTC).timestamp())
    payload = _b64(
        json.dumps(
            {
                "iss": ISSUER,
                "aud": AUDIENCE,
                "sub": citizen.id,
                "iat": now,
                "exp": now + 300,
                "jti": "x",
                "role": "admin",
            }
        ).encode()
    )
    assert await _status(world, f"{header}.{payload}.") == 401


async def test_a_refresh_token_is_not_an_access_token(world: World) -> None:
    citizen = world.person("citizen")
    login = await world.http.post("/api/v1/auth/login", json={"email": citizen.email, "password": PASSWORD})
    assert await _status(world, login.json()["refresh_token"]) == 401


async def test_reusing_a_rotated_refresh_token_ends_the_whole_family(world: World) -> None:
    citizen = world.person("citizen")
    first = (
        await world.http.post("/api/v1/auth/login", json={"email": citizen.email, "password": PASSWORD})
    ).json()
    second = await world.http.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert second.status_code == 200
    newest = second.json()["refresh_token"]
    replay = await world.http.post("/api/v1/auth/refresh", json={"refresh_token": first["refresh_token"]})
    assert replay.status_code == 401
    after = await world.http.post("/api/v1/auth/refresh", json={"refresh_token": newest})
    assert after.status_code == 401


async def test_a_deactivated_users_token_stops_working_and_comes_back_on_reactivation(world: World) -> None:
    operator, manager = world.person("operator_a"), world.person("manager_a")
    assert await _status(world, operator.token) == 200
    response = await world.http.patch(
        f"/api/v1/users/{operator.id}", json={"active": False}, headers=manager.auth()
    )
    assert response.status_code == 200, response.text
    assert response.json()["active"] is False

    async def refused() -> bool:
        return await _status(world, operator.token) == 401

    await eventually(refused, what="the deactivated operator's token refused")
    login = await world.http.post("/api/v1/auth/login", json={"email": operator.email, "password": PASSWORD})
    assert login.status_code == 401
    response = await world.http.patch(
        f"/api/v1/users/{operator.id}", json={"active": True}, headers=manager.auth()
    )
    assert response.status_code == 200

    async def accepted() -> bool:
        return await _status(world, operator.token) == 200

    await eventually(accepted, what="the reactivated operator's token accepted")

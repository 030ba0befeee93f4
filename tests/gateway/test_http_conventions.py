"""HTTP conventions of DESIGN §4 and the token checks of §7, at the gateway's edge."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
import re
import uuid
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import jwt
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.common.service import ServiceRuntime
from services.common.tokens import AUDIENCE, ISSUER, TokenIssuer, load_private_key
from tests.gateway.conftest import assert_error, bearer

GENERATED_ID = re.compile(r"^[0-9a-f]{32}$")
CREATE = "/api/v1/municipalities"
VALID_BODY = {"name": "Cottbus", "slug": "cottbus", "reference_prefix": "CB"}


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def claims(**overrides: Any) -> dict[str, Any]:
    now = datetime.now(UTC)
    base: dict[str, Any] = {
        "iss": ISSUER,
        "aud": AUDIENCE,
        "sub": "admin-1",
        "iat": int(now.timestamp()),
        "nbf": int(now.timestamp()),
        "exp": int((now + timedelta(minutes=10)).timestamp()),
        "jti": uuid.uuid4().hex,
        "typ": "access",
        "role": "admin",
        "municipality_id": None,
    }
    base.update(overrides)
    return base


def unsigned_token(payload: dict[str, Any]) -> str:
    header = b64url(json.dumps({"alg": "none", "typ": "JWT"}).encode())
    return f"{header}.{b64url(json.dumps(payload).encode())}."


def hs256_token(payload: dict[str, Any], secret: bytes) -> str:
    """Signed by hand: PyJWT refuses to HMAC with a public key, which is exactly the attack."""
    signing_input = (
        f"{b64url(json.dumps({'alg': 'HS256', 'typ': 'JWT'}).encode())}."
        f"{b64url(json.dumps(payload).encode())}"
    )
    signature = hmac.new(secret, signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64url(signature)}"


# ----- correlation id ----------------------------------------------------------------------------------


async def test_a_supplied_correlation_id_is_echoed(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/nope", headers={"X-Correlation-ID": "req-42:abc.DEF_9"})
    assert response.headers["x-correlation-id"] == "req-42:abc.DEF_9"
    assert "req-42" not in response.text, "the correlation id travels in the header, not in the body"


async def test_a_correlation_id_is_generated_when_absent(client: httpx.AsyncClient) -> None:
    first = await client.get("/api/v1/nope")
    second = await client.get("/")
    for response in (first, second):
        assert GENERATED_ID.match(response.headers["x-correlation-id"])
    assert first.headers["x-correlation-id"] != second.headers["x-correlation-id"]


@pytest.mark.parametrize(
    "unacceptable", ["has spaces", "<script>alert(1)</script>", "x" * 129, "semi;colon", "ünïcode"]
)
async def test_an_unacceptable_correlation_id_is_replaced(
    client: httpx.AsyncClient, unacceptable: str
) -> None:
    response = await client.get("/api/v1/nope", headers=[(b"X-Correlation-ID", unacceptable.encode())])
    echoed = response.headers["x-correlation-id"]
    assert echoed != unacceptable
    assert GENERATED_ID.match(echoed)
    assert response.headers.get_list("x-correlation-id") == [echoed]


# ----- 401 -----------------------------------------------------------------------------------------------


def assert_unauthenticated(response: httpx.Response, code: str) -> None:
    assert_error(response, 401, code)
    assert response.headers["www-authenticate"].startswith("Bearer")


async def test_no_token_is_401(client: httpx.AsyncClient, core_services: dict[str, ServiceRuntime]) -> None:
    assert_unauthenticated(await client.post(CREATE, json=VALID_BODY), "unauthenticated")
    # A scheme other than Bearer is no token either.
    basic = {"Authorization": "Basic " + base64.b64encode(b"admin:admin").decode()}
    assert_unauthenticated(await client.post(CREATE, json=VALID_BODY, headers=basic), "unauthenticated")


async def test_a_valid_admin_token_passes(
    client: httpx.AsyncClient, core_services: dict[str, ServiceRuntime], issuer: TokenIssuer
) -> None:
    """The control for the refusals below: the same request with a good token is accepted."""
    response = await client.post(
        CREATE, json=VALID_BODY, headers=bearer(issuer.access_token("admin-1", "admin", None))
    )
    assert response.status_code == 201, response.text


def bad_tokens(key_file: Path, issuer: TokenIssuer) -> dict[str, str]:
    private_key = load_private_key(key_file)
    public_pem = private_key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    public_raw = private_key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    past = datetime.now(UTC) - timedelta(hours=2)

    def signed(**overrides: Any) -> str:
        return jwt.encode(claims(**overrides), private_key, algorithm="EdDSA", headers={"kid": "cityfix-1"})

    return {
        "garbage": "not-a-jwt",
        "garbage_segments": "aaa.bbb.ccc",
        "expired": issuer.access_token("admin-1", "admin", None, minutes=15, now=past),
        "alg_none": unsigned_token(claims()),
        "hs256_with_public_pem": hs256_token(claims(), public_pem),
        "hs256_with_public_raw": hs256_token(claims(), public_raw),
        "wrong_aud": signed(aud="someone-else"),
        "wrong_iss": signed(iss="https://evil.example"),
        "missing_jti": jwt.encode(
            {k: v for k, v in claims().items() if k != "jti"}, private_key, algorithm="EdDSA"
        ),
        "refresh_not_access": signed(typ="refresh"),
        "unknown_role": signed(role="superuser"),
        "other_key": jwt.encode(claims(), Ed25519PrivateKey.generate(), algorithm="EdDSA"),
    }


@pytest.mark.parametrize(
    "kind",
    [
        "garbage",
        "garbage_segments",
        "expired",
        "alg_none",
        "hs256_with_public_pem",
        "hs256_with_public_raw",
        "wrong_aud",
        "wrong_iss",
        "missing_jti",
        "refresh_not_access",
        "unknown_role",
        "other_key",
    ],
)
async def test_invalid_tokens_are_401(
    client: httpx.AsyncClient,
    core_services: dict[str, ServiceRuntime],
    issuer: TokenIssuer,
    key_file: Path,
    kind: str,
) -> None:
    token = bad_tokens(key_file, issuer)[kind]
    response = await client.post(CREATE, json=VALID_BODY, headers=bearer(token))
    assert_unauthenticated(response, "invalid_token")
    # Nothing was created.
    listed = await client.get(CREATE)
    assert listed.status_code == 200, listed.text
    assert listed.json()["data"] == []


# ----- 403, 404, 409, 422, 400 -------------------------------------------------------------------------


async def test_a_citizen_cannot_create_a_municipality(
    client: httpx.AsyncClient, core_services: dict[str, ServiceRuntime], issuer: TokenIssuer
) -> None:
    token = issuer.access_token("citizen-1", "citizen", None)
    details = assert_error(
        await client.post(CREATE, json=VALID_BODY, headers=bearer(token)), 403, "forbidden"
    )
    assert details["allowed_roles"] == ["admin"]
    assert (await client.get(CREATE)).json()["data"] == []


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("GET", "/api/v1/nope"),
        ("POST", "/api/v1/nope/deeper"),
        ("DELETE", "/api/v1/nope/123"),  # /tickets/{id} exists now (GET): DELETE there is a 405
        ("GET", "/api/v1"),
    ],
)
async def test_unknown_api_paths_are_a_json_404(client: httpx.AsyncClient, method: str, path: str) -> None:
    response = await client.request(method, path)
    assert_error(response, 404, "not_found")


async def test_validation_errors_name_the_fields(
    client: httpx.AsyncClient, core_services: dict[str, ServiceRuntime], issuer: TokenIssuer
) -> None:
    token = issuer.access_token("admin-1", "admin", None)
    body = {"name": "X", "slug": "Not A Slug", "reference_prefix": "cb", "unexpected": 1}
    details = assert_error(
        await client.post(CREATE, json=body, headers=bearer(token)), 422, "validation_failed"
    )
    fields = {entry["field"] for entry in details["fields"]}
    assert fields == {"name", "slug", "reference_prefix", "unexpected"}
    assert all(entry["problem"] for entry in details["fields"])
    # A missing field is named too.
    details = assert_error(
        await client.post(CREATE, json={"name": "Cottbus", "slug": "cottbus"}, headers=bearer(token)),
        422,
        "validation_failed",
    )
    assert [entry["field"] for entry in details["fields"]] == ["reference_prefix"]
    # Query parameters are validated at the edge too.
    details = assert_error(await client.get(CREATE, params={"limit": "0"}), 422, "validation_failed")
    assert [entry["field"] for entry in details["fields"]] == ["query.limit"]


async def test_malformed_json_is_400(
    client: httpx.AsyncClient, core_services: dict[str, ServiceRuntime], issuer: TokenIssuer
) -> None:
    token = issuer.access_token("admin-1", "admin", None)
    response = await client.post(
        CREATE,
        content=b'{"name": "Cottbus", "slug": ',
        headers={**bearer(token), "Content-Type": "application/json"},
    )
    assert_error(response, 400, "malformed")


# ----- metrics and API documents -----------------------------------------------------------------------


async def test_metrics_count_requests_and_their_duration(client: httpx.AsyncClient) -> None:
    await client.get("/api/v1/nope")
    response = await client.get("/metrics")
    assert response.status_code == 200
    text = response.text
    assert "# TYPE cityfix_http_requests_total counter" in text
    assert "# TYPE cityfix_http_request_duration_seconds histogram" in text
    assert re.search(r'cityfix_http_requests_total\{method="GET",route="[^"]*",status="404"\} [1-9]', text)
    assert re.search(r'cityfix_http_request_duration_seconds_count\{method="GET",route="[^"]*"\} [1-9]', text)


async def test_openapi_document_and_docs_are_served(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    assert "/api/v1/municipalities" in document["paths"]
    assert "/api/v1/health" in document["paths"]
    assert not any(path.startswith("/api/v1/{") for path in document["paths"]), "catch-alls are undocumented"

    docs = await client.get("/api/v1/docs")
    assert docs.status_code == 200
    assert docs.headers["content-type"].startswith("text/html")
    assert "/api/v1/openapi.json" in docs.text
    assert "swagger" in docs.text.lower()


def test_served_openapi_matches_the_committed_copy() -> None:
    from services.cli.documents import OPENAPI_FILE, openapi_document

    assert OPENAPI_FILE.read_text() == openapi_document(), (
        "gateway/openapi.json is stale: run `make contracts`"
    )

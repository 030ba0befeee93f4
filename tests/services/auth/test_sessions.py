"""Citizens' accounts and sessions over request/reply: register, verify, sign in, refresh, sign out."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import jwt

from cityfix_contracts.commands.auth import (
    GetJwks,
    GetMe,
    Login,
    Logout,
    RefreshTokens,
    RegisterCitizen,
    TokenPair,
    UpdateMe,
    UserView,
    VerifyEmail,
)
from cityfix_contracts.subjects import EVENTS_STREAM, PRIVATE_STREAM
from services.auth.documents import RefreshTokenDocument, UserDocument
from services.common.tokens import AUDIENCE, ISSUER, TokenVerifier
from tests.services.auth.conftest import PASSWORD, AuthHarness, StartAuth
from tests.services.auth.test_domain import parameters


def token_from(url: str) -> str:
    return parse_qs(urlsplit(url).query)["token"][0]


async def verification_token(auth: AuthHarness, user_id: str) -> str:
    [message] = await auth.private_event("EmailVerificationRequested", user_id)
    return token_from(message.body["data"]["verify_url"])


async def test_register_creates_an_unverified_citizen_and_sends_a_verification_link(
    auth: AuthHarness,
) -> None:
    user = await auth.register("  Anna.Schmidt@Example.ORG ", full_name="Anna  Schmidt")
    assert user.role == "citizen" and user.municipality_id is None
    assert user.email == "anna.schmidt@example.org" and user.full_name == "Anna Schmidt"
    assert user.email_verified is False and user.active is True

    [message] = await auth.private_event("EmailVerificationRequested", user.id)
    data = message.body["data"]
    assert message.subject == f"cityfix.private.{user.id}.user.email_verification_requested"
    assert data["email"] == "anna.schmidt@example.org" and data["full_name"] == "Anna Schmidt"
    assert data["verify_url"] == f"{auth.deps.settings.public_url}/verify-email?token={data['token']}"
    expires = datetime.fromisoformat(data["expires_at"])
    assert auth.clock.now < expires <= auth.clock.now + timedelta(hours=48)

    # Only a hash of the token is kept.
    stored = str(await auth.runtime.database["link_tokens"].find_one({}))
    assert data["token"] not in stored


async def test_emails_are_unique_whatever_their_case(auth: AuthHarness) -> None:
    await auth.register("anna@example.org")
    error = await auth.fail(RegisterCitizen(email="ANNA@example.org", password=PASSWORD, full_name="Other"))
    assert (error.kind, error.code) == ("conflict", "email_taken")
    pair = await auth.login("Anna@EXAMPLE.org")
    assert pair.user.email == "anna@example.org"


async def test_common_passwords_are_refused_at_registration(auth: AuthHarness) -> None:
    error = await auth.fail(RegisterCitizen(email="bob@example.org", password="Password123", full_name="Bob"))
    assert (error.kind, error.code) == ("invalid", "password_too_common")
    assert await UserDocument.find_one({"email": "bob@example.org"}) is None


async def test_the_stored_password_is_an_argon2id_hash_with_owasp_parameters(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    stored = await UserDocument.get(user.id)
    assert stored is not None and stored.password_hash is not None
    assert stored.password_hash.startswith("$argon2id$v=19$")
    found = parameters(stored.password_hash)
    assert found["m"] >= 19456 and found["t"] >= 2 and found["p"] >= 1
    assert PASSWORD not in str(await auth.runtime.database["users"].find_one({"_id": user.id}))


async def test_verifying_the_email_works_once(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    token = await verification_token(auth, user.id)

    verified: UserView = await auth.call(VerifyEmail(token=token))
    assert verified.id == user.id and verified.email_verified is True
    again = await auth.fail(VerifyEmail(token=token))
    assert (again.kind, again.code) == ("invalid", "invalid_token")

    details = await auth.private_event("ContactDetailsChanged", user.id, count=2)
    assert details[-1].body["data"]["email_verified"] is True


async def test_verification_links_expire(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    token = await verification_token(auth, user.id)
    auth.clock.advance(hours=48, seconds=1)
    error = await auth.fail(VerifyEmail(token=token))
    assert (error.kind, error.code) == ("invalid", "invalid_token")


async def test_unverified_citizens_sign_in_and_get_a_verifiable_access_token(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    pair = await auth.login("anna@example.org")
    assert pair.token_type == "bearer" and pair.user == user and not pair.user.email_verified
    assert 0 < pair.expires_in <= 15 * 60

    jwks = await auth.call(GetJwks())
    claims = TokenVerifier.from_jwk(jwks.keys[0]).verify(pair.access_token)
    assert (claims.sub, claims.role, claims.municipality_id) == (user.id, "citizen", None)

    raw = jwt.decode(pair.access_token, options={"verify_signature": False})
    assert {"iss", "aud", "sub", "exp", "iat", "jti", "role", "municipality_id"} <= set(raw)
    assert (raw["iss"], raw["aud"]) == (ISSUER, AUDIENCE)
    assert jwt.get_unverified_header(pair.access_token)["alg"] == "EdDSA"
    assert 0 < raw["exp"] - raw["iat"] <= 15 * 60
    assert raw["exp"] == int((auth.clock.now + timedelta(seconds=pair.expires_in)).timestamp())

    me: UserView = await auth.call(GetMe(), auth.as_user(user))
    assert me == user


async def test_refresh_tokens_rotate_and_only_their_hash_is_stored(auth: AuthHarness) -> None:
    await auth.register("anna@example.org")
    first = await auth.login("anna@example.org")
    second: TokenPair = await auth.call(RefreshTokens(refresh_token=first.refresh_token))
    third: TokenPair = await auth.call(RefreshTokens(refresh_token=second.refresh_token))
    assert len({first.refresh_token, second.refresh_token, third.refresh_token}) == 3
    assert third.access_token != second.access_token

    tokens = await RefreshTokenDocument.find({}).to_list()
    assert len(tokens) == 3 and len({t.session_id for t in tokens}) == 1  # one family
    stored = str(await auth.runtime.database["refresh_tokens"].find({}).to_list())
    assert all(t.refresh_token not in stored for t in (first, second, third))


async def test_a_reused_refresh_token_ends_the_whole_family(auth: AuthHarness) -> None:
    await auth.register("anna@example.org")
    first = await auth.login("anna@example.org")
    second: TokenPair = await auth.call(RefreshTokens(refresh_token=first.refresh_token))
    third: TokenPair = await auth.call(RefreshTokens(refresh_token=second.refresh_token))

    reused = await auth.fail(RefreshTokens(refresh_token=first.refresh_token))
    assert (reused.kind, reused.code) == ("unauthenticated", "refresh_token_reused")
    newest = await auth.fail(RefreshTokens(refresh_token=third.refresh_token))
    assert (newest.kind, newest.code) == ("unauthenticated", "invalid_refresh_token")


async def test_a_reuse_ends_only_its_own_family(auth: AuthHarness) -> None:
    await auth.register("anna@example.org")
    phone = await auth.login("anna@example.org")
    laptop = await auth.login("anna@example.org")
    await auth.call(RefreshTokens(refresh_token=phone.refresh_token))
    await auth.fail(RefreshTokens(refresh_token=phone.refresh_token))
    assert await auth.call(RefreshTokens(refresh_token=laptop.refresh_token))


async def test_logout_ends_the_family(auth: AuthHarness) -> None:
    await auth.register("anna@example.org")
    first = await auth.login("anna@example.org")
    second: TokenPair = await auth.call(RefreshTokens(refresh_token=first.refresh_token))
    await auth.call(Logout(refresh_token=first.refresh_token))  # any token of the family ends it
    error = await auth.fail(RefreshTokens(refresh_token=second.refresh_token))
    assert (error.kind, error.code) == ("unauthenticated", "invalid_refresh_token")
    await auth.call(Logout(refresh_token=second.refresh_token))  # signing out twice is fine


async def test_refresh_tokens_expire(start_auth: StartAuth) -> None:
    auth = await start_auth(refresh_token_days=1)  # one day, so the fake clock passes it
    await auth.register("anna@example.org")
    pair = await auth.login("anna@example.org")
    auth.clock.advance(days=1, seconds=1)
    error = await auth.fail(RefreshTokens(refresh_token=pair.refresh_token))
    assert (error.kind, error.code) == ("unauthenticated", "invalid_refresh_token")


async def test_unknown_refresh_tokens_are_unauthenticated(auth: AuthHarness) -> None:
    error = await auth.fail(RefreshTokens(refresh_token="x" * 43))
    assert (error.kind, error.code) == ("unauthenticated", "invalid_refresh_token")


async def test_get_me_needs_a_signed_in_user(auth: AuthHarness) -> None:
    error = await auth.fail(GetMe(), auth.anonymous())
    assert error.kind == "unauthenticated"


async def test_update_me_changes_the_profile_and_tells_notifications_privately(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    updated: UserView = await auth.call(
        UpdateMe(full_name="Anna Maria Schmidt", locale="de", phone="+49 331 123456"), auth.as_user(user)
    )
    assert updated.full_name == "Anna Maria Schmidt"
    details = await auth.private_event("ContactDetailsChanged", user.id, count=2)
    latest = details[-1].body
    assert latest["data"]["phone"] == "+49 331 123456" and latest["data"]["locale"] == "de"
    assert latest["sequence"] == 3  # registration: ContactDetailsChanged 1, EmailVerificationRequested 2
    # A citizen's new name goes nowhere public.
    await auth.outbox_drained()
    assert not await auth.events("StaffProfileChanged")
    assert all("Anna" not in m.raw.decode() for m in await auth.messages(EVENTS_STREAM))


async def test_registration_events_carry_correct_envelopes_and_no_secrets(auth: AuthHarness) -> None:
    ctx = auth.anonymous()
    user: UserView = await auth.call(
        RegisterCitizen(email="anna@example.org", password=PASSWORD, full_name="Anna Schmidt"), ctx
    )
    [registered] = await auth.wait_event("UserRegistered", user_id=user.id)
    envelope = registered.body
    assert registered.subject == "cityfix.events.platform.user.registered"
    assert envelope["municipality_id"] == "platform"
    assert envelope["aggregate_id"] == user.id and envelope["sequence"] == 1
    assert envelope["correlation_id"] == ctx.correlation_id
    assert envelope["actor"] == {"system": "anonymous"}
    assert datetime.fromisoformat(envelope["occurred_at"]).tzinfo is not None
    assert envelope["data"] == {
        "user_id": user.id,
        "role": "citizen",
        "municipality_id": None,
        "display_name": None,
    }

    private = await auth.private_event("ContactDetailsChanged", user.id)
    private += await auth.private_event("EmailVerificationRequested", user.id)
    assert sorted(m.body["sequence"] for m in private) == [1, 2]
    assert all(m.body["correlation_id"] == ctx.correlation_id for m in private)

    stored = await UserDocument.get(user.id)
    assert stored is not None and stored.password_hash is not None
    for message in [*await auth.messages(EVENTS_STREAM), *await auth.messages(PRIVATE_STREAM)]:
        text = message.raw.decode()
        assert "$argon2" not in text and PASSWORD not in text and stored.password_hash not in text
        assert "password_hash" not in text


async def test_login_answers_wrong_passwords_and_unknown_accounts_alike(auth: AuthHarness) -> None:
    await auth.register("anna@example.org")
    wrong = await auth.fail(Login(email="anna@example.org", password="Not-Her-Password-1"))
    unknown = await auth.fail(Login(email="nobody@example.org", password="Not-Her-Password-1"))
    assert wrong == unknown
    assert (wrong.kind, wrong.code) == ("unauthenticated", "invalid_credentials")


async def test_access_tokens_are_signed_with_the_configured_key(auth: AuthHarness) -> None:
    from services.common.tokens import load_private_key

    await auth.register("anna@example.org")
    pair = await auth.login("anna@example.org")
    assert auth.runtime.settings.jwt_private_key_file is not None
    key = load_private_key(auth.runtime.settings.jwt_private_key_file)
    claims = TokenVerifier(key.public_key()).verify(pair.access_token)
    assert claims.exp <= datetime.now(UTC) + timedelta(minutes=15, seconds=5)

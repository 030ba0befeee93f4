"""Password reset (single use, expiring, ends every session) and password change."""

from __future__ import annotations

from cityfix_contracts.commands.auth import (
    ChangePassword,
    ConfirmPasswordReset,
    Done,
    Login,
    RefreshTokens,
    RequestPasswordReset,
)
from cityfix_contracts.subjects import PRIVATE_STREAM
from tests.services.auth.conftest import OTHER_PASSWORD, PASSWORD, AuthHarness
from tests.services.auth.test_sessions import token_from


async def reset_token(auth: AuthHarness, user_id: str, count: int = 1) -> str:
    messages = await auth.private_event("PasswordResetRequested", user_id, count=count)
    data = messages[-1].body["data"]
    assert data["reset_url"] == f"{auth.deps.settings.public_url}/reset-password?token={data['token']}"
    return token_from(data["reset_url"])


async def test_a_reset_request_is_answered_alike_whether_or_not_the_account_exists(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    known: Done = await auth.call(RequestPasswordReset(email="Anna@Example.org"))
    unknown: Done = await auth.call(RequestPasswordReset(email="nobody@example.org"))
    assert known == unknown == Done()
    await auth.private_event("PasswordResetRequested", user.id)
    await auth.outbox_drained()
    resets = [
        m for m in await auth.messages(PRIVATE_STREAM) if m.body["event_type"] == "PasswordResetRequested"
    ]
    assert [m.body["data"]["user_id"] for m in resets] == [user.id]


async def test_a_reset_sets_the_password_once_and_ends_every_session(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    session = await auth.login("anna@example.org")
    await auth.call(RequestPasswordReset(email="anna@example.org"))
    token = await reset_token(auth, user.id)

    await auth.call(ConfirmPasswordReset(token=token, password=OTHER_PASSWORD))
    again = await auth.fail(ConfirmPasswordReset(token=token, password="Third-Password-Here-3"))
    assert (again.kind, again.code) == ("invalid", "invalid_token")

    old = await auth.fail(Login(email="anna@example.org", password=PASSWORD))
    assert old.code == "invalid_credentials"
    assert await auth.login("anna@example.org", password=OTHER_PASSWORD)
    ended = await auth.fail(RefreshTokens(refresh_token=session.refresh_token))
    assert ended.code == "invalid_refresh_token"


async def test_reset_links_expire_after_an_hour(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    await auth.call(RequestPasswordReset(email="anna@example.org"))
    token = await reset_token(auth, user.id)
    auth.clock.advance(minutes=60, seconds=1)
    error = await auth.fail(ConfirmPasswordReset(token=token, password=OTHER_PASSWORD))
    assert (error.kind, error.code) == ("invalid", "invalid_token")
    assert await auth.login("anna@example.org")  # the old password still works


async def test_a_weak_new_password_does_not_use_up_the_link(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    await auth.call(RequestPasswordReset(email="anna@example.org"))
    token = await reset_token(auth, user.id)
    weak = await auth.fail(ConfirmPasswordReset(token=token, password="iloveyou123"))
    assert (weak.kind, weak.code) == ("invalid", "password_too_common")
    await auth.call(ConfirmPasswordReset(token=token, password=OTHER_PASSWORD))


async def test_a_completed_reset_retires_the_other_reset_links(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    await auth.call(RequestPasswordReset(email="anna@example.org"))
    first = await reset_token(auth, user.id)
    await auth.call(RequestPasswordReset(email="anna@example.org"))
    second = await reset_token(auth, user.id, count=2)
    await auth.call(ConfirmPasswordReset(token=second, password=OTHER_PASSWORD))
    error = await auth.fail(ConfirmPasswordReset(token=first, password="Third-Password-Here-3"))
    assert error.code == "invalid_token"


async def test_change_password_needs_the_current_one_and_ends_sessions(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    session = await auth.login("anna@example.org")
    wrong = await auth.fail(
        ChangePassword(current_password="Not-The-Password-9", new_password=OTHER_PASSWORD), auth.as_user(user)
    )
    assert (wrong.kind, wrong.code) == ("invalid", "wrong_current_password")
    common = await auth.fail(
        ChangePassword(current_password=PASSWORD, new_password="qwerty123456"), auth.as_user(user)
    )
    assert common.code == "password_too_common"

    await auth.call(
        ChangePassword(current_password=PASSWORD, new_password=OTHER_PASSWORD), auth.as_user(user)
    )
    assert (await auth.fail(Login(email="anna@example.org", password=PASSWORD))).code == "invalid_credentials"
    assert await auth.login("anna@example.org", password=OTHER_PASSWORD)
    ended = await auth.fail(RefreshTokens(refresh_token=session.refresh_token))
    assert ended.code == "invalid_refresh_token"


async def test_wrong_current_passwords_count_towards_the_lock(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    for _ in range(5):
        await auth.fail(
            ChangePassword(current_password="Not-The-Password-9", new_password=OTHER_PASSWORD),
            auth.as_user(user),
        )
    locked = await auth.fail(
        ChangePassword(current_password=PASSWORD, new_password=OTHER_PASSWORD), auth.as_user(user)
    )
    assert locked.kind == "rate_limited" and locked.details["retry_after"] == 900

"""Login throttling (DESIGN §7): per account and per client address, the same answer whether or not the
account exists, never in the way of a password reset. The service's clock is a fake one: windows pass
at once, and bodies compare exactly."""

from __future__ import annotations

from cityfix_contracts import ErrorReply
from cityfix_contracts.commands.auth import ConfirmPasswordReset, Login, RequestPasswordReset
from tests.services.auth.conftest import PASSWORD, AuthHarness, StartAuth
from tests.services.auth.test_sessions import token_from

WRONG = "Not-The-Password-9"


async def fail_login(
    auth: AuthHarness, email: str, times: int, address: str = "198.51.100.1"
) -> list[ErrorReply]:
    return [
        await auth.fail(Login(email=email, password=WRONG), auth.anonymous(address)) for _ in range(times)
    ]


async def test_five_failures_lock_the_account_with_a_retry_after(auth: AuthHarness) -> None:
    await auth.register("anna@example.org")
    failures = await fail_login(auth, "anna@example.org", 5)
    assert all((e.kind, e.code) == ("unauthenticated", "invalid_credentials") for e in failures)

    locked = await auth.fail(Login(email="anna@example.org", password=PASSWORD))  # even the right password
    assert (locked.kind, locked.code) == ("rate_limited", "too_many_attempts")
    assert locked.http_status == 429
    assert locked.details["retry_after"] == 900

    auth.clock.advance(seconds=899)
    still = await auth.fail(Login(email="anna@example.org", password=PASSWORD))
    assert still.details["retry_after"] == 1
    auth.clock.advance(seconds=1)
    assert await auth.login("anna@example.org")


async def test_an_unknown_email_is_throttled_exactly_like_a_real_account(auth: AuthHarness) -> None:
    await auth.register("anna@example.org")
    real = await fail_login(auth, "anna@example.org", 6)
    unknown = await fail_login(auth, "nobody@example.org", 6)
    assert real == unknown  # status, code, message and details, attempt by attempt
    assert unknown[-1].kind == "rate_limited" and unknown[-1].details == {"retry_after": 900}


async def test_the_lock_follows_the_account_across_addresses_and_spelling(auth: AuthHarness) -> None:
    await auth.register("anna@example.org")
    for n in range(5):
        await fail_login(
            auth, "ANNA@example.org" if n % 2 else "anna@example.org", 1, address=f"198.51.100.{n}"
        )
    locked = await auth.fail(
        Login(email=" Anna@Example.org", password=PASSWORD), auth.anonymous("192.0.2.77")
    )
    assert locked.kind == "rate_limited"


async def test_a_success_does_not_wipe_earlier_failures(auth: AuthHarness) -> None:
    """An attacker cannot earn more guesses by interleaving successful sign-ins: failures only age out."""
    await auth.register("anna@example.org")
    await fail_login(auth, "anna@example.org", 4)
    assert await auth.login("anna@example.org")
    await fail_login(auth, "anna@example.org", 1)
    locked = await auth.fail(Login(email="anna@example.org", password=PASSWORD))
    assert locked.kind == "rate_limited"


async def test_one_address_failing_across_many_accounts_is_locked(start_auth: StartAuth) -> None:
    auth = await start_auth(login_max_failures_per_address=3)  # lowered so three accounts reach it
    await auth.register("anna@example.org")
    for email in ("a@example.org", "b@example.org", "c@example.org"):
        await fail_login(auth, email, 1, address="198.51.100.66")
    locked = await auth.fail(
        Login(email="anna@example.org", password=PASSWORD), auth.anonymous("198.51.100.66")
    )
    assert (locked.kind, locked.code) == ("rate_limited", "too_many_attempts")
    assert locked.details["retry_after"] == 900
    # Anna herself, elsewhere, is not locked out by that address.
    assert await auth.login("anna@example.org", address="192.0.2.8")


async def test_throttling_never_blocks_a_password_reset(auth: AuthHarness) -> None:
    user = await auth.register("anna@example.org")
    await fail_login(auth, "anna@example.org", 5)
    assert (await auth.fail(Login(email="anna@example.org", password=PASSWORD))).kind == "rate_limited"

    await auth.call(RequestPasswordReset(email="anna@example.org"))
    [reset] = await auth.private_event("PasswordResetRequested", user.id)
    await auth.call(
        ConfirmPasswordReset(token=token_from(reset.body["data"]["reset_url"]), password="New-Orchard-77")
    )

    # Owning the mailbox proves the owner: the lock is lifted for the new password.
    pair = await auth.login("anna@example.org", password="New-Orchard-77")
    assert pair.user.id == user.id


async def test_the_limits_are_settings(start_auth: StartAuth) -> None:
    auth = await start_auth(login_max_failures=2, login_window_seconds=60)  # lowered on purpose
    await auth.register("anna@example.org")
    await fail_login(auth, "anna@example.org", 2)
    locked = await auth.fail(Login(email="anna@example.org", password=PASSWORD))
    assert locked.details["retry_after"] == 60

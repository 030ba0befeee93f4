"""The auth domain's rules without broker or database: passwords, throttling windows, who may do what."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from argon2 import PasswordHasher
from argon2.low_level import Type

from cityfix_contracts import DomainError
from services.auth.domain import (
    Acting,
    Target,
    account_throttle_key,
    can_see,
    check_create_staff,
    check_password,
    check_provisioned_role,
    check_update,
    common_passwords,
    list_scope,
    lockout_seconds,
    normalize_email,
    secret_hash,
)
from services.auth.passwords import Passwords
from services.auth.settings import AuthSettings, auth_settings
from services.common.settings import Settings

NOW = datetime(2026, 5, 4, 12, 0, tzinfo=UTC)
WINDOW = timedelta(minutes=15)

ADMIN = Acting(user_id="admin-1", role="admin", municipality_id=None)
SYSTEM = Acting(user_id=None, role="system", municipality_id=None)
MANAGER_A = Acting(user_id="manager-a", role="manager", municipality_id="m-a")
OPERATOR_A = Acting(user_id="operator-a", role="operator", municipality_id="m-a")
CITIZEN = Acting(user_id="citizen-1", role="citizen", municipality_id=None)
MANAGER_WITHOUT_MUNICIPALITY = Acting(user_id="manager-x", role="manager", municipality_id=None)


def error_code(excinfo: pytest.ExceptionInfo[DomainError]) -> tuple[str, str]:
    return excinfo.value.reply.kind, excinfo.value.reply.code


# ----- passwords ---------------------------------------------------------------------------------------


def test_the_bundled_list_is_large_and_lower_case() -> None:
    passwords = common_passwords()
    assert len(passwords) >= 5000
    assert all(8 <= len(p) <= 128 and p == p.lower() for p in passwords)
    assert {"password", "password1", "12345678", "qwertyuiop", "iloveyou", "passwort"} <= passwords


@pytest.mark.parametrize(
    "password", ["password", "Password1", "QWERTY123", " iloveyou ", "Sommer2024", "P@ssw0rd"]
)
def test_common_passwords_are_refused_whatever_their_case(password: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        check_password(password)
    assert error_code(excinfo) == ("invalid", "password_too_common")


@pytest.mark.parametrize("password", ["short7!", "x" * 129])
def test_password_length_is_8_to_128(password: str) -> None:
    with pytest.raises(DomainError) as excinfo:
        check_password(password)
    assert error_code(excinfo) == ("invalid", "password_length")


@pytest.mark.parametrize("password", ["Lantern-Orchard-42", "x" * 8 + "Q7", "ü" * 128])
def test_uncommon_passwords_of_allowed_length_pass(password: str) -> None:
    check_password(password)


def test_the_demo_password_is_not_on_the_list() -> None:
    from services.common.demo import DEMO_PASSWORD

    check_password(DEMO_PASSWORD)


def parameters(stored: str) -> dict[str, int]:
    """`$argon2id$v=19$m=19456,t=2,p=1$salt$hash` → {"m": 19456, "t": 2, "p": 1}."""
    _, variant, version, params, _salt, _digest = stored.split("$")
    assert (variant, version) == ("argon2id", "v=19")
    return {k: int(v) for k, v in (item.split("=") for item in params.split(","))}


async def test_hashes_are_argon2id_with_at_least_owasp_parameters() -> None:
    settings = AuthSettings()
    passwords = Passwords(
        memory_kib=settings.password_hash_memory_kib,
        time_cost=settings.password_hash_time_cost,
        parallelism=settings.password_hash_parallelism,
        concurrency=1,
    )
    stored = await passwords.hash("Lantern-Orchard-42")
    assert stored.startswith("$argon2id$v=19$")
    found = parameters(stored)
    assert found["m"] >= 19456 and found["t"] >= 2 and found["p"] >= 1
    assert await passwords.verify(stored, "Lantern-Orchard-42")
    assert not await passwords.verify(stored, "Lantern-Orchard-43")
    assert not await passwords.verify(None, "Lantern-Orchard-42")  # no account: checked against a decoy
    assert not await passwords.verify("not a hash", "Lantern-Orchard-42")


async def test_hashes_made_with_weaker_parameters_are_marked_for_upgrade() -> None:
    passwords = Passwords(memory_kib=19456, time_cost=2, parallelism=1, concurrency=1)
    old = PasswordHasher(time_cost=1, memory_cost=8192, parallelism=1, type=Type.ID).hash(
        "Lantern-Orchard-42"
    )
    assert passwords.needs_rehash(old)
    assert not passwords.needs_rehash(await passwords.hash("Lantern-Orchard-42"))


@pytest.mark.parametrize(
    "setting",
    [{"password_hash_memory_kib": 16384}, {"password_hash_time_cost": 1}, {"password_hash_parallelism": 0}],
)
def test_settings_refuse_hashing_below_the_minimum(setting: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="greater than or equal"):
        AuthSettings(**setting)


def test_access_tokens_cannot_be_configured_to_live_longer_than_15_minutes() -> None:
    with pytest.raises(ValueError, match="less than or equal"):
        AuthSettings(access_token_minutes=16)


def test_production_refuses_to_start_without_a_signing_key(tmp_path: Path) -> None:
    production: dict[str, Any] = {
        "env": "production",
        "mongo_url": "mongodb://db:27017",
        "nats_url": "nats://nats:4222",
        "public_url": "https://cityfix.example",
        "smtp_url": "smtp://mail:25",
    }
    with pytest.raises(ValueError, match="CITYFIX_JWT_PRIVATE_KEY_FILE"):
        AuthSettings(**production)
    key = tmp_path / "jwt.pem"
    key.write_text("placeholder")
    assert AuthSettings(**production, jwt_private_key_file=key).env == "production"


def test_auth_settings_keep_the_runtime_settings_and_overrides() -> None:
    shared = Settings(nats_url="nats://127.0.0.1:4999").model_copy(update={"login_max_failures": 3})
    settings = auth_settings(shared)
    assert settings.nats_url == "nats://127.0.0.1:4999"
    assert settings.login_max_failures == 3
    assert settings.login_window_seconds == 900  # the default


# ----- identities and secrets --------------------------------------------------------------------------


def test_emails_are_compared_without_case_or_surrounding_spaces() -> None:
    assert normalize_email("  Anna.Schmidt@Example.ORG ") == "anna.schmidt@example.org"
    assert account_throttle_key("ANNA@example.org") == account_throttle_key("anna@example.org ")
    assert "anna" not in account_throttle_key("anna@example.org")


def test_stored_secrets_are_hashes() -> None:
    assert secret_hash("abc") != "abc" and len(secret_hash("abc")) == 64


# ----- throttling --------------------------------------------------------------------------------------


def test_fewer_failures_than_the_limit_do_not_lock() -> None:
    failures = [NOW - timedelta(minutes=m) for m in (1, 2, 3, 4)]
    assert lockout_seconds(failures, limit=5, window=WINDOW, now=NOW) is None


def test_the_limit_reached_locks_until_the_oldest_counted_failure_leaves_the_window() -> None:
    failures = [NOW - timedelta(minutes=m) for m in (10, 4, 3, 2, 1)]
    assert lockout_seconds(failures, limit=5, window=WINDOW, now=NOW) == 5 * 60
    assert lockout_seconds(failures, limit=5, window=WINDOW, now=NOW + timedelta(minutes=5)) is None


def test_failures_older_than_the_window_do_not_count() -> None:
    failures = [NOW - timedelta(minutes=m) for m in (30, 20, 16, 2, 1)]
    assert lockout_seconds(failures, limit=5, window=WINDOW, now=NOW) is None


def test_failures_at_this_very_moment_lock_for_the_whole_window() -> None:
    assert lockout_seconds([NOW] * 5, limit=5, window=WINDOW, now=NOW) == 900


# ----- who may do what ---------------------------------------------------------------------------------


def operator_of(municipality: str, user_id: str = "op") -> Target:
    return Target(user_id=user_id, role="operator", municipality_id=municipality)


def manager_of(municipality: str, user_id: str = "mgr") -> Target:
    return Target(user_id=user_id, role="manager", municipality_id=municipality)


CITIZEN_TARGET = Target(user_id="citizen-2", role="citizen", municipality_id=None)


@pytest.mark.parametrize(
    ("acting", "role", "municipality", "allowed"),
    [
        (ADMIN, "manager", "m-b", True),
        (ADMIN, "operator", "m-b", True),
        (SYSTEM, "manager", "m-a", True),
        (MANAGER_A, "operator", "m-a", True),
        (MANAGER_A, "operator", "m-b", False),
        (MANAGER_A, "manager", "m-a", False),
        (OPERATOR_A, "operator", "m-a", False),
        (CITIZEN, "operator", "m-a", False),
    ],
)
def test_who_creates_which_staff(acting: Acting, role: str, municipality: str, allowed: bool) -> None:
    if allowed:
        check_create_staff(acting, role, municipality)
    else:
        with pytest.raises(DomainError) as excinfo:
            check_create_staff(acting, role, municipality)
        assert error_code(excinfo) == ("forbidden", "forbidden")


def test_list_scope() -> None:
    assert list_scope(ADMIN, None) is None
    assert list_scope(ADMIN, "m-b") == "m-b"
    assert list_scope(MANAGER_A, None) == "m-a"
    assert list_scope(MANAGER_A, "m-a") == "m-a"
    for acting, municipality in [
        (MANAGER_A, "m-b"),
        (OPERATOR_A, None),
        (CITIZEN, None),
        (MANAGER_WITHOUT_MUNICIPALITY, None),
    ]:
        with pytest.raises(DomainError) as excinfo:
            list_scope(acting, municipality)
        assert error_code(excinfo) == ("forbidden", "forbidden")


def test_who_sees_whom() -> None:
    assert can_see(ADMIN, operator_of("m-b")) and can_see(ADMIN, CITIZEN_TARGET)
    assert can_see(MANAGER_A, operator_of("m-a")) and can_see(MANAGER_A, manager_of("m-a"))
    assert not can_see(MANAGER_A, operator_of("m-b"))
    assert not can_see(MANAGER_A, CITIZEN_TARGET)
    assert not can_see(MANAGER_WITHOUT_MUNICIPALITY, CITIZEN_TARGET)  # "no municipality" is not a scope
    assert can_see(OPERATOR_A, operator_of("m-a", user_id="operator-a"))
    assert not can_see(OPERATOR_A, operator_of("m-a", user_id="someone-else"))
    assert can_see(CITIZEN, Target(user_id="citizen-1", role="citizen", municipality_id=None))
    assert not can_see(CITIZEN, CITIZEN_TARGET)


def update_error(acting: Acting, target: Target, **change: object) -> tuple[str, str] | None:
    values: dict[str, object] = {"full_name": None, "role": None, "active": None, **change}
    try:
        check_update(acting, target, **values)  # type: ignore[arg-type]
    except DomainError as error:
        return error.reply.kind, error.reply.code
    return None


def test_admins_rename_promote_demote_and_deactivate() -> None:
    assert update_error(ADMIN, operator_of("m-b"), role="manager") is None
    assert update_error(ADMIN, manager_of("m-b"), role="operator") is None
    assert update_error(ADMIN, manager_of("m-b"), full_name="New Name") is None
    assert update_error(ADMIN, CITIZEN_TARGET, active=False) is None
    assert update_error(ADMIN, CITIZEN_TARGET, role="operator") == ("invalid", "role_not_changeable")
    assert update_error(ADMIN, CITIZEN_TARGET, full_name="Renamed") == ("invalid", "citizen_name")
    myself = Target(user_id="admin-1", role="admin", municipality_id=None)
    assert update_error(ADMIN, myself, active=False) == ("invalid", "cannot_deactivate_self")


def test_managers_change_only_their_own_operators_and_never_roles() -> None:
    assert update_error(MANAGER_A, operator_of("m-a"), full_name="New Name") is None
    assert update_error(MANAGER_A, operator_of("m-a"), active=False) is None
    assert update_error(MANAGER_A, operator_of("m-a"), role="manager") == ("forbidden", "forbidden")
    assert update_error(MANAGER_A, manager_of("m-a"), active=False) == ("forbidden", "forbidden")
    assert update_error(MANAGER_A, operator_of("m-b"), active=False) == ("forbidden", "forbidden")
    assert update_error(OPERATOR_A, operator_of("m-a"), active=False) == ("forbidden", "forbidden")
    assert update_error(CITIZEN, CITIZEN_TARGET, active=False) == ("forbidden", "forbidden")


def test_staff_belong_to_a_municipality_and_others_to_none() -> None:
    check_provisioned_role("manager", "m-a")
    check_provisioned_role("admin", None)
    check_provisioned_role("citizen", None)
    for role, municipality, code in [
        ("operator", None, "municipality_required"),
        ("admin", "m-a", "municipality_not_allowed"),
        ("citizen", "m-a", "municipality_not_allowed"),
    ]:
        with pytest.raises(DomainError) as excinfo:
            check_provisioned_role(role, municipality)
        assert error_code(excinfo) == ("invalid", code)

"""Staff administration and its scoping (DESIGN §5): admins × managers × operators × citizens, each against
their own and another municipality, for CreateStaffUser, ListUsers, GetUser and UpdateUser; deactivation;
ProvisionUser for the platform's tools only; the demo-accounts readiness check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import pytest

from cityfix_contracts import ErrorReply, RpcContext
from cityfix_contracts.commands.auth import (
    ConfirmPasswordReset,
    CreateStaffUser,
    GetUser,
    ListUsers,
    Login,
    ProvisionUser,
    RefreshTokens,
    TokenPair,
    UpdateUser,
    UserList,
    UserView,
)
from cityfix_contracts.errors import not_found
from cityfix_contracts.subjects import EVENTS_STREAM
from services.common.demo import DEMO_ACCOUNTS
from tests.services.auth.conftest import PASSWORD, AuthHarness, StartAuth
from tests.services.auth.test_sessions import token_from


@dataclass
class Cast:
    admin: UserView
    manager_a: UserView
    operator_a: UserView
    manager_b: UserView
    operator_b: UserView
    citizen: UserView
    other_citizen: UserView

    def everyone(self) -> list[UserView]:
        return [
            self.admin,
            self.manager_a,
            self.operator_a,
            self.manager_b,
            self.operator_b,
            self.citizen,
            self.other_citizen,
        ]


@pytest.fixture
async def cast(auth: AuthHarness) -> Cast:
    await auth.add_municipality("m-a", "Potsdam")
    await auth.add_municipality("m-b", "Cottbus")
    return Cast(
        admin=await auth.provision("admin@example.org", "admin", full_name="Ada Admin"),
        manager_a=await auth.provision("manager.a@example.org", "manager", "m-a", full_name="Max A"),
        operator_a=await auth.provision("operator.a@example.org", "operator", "m-a", full_name="Olga A"),
        manager_b=await auth.provision("manager.b@example.org", "manager", "m-b", full_name="Max B"),
        operator_b=await auth.provision("operator.b@example.org", "operator", "m-b", full_name="Olga B"),
        citizen=await auth.register("citizen@example.org", full_name="Clara Citizen"),
        other_citizen=await auth.register("other@example.org", full_name="Otto Other"),
    )


def staff(email: str, role: str, municipality_id: str, password: str | None = None) -> CreateStaffUser:
    return CreateStaffUser(
        email=email, full_name="New Staff", role=role, municipality_id=municipality_id, password=password
    )


def is_forbidden(error: ErrorReply) -> bool:
    return (error.kind, error.code) == ("forbidden", "forbidden")


# ----- CreateStaffUser ---------------------------------------------------------------------------------


async def test_admins_create_managers_who_set_their_password_by_link(auth: AuthHarness, cast: Cast) -> None:
    ctx = auth.as_user(cast.admin)
    manager: UserView = await auth.call(staff("new.manager@example.org", "manager", "m-b"), ctx)
    assert (manager.role, manager.municipality_id, manager.email_verified) == ("manager", "m-b", False)

    [registered] = await auth.wait_event("UserRegistered", user_id=manager.id)
    assert registered.subject == "cityfix.events.m-b.user.registered"
    assert (
        registered.body["municipality_id"] == "m-b" and registered.body["data"]["display_name"] == "New Staff"
    )
    assert registered.body["actor"] == {"user_id": cast.admin.id, "role": "admin"}
    assert registered.body["correlation_id"] == ctx.correlation_id

    # No password yet: nobody can sign in, whatever they try.
    no_password = await auth.fail(Login(email="new.manager@example.org", password="Anything-At-All-1"))
    assert no_password.code == "invalid_credentials"
    [invitation] = await auth.private_event("PasswordResetRequested", manager.id)
    expires_at = datetime.fromisoformat(invitation.body["data"]["expires_at"])
    assert abs(expires_at - (auth.clock.now + timedelta(hours=72))) < timedelta(seconds=1)  # an invitation
    await auth.call(
        ConfirmPasswordReset(token=token_from(invitation.body["data"]["reset_url"]), password=PASSWORD)
    )
    pair = await auth.login("new.manager@example.org")
    assert pair.user.email_verified is True and pair.user.role == "manager"


async def test_admins_create_operators_with_a_password(auth: AuthHarness, cast: Cast) -> None:
    operator: UserView = await auth.call(
        staff("new.operator@example.org", "operator", "m-a", password=PASSWORD), auth.as_user(cast.admin)
    )
    assert (await auth.login("new.operator@example.org")).user.id == operator.id
    await auth.private_event("EmailVerificationRequested", operator.id)


async def test_managers_create_operators_of_their_own_municipality_only(
    auth: AuthHarness, cast: Cast
) -> None:
    ctx = auth.as_user(cast.manager_a)
    operator: UserView = await auth.call(staff("new.op@example.org", "operator", "m-a"), ctx)
    assert operator.municipality_id == "m-a"
    assert is_forbidden(await auth.fail(staff("op.b@example.org", "operator", "m-b"), ctx))
    assert is_forbidden(await auth.fail(staff("mgr.a@example.org", "manager", "m-a"), ctx))


@pytest.mark.parametrize("who", ["operator_a", "citizen"])
async def test_operators_and_citizens_create_no_staff(auth: AuthHarness, cast: Cast, who: str) -> None:
    error = await auth.fail(staff("x@example.org", "operator", "m-a"), auth.as_user(getattr(cast, who)))
    assert is_forbidden(error)


async def test_creating_staff_needs_a_signed_in_user(auth: AuthHarness, cast: Cast) -> None:
    error = await auth.fail(staff("x@example.org", "operator", "m-a"), auth.anonymous())
    assert error.kind == "unauthenticated"


async def test_staff_of_an_unknown_municipality_are_refused_clearly(auth: AuthHarness, cast: Cast) -> None:
    error = await auth.fail(staff("x@example.org", "manager", "m-nowhere"), auth.as_user(cast.admin))
    assert (error.kind, error.code) == ("not_found", "municipality_not_found")
    assert "m-nowhere" in error.message


async def test_staff_emails_are_unique_too(auth: AuthHarness, cast: Cast) -> None:
    error = await auth.fail(staff("Citizen@Example.org", "operator", "m-a"), auth.as_user(cast.admin))
    assert (error.kind, error.code) == ("conflict", "email_taken")


# ----- ListUsers ---------------------------------------------------------------------------------------


async def list_all(auth: AuthHarness, ctx: RpcContext, **filters: str) -> list[UserView]:
    users: list[UserView] = []
    cursor = None
    while True:
        page: UserList = await auth.call(ListUsers(limit=2, cursor=cursor, **filters), ctx)
        users.extend(page.data)
        if page.next_cursor is None:
            return users
        cursor = page.next_cursor


async def test_admins_list_everyone_with_filters_and_a_cursor(auth: AuthHarness, cast: Cast) -> None:
    ctx = auth.as_user(cast.admin)
    everyone = await list_all(auth, ctx)
    assert sorted(u.id for u in everyone) == sorted(u.id for u in cast.everyone())  # no repeats, none missing
    operators = await list_all(auth, ctx, role="operator")
    assert {u.id for u in operators} == {cast.operator_a.id, cast.operator_b.id}
    in_b = await list_all(auth, ctx, municipality_id="m-b")
    assert {u.id for u in in_b} == {cast.manager_b.id, cast.operator_b.id}


async def test_managers_list_their_own_municipality_only(auth: AuthHarness, cast: Cast) -> None:
    ctx = auth.as_user(cast.manager_a)
    mine = await list_all(auth, ctx)
    assert {u.id for u in mine} == {cast.manager_a.id, cast.operator_a.id}
    assert {u.id for u in await list_all(auth, ctx, role="operator")} == {cast.operator_a.id}
    assert is_forbidden(await auth.fail(ListUsers(municipality_id="m-b"), ctx))


@pytest.mark.parametrize("who", ["operator_a", "citizen"])
async def test_operators_and_citizens_list_no_users(auth: AuthHarness, cast: Cast, who: str) -> None:
    assert is_forbidden(await auth.fail(ListUsers(), auth.as_user(getattr(cast, who))))


# ----- GetUser -----------------------------------------------------------------------------------------


async def test_get_user_scoping(auth: AuthHarness, cast: Cast) -> None:
    visible = {
        "admin": [u.id for u in cast.everyone()],
        "manager_a": [cast.manager_a.id, cast.operator_a.id],
        "operator_a": [cast.operator_a.id],
        "citizen": [cast.citizen.id],
    }
    for who, ids in visible.items():
        ctx = auth.as_user(getattr(cast, who))
        for user in cast.everyone():
            if user.id in ids:
                found: UserView = await auth.call(GetUser(user_id=user.id), ctx)
                assert found == user
            else:
                # Out of scope reads exactly like an id that does not exist: same status, same body.
                error = await auth.fail(GetUser(user_id=user.id), ctx)
                assert error == not_found("user", user.id).reply, (who, user.email)


# ----- UpdateUser --------------------------------------------------------------------------------------


async def test_admins_promote_operators_and_the_next_token_carries_the_role(
    auth: AuthHarness, cast: Cast
) -> None:
    session = await auth.login("operator.a@example.org")
    promoted: UserView = await auth.call(
        UpdateUser(user_id=cast.operator_a.id, role="manager"), auth.as_user(cast.admin)
    )
    assert promoted.role == "manager"
    [changed] = await auth.wait_event("UserRoleChanged", user_id=cast.operator_a.id)
    assert changed.subject == "cityfix.events.m-a.user.role_changed"
    assert changed.body["data"]["from"] == "operator" and changed.body["data"]["to"] == "manager"
    assert changed.body["data"]["display_name"] == "Olga A"
    assert changed.body["sequence"] == 2  # UserRegistered was 1
    refreshed: TokenPair = await auth.call(RefreshTokens(refresh_token=session.refresh_token))
    assert refreshed.user.role == "manager"


async def test_managers_rename_and_deactivate_their_operators(auth: AuthHarness, cast: Cast) -> None:
    ctx = auth.as_user(cast.manager_a)
    renamed: UserView = await auth.call(UpdateUser(user_id=cast.operator_a.id, full_name="Olga Ahrens"), ctx)
    assert renamed.full_name == "Olga Ahrens"
    [profile] = await auth.wait_event("StaffProfileChanged", user_id=cast.operator_a.id)
    assert profile.body["data"]["display_name"] == "Olga Ahrens" and profile.body["municipality_id"] == "m-a"
    await auth.private_event("ContactDetailsChanged", cast.operator_a.id, count=2)

    deactivated: UserView = await auth.call(UpdateUser(user_id=cast.operator_a.id, active=False), ctx)
    assert deactivated.active is False
    await auth.wait_event("UserDeactivated", user_id=cast.operator_a.id)
    assert (
        await auth.fail(Login(email="operator.a@example.org", password=PASSWORD))
    ).code == "account_deactivated"


async def test_managers_cannot_change_roles_other_managers_or_other_municipalities(
    auth: AuthHarness, cast: Cast
) -> None:
    ctx = auth.as_user(cast.manager_a)
    assert is_forbidden(await auth.fail(UpdateUser(user_id=cast.operator_a.id, role="manager"), ctx))
    assert is_forbidden(await auth.fail(UpdateUser(user_id=cast.manager_a.id, full_name="Me"), ctx))
    for outside in (cast.operator_b, cast.manager_b, cast.citizen, cast.admin):
        error = await auth.fail(UpdateUser(user_id=outside.id, active=False), ctx)
        assert error == not_found("user", outside.id).reply
    user = await auth.call(GetUser(user_id=cast.operator_b.id), auth.as_user(cast.admin))
    assert user.active is True


@pytest.mark.parametrize("who", ["operator_a", "citizen"])
async def test_operators_and_citizens_change_no_accounts(auth: AuthHarness, cast: Cast, who: str) -> None:
    acting = getattr(cast, who)
    error = await auth.fail(UpdateUser(user_id=acting.id, active=False), auth.as_user(acting))
    assert is_forbidden(error)


async def test_a_deactivated_user_cannot_sign_in_or_refresh_until_reactivated(
    auth: AuthHarness, cast: Cast
) -> None:
    session = await auth.login("citizen@example.org")
    admin = auth.as_user(cast.admin)
    await auth.call(UpdateUser(user_id=cast.citizen.id, active=False), admin)

    [deactivated] = await auth.wait_event("UserDeactivated", user_id=cast.citizen.id)
    assert deactivated.subject == "cityfix.events.platform.user.deactivated"
    login = await auth.fail(Login(email="citizen@example.org", password=PASSWORD))
    assert (login.kind, login.code) == ("unauthenticated", "account_deactivated")
    wrong = await auth.fail(Login(email="citizen@example.org", password="Not-The-Password-9"))
    assert wrong.code == "invalid_credentials"  # nothing learnt without the password
    refresh = await auth.fail(RefreshTokens(refresh_token=session.refresh_token))
    assert refresh.kind == "unauthenticated"

    await auth.call(UpdateUser(user_id=cast.citizen.id, active=True), admin)
    await auth.wait_event("UserReactivated", user_id=cast.citizen.id)
    assert await auth.login("citizen@example.org")
    refresh_after = await auth.fail(RefreshTokens(refresh_token=session.refresh_token))
    assert refresh_after.kind == "unauthenticated"  # the old session stays ended


async def test_a_deactivated_manager_can_no_longer_act(auth: AuthHarness, cast: Cast) -> None:
    await auth.call(UpdateUser(user_id=cast.manager_a.id, active=False), auth.as_user(cast.admin))
    error = await auth.fail(ListUsers(), auth.as_user(cast.manager_a))
    assert (error.kind, error.code) == ("unauthenticated", "account_deactivated")


async def test_a_demoted_manager_loses_manager_rights_at_once(auth: AuthHarness, cast: Cast) -> None:
    """Scoping reads the role as stored now, not from a token that may be up to 15 minutes old."""
    stale = auth.as_user(cast.manager_a)
    await auth.call(UpdateUser(user_id=cast.manager_a.id, role="operator"), auth.as_user(cast.admin))
    assert is_forbidden(await auth.fail(ListUsers(), stale))


async def test_admins_cannot_deactivate_themselves(auth: AuthHarness, cast: Cast) -> None:
    error = await auth.fail(UpdateUser(user_id=cast.admin.id, active=False), auth.as_user(cast.admin))
    assert (error.kind, error.code) == ("invalid", "cannot_deactivate_self")


async def test_public_events_name_staff_but_never_citizens(auth: AuthHarness, cast: Cast) -> None:
    await auth.outbox_drained()
    public = "\n".join(m.raw.decode() for m in await auth.messages(EVENTS_STREAM))
    assert "Max A" in public and "Olga B" in public
    for citizen in (cast.citizen, cast.other_citizen):
        assert citizen.full_name not in public and citizen.email not in public
    assert "@example.org" not in public


# ----- ProvisionUser and readiness ---------------------------------------------------------------------


async def test_provision_is_for_the_platforms_tools_only(auth: AuthHarness, cast: Cast) -> None:
    request = ProvisionUser(email="new@example.org", password=PASSWORD, full_name="New", role="admin")
    for ctx in (auth.as_user(cast.admin), auth.as_user(cast.citizen), auth.anonymous()):
        error = await auth.fail(request, ctx)
        assert (error.kind, error.code) == ("forbidden", "system_only")
    created: UserView = await auth.call(request, auth.system())
    assert created.role == "admin" and created.email_verified is True
    again = await auth.fail(request.model_copy(update={"email": "NEW@example.org"}), auth.system())
    assert (again.kind, again.code) == ("conflict", "user_exists")


async def test_provisioned_roles_match_their_municipality(auth: AuthHarness) -> None:
    request = ProvisionUser(email="op@example.org", password=PASSWORD, full_name="Op", role="operator")
    error = await auth.fail(request, auth.system())
    assert (error.kind, error.code) == ("invalid", "municipality_required")


async def test_demo_readiness_waits_for_the_four_demo_accounts(start_auth: StartAuth) -> None:
    auth = await start_auth(demo=True)
    health = await auth.runtime.health()
    assert health.checks["demo_accounts"] is False and health.status == "degraded"
    for account in DEMO_ACCOUNTS:
        municipality = "m-demo" if account.in_demo_municipality else None
        await auth.provision(account.email, account.role, municipality, full_name=account.full_name)
    health = await auth.runtime.health()
    assert health.checks["demo_accounts"] is True and health.status == "up"


async def test_without_demo_there_is_no_demo_check(auth: AuthHarness) -> None:
    assert "demo_accounts" not in (await auth.runtime.health()).checks

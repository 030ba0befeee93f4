"""Commands and queries the auth service answers: plain functions of (request, context, dependencies).

Accounts and sessions (register, verify, sign in, refresh, sign out), the signed-in person's profile,
passwords and personal data, and staff administration. Slow password hashing always happens before a
unit of work opens, never inside one.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, Literal

from nats.js import JetStreamContext
from pymongo.errors import DuplicateKeyError

from cityfix_contracts import DomainError, RpcContext, utc_now
from cityfix_contracts.commands.auth import (
    ChangePassword,
    ConfirmPasswordReset,
    CreateStaffUser,
    DeleteMyAccount,
    Done,
    ExportMyData,
    GetJwks,
    GetMe,
    GetUser,
    Jwks,
    ListUsers,
    Login,
    Logout,
    PersonalData,
    ProvisionUser,
    RefreshTokens,
    RegisterCitizen,
    RequestPasswordReset,
    TokenPair,
    UpdateMe,
    UpdateUser,
    UserList,
    UserView,
    VerifyEmail,
)
from cityfix_contracts.errors import not_found
from cityfix_contracts.events import (
    AccountDeleted,
    NotificationPreferences,
    StaffProfileChanged,
    UserDeactivated,
    UserReactivated,
    UserRegistered,
    UserRoleChanged,
)
from cityfix_contracts.subjects import PRIVATE_PREFIX
from services.common.logs import get_logger
from services.common.rpc import RpcRegistry
from services.common.tokens import TokenIssuer, public_jwk
from services.common.uow import OUTBOX, UnitOfWork

from .accounts import (
    SessionLifetimes,
    account_deactivated,
    acting_of,
    add_refresh_token,
    alert_view,
    clean_name,
    contact_details,
    find_link,
    is_platform_tool,
    mongo,
    new_user_id,
    record,
    redeem_link,
    revoke_all_sessions,
    revoke_session,
    send_password_reset,
    send_verification,
    session_of,
    signed_in_user,
    signed_in_user_id,
    start_session,
    target_of,
    user_view,
)
from .documents import (
    AreaAlertDocument,
    LinkTokenDocument,
    MunicipalityDocument,
    RefreshTokenDocument,
    SessionDocument,
    UserDocument,
)
from .domain import (
    can_see,
    check_create_staff,
    check_password,
    check_provisioned_role,
    check_update,
    has_display_name,
    list_scope,
    normalize_email,
    secret_hash,
)
from .passwords import Passwords
from .privacy import purge_private_messages
from .settings import AuthSettings
from .throttle import LoginThrottle

log = get_logger("cityfix.auth")

rpc = RpcRegistry("auth")


@dataclass
class AuthDeps:
    issuer: TokenIssuer
    settings: AuthSettings
    unit_of_work: Callable[[], UnitOfWork]
    passwords: Passwords
    throttle: LoginThrottle
    jetstream: Callable[[], JetStreamContext | None]
    clock: Callable[[], datetime] = field(default=utc_now)  # tests move time forward with a fake clock

    @property
    def public_url(self) -> str:
        return self.settings.public_url.rstrip("/")

    @property
    def lifetimes(self) -> SessionLifetimes:
        return SessionLifetimes(
            refresh_token=timedelta(days=self.settings.refresh_token_days),
            session=timedelta(days=self.settings.session_max_days),
        )

    def token_pair(self, user: UserDocument, refresh_token: str, now: datetime) -> TokenPair:
        minutes = self.settings.access_token_minutes
        return TokenPair(
            access_token=self.issuer.access_token(
                user.id, user.role, user.municipality_id, minutes=minutes, now=now
            ),
            refresh_token=refresh_token,
            expires_in=minutes * 60,
            user=user_view(user),
        )


def email_taken() -> DomainError:
    return DomainError(
        "conflict",
        "email_taken",
        "An account with this email address already exists; sign in, or reset its password.",
    )


def invalid_credentials() -> DomainError:
    # One answer for a wrong password, an unknown address and an account without a password yet.
    return DomainError(
        "unauthenticated", "invalid_credentials", "The email address or the password is not correct."
    )


def invalid_refresh_token() -> DomainError:
    return DomainError(
        "unauthenticated", "invalid_refresh_token", "Your session has ended; please sign in again."
    )


async def email_in_use(email: str) -> bool:
    return await UserDocument.find_one({"email": email}) is not None


@rpc.handles(GetJwks)
async def get_jwks(query: GetJwks, ctx: RpcContext, deps: AuthDeps) -> Jwks:
    """The public key set access tokens are verified with."""
    return Jwks(keys=(public_jwk(deps.issuer.key, deps.issuer.kid),))


# ----- citizens' accounts ------------------------------------------------------------------------------


@rpc.handles(RegisterCitizen)
async def register_citizen(cmd: RegisterCitizen, ctx: RpcContext, deps: AuthDeps) -> UserView:
    """Create a citizen account and send a link to verify its email address (it works unverified too)."""
    check_password(cmd.password)
    email = normalize_email(cmd.email)
    if await email_in_use(email):
        raise email_taken()
    password_hash = await deps.passwords.hash(cmd.password)
    now = deps.clock()
    user = UserDocument(
        id=new_user_id(),
        email=email,
        full_name=clean_name(cmd.full_name),
        role="citizen",
        locale=cmd.locale,
        password_hash=password_hash,
        password_changed_at=now,
        created_at=now,
        updated_at=now,
    )
    try:
        async with deps.unit_of_work() as uow:
            record(uow, user, UserRegistered(user_id=user.id, role="citizen"), ctx, now)
            record(uow, user, contact_details(user), ctx, now)
            lifetime = timedelta(hours=deps.settings.email_verification_hours)
            await send_verification(uow, user, ctx, deps.public_url, lifetime, now)
            await user.insert(session=session_of(uow))
    except DuplicateKeyError:
        raise email_taken() from None
    return user_view(user)


@rpc.handles(VerifyEmail)
async def verify_email(cmd: VerifyEmail, ctx: RpcContext, deps: AuthDeps) -> UserView:
    """Confirm an email address with the single-use token of the verification link."""
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        link = await redeem_link(uow, cmd.token, "verify_email", now)
        user = await UserDocument.get(link.user_id, session=session_of(uow))
        if user is None:
            raise DomainError(
                "invalid", "invalid_token", "This link belongs to an account that no longer exists."
            )
        if not user.email_verified:
            user.email_verified = True
            user.updated_at = now
            record(uow, user, contact_details(user), ctx, now)
            await user.save(session=session_of(uow))
    return user_view(user)


# ----- signing in and sessions -------------------------------------------------------------------------


@rpc.handles(Login, direct=True)  # every sign-in: off FastStream's per-message path (DESIGN §9)
async def login(cmd: Login, ctx: RpcContext, deps: AuthDeps) -> TokenPair:
    """Sign in with email and password: a short-lived access token and a rotating refresh token.

    Throttled per account and per client address; an unknown address is answered, and throttled,
    exactly like a wrong password.
    """
    email = normalize_email(cmd.email)
    now = deps.clock()
    await deps.throttle.check(email, ctx.client_address, now)
    user = await UserDocument.find_one({"email": email})
    matches = await deps.passwords.verify(user.password_hash if user else None, cmd.password)
    if user is None or user.password_hash is None or not matches:
        await deps.throttle.record_failure(email, ctx.client_address, now)
        raise invalid_credentials()
    if not user.active:
        raise account_deactivated()
    stored_hash = user.password_hash
    upgraded = await deps.passwords.hash(cmd.password) if deps.passwords.needs_rehash(stored_hash) else None
    async with deps.unit_of_work() as uow:
        refresh_token = await start_session(uow, user, deps.lifetimes, ctx.client_address, now)
        if upgraded is not None:  # hashed with older parameters: store today's, unless it changed meanwhile
            await UserDocument.get_pymongo_collection().update_one(
                {"_id": user.id, "password_hash": stored_hash},
                {"$set": {"password_hash": upgraded}},
                session=session_of(uow),
            )
    return deps.token_pair(user, refresh_token, now)


@rpc.handles(RefreshTokens)
async def refresh_tokens(cmd: RefreshTokens, ctx: RpcContext, deps: AuthDeps) -> TokenPair:
    """A new pair for a refresh token, which is retired. A retired token used again ends its whole session,
    the newest token included: one of the two users of that token is not the owner."""
    now = deps.clock()
    token_hash = secret_hash(cmd.refresh_token)
    outcome: Literal["rotated", "reused", "ended"] = "ended"
    pair: TokenPair | None = None
    async with deps.unit_of_work() as uow:
        token = await RefreshTokenDocument.get(token_hash, session=session_of(uow))
        if token is None:
            raise invalid_refresh_token()
        session = await SessionDocument.get(token.session_id, session=session_of(uow))
        if session is None or session.revoked_at is not None or session.expires_at <= now:
            raise invalid_refresh_token()
        if token.rotated_at is not None:
            await revoke_session(uow, session.id, "refresh_token_reused", now)
            outcome = "reused"
        elif token.expires_at <= now:
            raise invalid_refresh_token()
        else:
            user = await UserDocument.get(token.user_id, session=session_of(uow))
            retired = await RefreshTokenDocument.get_pymongo_collection().update_one(
                {"_id": token_hash, "rotated_at": None},
                {"$set": {"rotated_at": now}},
                session=session_of(uow),
            )
            if retired.modified_count != 1:  # rotated by a concurrent request a moment ago: a reuse too
                await revoke_session(uow, session.id, "refresh_token_reused", now)
                outcome = "reused"
            elif user is None or not user.active:
                await revoke_session(uow, session.id, "account_inactive", now)
            else:
                session.last_used_at = now
                await session.save(session=session_of(uow))
                pair = deps.token_pair(user, await add_refresh_token(uow, session, deps.lifetimes, now), now)
                outcome = "rotated"
    if outcome == "reused":
        log.warning(
            "refresh token reused: session revoked", session_id=token.session_id, user_id=token.user_id
        )
        raise DomainError(
            "unauthenticated",
            "refresh_token_reused",
            "This session was ended because one of its refresh tokens was used twice; please sign in again.",
        )
    if pair is None:
        raise invalid_refresh_token()
    return pair


@rpc.handles(Logout)
async def logout(cmd: Logout, ctx: RpcContext, deps: AuthDeps) -> Done:
    """End the session (every refresh token of its family). Unknown tokens are simply done."""
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        token = await RefreshTokenDocument.get(secret_hash(cmd.refresh_token), session=session_of(uow))
        if token is not None:
            await revoke_session(uow, token.session_id, "logout", now)
    return Done()


# ----- the signed-in person ----------------------------------------------------------------------------


@rpc.handles(GetMe)
async def get_me(query: GetMe, ctx: RpcContext, deps: AuthDeps) -> UserView:
    """The signed-in user."""
    return user_view(await signed_in_user(ctx))


@rpc.handles(UpdateMe)
async def update_me(cmd: UpdateMe, ctx: RpcContext, deps: AuthDeps) -> UserView:
    """Change one's own name, language or phone number."""
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        user = await signed_in_user(ctx, session_of(uow))
        name = clean_name(cmd.full_name) if cmd.full_name is not None else user.full_name
        phone = " ".join(cmd.phone.split()) if cmd.phone is not None else user.phone
        locale = cmd.locale if cmd.locale is not None else user.locale
        renamed = name != user.full_name
        if renamed or phone != user.phone or locale != user.locale:
            user.full_name, user.phone, user.locale, user.updated_at = name, phone, locale, now
            record(uow, user, contact_details(user), ctx, now)
            if renamed and has_display_name(user.role):
                record(
                    uow,
                    user,
                    StaffProfileChanged(
                        user_id=user.id, municipality_id=user.municipality_id, display_name=name
                    ),
                    ctx,
                    now,
                )
            await user.save(session=session_of(uow))
    return user_view(user)


@rpc.handles(RequestPasswordReset)
async def request_password_reset(cmd: RequestPasswordReset, ctx: RpcContext, deps: AuthDeps) -> Done:
    """Send a reset link if the account exists. The answer is the same either way, and sign-in
    throttling never holds it back (it is the way out of a locked account)."""
    email = normalize_email(cmd.email)
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        user = await UserDocument.find_one({"email": email}, session=session_of(uow))
        if user is not None and user.active:
            lifetime = timedelta(minutes=deps.settings.password_reset_minutes)
            await send_password_reset(uow, user, ctx, deps.public_url, lifetime, now)
            await user.save(session=session_of(uow))
    return Done()


@rpc.handles(ConfirmPasswordReset)
async def confirm_password_reset(cmd: ConfirmPasswordReset, ctx: RpcContext, deps: AuthDeps) -> Done:
    """Set a new password with a reset link (single use, expiring). Every session of the account ends, the
    address counts as verified (the link reached it), and the account's failed sign-ins are forgotten."""
    now = deps.clock()
    await find_link(cmd.token, "password_reset", now)  # an invalid link is reported before the password
    check_password(cmd.password)
    password_hash = await deps.passwords.hash(cmd.password)
    async with deps.unit_of_work() as uow:
        link = await redeem_link(uow, cmd.token, "password_reset", now)
        user = await UserDocument.get(link.user_id, session=session_of(uow))
        if user is None:
            raise DomainError(
                "invalid", "invalid_token", "This link belongs to an account that no longer exists."
            )
        if not user.active:
            raise account_deactivated()
        user.password_hash, user.password_changed_at, user.updated_at = password_hash, now, now
        if not user.email_verified:
            user.email_verified = True
            record(uow, user, contact_details(user), ctx, now)
        await user.save(session=session_of(uow))
        await LinkTokenDocument.get_pymongo_collection().delete_many(
            {"user_id": user.id, "purpose": "password_reset", "used_at": None}, session=session_of(uow)
        )
        await revoke_all_sessions(uow, user.id, "password_reset", now)
    await deps.throttle.forget_account(user.email)
    return Done()


@rpc.handles(ChangePassword)
async def change_password(cmd: ChangePassword, ctx: RpcContext, deps: AuthDeps) -> Done:
    """Change one's password, knowing the current one. Every session ends (sign in again with the new
    password); wrong current passwords count as failed sign-ins."""
    user = await signed_in_user(ctx)
    now = deps.clock()
    check_password(cmd.new_password)
    await deps.throttle.check(user.email, ctx.client_address, now)
    if not await deps.passwords.verify(user.password_hash, cmd.current_password):
        await deps.throttle.record_failure(user.email, ctx.client_address, now)
        raise DomainError("invalid", "wrong_current_password", "The current password is not correct.")
    password_hash = await deps.passwords.hash(cmd.new_password)
    async with deps.unit_of_work() as uow:
        current = await signed_in_user(ctx, session_of(uow))
        if current.password_hash != user.password_hash:
            raise DomainError(
                "conflict", "password_changed", "The password was changed meanwhile; please sign in again."
            )
        current.password_hash, current.password_changed_at, current.updated_at = password_hash, now, now
        await current.save(session=session_of(uow))
        await revoke_all_sessions(uow, user.id, "password_changed", now)
    return Done()


# ----- personal data -----------------------------------------------------------------------------------


def iso(moment: datetime | None) -> str | None:
    return None if moment is None else moment.isoformat()


@rpc.handles(ExportMyData)
async def export_my_data(query: ExportMyData, ctx: RpcContext, deps: AuthDeps) -> PersonalData:
    """Everything the auth service holds about the signed-in person (secrets and their hashes excepted)."""
    user = await signed_in_user(ctx)
    sessions = await SessionDocument.find({"user_id": user.id}).sort("+created_at").to_list()
    links = await LinkTokenDocument.find({"user_id": user.id}).sort("+created_at").to_list()
    failures = await deps.throttle.account_failures(user.email)
    profile: dict[str, Any] = {
        "email": user.email,
        "full_name": user.full_name,
        "phone": user.phone,
        "locale": user.locale,
        "role": user.role,
        "municipality_id": user.municipality_id,
        "email_verified": user.email_verified,
        "active": user.active,
        "password_set": user.password_hash is not None,
        "password_changed_at": iso(user.password_changed_at),
        "created_at": iso(user.created_at),
        "updated_at": iso(user.updated_at),
        "email_links": [
            {
                "purpose": link.purpose,
                "sent_at": iso(link.created_at),
                "expires_at": iso(link.expires_at),
                "used_at": iso(link.used_at),
            }
            for link in links
        ],
        "recent_failed_sign_ins": [iso(moment) for moment in failures],
        "notification_preferences": NotificationPreferences.model_validate(
            user.notification_preferences or {}
        ).model_dump(),
        "area_alerts": [
            alert_view(doc).model_dump(mode="json")
            for doc in await AreaAlertDocument.find({"user_id": user.id}).sort("+created_at").to_list()
        ],
    }
    return PersonalData(
        user=user_view(user),
        profile=profile,
        sessions=tuple(
            {
                "id": s.id,
                "started_at": iso(s.created_at),
                "last_used_at": iso(s.last_used_at),
                "expires_at": iso(s.expires_at),
                "ended_at": iso(s.revoked_at),
                "end_reason": s.revoked_reason,
                "client_address": s.client_address,
            }
            for s in sessions
        ),
        exported_at=deps.clock().isoformat(),
    )


@rpc.handles(DeleteMyAccount)
async def delete_my_account(cmd: DeleteMyAccount, ctx: RpcContext, deps: AuthDeps) -> Done:
    """Delete the signed-in person's account and every trace of them here, announce AccountDeleted (so
    every service forgets them) and purge their private messages from the bus."""
    user_id = signed_in_user_id(ctx)
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        session = session_of(uow)
        user = await UserDocument.get(user_id, session=session)
        if user is None:
            raise DomainError("unauthenticated", "account_not_found", "This account no longer exists.")
        for document in (SessionDocument, RefreshTokenDocument, LinkTokenDocument, AreaAlertDocument):
            await document.get_pymongo_collection().delete_many({"user_id": user_id}, session=session)
        # Private events not yet relayed would otherwise reach the stream after the purge.
        await (
            mongo(uow)
            .database[OUTBOX]
            .delete_many(
                {"subject": {"$regex": "^" + re.escape(f"{PRIVATE_PREFIX}.{user_id}.")}}, session=session
            )
        )
        record(uow, user, AccountDeleted(user_id=user_id), ctx, now)
        await user.delete(session=session)
    await deps.throttle.forget_account(user.email)
    try:
        await purge_private_messages(deps.jetstream, user_id)
    except Exception as exc:  # our AccountDeleted consumer purges again once NATS answers
        log.warning("private messages not purged yet", user_id=user_id, error=repr(exc))
    return Done()


# ----- staff and the platform --------------------------------------------------------------------------


@rpc.handles(CreateStaffUser)
async def create_staff_user(cmd: CreateStaffUser, ctx: RpcContext, deps: AuthDeps) -> UserView:
    """Admins create managers and operators of any municipality; managers operators of their own. Without a
    password the account gets a link to set one."""
    acting = await acting_of(ctx)
    check_create_staff(acting, cmd.role, cmd.municipality_id)
    if await MunicipalityDocument.get(cmd.municipality_id) is None:
        raise DomainError(
            "not_found",
            "municipality_not_found",
            f"No municipality with id {cmd.municipality_id} is known; check the id "
            "(a municipality created a moment ago may take a moment to become known here).",
            {"municipality_id": cmd.municipality_id},
        )
    if cmd.password is not None:
        check_password(cmd.password)
    email = normalize_email(cmd.email)
    if await email_in_use(email):
        raise email_taken()
    password_hash = await deps.passwords.hash(cmd.password) if cmd.password is not None else None
    now = deps.clock()
    name = clean_name(cmd.full_name)
    user = UserDocument(
        id=new_user_id(),
        email=email,
        full_name=name,
        role=cmd.role,
        municipality_id=cmd.municipality_id,
        password_hash=password_hash,
        password_changed_at=now if password_hash else None,
        created_at=now,
        updated_at=now,
    )
    registered = UserRegistered(
        user_id=user.id, role=user.role, municipality_id=user.municipality_id, display_name=name
    )
    try:
        async with deps.unit_of_work() as uow:
            record(uow, user, registered, ctx, now)
            record(uow, user, contact_details(user), ctx, now)
            if password_hash is None:
                lifetime = timedelta(hours=deps.settings.staff_invitation_hours)
                await send_password_reset(uow, user, ctx, deps.public_url, lifetime, now)
            else:
                lifetime = timedelta(hours=deps.settings.email_verification_hours)
                await send_verification(uow, user, ctx, deps.public_url, lifetime, now)
            await user.insert(session=session_of(uow))
    except DuplicateKeyError:
        raise email_taken() from None
    return user_view(user)


@rpc.handles(ProvisionUser)
async def provision_user(cmd: ProvisionUser, ctx: RpcContext, deps: AuthDeps) -> UserView:
    """Create a verified account of any role, for the platform's own tools only (the first administrator
    from the shell, the demo accounts). The municipality is taken on trust: the seeder creates it a moment
    before, and this service may not have heard of it yet."""
    if not is_platform_tool(ctx):
        raise DomainError("forbidden", "system_only", "Only the platform's own tools provision accounts.")
    check_provisioned_role(cmd.role, cmd.municipality_id)
    check_password(cmd.password)
    email = normalize_email(cmd.email)
    exists = DomainError("conflict", "user_exists", "An account with this email address already exists.")
    if await email_in_use(email):
        raise exists
    password_hash = await deps.passwords.hash(cmd.password)
    now = deps.clock()
    name = clean_name(cmd.full_name)
    user = UserDocument(
        id=new_user_id(),
        email=email,
        full_name=name,
        role=cmd.role,
        municipality_id=cmd.municipality_id,
        email_verified=True,
        password_hash=password_hash,
        password_changed_at=now,
        created_at=now,
        updated_at=now,
    )
    registered = UserRegistered(
        user_id=user.id,
        role=user.role,
        municipality_id=user.municipality_id,
        display_name=name if has_display_name(user.role) else None,
    )
    try:
        async with deps.unit_of_work() as uow:
            record(uow, user, registered, ctx, now)
            record(uow, user, contact_details(user), ctx, now)
            await user.insert(session=session_of(uow))
    except DuplicateKeyError:
        raise exists from None
    return user_view(user)


@rpc.handles(ListUsers)
async def list_users(query: ListUsers, ctx: RpcContext, deps: AuthDeps) -> UserList:
    """Users in scope (admins: everyone; managers: their municipality's), by id, with a cursor."""
    scope = list_scope(await acting_of(ctx), query.municipality_id)
    criteria: dict[str, Any] = {}
    if scope is not None:
        criteria["municipality_id"] = scope
    if query.role is not None:
        criteria["role"] = query.role
    if query.cursor:
        criteria["_id"] = {"$gt": query.cursor}
    docs = await UserDocument.find(criteria).sort("+_id").limit(query.limit + 1).to_list()
    page = docs[: query.limit]
    more = len(docs) > query.limit
    return UserList(
        data=tuple(user_view(d) for d in page), next_cursor=page[-1].id if more and page else None
    )


@rpc.handles(GetUser)
async def get_user(query: GetUser, ctx: RpcContext, deps: AuthDeps) -> UserView:
    """One user, if in scope; anyone out of scope reads exactly as an id that does not exist."""
    acting = await acting_of(ctx)
    user = await UserDocument.get(query.user_id)
    if user is None or not can_see(acting, target_of(user)):
        raise not_found("user", query.user_id)
    return user_view(user)


@rpc.handles(UpdateUser)
async def update_user(cmd: UpdateUser, ctx: RpcContext, deps: AuthDeps) -> UserView:
    """Rename a staff member, move them between operator and manager, or (de)activate an account.
    Deactivation ends every session at once; the gateway stops the access tokens on UserDeactivated."""
    acting = await acting_of(ctx)
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        user = await UserDocument.get(cmd.user_id, session=session_of(uow))
        if user is None or not can_see(acting, target_of(user)):
            raise not_found("user", cmd.user_id)
        check_update(acting, target_of(user), full_name=cmd.full_name, role=cmd.role, active=cmd.active)
        changed = False
        if cmd.full_name is not None and clean_name(cmd.full_name) != user.full_name:
            user.full_name, changed = clean_name(cmd.full_name), True
            display = StaffProfileChanged(
                user_id=user.id, municipality_id=user.municipality_id, display_name=user.full_name
            )
            record(uow, user, display, ctx, now)
            record(uow, user, contact_details(user), ctx, now)
        if cmd.role is not None and cmd.role != user.role:
            previous, user.role, changed = user.role, cmd.role, True
            moved = UserRoleChanged(
                user_id=user.id,
                from_=previous,
                to=user.role,
                municipality_id=user.municipality_id,
                display_name=user.full_name,
            )
            record(uow, user, moved, ctx, now)
        if cmd.active is not None and cmd.active != user.active:
            user.active, changed = cmd.active, True
            if cmd.active:
                record(
                    uow,
                    user,
                    UserReactivated(user_id=user.id, municipality_id=user.municipality_id),
                    ctx,
                    now,
                )
            else:
                await revoke_all_sessions(uow, user.id, "deactivated", now)
                record(
                    uow,
                    user,
                    UserDeactivated(user_id=user.id, municipality_id=user.municipality_id),
                    ctx,
                    now,
                )
        if changed:
            user.updated_at = now
            await user.save(session=session_of(uow))
    return user_view(user)

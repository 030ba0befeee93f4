"""The steps handlers share: views of an account, its events, its email links, its sessions, and who acts.

Everything that writes takes the open unit of work; handlers read an account inside the unit of work
before changing it, so concurrent changes never overwrite one another (the in-process engine serialises
units of work; a real MongoDB's transactions refuse the second writer).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, cast

from pymongo.asynchronous.client_session import AsyncClientSession

from cityfix_contracts import DomainError, Point, RpcContext, UserActor, envelope_for
from cityfix_contracts.commands.auth import UserView
from cityfix_contracts.events import (
    AreaAlert,
    ContactDetailsChanged,
    EmailVerificationRequested,
    PasswordResetRequested,
)
from cityfix_contracts.events.identity import UserEvent
from cityfix_contracts.subjects import PLATFORM
from services.common.access import is_system
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import (
    AreaAlertDocument,
    LinkPurpose,
    LinkTokenDocument,
    RefreshTokenDocument,
    SessionDocument,
    UserDocument,
)
from .domain import Acting, Target, new_secret, secret_hash


def new_user_id() -> str:
    return str(uuid.uuid4())


def clean_name(name: str) -> str:
    return " ".join(name.split())


def mongo(uow: UnitOfWork) -> MongoUnitOfWork:
    """The auth service runs on the Mongo unit of work (its session and database)."""
    return cast(MongoUnitOfWork, uow)


def session_of(uow: UnitOfWork) -> AsyncClientSession:
    return mongo(uow).session


# ----- views -------------------------------------------------------------------------------------------


def user_view(user: UserDocument) -> UserView:
    return UserView(
        id=user.id,
        email=user.email,
        full_name=user.full_name,
        role=user.role,
        municipality_id=user.municipality_id,
        email_verified=user.email_verified,
        active=user.active,
    )


def target_of(user: UserDocument) -> Target:
    return Target(user_id=user.id, role=user.role, municipality_id=user.municipality_id)


# ----- events ------------------------------------------------------------------------------------------


def record(uow: UnitOfWork, user: UserDocument, data: UserEvent, ctx: RpcContext, now: datetime) -> None:
    """Emit an event of this account with its next sequence (save the account in the same unit of work).

    Public and private events are numbered separately: each stream then shows an account's events as
    1, 2, 3 … with no gaps left by the other stream's.
    """
    if data.private:
        user.private_version += 1
        sequence = user.private_version
    else:
        user.version += 1
        sequence = user.version
    uow.emit(
        envelope_for(
            data,
            aggregate_id=user.id,
            sequence=sequence,
            actor=ctx.actor,
            correlation_id=ctx.correlation_id,
            municipality_id=user.municipality_id or PLATFORM,
            occurred_at=now,
        )
    )


def contact_details(user: UserDocument) -> ContactDetailsChanged:
    return ContactDetailsChanged(
        user_id=user.id,
        email=user.email,
        full_name=user.full_name,
        phone=user.phone,
        locale=user.locale,
        email_verified=user.email_verified,
    )


# ----- single-use links sent by email ------------------------------------------------------------------


async def issue_link(
    uow: UnitOfWork, user: UserDocument, purpose: LinkPurpose, lifetime: timedelta, now: datetime
) -> tuple[str, datetime]:
    """A new link token for `user`: only its hash is stored; the token itself travels in the event."""
    token = new_secret()
    expires_at = now + lifetime
    await LinkTokenDocument(
        id=secret_hash(token), purpose=purpose, user_id=user.id, created_at=now, expires_at=expires_at
    ).insert(session=session_of(uow))
    return token, expires_at


async def send_verification(
    uow: UnitOfWork, user: UserDocument, ctx: RpcContext, public_url: str, lifetime: timedelta, now: datetime
) -> None:
    token, expires_at = await issue_link(uow, user, "verify_email", lifetime, now)
    record(
        uow,
        user,
        EmailVerificationRequested(
            user_id=user.id,
            email=user.email,
            full_name=user.full_name,
            locale=user.locale,
            token=token,
            verify_url=f"{public_url}/verify-email?token={token}",
            expires_at=expires_at,
        ),
        ctx,
        now,
    )


async def send_password_reset(
    uow: UnitOfWork, user: UserDocument, ctx: RpcContext, public_url: str, lifetime: timedelta, now: datetime
) -> None:
    token, expires_at = await issue_link(uow, user, "password_reset", lifetime, now)
    record(
        uow,
        user,
        PasswordResetRequested(
            user_id=user.id,
            email=user.email,
            full_name=user.full_name,
            locale=user.locale,
            token=token,
            reset_url=f"{public_url}/reset-password?token={token}",
            expires_at=expires_at,
        ),
        ctx,
        now,
    )


def invalid_link() -> DomainError:
    return DomainError(
        "invalid",
        "invalid_token",
        "This link is not valid any more: it was already used or has expired. Please ask for a new one.",
    )


async def find_link(
    token: str, purpose: LinkPurpose, now: datetime, session: Any = None
) -> LinkTokenDocument:
    link = await LinkTokenDocument.get(secret_hash(token), session=session)
    if link is None or link.purpose != purpose or link.used_at is not None or link.expires_at <= now:
        raise invalid_link()
    return link


async def redeem_link(uow: UnitOfWork, token: str, purpose: LinkPurpose, now: datetime) -> LinkTokenDocument:
    """Use a link token once: the conditional update lets exactly one of two concurrent uses through."""
    session = session_of(uow)
    link = await find_link(token, purpose, now, session)
    result = await LinkTokenDocument.get_pymongo_collection().update_one(
        {"_id": link.id, "used_at": None}, {"$set": {"used_at": now}}, session=session
    )
    if result.modified_count != 1:
        raise invalid_link()
    return link


# ----- sessions (refresh token families) ---------------------------------------------------------------


@dataclass(frozen=True)
class SessionLifetimes:
    refresh_token: timedelta
    session: timedelta


async def start_session(
    uow: UnitOfWork, user: UserDocument, lifetimes: SessionLifetimes, address: str | None, now: datetime
) -> str:
    """A new sign-in; returns its first refresh token."""
    session = SessionDocument(
        id=uuid.uuid4().hex,
        user_id=user.id,
        created_at=now,
        last_used_at=now,
        expires_at=now + lifetimes.session,
        client_address=address,
    )
    await session.insert(session=session_of(uow))
    return await add_refresh_token(uow, session, lifetimes, now)


async def add_refresh_token(
    uow: UnitOfWork, session: SessionDocument, lifetimes: SessionLifetimes, now: datetime
) -> str:
    token = new_secret()
    await RefreshTokenDocument(
        id=secret_hash(token),
        session_id=session.id,
        user_id=session.user_id,
        issued_at=now,
        expires_at=min(now + lifetimes.refresh_token, session.expires_at),
    ).insert(session=session_of(uow))
    return token


async def revoke_session(uow: UnitOfWork, session_id: str, reason: str, now: datetime) -> None:
    await SessionDocument.get_pymongo_collection().update_one(
        {"_id": session_id, "revoked_at": None},
        {"$set": {"revoked_at": now, "revoked_reason": reason}},
        session=session_of(uow),
    )


async def revoke_all_sessions(uow: UnitOfWork, user_id: str, reason: str, now: datetime) -> None:
    await SessionDocument.get_pymongo_collection().update_many(
        {"user_id": user_id, "revoked_at": None},
        {"$set": {"revoked_at": now, "revoked_reason": reason}},
        session=session_of(uow),
    )


# ----- who is asking -----------------------------------------------------------------------------------


def not_signed_in() -> DomainError:
    return DomainError("unauthenticated", "unauthenticated", "Please sign in to do this.")


def account_gone() -> DomainError:
    return DomainError(
        "unauthenticated", "account_not_found", "This account no longer exists; please sign in again."
    )


def account_deactivated() -> DomainError:
    # 401 like any other sign-in that cannot succeed; the reason is told only to someone who knew the
    # password (or holds the account's token).
    return DomainError(
        "unauthenticated",
        "account_deactivated",
        "This account is deactivated; ask your administrator to reactivate it.",
    )


def signed_in_user_id(ctx: RpcContext) -> str:
    if not isinstance(ctx.actor, UserActor):
        raise not_signed_in()
    return ctx.actor.user_id


async def signed_in_user(ctx: RpcContext, session: Any = None) -> UserDocument:
    """The account of the signed-in person, as stored now; refused when gone or deactivated."""
    user = await UserDocument.get(signed_in_user_id(ctx), session=session)
    if user is None:
        raise account_gone()
    if not user.active:
        raise account_deactivated()
    return user


def is_platform_tool(ctx: RpcContext) -> bool:
    """A system actor other than the anonymous one the gateway names for visitors (the CLI, the seeder)."""
    return is_system(ctx)


async def acting_of(ctx: RpcContext) -> Acting:
    """Who acts, with their role and municipality as stored now rather than as their token says."""
    if is_platform_tool(ctx):
        return Acting(user_id=None, role="system", municipality_id=None)
    user = await signed_in_user(ctx)
    return Acting(user_id=user.id, role=user.role, municipality_id=user.municipality_id)


def alert_view(doc: AreaAlertDocument) -> AreaAlert:
    return AreaAlert(
        alert_id=doc.id,
        name=doc.name,
        kind=doc.kind,
        center=Point(**doc.center) if doc.center else None,
        radius_m=doc.radius_m,
        municipality_id=doc.municipality_id,
        category_ids=tuple(doc.category_ids),
        created_at=doc.created_at,
    )

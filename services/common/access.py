"""Who may act where: the tenancy rules of DESIGN §5, in one place for every service.

The gateway applies coarse role checks; a service decides on its own data with these helpers, from the
request's RpcContext (the token's role and municipality, or a system actor such as the demo seeding).
"""

from __future__ import annotations

from cityfix_contracts import DomainError, RpcContext, SystemActor, UserActor
from cityfix_contracts.rpc import ANONYMOUS


def is_system(ctx: RpcContext) -> bool:
    """The platform itself (the CLI, the demo seeding) — never an anonymous visitor."""
    return isinstance(ctx.actor, SystemActor) and ctx.actor != ANONYMOUS


def role_of(ctx: RpcContext) -> str | None:
    return ctx.actor.role if isinstance(ctx.actor, UserActor) else None


def user_id_of(ctx: RpcContext) -> str | None:
    return ctx.actor.user_id if isinstance(ctx.actor, UserActor) else None


def require_user(ctx: RpcContext) -> UserActor:
    if not isinstance(ctx.actor, UserActor):
        raise DomainError("unauthenticated", "unauthenticated", "Please sign in to do this.")
    return ctx.actor


def require_role(ctx: RpcContext, *roles: str) -> None:
    """System actors pass; users need one of `roles`; anonymous visitors are asked to sign in."""
    if is_system(ctx):
        return
    if not isinstance(ctx.actor, UserActor):
        raise DomainError("unauthenticated", "unauthenticated", "Please sign in to do this.")
    if role_of(ctx) not in roles:
        raise DomainError("forbidden", "forbidden", "Your role does not allow this.")


def manages(ctx: RpcContext, municipality_id: str | None) -> bool:
    """Admins and the platform manage every municipality; a manager only their own."""
    if is_system(ctx) or role_of(ctx) == "admin":
        return True
    return (
        role_of(ctx) == "manager" and municipality_id is not None and ctx.municipality_id == municipality_id
    )


def works_in(ctx: RpcContext, municipality_id: str | None) -> bool:
    """Staff of this municipality (managers and operators), admins and the platform."""
    if is_system(ctx) or role_of(ctx) == "admin":
        return True
    return (
        role_of(ctx) in ("manager", "operator")
        and municipality_id is not None
        and ctx.municipality_id == municipality_id
    )


def require_manager_of(ctx: RpcContext, municipality_id: str | None, what: str = "this municipality") -> None:
    if not manages(ctx, municipality_id):
        raise DomainError("forbidden", "forbidden", f"You may only manage {what} of your own municipality.")

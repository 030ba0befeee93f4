"""Commands and queries the auth service answers: plain functions of (request, context, dependencies)."""

from __future__ import annotations

from dataclasses import dataclass

from cityfix_contracts import RpcContext
from cityfix_contracts.commands.auth import GetJwks, Jwks
from services.common.rpc import RpcRegistry
from services.common.tokens import TokenIssuer, public_jwk

rpc = RpcRegistry("auth")


@dataclass
class AuthDeps:
    issuer: TokenIssuer


@rpc.handles(GetJwks)
async def get_jwks(query: GetJwks, ctx: RpcContext, deps: AuthDeps) -> Jwks:
    """The public key set access tokens are verified with."""
    return Jwks(keys=(public_jwk(deps.issuer.key, deps.issuer.kid),))

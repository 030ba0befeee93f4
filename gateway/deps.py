"""Dependencies routes declare, as `Annotated` aliases so a route reads like a sentence."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from starlette.types import Scope

from cityfix_contracts import RpcContext, UserActor
from cityfix_contracts.rpc import ANONYMOUS
from services.common.rpc import RpcClient
from services.common.tokens import AccessClaims, InvalidToken

from .errors import ApiError
from .state import GatewayState

_bearer = HTTPBearer(auto_error=False)


async def gateway_state(request: Request) -> GatewayState:
    state: GatewayState = request.app.state.gateway
    return state


State = Annotated[GatewayState, Depends(gateway_state)]


async def rpc_client(state: State) -> RpcClient:
    return state.rpc()


Rpc = Annotated[RpcClient, Depends(rpc_client)]


async def optional_user(
    state: State, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)]
) -> AccessClaims | None:
    if credentials is None:
        return None
    return await signed_in(state, credentials.credentials)


async def signed_in(state: GatewayState, token: str) -> AccessClaims:
    """The claims of a bearer token whose account may act (401 otherwise)."""
    try:
        claims = await state.verify(token)
    except InvalidToken:
        raise ApiError(
            401, "invalid_token", "Your session is not valid or has expired; please sign in again."
        ) from None
    if state.is_deactivated(claims.sub):
        raise ApiError(401, "invalid_token", "This account is deactivated.")
    return claims


async def current_user(claims: Annotated[AccessClaims | None, Depends(optional_user)]) -> AccessClaims:
    if claims is None:
        raise ApiError(401, "unauthenticated", "Please sign in to do this.")
    return claims


OptionalUser = Annotated[AccessClaims | None, Depends(optional_user)]
CurrentUser = Annotated[AccessClaims, Depends(current_user)]


@dataclass(frozen=True)
class RoleCheck:
    roles: tuple[str, ...]

    async def __call__(self, user: CurrentUser) -> AccessClaims:
        if user.role not in self.roles:
            raise ApiError(
                403, "forbidden", "Your role does not allow this.", {"allowed_roles": list(self.roles)}
            )
        return user


def require_role(*roles: str) -> RoleCheck:
    return RoleCheck(tuple(roles))


async def request_context(request: Request, user: OptionalUser) -> RpcContext:
    """Who asks, and the correlation id every event caused by this request will carry."""
    return context_of(request.scope, user)


def context_of(scope: Scope, user: AccessClaims | None) -> RpcContext:
    correlation_id: str = scope["state"]["correlation_id"]
    client = scope.get("client")
    client_address = client[0] if client is not None else None
    if user is None:
        return RpcContext(
            correlation_id=correlation_id,
            actor=ANONYMOUS,
            client_address=client_address,
        )
    return RpcContext(
        correlation_id=correlation_id,
        actor=UserActor(user_id=user.sub, role=user.role),
        municipality_id=user.municipality_id,
        client_address=client_address,
    )


Ctx = Annotated[RpcContext, Depends(request_context)]

"""API keys for outside systems (integrations service): a municipality's managers, or admins, create them
(the secret is answered once), list them without secrets and revoke them. Open311 clients send the key as
`api_key` (gateway/routes/open311.py). Another municipality's key is answered 404, like a missing one.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query, status

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.integrations import (
    API_KEY_CURSOR_PATTERN,
    ApiKeyBody,
    ApiKeyCreated,
    ApiKeyList,
    ApiKeyView,
    CreateApiKey,
    ListApiKeys,
    RevokeApiKey,
)

from ..deps import Ctx, Rpc, require_role

router = APIRouter(
    prefix="/integrations",
    tags=["integrations"],
    dependencies=[Depends(require_role("manager", "admin"))],
)

ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": ErrorResponse, "description": "Not signed in"},
    403: {"model": ErrorResponse, "description": "Not a manager or admin, or another municipality's keys"},
    503: {"model": ErrorResponse, "description": "The integrations service is not answering"},
}


@router.post(
    "/api-keys",
    response_model=ApiKeyCreated,
    status_code=status.HTTP_201_CREATED,
    operation_id="integrations-create-api-key",
    responses={
        **ERRORS,
        404: {"model": ErrorResponse, "description": "`municipality_not_found`"},
        422: {"model": ErrorResponse, "description": "`municipality_required` (admins), malformed fields"},
    },
)
async def create_api_key(body: ApiKeyBody, rpc: Rpc, ctx: Ctx) -> ApiKeyCreated:
    """A new key for your municipality (managers) or the one named (admins). Keep `secret`: it is shown
    this once and stored only as a hash."""
    created: ApiKeyCreated = await rpc.call(CreateApiKey(**body.model_dump()), ctx)
    return created


@router.get(
    "/api-keys", response_model=ApiKeyList, operation_id="integrations-list-api-keys", responses=ERRORS
)
async def list_api_keys(
    rpc: Rpc,
    ctx: Ctx,
    municipality_id: Annotated[str | None, Query(max_length=100)] = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    cursor: Annotated[str | None, Query(pattern=API_KEY_CURSOR_PATTERN)] = None,
) -> ApiKeyList:
    """API keys newest first, with their last use and never a secret: your municipality's (managers), any
    or one municipality's (admins)."""
    keys: ApiKeyList = await rpc.call(
        ListApiKeys(municipality_id=municipality_id, limit=limit, cursor=cursor), ctx
    )
    return keys


@router.delete(
    "/api-keys/{api_key_id}",
    response_model=ApiKeyView,
    operation_id="integrations-revoke-api-key",
    responses={**ERRORS, 404: {"model": ErrorResponse, "description": "`api_key_not_found`"}},
)
async def revoke_api_key(
    api_key_id: Annotated[str, Path(min_length=1, max_length=100)], rpc: Rpc, ctx: Ctx
) -> ApiKeyView:
    """Revoke a key for good: Open311 clients using it are refused at once."""
    revoked: ApiKeyView = await rpc.call(RevokeApiKey(api_key_id=api_key_id), ctx)
    return revoked

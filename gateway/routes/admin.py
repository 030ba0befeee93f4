"""Platform administration (admin service): dead letters of CITYFIX_DLQ, admins only."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query

from cityfix_contracts.commands.admin import (
    DeadLetterList,
    DeadLetterReplayed,
    ListDeadLetters,
    ReplayDeadLetter,
)

from ..deps import Ctx, Rpc, require_role

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_role("admin"))])


@router.get("/dead-letters", response_model=DeadLetterList, operation_id="admin-list_dead_letters")
async def list_dead_letters(
    rpc: Rpc,
    ctx: Ctx,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    cursor: Annotated[str | None, Query(pattern=r"^[0-9]+$")] = None,
) -> DeadLetterList:
    """Events no consumer could handle, oldest first, without their bodies (platform admins)."""
    page: DeadLetterList = await rpc.call(ListDeadLetters(limit=limit, cursor=cursor), ctx)
    return page


@router.post(
    "/dead-letters/{dead_letter_id}/replay",
    response_model=DeadLetterReplayed,
    operation_id="admin-replay_dead_letter",
)
async def replay_dead_letter(
    dead_letter_id: Annotated[int, Path(ge=1)], rpc: Rpc, ctx: Ctx
) -> DeadLetterReplayed:
    """Publish a dead letter again on its original subject and remove it (platform admins). Consumers
    that already handled it skip it; the one that failed gets it again."""
    replayed: DeadLetterReplayed = await rpc.call(ReplayDeadLetter(dead_letter_id=dead_letter_id), ctx)
    return replayed

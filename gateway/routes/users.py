"""Staff accounts (auth service): admins manage managers, managers manage their municipality's operators."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from cityfix_contracts.commands.auth import (
    CreateStaffUser,
    GetUser,
    ListUsers,
    Role,
    UpdateUser,
    UserChanges,
    UserList,
    UserView,
)

from ..deps import Ctx, CurrentUser, Rpc, require_role

router = APIRouter(prefix="/users", tags=["users"])

StaffManager = Depends(require_role("manager", "admin"))


@router.get("", response_model=UserList, dependencies=[StaffManager], operation_id="users-list")
async def list_users(
    rpc: Rpc,
    ctx: Ctx,
    role: Role | None = None,
    municipality_id: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> UserList:
    """Users in your scope: a manager sees their municipality's, an admin everyone's."""
    page: UserList = await rpc.call(
        ListUsers(role=role, municipality_id=municipality_id, limit=limit, cursor=cursor), ctx
    )
    return page


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=UserView,
    dependencies=[StaffManager],
    operation_id="users-create",
)
async def create_user(body: CreateStaffUser, rpc: Rpc, ctx: Ctx) -> UserView:
    """Create a staff account: admins create managers, managers create operators of their municipality."""
    user: UserView = await rpc.call(body, ctx)
    return user


@router.get("/{user_id}", response_model=UserView, operation_id="users-get")
async def get_user(user_id: str, user: CurrentUser, rpc: Rpc, ctx: Ctx) -> UserView:
    """One user, if in your scope."""
    view: UserView = await rpc.call(GetUser(user_id=user_id), ctx)
    return view


@router.patch("/{user_id}", response_model=UserView, dependencies=[StaffManager], operation_id="users-update")
async def update_user(user_id: str, body: UserChanges, rpc: Rpc, ctx: Ctx) -> UserView:
    """Rename, change the role of, deactivate or reactivate a user in your scope."""
    view: UserView = await rpc.call(UpdateUser(user_id=user_id, **body.model_dump(exclude_unset=True)), ctx)
    return view

"""Municipalities and their categories (admin service)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from cityfix_contracts.commands.admin import (
    CategoryList,
    CategoryView,
    CreateCategory,
    CreateMunicipality,
    ListCategories,
    ListMunicipalities,
    MunicipalityList,
    MunicipalityView,
    NewCategory,
)

from ..deps import Ctx, Rpc, require_role

router = APIRouter(prefix="/municipalities", tags=["municipalities"])


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=MunicipalityView,
    dependencies=[Depends(require_role("admin"))],
    operation_id="municipalities-create",
)
async def create_municipality(body: CreateMunicipality, rpc: Rpc, ctx: Ctx) -> MunicipalityView:
    """Create a municipality (platform admins)."""
    view: MunicipalityView = await rpc.call(body, ctx)
    return view


@router.get("", response_model=MunicipalityList, operation_id="municipalities-list")
async def list_municipalities(
    rpc: Rpc,
    ctx: Ctx,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> MunicipalityList:
    """Every municipality CityFix serves (public)."""
    page: MunicipalityList = await rpc.call(ListMunicipalities(limit=limit, cursor=cursor), ctx)
    return page


@router.post(
    "/{municipality_id}/categories",
    status_code=status.HTTP_201_CREATED,
    response_model=CategoryView,
    dependencies=[Depends(require_role("manager", "admin"))],
    operation_id="categories-create",
)
async def create_category(municipality_id: str, body: NewCategory, rpc: Rpc, ctx: Ctx) -> CategoryView:
    """Create a category (that municipality's managers, and admins)."""
    command = CreateCategory(**dict(body), municipality_id=municipality_id)
    view: CategoryView = await rpc.call(command, ctx)
    return view


@router.get("/{municipality_id}/categories", response_model=CategoryList, operation_id="categories-list")
async def list_categories(
    municipality_id: str,
    rpc: Rpc,
    ctx: Ctx,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: str | None = None,
) -> CategoryList:
    """The categories a citizen can report in this municipality (public)."""
    page: CategoryList = await rpc.call(
        ListCategories(municipality_id=municipality_id, limit=limit, cursor=cursor), ctx
    )
    return page

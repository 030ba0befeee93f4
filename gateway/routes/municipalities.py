"""Municipalities and their categories (admin service)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from cityfix_contracts.commands.admin import (
    CategoryList,
    CategoryPatch,
    CategoryView,
    CreateCategory,
    CreateMunicipality,
    GetMunicipality,
    ListCategories,
    ListMunicipalities,
    MunicipalityList,
    MunicipalityPatch,
    MunicipalityView,
    NewCategory,
    UpdateCategory,
    UpdateMunicipality,
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
    """Create a municipality (platform admins). Its boundary is checked: closed rings, no self-crossing,
    [longitude, latitude] order, size caps (422), and no real overlap with another municipality (409)."""
    view: MunicipalityView = await rpc.call(body, ctx)
    return view


@router.get("", response_model=MunicipalityList, operation_id="municipalities-list")
async def list_municipalities(
    rpc: Rpc,
    ctx: Ctx,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: str | None = None,
) -> MunicipalityList:
    """Every municipality CityFix serves (public), without boundaries (each has its bounding box)."""
    page: MunicipalityList = await rpc.call(ListMunicipalities(limit=limit, cursor=cursor), ctx)
    return page


@router.get("/{municipality_id}", response_model=MunicipalityView, operation_id="municipalities-get")
async def get_municipality(municipality_id: str, rpc: Rpc, ctx: Ctx) -> MunicipalityView:
    """One municipality with its boundary (public). `contact_email` is filled in only for admins and
    that municipality's staff."""
    view: MunicipalityView = await rpc.call(GetMunicipality(municipality_id=municipality_id), ctx)
    return view


@router.patch(
    "/{municipality_id}",
    response_model=MunicipalityView,
    dependencies=[Depends(require_role("admin"))],
    operation_id="municipalities-update",
)
async def update_municipality(
    municipality_id: str, body: MunicipalityPatch, rpc: Rpc, ctx: Ctx
) -> MunicipalityView:
    """Change a municipality (platform admins): fields left out stay; `boundary: null` removes it."""
    command = UpdateMunicipality(**body.model_dump(exclude_unset=True), municipality_id=municipality_id)
    view: MunicipalityView = await rpc.call(command, ctx)
    return view


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


@router.patch(
    "/{municipality_id}/categories/{category_id}",
    response_model=CategoryView,
    dependencies=[Depends(require_role("manager", "admin"))],
    operation_id="categories-update",
)
async def update_category(
    municipality_id: str, category_id: str, body: CategoryPatch, rpc: Rpc, ctx: Ctx
) -> CategoryView:
    """Change a category (that municipality's managers, and admins); `active: false` deactivates it and
    keeps its history. Fields left out stay; null clears `sla_hours` and `default_operator_id`."""
    command = UpdateCategory(
        **body.model_dump(exclude_unset=True), municipality_id=municipality_id, category_id=category_id
    )
    view: CategoryView = await rpc.call(command, ctx)
    return view


@router.get("/{municipality_id}/categories", response_model=CategoryList, operation_id="categories-list")
async def list_categories(
    municipality_id: str,
    rpc: Rpc,
    ctx: Ctx,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    cursor: str | None = None,
    include_inactive: bool = False,
) -> CategoryList:
    """The categories a citizen can report in this municipality (public). Its managers and admins may
    add `include_inactive=true` to see deactivated ones too."""
    page: CategoryList = await rpc.call(
        ListCategories(
            municipality_id=municipality_id, limit=limit, cursor=cursor, include_inactive=include_inactive
        ),
        ctx,
    )
    return page

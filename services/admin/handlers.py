"""Admin commands and queries: plain functions of (request, context, dependencies)."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

from pymongo.errors import DuplicateKeyError

from cityfix_contracts import DomainError, RpcContext, envelope_for
from cityfix_contracts.commands.admin import (
    CategoryList,
    CategoryView,
    CreateCategory,
    CreateMunicipality,
    ListCategories,
    ListMunicipalities,
    MunicipalityList,
    MunicipalityView,
)
from cityfix_contracts.errors import not_found
from cityfix_contracts.events import CategoryChanged, MunicipalityCreated
from cityfix_contracts.events.municipalities import CategoryQuestion
from services.common.access import require_manager_of, require_role
from services.common.rpc import RpcRegistry
from services.common.uow import MongoUnitOfWork

from .documents import CategoryDocument, MunicipalityDocument
from .domain import check_boundary, name_key

rpc = RpcRegistry("admin")


@dataclass
class AdminDeps:
    unit_of_work: Any  # () -> MongoUnitOfWork


def municipality_view(doc: MunicipalityDocument) -> MunicipalityView:
    return MunicipalityView(
        id=doc.id,
        name=doc.name,
        slug=doc.slug,
        reference_prefix=doc.reference_prefix,
        boundary=doc.boundary,
        created_at=doc.created_at,
    )


def category_view(doc: CategoryDocument) -> CategoryView:
    return CategoryView(
        id=doc.id,
        municipality_id=doc.municipality_id,
        code=doc.code,
        name=doc.name,
        description=doc.description,
        active=doc.active,
        sla_hours=doc.sla_hours,
        questions=tuple(CategoryQuestion.model_validate(q) for q in doc.questions),
        created_at=doc.created_at,
    )


@rpc.handles(CreateMunicipality)
async def create_municipality(cmd: CreateMunicipality, ctx: RpcContext, deps: AdminDeps) -> MunicipalityView:
    """Create a municipality (admins); emits MunicipalityCreated under the new municipality's id."""
    require_role(ctx, "admin")
    if cmd.boundary is not None:
        check_boundary(cmd.boundary)
    doc = MunicipalityDocument(
        id=str(uuid.uuid4()),
        name=cmd.name.strip(),
        slug=cmd.slug,
        reference_prefix=cmd.reference_prefix,
        boundary=cmd.boundary,
    )
    uow: MongoUnitOfWork
    try:
        async with deps.unit_of_work() as uow:
            await doc.insert(session=uow.session)
            uow.emit(
                envelope_for(
                    MunicipalityCreated(
                        municipality_id=doc.id,
                        name=doc.name,
                        slug=doc.slug,
                        reference_prefix=doc.reference_prefix,
                        boundary=doc.boundary,
                    ),
                    aggregate_id=doc.id,
                    sequence=doc.version,
                    actor=ctx.actor,
                    correlation_id=ctx.correlation_id,
                    municipality_id=doc.id,
                )
            )
    except DuplicateKeyError:
        raise DomainError(
            "conflict",
            "municipality_exists",
            "A municipality with this slug or reference prefix already exists; choose another.",
            {"slug": cmd.slug, "reference_prefix": cmd.reference_prefix},
        ) from None
    return municipality_view(doc)


@rpc.handles(ListMunicipalities)
async def list_municipalities(
    query: ListMunicipalities, ctx: RpcContext, deps: AdminDeps
) -> MunicipalityList:
    """List municipalities by name, with cursor pagination (the cursor is the last slug seen)."""
    criteria: dict[str, Any] = {"slug": {"$gt": query.cursor}} if query.cursor else {}
    docs = await MunicipalityDocument.find(criteria).sort("+slug").limit(query.limit + 1).to_list()
    page = docs[: query.limit]
    more = len(docs) > query.limit
    return MunicipalityList(
        data=tuple(municipality_view(d) for d in page), next_cursor=page[-1].slug if more and page else None
    )


@rpc.handles(CreateCategory)
async def create_category(cmd: CreateCategory, ctx: RpcContext, deps: AdminDeps) -> CategoryView:
    """Create a category in a municipality (its managers, or admins); emits CategoryChanged."""
    require_manager_of(ctx, cmd.municipality_id, "categories")
    if await MunicipalityDocument.get(cmd.municipality_id) is None:
        raise not_found("municipality", cmd.municipality_id)
    codes = [q.code for q in cmd.questions]
    if len(codes) != len(set(codes)):
        raise DomainError("invalid", "duplicate_question_code", "Each question needs its own code.")
    doc = CategoryDocument(
        id=str(uuid.uuid4()),
        municipality_id=cmd.municipality_id,
        code=cmd.code,
        name=" ".join(cmd.name.split()),
        name_key=name_key(cmd.name),
        description=cmd.description,
        sla_hours=cmd.sla_hours,
        questions=[q.model_dump() for q in cmd.questions],
    )
    try:
        async with deps.unit_of_work() as uow:
            await doc.insert(session=uow.session)
            uow.emit(
                envelope_for(
                    CategoryChanged(
                        category_id=doc.id,
                        municipality_id=doc.municipality_id,
                        change="created",
                        code=doc.code,
                        name=doc.name,
                        description=doc.description,
                        active=doc.active,
                        sla_hours=doc.sla_hours,
                        questions=cmd.questions,
                    ),
                    aggregate_id=doc.id,
                    sequence=doc.version,
                    actor=ctx.actor,
                    correlation_id=ctx.correlation_id,
                    municipality_id=doc.municipality_id,
                )
            )
    except DuplicateKeyError:
        raise DomainError(
            "conflict",
            "category_exists",
            f"This municipality already has a category named {doc.name!r} or with code {doc.code!r}.",
            {"name": doc.name, "code": doc.code},
        ) from None
    return category_view(doc)


@rpc.handles(ListCategories)
async def list_categories(query: ListCategories, ctx: RpcContext, deps: AdminDeps) -> CategoryList:
    """The categories of one municipality, oldest first (public: citizens choose from them)."""
    criteria: dict[str, Any] = {"municipality_id": query.municipality_id}
    if query.cursor:
        criteria["id"] = {"$gt": query.cursor}
    docs = await CategoryDocument.find(criteria).sort("+_id").limit(query.limit + 1).to_list()
    page = docs[: query.limit]
    more = len(docs) > query.limit
    return CategoryList(
        data=tuple(category_view(d) for d in page), next_cursor=page[-1].id if more and page else None
    )

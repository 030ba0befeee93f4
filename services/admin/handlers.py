"""Admin commands and queries: plain functions of (request, context, dependencies).

Municipalities (admins), their categories (that municipality's managers and admins), and the dead
letters of CITYFIX_DLQ (admins). Every change and its events are one unit of work.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from nats.js import JetStreamContext
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError
from shapely.geometry import shape
from shapely.geometry.base import BaseGeometry

from cityfix_contracts import DomainError, DomainEvent, RpcContext, envelope_for, utc_now
from cityfix_contracts.commands.admin import (
    CategoryList,
    CategoryView,
    CreateCategory,
    CreateMunicipality,
    DeadLetterList,
    DeadLetterReplayed,
    DeadLetterView,
    GetMunicipality,
    ListCategories,
    ListDeadLetters,
    ListMunicipalities,
    MunicipalityList,
    MunicipalitySummary,
    MunicipalityView,
    ReplayDeadLetter,
    UpdateCategory,
    UpdateMunicipality,
)
from cityfix_contracts.errors import not_found
from cityfix_contracts.events import (
    BoundaryChanged,
    CategoryChanged,
    MunicipalityCreated,
    MunicipalityUpdated,
)
from cityfix_contracts.events.municipalities import CategoryQuestion
from services.common.access import manages, require_manager_of, require_role, role_of, works_in
from services.common.dead_letters import DeadLetterNotFound, list_dead_letters, replay_dead_letter
from services.common.rpc import RpcRegistry
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .documents import CategoryDocument, MunicipalityDocument, StaffDocument
from .domain import (
    BoundaryLimits,
    Neighbour,
    StaffRecord,
    category_change,
    check_boundary,
    clean_text,
    default_operator_refused,
    name_key,
    overlap_conflict,
    overlapping,
)

rpc = RpcRegistry("admin")


@dataclass
class AdminDeps:
    unit_of_work: Callable[[], UnitOfWork]
    limits: BoundaryLimits = field(default_factory=BoundaryLimits)
    jetstream: Callable[[], JetStreamContext | None] = lambda: None


def session_of(uow: UnitOfWork) -> AsyncClientSession:
    assert isinstance(uow, MongoUnitOfWork)
    return uow.session


def record(
    uow: UnitOfWork,
    doc: MunicipalityDocument | CategoryDocument,
    data: DomainEvent,
    ctx: RpcContext,
    municipality_id: str,
) -> None:
    """Emit `data` as the aggregate's next event (its document carries the sequence in `version`)."""
    doc.version += 1
    uow.emit(
        envelope_for(
            data,
            aggregate_id=doc.id,
            sequence=doc.version,
            actor=ctx.actor,
            correlation_id=ctx.correlation_id,
            municipality_id=municipality_id,
        )
    )


# ----- municipalities ------------------------------------------------------------------------------------


def municipality_view(doc: MunicipalityDocument, ctx: RpcContext) -> MunicipalityView:
    return MunicipalityView(
        id=doc.id,
        name=doc.name,
        slug=doc.slug,
        reference_prefix=doc.reference_prefix,
        boundary=doc.boundary,
        timezone=doc.timezone,
        default_locale=doc.default_locale,
        active=doc.active,
        working_hours=doc.working_week(),
        contact_email=doc.contact_email if works_in(ctx, doc.id) else None,
        created_at=doc.created_at,
        updated_at=doc.updated_at,
    )


def municipality_summary(doc: MunicipalityDocument) -> MunicipalitySummary:
    return MunicipalitySummary(
        id=doc.id,
        name=doc.name,
        slug=doc.slug,
        reference_prefix=doc.reference_prefix,
        timezone=doc.timezone,
        default_locale=doc.default_locale,
        active=doc.active,
        bbox=doc.bbox,
    )


def municipality_updated(doc: MunicipalityDocument) -> MunicipalityUpdated:
    return MunicipalityUpdated(
        municipality_id=doc.id,
        name=doc.name,
        slug=doc.slug,
        reference_prefix=doc.reference_prefix,
        timezone=doc.timezone,
        default_locale=doc.default_locale,
        active=doc.active,
        working_hours=doc.working_week(),
    )


async def checked_boundary(
    boundary: dict[str, Any], deps: AdminDeps, municipality_id: str | None
) -> BaseGeometry:
    """Validate a boundary and refuse it if it overlaps another municipality's beyond the tolerance."""
    geometry = check_boundary(boundary, deps.limits)
    min_lon, min_lat, max_lon, max_lat = geometry.bounds
    candidates = await MunicipalityDocument.find(
        {
            "_id": {"$ne": municipality_id},
            "min_lon": {"$ne": None, "$lte": max_lon},
            "max_lon": {"$gte": min_lon},
            "min_lat": {"$lte": max_lat},
            "max_lat": {"$gte": min_lat},
        }
    ).to_list()
    neighbours = (
        Neighbour(doc.id, doc.name, shape(doc.boundary)) for doc in candidates if doc.boundary is not None
    )
    found = overlapping(geometry, neighbours, deps.limits.overlap_tolerance)
    if found is not None:
        raise overlap_conflict(*found)
    return geometry


def set_boundary(
    doc: MunicipalityDocument, boundary: dict[str, Any] | None, geometry: BaseGeometry | None
) -> None:
    doc.boundary = boundary
    bounds = geometry.bounds if geometry is not None else (None, None, None, None)
    doc.min_lon, doc.min_lat, doc.max_lon, doc.max_lat = bounds


def slug_taken(slug: str, reference_prefix: str | None = None) -> DomainError:
    details: dict[str, Any] = {"slug": slug}
    if reference_prefix is not None:
        details["reference_prefix"] = reference_prefix
    return DomainError(
        "conflict",
        "municipality_exists",
        "A municipality with this slug or reference prefix already exists; choose another.",
        details,
    )


@rpc.handles(CreateMunicipality)
async def create_municipality(cmd: CreateMunicipality, ctx: RpcContext, deps: AdminDeps) -> MunicipalityView:
    """Create a municipality (admins); MunicipalityCreated, then BoundaryChanged if it has a boundary."""
    require_role(ctx, "admin")
    doc = MunicipalityDocument(
        id=str(uuid.uuid4()),
        name=clean_text(cmd.name),
        slug=cmd.slug,
        reference_prefix=cmd.reference_prefix,
        contact_email=cmd.contact_email,
        timezone=cmd.timezone,
        default_locale=cmd.default_locale,
        active=cmd.active,
    )
    doc.set_working_week(cmd.working_hours)
    if cmd.boundary is not None:
        set_boundary(doc, cmd.boundary, await checked_boundary(cmd.boundary, deps, None))
    try:
        async with deps.unit_of_work() as uow:
            record(
                uow,
                doc,
                MunicipalityCreated(
                    municipality_id=doc.id,
                    name=doc.name,
                    slug=doc.slug,
                    reference_prefix=doc.reference_prefix,
                    boundary=doc.boundary,
                    timezone=doc.timezone,
                    default_locale=doc.default_locale,
                    active=doc.active,
                    working_hours=doc.working_week(),
                ),
                ctx,
                doc.id,
            )
            if doc.boundary is not None:
                record(uow, doc, BoundaryChanged(municipality_id=doc.id, boundary=doc.boundary), ctx, doc.id)
            await doc.insert(session=session_of(uow))
    except DuplicateKeyError:
        raise slug_taken(cmd.slug, cmd.reference_prefix) from None
    return municipality_view(doc, ctx)


@rpc.handles(UpdateMunicipality)
async def update_municipality(cmd: UpdateMunicipality, ctx: RpcContext, deps: AdminDeps) -> MunicipalityView:
    """Change a municipality (admins): MunicipalityUpdated for its details, BoundaryChanged for its area."""
    require_role(ctx, "admin")
    doc = await MunicipalityDocument.get(cmd.municipality_id)
    if doc is None:
        raise not_found("municipality", cmd.municipality_id)
    given = cmd.model_fields_set
    before = municipality_updated(doc)
    for name in ("slug", "timezone", "default_locale", "active", "contact_email"):
        if name in given:
            setattr(doc, name, getattr(cmd, name))
    if "name" in given and cmd.name is not None:
        doc.name = clean_text(cmd.name)
    if "working_hours" in given:
        doc.set_working_week(cmd.working_hours)
    boundary_changed = "boundary" in given and cmd.boundary != doc.boundary
    if boundary_changed:
        geometry = None if cmd.boundary is None else await checked_boundary(cmd.boundary, deps, doc.id)
        set_boundary(doc, cmd.boundary, geometry)
    details_changed = municipality_updated(doc) != before
    doc.updated_at = utc_now()
    try:
        async with deps.unit_of_work() as uow:
            if details_changed:
                record(uow, doc, municipality_updated(doc), ctx, doc.id)
            if boundary_changed:
                record(uow, doc, BoundaryChanged(municipality_id=doc.id, boundary=doc.boundary), ctx, doc.id)
            await doc.save(session=session_of(uow))
    except DuplicateKeyError:
        raise slug_taken(doc.slug) from None
    return municipality_view(doc, ctx)


@rpc.handles(GetMunicipality)
async def get_municipality(query: GetMunicipality, ctx: RpcContext, deps: AdminDeps) -> MunicipalityView:
    """One municipality with its boundary (public; its contact email only for admins and its staff)."""
    doc = await MunicipalityDocument.get(query.municipality_id)
    if doc is None:
        raise not_found("municipality", query.municipality_id)
    return municipality_view(doc, ctx)


@rpc.handles(ListMunicipalities)
async def list_municipalities(
    query: ListMunicipalities, ctx: RpcContext, deps: AdminDeps
) -> MunicipalityList:
    """Municipalities by slug, with cursor pagination (the cursor is the last slug seen).

    Deactivated ones are listed for admins only.
    """
    criteria: dict[str, Any] = {"slug": {"$gt": query.cursor}} if query.cursor else {}
    if role_of(ctx) != "admin":
        criteria["active"] = True
    docs = await MunicipalityDocument.find(criteria).sort("+slug").limit(query.limit + 1).to_list()
    page = docs[: query.limit]
    more = len(docs) > query.limit
    return MunicipalityList(
        data=tuple(municipality_summary(d) for d in page),
        next_cursor=page[-1].slug if more and page else None,
    )


# ----- categories ----------------------------------------------------------------------------------------


def category_view(doc: CategoryDocument) -> CategoryView:
    return CategoryView(
        id=doc.id,
        municipality_id=doc.municipality_id,
        code=doc.code,
        name=doc.name,
        group=doc.group,
        description=doc.description,
        keywords=tuple(doc.keywords),
        active=doc.active,
        sla_hours=doc.sla_hours,
        default_priority=doc.default_priority,
        duplicate_radius_m=doc.duplicate_radius_m,
        default_operator_id=doc.default_operator_id,
        questions=tuple(CategoryQuestion.model_validate(q) for q in doc.questions),
        created_at=doc.created_at,
        updated_at=doc.updated_at,
    )


def category_changed(doc: CategoryDocument, change: str) -> CategoryChanged:
    """The whole category, as CategoryChanged carries it."""
    view = category_view(doc)
    return CategoryChanged.model_validate(
        {
            **view.model_dump(include=set(CategoryChanged.model_fields) - {"category_id", "change"}),
            "category_id": doc.id,
            "change": change,
        }
    )


async def require_municipality(municipality_id: str) -> MunicipalityDocument:
    doc = await MunicipalityDocument.get(municipality_id)
    if doc is None:
        raise not_found("municipality", municipality_id)
    return doc


def check_questions(questions: tuple[CategoryQuestion, ...]) -> None:
    codes = [q.code for q in questions]
    if len(codes) != len(set(codes)):
        raise DomainError("invalid", "duplicate_question_code", "Each question needs its own code.")
    for question in questions:
        listed = question.datatype in ("singlevaluelist", "multivaluelist")
        if listed and not question.values:
            raise DomainError(
                "invalid",
                "question_without_values",
                f"Question {question.code!r} is a {question.datatype}: give it the values to choose from.",
                {"question": question.code},
            )
        if not listed and question.values:
            raise DomainError(
                "invalid",
                "question_values_unused",
                f"Question {question.code!r} is a {question.datatype}: only list questions take values.",
                {"question": question.code},
            )


async def check_default_operator(operator_id: str | None, municipality_id: str) -> None:
    """A default operator must be an active operator of the category's municipality (learnt from auth)."""
    if operator_id is None:
        return
    staff = await StaffDocument.get(operator_id)
    record = None if staff is None else StaffRecord(**staff.model_dump(exclude={"id"}))
    if record is None or not record.is_operator_of(municipality_id):
        raise default_operator_refused(operator_id, municipality_id)


def category_taken(doc: CategoryDocument) -> DomainError:
    return DomainError(
        "conflict",
        "category_exists",
        f"This municipality already has a category named {doc.name!r} or with code {doc.code!r}.",
        {"name": doc.name, "code": doc.code},
    )


@rpc.handles(CreateCategory)
async def create_category(cmd: CreateCategory, ctx: RpcContext, deps: AdminDeps) -> CategoryView:
    """Create a category in a municipality (its managers, or admins); emits CategoryChanged."""
    require_manager_of(ctx, cmd.municipality_id, "categories")
    await require_municipality(cmd.municipality_id)
    check_questions(cmd.questions)
    await check_default_operator(cmd.default_operator_id, cmd.municipality_id)
    doc = CategoryDocument(
        id=str(uuid.uuid4()),
        municipality_id=cmd.municipality_id,
        code=cmd.code,
        name=clean_text(cmd.name),
        name_key=name_key(cmd.name),
        group=clean_text(cmd.group),
        description=cmd.description,
        keywords=[clean_text(k) for k in cmd.keywords],
        sla_hours=cmd.sla_hours,
        default_priority=cmd.default_priority,
        duplicate_radius_m=cmd.duplicate_radius_m,
        default_operator_id=cmd.default_operator_id,
        questions=[q.model_dump() for q in cmd.questions],
    )
    try:
        async with deps.unit_of_work() as uow:
            record(uow, doc, category_changed(doc, "created"), ctx, doc.municipality_id)
            await doc.insert(session=session_of(uow))
    except DuplicateKeyError:
        raise category_taken(doc) from None
    return category_view(doc)


@rpc.handles(UpdateCategory)
async def update_category(cmd: UpdateCategory, ctx: RpcContext, deps: AdminDeps) -> CategoryView:
    """Change or (de)activate a category (its municipality's managers, or admins); emits CategoryChanged.

    Deactivating keeps the category and its history; it only stops taking new reports.
    """
    require_manager_of(ctx, cmd.municipality_id, "categories")
    doc = await CategoryDocument.find_one({"_id": cmd.category_id, "municipality_id": cmd.municipality_id})
    if doc is None:
        raise not_found("category", cmd.category_id)
    given = cmd.model_fields_set
    before = category_view(doc)
    if "questions" in given and cmd.questions is not None:
        check_questions(cmd.questions)
        doc.questions = [q.model_dump() for q in cmd.questions]
    if "default_operator_id" in given and cmd.default_operator_id != doc.default_operator_id:
        await check_default_operator(cmd.default_operator_id, doc.municipality_id)
        doc.default_operator_id = cmd.default_operator_id
    if "name" in given and cmd.name is not None:
        doc.name, doc.name_key = clean_text(cmd.name), name_key(cmd.name)
    if "group" in given and cmd.group is not None:
        doc.group = clean_text(cmd.group)
    if "keywords" in given and cmd.keywords is not None:
        doc.keywords = [clean_text(k) for k in cmd.keywords]
    for name in ("description", "sla_hours", "default_priority", "duplicate_radius_m", "active"):
        if name in given:
            setattr(doc, name, getattr(cmd, name))
    if category_view(doc).model_dump(exclude={"updated_at"}) == before.model_dump(exclude={"updated_at"}):
        return before  # nothing changed: no event
    doc.updated_at = utc_now()
    try:
        async with deps.unit_of_work() as uow:
            change = category_change(before.active, doc.active)
            record(uow, doc, category_changed(doc, change), ctx, doc.municipality_id)
            await doc.save(session=session_of(uow))
    except DuplicateKeyError:
        raise category_taken(doc) from None
    return category_view(doc)


@rpc.handles(ListCategories)
async def list_categories(query: ListCategories, ctx: RpcContext, deps: AdminDeps) -> CategoryList:
    """The categories of one municipality, oldest first (public: citizens choose from the active ones;
    its managers and admins may ask for the deactivated ones too)."""
    await require_municipality(query.municipality_id)
    criteria: dict[str, Any] = {"municipality_id": query.municipality_id}
    if not (query.include_inactive and manages(ctx, query.municipality_id)):
        criteria["active"] = True
    if query.cursor:
        criteria["_id"] = {"$gt": query.cursor}
    docs = await CategoryDocument.find(criteria).sort("+_id").limit(query.limit + 1).to_list()
    page = docs[: query.limit]
    more = len(docs) > query.limit
    return CategoryList(
        data=tuple(category_view(d) for d in page), next_cursor=page[-1].id if more and page else None
    )


# ----- dead letters --------------------------------------------------------------------------------------


def jetstream_of(deps: AdminDeps) -> JetStreamContext:
    js = deps.jetstream()
    if js is None:
        raise DomainError(
            "unavailable",
            "nats_unavailable",
            "The message bus is not reachable right now; try again shortly.",
        )
    return js


@rpc.handles(ListDeadLetters)
async def list_dead_letter_page(query: ListDeadLetters, ctx: RpcContext, deps: AdminDeps) -> DeadLetterList:
    """Dead letters in CITYFIX_DLQ, oldest first, without their bodies (admins)."""
    require_role(ctx, "admin")
    after = int(query.cursor) if query.cursor else 0
    letters = await list_dead_letters(jetstream_of(deps), limit=query.limit + 1, after=after)
    page = letters[: query.limit]
    more = len(letters) > query.limit
    return DeadLetterList(
        data=tuple(
            DeadLetterView(
                id=letter.sequence,
                original_subject=letter.original_subject,
                error=letter.error,
                delivery_count=letter.delivery_count,
                consumer=letter.consumer,
                event_id=letter.event_id,
                event_type=letter.event_type,
                dead_lettered_at=letter.time,
            )
            for letter in page
        ),
        next_cursor=str(page[-1].sequence) if more and page else None,
    )


@rpc.handles(ReplayDeadLetter)
async def replay_dead_letter_by_id(
    cmd: ReplayDeadLetter, ctx: RpcContext, deps: AdminDeps
) -> DeadLetterReplayed:
    """Publish a dead letter again on its original subject and remove it from CITYFIX_DLQ (admins)."""
    require_role(ctx, "admin")
    try:
        replayed = await replay_dead_letter(jetstream_of(deps), cmd.dead_letter_id)
    except DeadLetterNotFound:
        raise not_found("dead_letter", str(cmd.dead_letter_id)) from None
    except ValueError as exc:
        raise DomainError(
            "invalid",
            "not_replayable",
            f"This dead letter cannot be replayed: {exc}.",
            {"id": cmd.dead_letter_id},
        ) from None
    return DeadLetterReplayed(
        id=replayed.dead_letter_sequence,
        subject=replayed.subject,
        stream=replayed.stream,
        stream_sequence=replayed.stream_sequence,
        duplicate=replayed.duplicate,
    )

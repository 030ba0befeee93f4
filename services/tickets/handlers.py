"""Commands and queries the tickets service answers: plain functions of (request, context, dependencies).

Reporting checks the point, the category and the answers against what the service keeps from events
(no call to another service), numbers the ticket per municipality, and stores it with its TicketCreated
in one unit of work. Working a ticket (assignment, status, feedback) loads it inside a unit of work, asks
the domain, and saves it only if no one else changed it meanwhile (its `version` in the update's filter;
409 `ticket_changed` otherwise), with the events the domain recorded.
"""

from __future__ import annotations

import math
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, cast

from pymongo.asynchronous.client_session import AsyncClientSession

from cityfix_contracts import DomainError, DomainEvent, Point, RpcContext, SystemActor, envelope_for, utc_now
from cityfix_contracts.commands.integrations import OPEN311_ACTOR_PREFIX
from cityfix_contracts.commands.tickets import (
    AssignTicket,
    ChangeTicketStatus,
    CreateTicket,
    GetTicket,
    SubmitFeedback,
    TicketView,
    TicketViewKind,
    UnassignTicket,
)
from cityfix_contracts.errors import not_found
from cityfix_contracts.events.municipalities import CategoryQuestion
from services.common.access import require_user, works_in
from services.common.locator import Locator
from services.common.rpc import RpcRegistry
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .answers import checked_answers
from .audit import moderation_documents, moderation_records, transfer_documents, transfer_records
from .documents import (
    CategoryDocument,
    StaffDocument,
    TicketDocument,
)
from .domain import (
    Actor,
    AssignedOperator,
    CategoryTerms,
    Feedback,
    HistoryEntry,
    StaffRecord,
    Ticket,
    working_time,
)
from .domain.ticket import DEFAULT_OPERATOR_JOB
from .history import keep_history
from .limits import check_address_rate, record_origin
from .photos import check_photos, claim_photos, visible_photos
from .settings import TicketsSettings
from .store import MONGO_STORE, TicketStore, next_number

if TYPE_CHECKING:
    from .scheduler import TicketScheduler

rpc = RpcRegistry("tickets")

RATE_WINDOW = timedelta(hours=1)


@dataclass
class TicketsDeps:
    settings: TicketsSettings
    unit_of_work: Callable[[], UnitOfWork]
    locator: Locator = field(default_factory=Locator)
    clock: Callable[[], datetime] = utc_now
    scheduler: TicketScheduler | None = None  # due dates and the confirmation window (scheduler.py)
    store: TicketStore = MONGO_STORE  # reporting, reading and working a ticket; the projections (store.py)


def session_of(uow: UnitOfWork) -> AsyncClientSession:
    assert isinstance(uow, MongoUnitOfWork)
    return uow.session


def domain_actor(ctx: RpcContext) -> Actor:
    user = require_user(ctx)
    if user.role in ("manager", "operator"):
        return Actor(user.user_id, user.role, ctx.municipality_id)
    return Actor(user.user_id, user.role)


def reporting_actor(ctx: RpcContext) -> Actor:
    """Who reports: the signed-in user, or an outside system through an Open311 API key, which the
    gateway names `open311:<api key id>` with the key's municipality (it reports only inside it)."""
    if (
        isinstance(ctx.actor, SystemActor)
        and ctx.actor.system.startswith(OPEN311_ACTOR_PREFIX)
        and ctx.municipality_id is not None
    ):
        return Actor(ctx.actor.system, "system", ctx.municipality_id)
    return domain_actor(ctx)


def ticket_view(doc: TicketDocument, ctx: RpcContext) -> TicketView:
    """Staff of the ticket's municipality see everything, its reporter their own, everyone else the public."""
    kind: TicketViewKind = "public"
    if works_in(ctx, doc.municipality_id):
        kind = "staff"
    elif doc.reporter_id is not None and getattr(ctx.actor, "user_id", None) == doc.reporter_id:
        kind = "reporter"
    lon, lat = doc.location["coordinates"]
    hidden = doc.hidden_photo_ids
    return TicketView(
        view=kind,
        id=doc.id,
        reference=doc.reference,
        municipality_id=doc.municipality_id,
        category_id=doc.category_id,
        status=cast(Any, doc.status),
        priority=cast(Any, doc.priority),
        description=doc.description,
        location=Point(lat=lat, lon=lon),
        address=doc.address,
        answers=doc.answers,
        # Hidden photos: not for the public, nor for the reporter unless they took them (DESIGN §5).
        photo_ids=tuple(doc.photo_ids) if kind != "public" else visible_photos(doc.photo_ids, hidden),
        after_photo_ids=visible_photos(doc.after_photo_ids, [] if kind == "staff" else hidden),
        hidden_photo_ids=tuple(hidden) if kind == "staff" else (),
        assigned_operator_name=doc.assigned_operator_name,
        support_count=len(doc.supporters),
        due_at=doc.due_at,
        sla_breached_at=doc.sla_breached_at,
        created_at=doc.created_at,
        updated_at=doc.updated_at,
        reporter_id=doc.reporter_id if kind != "public" else None,
        assigned_operator_id=doc.assigned_operator_id if kind == "staff" else None,
        hidden=doc.hidden,
        former_references=tuple(doc.former_references),
    )


def ticket_document(ticket: Ticket, reported_by: str) -> TicketDocument:
    return TicketDocument(
        id=ticket.id,
        reference=ticket.reference,
        municipality_id=ticket.municipality_id,
        category_id=ticket.category_id,
        reporter_id=ticket.reporter_id,
        reported_by=reported_by,
        description=ticket.description,
        location={"type": "Point", "coordinates": [ticket.location.lon, ticket.location.lat]},
        address=ticket.address,
        answers=ticket.answers,
        photo_ids=list(ticket.photo_ids),
        after_photo_ids=list(ticket.after_photo_ids),
        status=ticket.status,
        priority=ticket.priority,
        assigned_operator_id=ticket.assigned_operator_id,
        assigned_operator_name=ticket.assigned_operator_name,
        due_at=ticket.due_at,
        resolved_at=ticket.resolved_at,
        duplicate_of=ticket.duplicate_of,
        sla_breached_at=ticket.sla_breached_at,
        supporters=sorted(ticket.supporters),
        followers=sorted(ticket.followers),
        history=[
            {
                "actor": {
                    "user_id": entry.actor.user_id,
                    "role": entry.actor.role,
                    "municipality_id": entry.actor.municipality_id,
                },
                "from": entry.from_,
                "to": entry.to,
                "note": entry.note,
                "at": entry.at,
            }
            for entry in ticket.history
        ],
        feedback=[
            {"resolution": given.resolution, "rating": given.rating, "comment": given.comment, "at": given.at}
            for given in ticket.feedback
        ],
        created_at=ticket.created_at,
        updated_at=ticket.created_at,
        version=ticket.version,
        hidden=ticket.hidden,
        moderation=moderation_documents(ticket.moderation),
        transfers=transfer_documents(ticket.transfers),
        former_references=list(ticket.former_references),
    )


def ticket_from(doc: TicketDocument) -> Ticket:
    """The aggregate as stored, ready for the next command."""
    lon, lat = doc.location["coordinates"]
    return Ticket(
        id=doc.id,
        reference=doc.reference,
        municipality_id=doc.municipality_id,
        category_id=doc.category_id,
        reporter_id=doc.reporter_id,
        description=doc.description,
        location=Point(lat=lat, lon=lon),
        created_at=doc.created_at,
        status=cast(Any, doc.status),
        priority=cast(Any, doc.priority),
        assigned_operator_id=doc.assigned_operator_id,
        assigned_operator_name=doc.assigned_operator_name,
        address=doc.address,
        answers=dict(doc.answers),
        photo_ids=tuple(doc.photo_ids),
        after_photo_ids=tuple(doc.after_photo_ids),
        due_at=doc.due_at,
        resolved_at=doc.resolved_at,
        duplicate_of=doc.duplicate_of,
        sla_breached_at=doc.sla_breached_at,
        followers=set(doc.followers),
        supporters=set(doc.supporters),
        feedback=[
            Feedback(given["resolution"], given["rating"], given.get("comment"), given["at"])
            for given in doc.feedback
        ],
        history=[
            HistoryEntry(
                Actor(
                    entry["actor"]["user_id"],
                    entry["actor"]["role"],
                    entry["actor"].get("municipality_id"),
                ),
                entry["from"],
                entry["to"],
                entry.get("note"),
                entry["at"],
            )
            for entry in doc.history
        ],
        hidden=doc.hidden,
        moderation=moderation_records(doc.moderation),
        transfers=transfer_records(doc.transfers),
        version=doc.version,
    )


def emit_events(
    uow: UnitOfWork,
    ticket: Ticket,
    ctx: RpcContext,
    now: datetime,
    numbered: list[tuple[int, DomainEvent]] | None = None,
) -> None:
    """The events the ticket recorded (or `numbered`, already collected), as envelopes of this request,
    into the unit of work's outbox."""
    for sequence, event in ticket.collect_events() if numbered is None else numbered:
        uow.emit(
            envelope_for(
                event,
                aggregate_id=ticket.id,
                sequence=sequence,
                actor=ctx.actor,
                correlation_id=ctx.correlation_id,
                municipality_id=ticket.municipality_id,
                occurred_at=now,
            )
        )


# ----- reporting -----------------------------------------------------------------------------------------


def where(cmd: CreateTicket, deps: TicketsDeps) -> str:
    """The municipality responsible for the point, or `not_covered` naming the nearest one."""
    location = deps.locator.locate(cmd.location.lat, cmd.location.lon)
    if location.municipality is not None:
        return location.municipality.id
    details: dict[str, Any] = {"lat": cmd.location.lat, "lon": cmd.location.lon}
    if location.nearest is not None:
        details["nearest"] = {
            "municipality_id": location.nearest.municipality.id,
            "name": location.nearest.municipality.name,
            "distance_m": round(location.nearest.distance_m),
        }
    raise DomainError(
        "invalid",
        "not_covered",
        "No municipality served by CityFix is responsible for this point; check the location on the map.",
        details,
    )


async def offered_category(
    category_id: str, municipality_id: str, store: TicketStore = MONGO_STORE
) -> CategoryDocument:
    category = await store.category(category_id)
    if category is None or category.sequence == 0 or category.municipality_id != municipality_id:
        raise DomainError(
            "invalid",
            "category_not_found",
            "This municipality has no such category; choose one of its categories for this place.",
            {"category_id": category_id, "municipality_id": municipality_id},
        )
    if not category.active:
        raise DomainError(
            "invalid",
            "category_inactive",
            f"The category “{category.name}” is no longer in use here; choose another one.",
            {"category_id": category_id},
        )
    return category


async def check_rate(reported_by: str, now: datetime, deps: TicketsDeps, limit: int | None = None) -> None:
    """At most `limit` (by default `reports_per_hour`) reports per account in any hour; 429 with the wait
    otherwise."""
    limit = limit or deps.settings.reports_per_hour
    recent = await deps.store.recent_reports(reported_by, now - RATE_WINDOW, limit)
    if len(recent) < limit:
        return
    oldest = min(recent)
    wait = max(1, math.ceil((oldest + RATE_WINDOW - now).total_seconds()))
    raise DomainError(
        "rate_limited",
        "too_many_reports",
        f"You have filed {limit} reports within the last hour; please wait {math.ceil(wait / 60)} min "
        "before the next one.",
        {"retry_after": wait, "limit": limit},
    )


async def next_reference(municipality_id: str, prefix: str, session: AsyncClientSession) -> str:
    return f"{prefix}-{await next_number(municipality_id, session)}"


@rpc.handles(CreateTicket)
async def create_ticket(cmd: CreateTicket, ctx: RpcContext, deps: TicketsDeps) -> TicketView:
    """Report a problem (citizens; staff of the municipality for someone who phoned): 201 with the ticket."""
    actor = reporting_actor(ctx)
    if actor.role not in ("citizen", "manager", "operator", "system"):
        raise DomainError(
            "forbidden", "may_not_report", "Only citizens and municipal staff can report problems."
        )
    await check_photos(cmd.photo_ids, actor.user_id)
    municipality_id = where(cmd, deps)
    if actor.municipality_id is not None and actor.municipality_id != municipality_id:
        raise DomainError(
            "forbidden",
            "other_municipality",
            "This point lies outside your municipality; staff can only report problems inside it.",
        )
    municipality = await deps.store.municipality(municipality_id)
    if municipality is None:  # the locator holds only projected municipalities
        raise not_found("municipality", municipality_id)
    category = await offered_category(cmd.category_id, municipality_id, deps.store)
    questions = [CategoryQuestion.model_validate(q) for q in category.questions]
    answers = checked_answers(questions, cmd.answers)
    now = deps.clock()
    outside_system = deps.settings.integration_reports_per_hour if actor.role == "system" else None
    await check_rate(actor.user_id, now, deps, outside_system)
    # Staff reporting for people who phoned are exempt: a town hall's calls all come from one address.
    if actor.role == "citizen":
        await check_address_rate(ctx.client_address, now, deps.settings, deps.store)
    async with deps.unit_of_work() as uow:
        number = await deps.store.next_reference_number(uow, municipality_id)
        ticket = Ticket.report(
            ticket_id=str(uuid.uuid4()),
            reference=f"{municipality.reference_prefix}-{number}",
            municipality_id=municipality_id,
            category=CategoryTerms(
                id=category.id,
                sla_hours=category.sla_hours,
                default_priority=cast(Any, category.default_priority),
            ),
            actor=actor,
            description=cmd.description,
            location=cmd.location,
            now=now,
            address=cmd.address.strip() if cmd.address and cmd.address.strip() else None,
            answers=answers,
            default_operator=await default_operator(category, municipality_id, deps.store, uow),
            working_time=working_time(municipality.working_week(), municipality.timezone),
            photo_ids=cmd.photo_ids,
        )
        if cmd.photo_ids:  # photo ownership is projected on MongoDB only (the memory adapter has none)
            await claim_photos(cmd.photo_ids, actor.user_id, ticket.id, session_of(uow))
        # The report is the caller's; an assignment to the category's default operator is the system's.
        created, *by_default = ticket.collect_events()
        emit_events(uow, ticket, ctx, now, [created])
        system = ctx.model_copy(update={"actor": SystemActor(system=DEFAULT_OPERATOR_JOB)})
        emit_events(uow, ticket, system, now, by_default)
        await keep_history(uow, ticket.id, after=0, store=deps.store)
        doc = ticket_document(ticket, reported_by=actor.user_id)
        await deps.store.insert_ticket(uow, doc)
        if actor.role == "citizen":
            await record_origin(ctx.client_address, now, uow, deps.store)
    return ticket_view(doc, ctx)


# ----- reading -------------------------------------------------------------------------------------------


@rpc.handles(GetTicket, direct=True)  # the hot read path (DESIGN §9)
async def get_ticket(query: GetTicket, ctx: RpcContext, deps: TicketsDeps) -> TicketView:
    """One ticket in the view the asker is entitled to (public for anyone, signed in or not)."""
    doc = await deps.store.ticket(query.ticket_id)
    if doc is None:
        raise not_found("ticket", query.ticket_id)
    view = ticket_view(doc, ctx)
    if doc.hidden and view.view == "public":  # hidden by moderation: only its reporter and staff see it
        raise not_found("ticket", query.ticket_id)
    return view


# ----- working a ticket ----------------------------------------------------------------------------------

# What a command may change of a stored ticket; the rest is fixed when it is reported.
MUTABLE_FIELDS = (
    "status",
    "after_photo_ids",
    "priority",
    "assigned_operator_id",
    "assigned_operator_name",
    "resolved_at",
    "duplicate_of",
    "sla_breached_at",
    "supporters",
    "followers",
    "history",
    "feedback",
    "version",
    "priority_rank",  # derived by TicketDocument, for lists
    "search_text",
)


async def load(ticket_id: str, session: AsyncClientSession) -> TicketDocument:
    doc = await TicketDocument.get(ticket_id, session=session)
    if doc is None:
        raise not_found("ticket", ticket_id)
    return doc


async def load_from(store: TicketStore, uow: UnitOfWork, ticket_id: str) -> TicketDocument:
    """The ticket from `store` in this unit of work (`load` on the Mongo documents, for the modules that
    still use them)."""
    doc = await store.ticket(ticket_id, uow)
    if doc is None:
        raise not_found("ticket", ticket_id)
    return doc


async def save(
    uow: UnitOfWork,
    ticket: Ticket,
    loaded: TicketDocument,
    ctx: RpcContext,
    now: datetime,
    also: tuple[str, ...] = (),
    store: TicketStore = MONGO_STORE,
) -> TicketDocument:
    """Store the changed ticket if it is still the version that was loaded, with its events; `also` names
    fields beyond MUTABLE_FIELDS that this command may change."""
    if ticket.version == loaded.version:  # the command changed nothing (e.g. the same operator again)
        return loaded
    changed = ticket_document(ticket, reported_by=loaded.reported_by)
    changed.created_at, changed.updated_at = loaded.created_at, now
    changes = {**{name: getattr(changed, name) for name in (*MUTABLE_FIELDS, *also)}, "updated_at": now}
    if not await store.update_ticket(uow, ticket.id, loaded.version, changes):
        raise DomainError(
            "conflict",
            "ticket_changed",
            "Someone else changed this ticket a moment ago; reload it and try again.",
            {"ticket_id": ticket.id},
        )
    emit_events(uow, ticket, ctx, now)
    await keep_history(uow, ticket.id, after=loaded.version, store=store)
    return changed


async def staff_record(user_id: str, session: AsyncClientSession) -> StaffRecord:
    stored = await StaffDocument.get(user_id, session=session)
    return StaffRecord() if stored is None else StaffRecord(**stored.model_dump(exclude={"id"}))


async def default_operator(
    category: CategoryDocument, municipality_id: str, store: TicketStore, uow: UnitOfWork
) -> AssignedOperator | None:
    """The category's default operator when they are an active operator of the municipality; otherwise
    (none set, unknown, deactivated, moved elsewhere) the report starts unassigned."""
    if category.default_operator_id is None:
        return None
    record = await store.staff(category.default_operator_id, uow)
    if not record.is_operator_of(municipality_id):
        return None
    return AssignedOperator(category.default_operator_id, record.display_name or "Operator")


async def operator_name(operator_id: str, municipality_id: str, session: AsyncClientSession) -> str:
    """The display name of an active operator of the municipality; 422 `not_an_operator` otherwise."""
    return operator_display_name(await staff_record(operator_id, session), operator_id, municipality_id)


def operator_display_name(record: StaffRecord, operator_id: str, municipality_id: str) -> str:
    if not record.is_operator_of(municipality_id):
        raise DomainError(
            "invalid",
            "not_an_operator",
            f"{operator_id} is not an active operator of this municipality; choose one of its operators.",
            {"operator_id": operator_id, "municipality_id": municipality_id},
        )
    return record.display_name or "Operator"


@rpc.handles(AssignTicket)
async def assign_ticket(cmd: AssignTicket, ctx: RpcContext, deps: TicketsDeps) -> TicketView:
    """Give the ticket to an operator of its municipality (its managers): 200 with the ticket."""
    actor = domain_actor(ctx)
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        loaded = await load_from(deps.store, uow, cmd.ticket_id)
        ticket = ticket_from(loaded)
        if actor.role == "manager" and actor.municipality_id == ticket.municipality_id:
            record = await deps.store.staff(cmd.operator_id, uow)
            name = operator_display_name(record, cmd.operator_id, ticket.municipality_id)
        else:
            name = "-"  # the domain refuses anyone but a manager of the municipality before using it
        ticket.assign(actor, cmd.operator_id, name, now)
        doc = await save(uow, ticket, loaded, ctx, now, store=deps.store)
    return ticket_view(doc, ctx)


@rpc.handles(UnassignTicket)
async def unassign_ticket(cmd: UnassignTicket, ctx: RpcContext, deps: TicketsDeps) -> TicketView:
    """Take the operator off an assigned ticket (its managers): back to triaged, 200 with the ticket."""
    actor = domain_actor(ctx)
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        loaded = await load_from(deps.store, uow, cmd.ticket_id)
        ticket = ticket_from(loaded)
        ticket.unassign(actor, now)
        doc = await save(uow, ticket, loaded, ctx, now, store=deps.store)
    return ticket_view(doc, ctx)


@rpc.handles(ChangeTicketStatus)
async def change_status(cmd: ChangeTicketStatus, ctx: RpcContext, deps: TicketsDeps) -> TicketView:
    """A move of the status table, by whom the table names: 200 with the ticket. A duplicate's reporter
    follows the original from then on (both tickets change in one unit of work)."""
    actor = domain_actor(ctx)
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        loaded = await load_from(deps.store, uow, cmd.ticket_id)
        ticket = ticket_from(loaded)
        if cmd.status == "duplicate":
            named = (cmd.duplicate_of or "").strip()
            found = await deps.store.ticket(named, uow) if named else None
            original = ticket_from(found) if found is not None else None
            ticket.mark_duplicate(actor, cmd.duplicate_of, original, cmd.note, now)
            doc = await save(uow, ticket, loaded, ctx, now, store=deps.store)
            if found is not None and original is not None:
                await save(uow, original, found, ctx, now, store=deps.store)
        else:
            ticket.change_status(
                actor, cmd.status, cmd.note, now, duplicate_of=cmd.duplicate_of, photo_ids=cmd.photo_ids
            )
            if cmd.photo_ids:  # "after" photos: the resolver's own uploads, claimed with the change
                await check_photos(cmd.photo_ids, actor.user_id)
                await claim_photos(cmd.photo_ids, actor.user_id, ticket.id, session_of(uow))
            doc = await save(uow, ticket, loaded, ctx, now, store=deps.store)
    return ticket_view(doc, ctx)


@rpc.handles(SubmitFeedback)
async def submit_feedback(cmd: SubmitFeedback, ctx: RpcContext, deps: TicketsDeps) -> TicketView:
    """The reporter rates the resolution (once per resolution): 200 with the ticket."""
    actor = domain_actor(ctx)
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        loaded = await load_from(deps.store, uow, cmd.ticket_id)
        ticket = ticket_from(loaded)
        ticket.submit_feedback(actor, cmd.rating, cmd.comment, now)
        doc = await save(uow, ticket, loaded, ctx, now, store=deps.store)
    return ticket_view(doc, ctx)

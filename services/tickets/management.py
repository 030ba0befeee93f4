"""Managers' tools on a ticket: the partial update (assignment, priority, category), moderation and
transfer to another municipality. Handlers on the service's `rpc` registry, in the shape of handlers.py:
load the ticket inside a unit of work, let the domain decide, save it versioned with the events it
recorded (409 `ticket_changed` when someone else changed it meanwhile).

Who may act is checked by the domain before anything is looked up, so a caller without the right learns
nothing about categories, operators or municipalities from the answer.
"""

from __future__ import annotations

from typing import Any, cast

from cityfix_contracts import DomainError, RpcContext, UserActor
from cityfix_contracts.commands.ticket_management import (
    GetModeration,
    ModerateTicket,
    ModerationEntry,
    ModerationView,
    TransferTicket,
    UpdateTicket,
)
from cityfix_contracts.commands.tickets import TicketView
from cityfix_contracts.errors import not_found
from services.common.access import user_id_of, works_in

from .documents import CategoryDocument, MunicipalityDocument, TicketDocument
from .domain import CALENDAR_HOURS, CategoryTerms, ModerationRecord, working_time
from .handlers import (
    TicketsDeps,
    domain_actor,
    load,
    next_reference,
    offered_category,
    operator_name,
    rpc,
    save,
    session_of,
    ticket_from,
    ticket_view,
)

MANAGERS_UPDATE = (
    "Only a manager of this municipality can change a ticket's assignment, priority or category."
)


def terms_of(category: CategoryDocument) -> CategoryTerms:
    return CategoryTerms(
        id=category.id, sla_hours=category.sla_hours, default_priority=cast(Any, category.default_priority)
    )


# ----- the partial update --------------------------------------------------------------------------------


@rpc.handles(UpdateTicket)
async def update_ticket(cmd: UpdateTicket, ctx: RpcContext, deps: TicketsDeps) -> TicketView:
    """Change the ticket's category, priority and assignment at once (its managers): 200 with the ticket.

    Applied in that order, as one change: TicketRecategorized, TicketPrioritized, then the assignment's
    events exactly as AssignTicket / UnassignTicket record them. A field equal to the ticket's changes
    nothing; `assigned_operator_id: null` on a ticket without an operator changes nothing either.
    """
    actor = domain_actor(ctx)
    now = deps.clock()
    given = cmd.model_fields_set
    async with deps.unit_of_work() as uow:
        session = session_of(uow)
        loaded = await load(cmd.ticket_id, session)
        ticket = ticket_from(loaded)
        ticket.check_manager(actor, "managers_update", MANAGERS_UPDATE)
        if "category_id" in given and cmd.category_id is not None and cmd.category_id != ticket.category_id:
            category = await offered_category(cmd.category_id, ticket.municipality_id)
            home = await MunicipalityDocument.get(ticket.municipality_id, session=session)
            hours = working_time(home.working_week(), home.timezone) if home is not None else CALENDAR_HOURS
            ticket.recategorize(actor, terms_of(category), now, hours)
        if "priority" in given and cmd.priority is not None:
            ticket.prioritize(actor, cmd.priority, now)
        if "assigned_operator_id" in given:
            if cmd.assigned_operator_id is not None:
                name = await operator_name(cmd.assigned_operator_id, ticket.municipality_id, session)
                ticket.assign(actor, cmd.assigned_operator_id, name, now)
            elif ticket.assigned_operator_id is not None:
                ticket.unassign(actor, now)
        doc = await save(uow, ticket, loaded, ctx, now, also=("category_id", "due_at"))
    return ticket_view(doc, ctx)


# ----- moderation ----------------------------------------------------------------------------------------


def moderation_entry(record: ModerationRecord) -> ModerationEntry:
    return ModerationEntry(
        action=record.action,
        by=UserActor(user_id=record.actor.user_id, role=cast(Any, record.actor.role)),
        at=record.at,
        before=record.before,
        after=record.after,
        reason=record.reason,
    )


def moderation_view(doc: TicketDocument) -> ModerationView:
    ticket = ticket_from(doc)
    edits = [record for record in ticket.moderation if record.action == "edited"]
    original = str(edits[0].before) if edits else ticket.description
    return ModerationView(
        ticket_id=ticket.id,
        reference=ticket.reference,
        hidden=ticket.hidden,
        description=ticket.description,
        original_description=original,
        entries=tuple(moderation_entry(record) for record in ticket.moderation),
    )


@rpc.handles(ModerateTicket)
async def moderate_ticket(cmd: ModerateTicket, ctx: RpcContext, deps: TicketsDeps) -> ModerationView:
    """Edit the report's public description and/or hide or unhide it (its managers): 200 with the audit.

    Applied as one change: TicketEdited, then TicketHidden or TicketUnhidden, each with an audit entry.
    """
    actor = domain_actor(ctx)
    now = deps.clock()
    given = cmd.model_fields_set
    async with deps.unit_of_work() as uow:
        loaded = await load(cmd.ticket_id, session_of(uow))
        ticket = ticket_from(loaded)
        ticket.check_manager(actor, "managers_moderate", "Only a manager of this municipality can moderate.")
        if "description" in given and cmd.description is not None:
            ticket.edit_description(actor, cmd.description, cmd.reason, now)
        if "hidden" in given and cmd.hidden is not None:
            ticket.set_hidden(actor, cmd.hidden, cmd.reason, now)
        doc = await save(uow, ticket, loaded, ctx, now, also=("description", "hidden", "moderation"))
    return moderation_view(doc)


@rpc.handles(GetModeration)
async def get_moderation(query: GetModeration, ctx: RpcContext, deps: TicketsDeps) -> ModerationView:
    """The moderation audit, original text included (staff of the ticket's municipality, and admins)."""
    doc = await TicketDocument.get(query.ticket_id)
    if doc is None:
        raise not_found("ticket", query.ticket_id)
    if not works_in(ctx, doc.municipality_id):
        if doc.hidden and user_id_of(ctx) != doc.reporter_id:
            raise not_found("ticket", query.ticket_id)  # as GetTicket answers them: it does not exist
        raise DomainError(
            "forbidden",
            "staff_only",
            "Only staff of the ticket's municipality can read its moderation record.",
        )
    return moderation_view(doc)


# ----- transfer ------------------------------------------------------------------------------------------


async def receiving_municipality(municipality_id: str) -> MunicipalityDocument:
    """A municipality the service knows (from admin's events) and that is active; 422 otherwise."""
    municipality = await MunicipalityDocument.get(municipality_id)
    if municipality is None or municipality.details_sequence == 0:
        raise DomainError(
            "invalid",
            "municipality_not_found",
            "No municipality with this id is served by CityFix; choose one from the list of municipalities.",
            {"municipality_id": municipality_id},
        )
    if not municipality.active:
        raise DomainError(
            "invalid",
            "municipality_inactive",
            f"{municipality.name} takes no reports at the moment; choose another municipality.",
            {"municipality_id": municipality_id},
        )
    return municipality


@rpc.handles(TransferTicket)
async def transfer_ticket(cmd: TransferTicket, ctx: RpcContext, deps: TicketsDeps) -> TicketView:
    """Move a misrouted ticket to another municipality and one of its active categories (the managers of
    its municipality, or an admin): 200 with the ticket as the caller now sees it.

    TicketTransferred (and StatusChanged → received when the status moves) go out under the receiving
    municipality, which now owns the ticket: a new reference there, no operator, a new due date.
    """
    actor = domain_actor(ctx)
    now = deps.clock()
    async with deps.unit_of_work() as uow:
        session = session_of(uow)
        loaded = await load(cmd.ticket_id, session)
        ticket = ticket_from(loaded)
        ticket.check_transfer(actor, cmd.municipality_id)
        municipality = await receiving_municipality(cmd.municipality_id)
        category = await offered_category(cmd.category_id, municipality.id)
        ticket.transfer(
            actor,
            municipality_id=municipality.id,
            category=terms_of(category),
            reference=await next_reference(municipality.id, municipality.reference_prefix, session),
            note=cmd.note,
            now=now,
            working_time=working_time(municipality.working_week(), municipality.timezone),
        )
        doc = await save(
            uow,
            ticket,
            loaded,
            ctx,
            now,
            also=("municipality_id", "reference", "category_id", "due_at", "transfers", "former_references"),
        )
    return ticket_view(doc, ctx)

"""The managers' tools on the ticket aggregate: priority, category, moderation and transfer — what each
records, what it leaves alone, and how it refuses (without changing anything)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from cityfix_contracts import DomainError
from cityfix_contracts.events import (
    StatusChanged,
    TicketAssigned,
    TicketEdited,
    TicketHidden,
    TicketPrioritized,
    TicketRecategorized,
    TicketTransferred,
    TicketUnhidden,
)
from services.tickets.domain import Actor, CategoryTerms, Ticket

from .support import (
    ADMIN,
    FOREIGN_MANAGER,
    MANAGER,
    MUNICIPALITY,
    NAMES,
    OPERATOR,
    OTHER_MUNICIPALITY,
    REPORTER,
    T0,
    reported,
)

HOUR = timedelta(hours=1)
STREETLIGHT = CategoryTerms(id="c-streetlight", sla_hours=24, default_priority="low")
HAVELLAND_ROADS = CategoryTerms(id="c-havelland-roads", sla_hours=96, default_priority="urgent")


def recorded(ticket: Ticket) -> list[object]:
    return [event for _, event in ticket.collect_events()]


def refused(kind: str, code: str, ticket: Ticket, command: object, *args: object, **kwargs: object) -> None:
    before = repr(ticket), ticket.version
    with pytest.raises(DomainError) as refusal:
        command(*args, **kwargs)  # type: ignore[operator]
    assert (refusal.value.reply.kind, refusal.value.reply.code) == (kind, code)
    assert (repr(ticket), ticket.version) == before


def assigned_ticket() -> Ticket:
    ticket = reported()
    ticket.assign(MANAGER, OPERATOR.user_id, NAMES[OPERATOR.user_id], T0 + HOUR)
    ticket.collect_events()
    return ticket


def transfer(ticket: Ticket, actor: Actor = MANAGER, **overrides: object) -> None:
    arguments: dict[str, object] = {
        "municipality_id": OTHER_MUNICIPALITY,
        "category": HAVELLAND_ROADS,
        "reference": "HVL-7",
        "note": "The road is the district's.",
        "now": T0 + 2 * HOUR,
    }
    ticket.transfer(actor, **{**arguments, **overrides})  # type: ignore[arg-type]


# ----- priority and category ------------------------------------------------------------------------------


def test_a_manager_sets_the_priority_once() -> None:
    ticket = reported()
    ticket.prioritize(MANAGER, "urgent", T0)
    [event] = recorded(ticket)
    assert event == TicketPrioritized(ticket_id=ticket.id, **{"from": "high"}, to="urgent")
    ticket.prioritize(MANAGER, "urgent", T0)
    assert recorded(ticket) == []  # the same priority again records nothing


@pytest.mark.parametrize(
    ("actor", "kind", "code"),
    [
        (OPERATOR, "forbidden", "managers_prioritize"),
        (REPORTER, "forbidden", "managers_prioritize"),
        (FOREIGN_MANAGER, "forbidden", "other_municipality"),
        (ADMIN, "forbidden", "admins_do_not_work_tickets"),
    ],
)
def test_only_the_municipality_s_managers_set_priorities(actor: Actor, kind: str, code: str) -> None:
    ticket = reported()
    refused(kind, code, ticket, ticket.prioritize, actor, "low", T0)


def test_a_closed_ticket_keeps_its_priority() -> None:
    ticket = reported()
    ticket.change_status(MANAGER, "not_responsible", "Private land.", T0)
    refused("conflict", "ticket_not_open", ticket, ticket.prioritize, MANAGER, "low", T0)


def test_another_category_recomputes_the_due_date_from_the_report_and_keeps_the_rest() -> None:
    ticket = reported(sla_hours=72)
    ticket.answers = {"depth": "deep"}
    ticket.recategorize(MANAGER, STREETLIGHT, T0 + 5 * HOUR)
    [event] = recorded(ticket)
    assert event == TicketRecategorized(
        ticket_id=ticket.id, **{"from": "c-pothole"}, to="c-streetlight", due_at=T0 + 24 * HOUR
    )
    assert (ticket.category_id, ticket.due_at) == ("c-streetlight", T0 + 24 * HOUR)
    assert (ticket.priority, ticket.answers) == ("high", {"depth": "deep"})  # not the category's default
    ticket.recategorize(MANAGER, STREETLIGHT, T0 + 6 * HOUR)
    assert recorded(ticket) == []


def test_a_category_without_sla_clears_the_due_date() -> None:
    ticket = reported(sla_hours=72)
    ticket.recategorize(MANAGER, CategoryTerms(id="c-graffiti"), T0)
    assert ticket.due_at is None
    ticket = reported()
    refused("forbidden", "managers_recategorize", ticket, ticket.recategorize, OPERATOR, STREETLIGHT, T0)


# ----- moderation -----------------------------------------------------------------------------------------


def test_editing_the_description_keeps_the_original_in_the_audit_not_in_the_event() -> None:
    ticket = reported()
    original = ticket.description
    ticket.edit_description(MANAGER, "Pothole in front of a house", "It named a neighbour.", T0 + HOUR)
    [event] = recorded(ticket)
    assert event == TicketEdited(ticket_id=ticket.id, description="Pothole in front of a house")
    assert original not in event.model_dump_json()
    [entry] = ticket.moderation
    assert (entry.actor, entry.action, entry.before, entry.after) == (
        MANAGER,
        "edited",
        original,
        "Pothole in front of a house",
    )
    assert (entry.reason, entry.at) == ("It named a neighbour.", T0 + HOUR)
    ticket.edit_description(MANAGER, "  Pothole in front of a house ", None, T0 + 2 * HOUR)
    assert recorded(ticket) == [] and len(ticket.moderation) == 1


@pytest.mark.parametrize(
    ("description", "reason", "code"),
    [
        ("   ", None, "description_required"),
        ("<script>x</script>", None, "description_has_html"),
        ("x" * 4001, None, "description_too_long"),
        ("Pothole", "<b>spam</b>", "reason_has_html"),
        ("Pothole", "r" * 1001, "reason_too_long"),
    ],
)
def test_an_edit_must_be_plain_text(description: str, reason: str | None, code: str) -> None:
    ticket = reported()
    refused("invalid", code, ticket, ticket.edit_description, MANAGER, description, reason, T0)


def test_hiding_and_showing_again_are_audited_and_idempotent() -> None:
    ticket = reported()
    ticket.set_hidden(MANAGER, True, "Insulting.", T0 + HOUR)
    ticket.set_hidden(MANAGER, True, None, T0 + HOUR)
    assert recorded(ticket) == [TicketHidden(ticket_id=ticket.id)] and ticket.hidden
    ticket.set_hidden(MANAGER, False, None, T0 + 2 * HOUR)
    assert recorded(ticket) == [TicketUnhidden(ticket_id=ticket.id)] and not ticket.hidden
    assert [(e.action, e.before, e.after, e.reason) for e in ticket.moderation] == [
        ("hidden", False, True, "Insulting."),
        ("unhidden", True, False, None),
    ]


@pytest.mark.parametrize("actor", [OPERATOR, REPORTER, FOREIGN_MANAGER, ADMIN])
def test_only_the_municipality_s_managers_moderate(actor: Actor) -> None:
    ticket = reported()
    with pytest.raises(DomainError) as refusal:
        ticket.set_hidden(actor, True, None, T0)
    assert refusal.value.reply.kind == "forbidden" and not ticket.hidden
    with pytest.raises(DomainError):
        ticket.edit_description(actor, "Changed", None, T0)
    assert ticket.version == 1 and not ticket.moderation


def test_moderation_works_on_closed_tickets_too() -> None:
    ticket = reported()
    ticket.change_status(MANAGER, "not_responsible", "Private land.", T0)
    ticket.collect_events()
    ticket.set_hidden(MANAGER, True, None, T0 + HOUR)
    assert recorded(ticket) == [TicketHidden(ticket_id=ticket.id)]


# ----- transfer -------------------------------------------------------------------------------------------


def test_a_transfer_starts_the_ticket_afresh_in_the_other_municipality() -> None:
    ticket = assigned_ticket()
    first = ticket.version + 1
    transfer(ticket)
    numbered = ticket.collect_events()
    assert [sequence for sequence, _ in numbered] == [first, first + 1]
    (_, moved), (_, status) = numbered
    assert isinstance(moved, TicketTransferred)
    assert (moved.from_municipality_id, moved.municipality_id) == (MUNICIPALITY, OTHER_MUNICIPALITY)
    assert (moved.from_reference, moved.reference, moved.former_references) == (
        "SPR-1042",
        "HVL-7",
        ("SPR-1042",),
    )
    assert (moved.from_category_id, moved.category_id) == ("c-pothole", "c-havelland-roads")
    assert (moved.from_status, moved.status, moved.previous_operator_id) == (
        "assigned",
        "received",
        OPERATOR.user_id,
    )
    assert (moved.priority, moved.due_at) == ("urgent", T0 + 2 * HOUR + 96 * HOUR)
    # The receiving municipality learns the whole ticket, as from TicketCreated.
    assert (moved.description, moved.location, moved.reporter_id, moved.created_at) == (
        ticket.description,
        ticket.location,
        REPORTER.user_id,
        T0,
    )
    assert status == StatusChanged(
        ticket_id=ticket.id, **{"from": "assigned"}, to="received", note="The road is the district's."
    )
    assert (ticket.municipality_id, ticket.reference, ticket.status) == (
        OTHER_MUNICIPALITY,
        "HVL-7",
        "received",
    )
    assert (ticket.assigned_operator_id, ticket.assigned_operator_name) == (None, None)
    assert ticket.former_references == ("SPR-1042",)
    [record] = ticket.transfers
    assert (record.actor, record.from_municipality_id, record.note) == (
        MANAGER,
        MUNICIPALITY,
        "The road is the district's.",
    )


def test_a_received_ticket_moves_without_a_status_change() -> None:
    ticket = reported()
    transfer(ticket)
    assert [type(event) for event in recorded(ticket)] == [TicketTransferred]
    assert ticket.history == []


def test_the_receiving_municipality_works_the_ticket_and_the_old_one_cannot() -> None:
    ticket = assigned_ticket()
    transfer(ticket)
    ticket.collect_events()
    their_operator = Actor.operator("op-hvl", OTHER_MUNICIPALITY)
    refused("forbidden", "other_municipality", ticket, ticket.assign, MANAGER, OPERATOR.user_id, "A", T0)
    ticket.assign(FOREIGN_MANAGER, their_operator.user_id, "H. Operator", T0 + 3 * HOUR)
    assert [type(event) for event in recorded(ticket)] == [TicketAssigned, StatusChanged]
    ticket.change_status(their_operator, "in_progress", None, T0 + 4 * HOUR)
    assert ticket.status == "in_progress"


def test_an_admin_may_transfer_and_so_may_a_ticket_marked_not_responsible() -> None:
    ticket = reported()
    ticket.change_status(MANAGER, "not_responsible", "Not ours: the district's road.", T0)
    ticket.collect_events()
    transfer(ticket, ADMIN)
    moved, status = recorded(ticket)
    assert isinstance(moved, TicketTransferred) and moved.from_status == "not_responsible"
    assert isinstance(status, StatusChanged) and status.to == "received"


@pytest.mark.parametrize(
    ("actor", "code"),
    [
        (OPERATOR, "managers_transfer"),
        (REPORTER, "managers_transfer"),
        (FOREIGN_MANAGER, "other_municipality"),
    ],
)
def test_only_managers_of_the_municipality_or_admins_transfer(actor: Actor, code: str) -> None:
    ticket = reported()
    refused("forbidden", code, ticket, transfer, ticket, actor)


def test_a_transfer_is_refused_where_it_makes_no_sense() -> None:
    ticket = reported()
    refused("invalid", "same_municipality", ticket, transfer, ticket, municipality_id=MUNICIPALITY)
    refused("invalid", "note_required", ticket, transfer, ticket, note="  ")
    refused("invalid", "note_has_html", ticket, transfer, ticket, note="<a href=x>here</a>")
    ticket = assigned_ticket()
    ticket.change_status(OPERATOR, "resolved", "Filled.", T0 + 2 * HOUR)
    refused("conflict", "ticket_not_transferable", ticket, transfer, ticket)


def test_moderation_and_followers_travel_with_the_ticket() -> None:
    ticket = reported()
    ticket.set_hidden(MANAGER, True, "Insulting.", T0)
    ticket.follow(REPORTER)
    ticket.collect_events()
    transfer(ticket)
    [moved] = recorded(ticket)
    assert isinstance(moved, TicketTransferred) and moved.hidden
    assert ticket.hidden and ticket.followers == {REPORTER.user_id} and len(ticket.moderation) == 1

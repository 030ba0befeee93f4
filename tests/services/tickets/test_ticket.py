"""Focused examples of the ticket aggregate: what each command records, and how it refuses."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from cityfix_contracts import DomainError, Point, SystemActor, UserActor
from cityfix_contracts.events import (
    FeedbackSubmitted,
    StatusChanged,
    SupportAdded,
    TicketAssigned,
    TicketCreated,
    TicketFollowed,
    TicketReopened,
    TicketUnassigned,
    TicketUnfollowed,
)
from services.tickets.domain import Actor, AssignedOperator, CategoryTerms, Ticket

from .support import (
    ADMIN,
    COLLEAGUE,
    FOREIGN_MANAGER,
    FOREIGN_OPERATOR,
    MANAGER,
    MUNICIPALITY,
    NAMES,
    NEIGHBOUR,
    OPERATOR,
    ORIGINAL_ID,
    REPORTER,
    SYSTEM,
    T0,
    TICKET_ID,
    reported,
)

HOUR = timedelta(hours=1)
DAY = timedelta(days=1)


def recorded(ticket: Ticket) -> list[object]:
    return [event for _, event in ticket.collect_events()]


def refused(kind: str, code: str, ticket: Ticket, command: object, *args: object, **kwargs: object) -> str:
    """Assert the command is refused with this kind and code and changes nothing; returns the message."""
    before = repr(ticket), ticket.version, list(ticket.events)
    with pytest.raises(DomainError) as refusal:
        command(*args, **kwargs)  # type: ignore[operator]
    assert (refusal.value.reply.kind, refusal.value.reply.code) == (kind, code)
    assert (repr(ticket), ticket.version, list(ticket.events)) == before
    return refusal.value.reply.message


def assigned(now: datetime = T0) -> Ticket:
    ticket = reported()
    ticket.assign(MANAGER, OPERATOR.user_id, NAMES[OPERATOR.user_id], now)
    ticket.collect_events()
    return ticket


def resolved(at: datetime = T0) -> Ticket:
    ticket = assigned(at)
    ticket.change_status(OPERATOR, "resolved", "Filled with asphalt", at)
    ticket.collect_events()
    return ticket


# ---- reporting ----------------------------------------------------------------------------------------


def test_a_report_records_ticket_created_with_its_due_date_from_the_category() -> None:
    ticket = Ticket.report(
        ticket_id=TICKET_ID,
        reference="SPR-1042",
        municipality_id=MUNICIPALITY,
        category=CategoryTerms(id="c-pothole", sla_hours=72, default_priority="high"),
        actor=REPORTER,
        description="  Pothole in front of number 12 ",
        location=Point(lat=52.05, lon=13.05),
        now=T0,
        photo_ids=("p-1",),
    )
    [(sequence, created)] = ticket.collect_events()
    assert sequence == 1 and ticket.version == 1
    assert isinstance(created, TicketCreated)
    assert created.due_at == ticket.due_at == T0 + 72 * HOUR  # calendar hours, weekends included
    assert (created.reporter_id, created.priority, created.status) == (REPORTER.user_id, "high", "received")
    assert created.description == ticket.description == "Pothole in front of number 12"
    assert ticket.followers == set() and ticket.supporters == set() and ticket.history == []


def test_a_category_without_sla_gives_no_due_date() -> None:
    assert reported(sla_hours=None).due_at is None


def test_working_hours_plug_in_where_calendar_hours_are_counted() -> None:
    class NineToFive:
        def add_hours(self, start: datetime, hours: float) -> datetime:
            return start + timedelta(days=hours / 8)

    ticket = Ticket.report(
        ticket_id=TICKET_ID,
        reference="SPR-1",
        municipality_id=MUNICIPALITY,
        category=CategoryTerms(id="c", sla_hours=16),
        actor=REPORTER,
        description="Broken bench",
        location=Point(lat=52.0, lon=13.0),
        now=T0,
        working_time=NineToFive(),
    )
    assert ticket.due_at == T0 + 2 * DAY


def test_a_default_operator_assigns_on_creation() -> None:
    ticket = Ticket.report(
        ticket_id=TICKET_ID,
        reference="SPR-1",
        municipality_id=MUNICIPALITY,
        category=CategoryTerms(id="c"),
        actor=REPORTER,
        description="Broken bench",
        location=Point(lat=52.0, lon=13.0),
        now=T0,
        default_operator=AssignedOperator(OPERATOR.user_id, "A. Operator"),
    )
    numbered = ticket.collect_events()
    assert [sequence for sequence, _ in numbered] == [1, 2, 3]
    assert [type(event) for _, event in numbered] == [TicketCreated, TicketAssigned, StatusChanged]
    assert (ticket.status, ticket.assigned_operator_id) == ("assigned", OPERATOR.user_id)
    assert ticket.history[0].actor.role == "system"


def _report(actor: Actor, description: str = "Broken bench", reporter_id: str | None = None) -> Ticket:
    return Ticket.report(
        ticket_id=TICKET_ID,
        reference="SPR-1",
        municipality_id=MUNICIPALITY,
        category=CategoryTerms(id="c"),
        actor=actor,
        description=description,
        location=Point(lat=52.0, lon=13.0),
        now=T0,
        reporter_id=reporter_id,
    )


@pytest.mark.parametrize(
    ("description", "code"),
    [
        ("   ", "description_required"),
        ("x" * 4001, "description_too_long"),
        ("<b>hole</b>", "description_has_html"),
    ],
)
def test_a_report_needs_a_plain_description_of_at_most_4000_characters(description: str, code: str) -> None:
    with pytest.raises(DomainError) as refusal:
        _report(REPORTER, description)
    assert (refusal.value.reply.kind, refusal.value.reply.code) == ("invalid", code)
    assert len(_report(REPORTER, "x" * 4000).description) == 4000
    assert _report(REPORTER, "depth < 5 cm, width > 1 m").description == "depth < 5 cm, width > 1 m"


def test_staff_of_the_municipality_report_for_a_caller_and_nobody_else_does() -> None:
    assert _report(MANAGER, reporter_id=None).reporter_id is None
    assert _report(OPERATOR, reporter_id=NEIGHBOUR.user_id).reporter_id == NEIGHBOUR.user_id
    for actor in (FOREIGN_MANAGER, FOREIGN_OPERATOR, ADMIN, SYSTEM):
        with pytest.raises(DomainError, match="Only citizens"):
            _report(actor)
    with pytest.raises(DomainError, match="their own name"):
        _report(REPORTER, reporter_id=NEIGHBOUR.user_id)


def test_the_clock_must_be_timezone_aware() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        reported().change_status(MANAGER, "triaged", None, datetime(2025, 3, 14, 9, 0))


# ---- assignment ---------------------------------------------------------------------------------------


def test_assignment_records_ticket_assigned_then_status_changed_to_assigned() -> None:
    ticket = reported()
    ticket.assign(MANAGER, OPERATOR.user_id, "A. Operator", T0 + HOUR)
    first, second = recorded(ticket)
    assert isinstance(first, TicketAssigned) and isinstance(second, StatusChanged)
    assert (first.operator_id, first.operator_name, first.previous_operator_id) == (
        "op-1",
        "A. Operator",
        None,
    )
    assert (second.from_, second.to, second.note) == ("received", "assigned", None)
    assert second.model_dump()["from"] == "received"
    assert (ticket.status, ticket.assigned_operator_id, ticket.assigned_operator_name) == (
        "assigned",
        "op-1",
        "A. Operator",
    )
    assert ticket.history[-1].actor == MANAGER and ticket.history[-1].at == T0 + HOUR


def test_reassigning_a_ticket_being_worked_keeps_its_status() -> None:
    ticket = assigned()
    ticket.change_status(OPERATOR, "in_progress", None, T0)
    ticket.collect_events()
    ticket.assign(MANAGER, COLLEAGUE.user_id, "B. Colleague", T0)
    [event] = recorded(ticket)
    assert isinstance(event, TicketAssigned) and event.previous_operator_id == OPERATOR.user_id
    assert ticket.status == "in_progress"
    refused("forbidden", "not_allowed", ticket, ticket.change_status, OPERATOR, "resolved", "done", T0)
    ticket.change_status(COLLEAGUE, "resolved", "Done", T0)


def test_assigning_the_same_operator_again_changes_nothing() -> None:
    ticket = assigned()
    version = ticket.version
    ticket.assign(MANAGER, OPERATOR.user_id, "A. Operator", T0)
    assert recorded(ticket) == [] and ticket.version == version


def test_only_a_manager_of_the_municipality_assigns_and_only_open_tickets() -> None:
    ticket = reported()
    refused("forbidden", "managers_assign", ticket, ticket.assign, OPERATOR, "op-1", "A. Operator", T0)
    message = refused(
        "forbidden", "other_municipality", ticket, ticket.assign, FOREIGN_MANAGER, "op-1", "A", T0
    )
    assert "another municipality" in message
    message = refused(
        "forbidden", "admins_do_not_work_tickets", ticket, ticket.assign, ADMIN, "op-1", "A", T0
    )
    assert "manager of this municipality" in message
    refused("invalid", "operator_required", ticket, ticket.assign, MANAGER, " ", "A. Operator", T0)
    done = resolved()
    refused("conflict", "ticket_not_open", done, done.assign, MANAGER, "op-2", "B", T0)


def test_unassignment_returns_an_assigned_ticket_to_triage() -> None:
    ticket = assigned()
    ticket.unassign(MANAGER, T0 + HOUR, note="Wrong team")
    first, second = recorded(ticket)
    assert isinstance(first, TicketUnassigned) and first.previous_operator_id == OPERATOR.user_id
    assert isinstance(second, StatusChanged) and (second.from_, second.to, second.note) == (
        "assigned",
        "triaged",
        "Wrong team",
    )
    assert ticket.assigned_operator_id is None and ticket.assigned_operator_name is None


def test_a_ticket_in_progress_cannot_be_unassigned_and_assigned_is_reached_only_by_assignment() -> None:
    ticket = assigned()
    ticket.change_status(OPERATOR, "in_progress", None, T0)
    message = refused("conflict", "not_assigned", ticket, ticket.unassign, MANAGER, T0)
    assert "Assign it to another operator" in message
    fresh = reported()
    message = refused("conflict", "use_assignment", fresh, fresh.change_status, MANAGER, "assigned", None, T0)
    assert "assign it to an operator" in message
    ticket = assigned()
    refused("conflict", "use_unassignment", ticket, ticket.change_status, MANAGER, "triaged", None, T0)


# ---- working and resolving ----------------------------------------------------------------------------


@pytest.mark.parametrize("note", [None, "", "   "])
def test_resolution_needs_a_note(note: str | None) -> None:
    ticket = assigned()
    message = refused(
        "invalid", "note_required", ticket, ticket.change_status, OPERATOR, "resolved", note, T0
    )
    assert "note" in message
    ticket.change_status(OPERATOR, "resolved", " Filled with asphalt ", T0 + DAY)
    [changed] = recorded(ticket)
    assert isinstance(changed, StatusChanged) and changed.note == "Filled with asphalt"
    assert ticket.resolved_at == T0 + DAY


def test_an_impossible_move_says_what_is_possible() -> None:
    ticket = reported()
    message = refused(
        "conflict", "transition_not_allowed", ticket, ticket.change_status, MANAGER, "closed", None, T0
    )
    assert "cannot become closed" in message and "triaged" in message


def test_another_operator_of_the_municipality_cannot_work_the_ticket() -> None:
    ticket = assigned()
    message = refused(
        "forbidden", "not_allowed", ticket, ticket.change_status, COLLEAGUE, "in_progress", None, T0
    )
    assert "assigned operator" in message


def test_duplicate_needs_the_originals_id() -> None:
    ticket = reported()
    refused(
        "invalid", "original_required", ticket, ticket.change_status, MANAGER, "duplicate", "Same hole", T0
    )
    refused(
        "invalid",
        "duplicate_of_itself",
        ticket,
        ticket.change_status,
        MANAGER,
        "duplicate",
        None,
        T0,
        duplicate_of=TICKET_ID,
    )
    ticket.change_status(MANAGER, "duplicate", None, T0, duplicate_of=ORIGINAL_ID)
    assert (ticket.status, ticket.duplicate_of) == ("duplicate", ORIGINAL_ID)
    assert [type(event) for event in recorded(ticket)] == [StatusChanged]


@pytest.mark.parametrize("to", ["not_responsible", "unable_to_fix"])
def test_declining_a_ticket_needs_a_note(to: str) -> None:
    ticket = reported()
    refused("invalid", "note_required", ticket, ticket.change_status, MANAGER, to, None, T0)
    ticket.change_status(MANAGER, to, "Federal road: ask the Autobahn GmbH", T0)  # type: ignore[arg-type]
    assert ticket.status == to


# ---- confirmation: closing, reopening, feedback --------------------------------------------------------


def test_the_system_closes_only_after_the_confirmation_window() -> None:
    ticket = resolved()
    message = refused(
        "conflict", "confirmation_window_open", ticket, ticket.close, SYSTEM, T0 + 14 * DAY - HOUR
    )
    assert "2025-03-28" in message
    ticket.close(SYSTEM, T0 + 14 * DAY)
    assert ticket.status == "closed" and ticket.history[-1].actor == SYSTEM
    early = resolved()
    early.close(MANAGER, T0 + HOUR)
    assert early.status == "closed"


@pytest.mark.parametrize("since", [HOUR, 30 * DAY])
def test_the_reporter_reopens_within_30_days(since: timedelta) -> None:
    ticket = resolved()
    ticket.reopen(REPORTER, "Still broken: the hole is back", T0 + since)
    reopened, changed = recorded(ticket)
    assert isinstance(reopened, TicketReopened) and reopened.by_reporter
    assert reopened.note == "Still broken: the hole is back"
    assert isinstance(changed, StatusChanged) and (changed.from_, changed.to) == ("resolved", "reopened")
    assert ticket.history[-1].actor == REPORTER


def test_a_closed_ticket_can_be_reopened_by_its_reporter_within_30_days() -> None:
    ticket = resolved()
    ticket.close(SYSTEM, T0 + 14 * DAY)
    ticket.reopen(REPORTER, None, T0 + 29 * DAY)
    assert ticket.status == "reopened"


def test_after_30_days_only_a_manager_reopens() -> None:
    ticket = resolved()
    message = refused(
        "conflict", "reopen_window_passed", ticket, ticket.reopen, REPORTER, None, T0 + 30 * DAY + HOUR
    )
    assert "report the problem again" in message
    refused("forbidden", "not_allowed", ticket, ticket.reopen, NEIGHBOUR, None, T0 + DAY)
    ticket.reopen(MANAGER, "Inspection found it unfixed", T0 + 90 * DAY)
    reopened, _ = recorded(ticket)
    assert isinstance(reopened, TicketReopened) and not reopened.by_reporter


def test_feedback_only_by_the_reporter_after_resolution() -> None:
    ticket = assigned()
    refused("conflict", "not_resolved", ticket, ticket.submit_feedback, REPORTER, 5, None, T0)
    ticket = resolved()
    message = refused("forbidden", "reporter_only", ticket, ticket.submit_feedback, NEIGHBOUR, 5, None, T0)
    assert "reported" in message
    refused("forbidden", "reporter_only", ticket, ticket.submit_feedback, MANAGER, 5, None, T0)
    refused("invalid", "invalid_rating", ticket, ticket.submit_feedback, REPORTER, 0, None, T0)
    ticket.submit_feedback(REPORTER, 4, "Quick, thank you", T0 + DAY)
    [feedback] = recorded(ticket)
    assert isinstance(feedback, FeedbackSubmitted) and (feedback.rating, feedback.comment) == (
        4,
        "Quick, thank you",
    )
    assert ticket.status == "resolved" and ticket.history[-1].to == "resolved"
    refused("conflict", "feedback_already_given", ticket, ticket.submit_feedback, REPORTER, 5, None, T0 + DAY)


def test_a_new_resolution_can_be_rated_again() -> None:
    ticket = resolved()
    ticket.submit_feedback(REPORTER, 2, None, T0)
    ticket.reopen(REPORTER, "Still broken", T0)
    ticket.assign(MANAGER, OPERATOR.user_id, "A. Operator", T0)
    ticket.change_status(OPERATOR, "resolved", "Fixed properly", T0)
    ticket.submit_feedback(REPORTER, 5, None, T0)
    assert [given.rating for given in ticket.feedback] == [2, 5]


# ---- following and support ----------------------------------------------------------------------------


def test_support_once_per_user() -> None:
    ticket = reported()
    ticket.support(NEIGHBOUR)
    ticket.support(OPERATOR)
    first, second = recorded(ticket)
    assert isinstance(first, SupportAdded) and (first.supporter_id, first.support_count) == ("neighbour", 1)
    assert isinstance(second, SupportAdded) and second.support_count == 2 == ticket.support_count
    refused("conflict", "already_supported", ticket, ticket.support, NEIGHBOUR)
    refused("conflict", "reporter_cannot_support", ticket, ticket.support, REPORTER)
    refused("forbidden", "people_only", ticket, ticket.support, SYSTEM)
    refused("forbidden", "other_municipality", ticket, ticket.support, FOREIGN_OPERATOR)
    done = resolved()
    refused("conflict", "ticket_not_open", done, done.support, NEIGHBOUR)


def test_following_and_unfollowing_are_idempotent() -> None:
    ticket = reported()
    ticket.follow(NEIGHBOUR)
    ticket.follow(NEIGHBOUR)
    ticket.follow(MANAGER)
    assert ticket.followers == {"neighbour", "mgr"}
    assert [(type(e), e.follower_id) for e in recorded(ticket)] == [  # type: ignore[attr-defined]
        (TicketFollowed, "neighbour"),
        (TicketFollowed, "mgr"),
    ]
    ticket.unfollow(NEIGHBOUR)
    ticket.unfollow(NEIGHBOUR)
    ticket.unfollow(REPORTER)
    assert [type(e) for e in recorded(ticket)] == [TicketUnfollowed]
    assert ticket.followers == {"mgr"}
    refused("forbidden", "admins_do_not_work_tickets", ticket, ticket.follow, ADMIN)
    refused("forbidden", "other_municipality", ticket, ticket.follow, FOREIGN_MANAGER)


# ---- events and actors --------------------------------------------------------------------------------


def test_sequences_continue_from_the_loaded_version() -> None:
    ticket = reported()
    ticket.collect_events()
    ticket.events, ticket.version = [], 41  # as a repository would load a ticket with 41 events
    ticket.assign(MANAGER, OPERATOR.user_id, "A. Operator", T0)
    assert [sequence for sequence, _ in ticket.collect_events()] == [42, 43]
    assert ticket.collect_events() == []


def test_actors_map_to_the_envelope_actor() -> None:
    assert MANAGER.envelope_actor() == UserActor(user_id="mgr", role="manager")
    assert SYSTEM.envelope_actor() == SystemActor(system="confirmation_window")

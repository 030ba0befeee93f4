"""Who hears of what happens to a ticket: the rules table, the ticket facts they read, and the default
channels. Pure functions, no broker and no database.

The expected recipients are written out here, row by row, not derived from the rules module.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, get_args

import pytest

from cityfix_contracts import EVENT_TYPES, DomainEvent, Point, SystemActor, UserActor, envelope_for
from cityfix_contracts.events import (
    CommentAdded,
    FeedbackSubmitted,
    StatusChanged,
    SupportAdded,
    TicketAssigned,
    TicketCreated,
    TicketFollowed,
    TicketReopened,
    TicketTransferred,
    TicketUnassigned,
    TicketUnfollowed,
)
from cityfix_contracts.events.notifications import NotificationKind
from services.notifications.preferences import default_channels
from services.notifications.rules import KINDS, authors, concerns_managers, recipients
from services.notifications.ticket_facts import TicketFacts, advance, next_in_line
from tests.contracts.samples import sample_events

T = "t-1"
TICKET = TicketFacts(
    ticket_id=T,
    reference="POT-7",
    municipality_id="m-a",
    status="in_progress",
    reporter_id="citizen",
    assignee_id="operator",
    followers=frozenset({"follower", "citizen"}),  # the reporter follows their own report too
)
UNASSIGNED = TicketFacts(ticket_id=T, reference="POT-8", municipality_id="m-a", status="received")
MANAGERS = frozenset({"manager", "manager-2"})


def created() -> TicketCreated:
    return TicketCreated(
        ticket_id=T,
        reference="POT-7",
        municipality_id="m-a",
        category_id="c-1",
        description="Pothole",
        location=Point(lat=52.4, lon=13.06),
        reporter_id="citizen",
        created_at=sample_events()["TicketCreated"].created_at,  # type: ignore[attr-defined]
    )


def status(to: str = "resolved") -> StatusChanged:
    return StatusChanged(ticket_id=T, **{"from": "in_progress"}, to=to, note="Filled")  # type: ignore[arg-type]


def comment(author: str, visibility: str, role: str = "citizen") -> CommentAdded:
    return CommentAdded(
        ticket_id=T,
        comment_id="cm-1",
        author_id=author,
        author_role=role,  # type: ignore[arg-type]
        body="Any news?",
        visibility=visibility,  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class Row:
    name: str
    event: DomainEvent
    authors: frozenset[str]
    expected: list[tuple[str, str]]
    ticket: TicketFacts = TICKET
    managers: frozenset[str] = field(default=MANAGERS)


ROWS = [
    Row(
        "created: the managers",
        created(),
        frozenset({"citizen"}),
        [("manager", "manager"), ("manager-2", "manager")],
    ),
    Row(
        "created by a manager: the other managers",
        created(),
        frozenset({"manager"}),
        [("manager-2", "manager")],
    ),
    Row("created where no one manages: nobody", created(), frozenset({"citizen"}), [], managers=frozenset()),
    Row(
        "assigned: the operator and the reporter",
        TicketAssigned(ticket_id=T, operator_id="operator-2", operator_name="Olga"),
        frozenset({"manager"}),
        [("operator-2", "assignee"), ("citizen", "reporter")],
    ),
    Row(
        "assigned, reported on a caller's behalf: the operator",
        TicketAssigned(ticket_id=T, operator_id="operator", operator_name="Olga"),
        frozenset({"manager"}),
        [("operator", "assignee")],
        ticket=UNASSIGNED,
    ),
    Row(
        "assigned to its own author: only the reporter",
        TicketAssigned(ticket_id=T, operator_id="manager", operator_name="Max"),
        frozenset({"manager"}),
        [("citizen", "reporter")],
    ),
    Row(
        "status: the reporter (once, though following) and the followers",
        status(),
        frozenset({"operator"}),
        [("citizen", "reporter"), ("follower", "follower")],
    ),
    Row(
        "status changed by the reporter: the followers",
        status("reopened"),
        frozenset({"citizen"}),
        [("follower", "follower")],
    ),
    Row(
        "public comment: the reporter, the assignee, the followers, not its author",
        comment("follower", "public"),
        frozenset({"follower"}),
        [("citizen", "reporter"), ("operator", "assignee")],
    ),
    Row(
        "public comment by the reporter: assignee and followers",
        comment("citizen", "public"),
        frozenset({"citizen"}),
        [("operator", "assignee"), ("follower", "follower")],
    ),
    Row(
        "internal comment by the operator: the managers only",
        comment("operator", "internal", "operator"),
        frozenset({"operator"}),
        [("manager", "manager"), ("manager-2", "manager")],
    ),
    Row(
        "internal comment by a manager: the assignee and the other managers, never reporter or followers",
        comment("manager", "internal", "manager"),
        frozenset({"manager"}),
        [("operator", "assignee"), ("manager-2", "manager")],
    ),
    Row(
        "feedback: the assignee and the managers",
        FeedbackSubmitted(ticket_id=T, rating=2, comment="Slow"),
        frozenset({"citizen"}),
        [("operator", "assignee"), ("manager", "manager"), ("manager-2", "manager")],
    ),
    Row(
        "feedback on an unassigned ticket: the managers",
        FeedbackSubmitted(ticket_id=T, rating=5),
        frozenset({"citizen"}),
        [("manager", "manager"), ("manager-2", "manager")],
        ticket=UNASSIGNED,
    ),
    Row(
        "reopened by the reporter: the assignee and the managers",
        TicketReopened(ticket_id=T, by_reporter=True, note="Still there"),
        frozenset({"citizen"}),
        [("operator", "assignee"), ("manager", "manager"), ("manager-2", "manager")],
    ),
    Row(
        "reopened by a manager: the assignee and the other managers",
        TicketReopened(ticket_id=T, by_reporter=False),
        frozenset({"manager-2"}),
        [("operator", "assignee"), ("manager", "manager")],
    ),
    Row("followed: nobody", TicketFollowed(ticket_id=T, follower_id="x"), frozenset({"x"}), []),
    Row("unfollowed: nobody", TicketUnfollowed(ticket_id=T, follower_id="x"), frozenset({"x"}), []),
    Row(
        "unassigned: nobody",
        TicketUnassigned(ticket_id=T, previous_operator_id="operator"),
        frozenset({"manager"}),
        [],
    ),
    Row(
        "supported: nobody",
        SupportAdded(ticket_id=T, supporter_id="x", support_count=2),
        frozenset({"x"}),
        [],
    ),
]


@pytest.mark.parametrize("row", ROWS, ids=lambda row: row.name)
def test_who_hears_of_what(row: Row) -> None:
    chosen = recipients(row.event, row.ticket, row.managers, row.authors)
    assert [(r.user_id, r.reason) for r in chosen] == row.expected


@pytest.mark.skipif("SlaBreached" not in EVENT_TYPES, reason="contracts define no SlaBreached yet")
def test_a_breached_sla_goes_to_the_managers() -> None:
    event = sample_events()["SlaBreached"]
    chosen = recipients(event, TICKET, MANAGERS, frozenset())
    assert [(r.user_id, r.reason) for r in chosen] == [("manager", "manager"), ("manager-2", "manager")]


def test_every_kind_of_notification_has_a_rule() -> None:
    assert set(KINDS.values()) == set(get_args(NotificationKind))
    assert set(KINDS) - set(EVENT_TYPES) <= {"SlaBreached"}  # every other rule names a real event


def test_managers_are_looked_up_only_for_events_they_may_hear_of() -> None:
    assert concerns_managers(created()) and concerns_managers(comment("x", "public"))
    assert not concerns_managers(status()) and not concerns_managers(
        TicketFollowed(ticket_id=T, follower_id="x")
    )


def wrapped(event: DomainEvent, actor: Any) -> Any:
    return envelope_for(event, aggregate_id=T, sequence=1, actor=actor, correlation_id="c")


def test_the_authors_are_the_acting_user_and_a_comment_s_author() -> None:
    assert authors(wrapped(status(), UserActor(user_id="operator", role="operator"))) == {"operator"}
    assert authors(wrapped(status(), SystemActor(system="sla"))) == frozenset()
    on_behalf = wrapped(comment("citizen", "public"), SystemActor(system="import"))
    assert authors(on_behalf) == {"citizen"}


def test_ticket_facts_follow_the_events() -> None:
    facts = TicketFacts(ticket_id=T)
    for event in [
        created(),
        TicketAssigned(ticket_id=T, operator_id="operator", operator_name="Olga"),
        StatusChanged(ticket_id=T, **{"from": "received"}, to="assigned"),  # type: ignore[arg-type]
        TicketFollowed(ticket_id=T, follower_id="f1"),
        TicketFollowed(ticket_id=T, follower_id="f2"),
        TicketUnfollowed(ticket_id=T, follower_id="f1"),
        TicketUnassigned(ticket_id=T, previous_operator_id="operator"),
        SupportAdded(ticket_id=T, supporter_id="s", support_count=2),
    ]:
        facts = advance(facts, event)
    assert facts == TicketFacts(
        ticket_id=T,
        reference="POT-7",
        municipality_id="m-a",
        status="assigned",
        reporter_id="citizen",
        assignee_id=None,
        followers=frozenset({"f2"}),
    )


def test_a_transfer_hands_the_ticket_to_the_receiving_municipality() -> None:
    facts = advance(
        advance(TicketFacts(ticket_id=T), created()),
        TicketAssigned(ticket_id=T, operator_id="op", operator_name="O"),
    )
    moved = advance(
        facts,
        TicketTransferred(
            ticket_id=T,
            from_municipality_id="m-a",
            municipality_id="m-b",
            from_reference="POT-7",
            reference="COT-3",
            former_references=("POT-7",),
            from_category_id="c-a",
            category_id="c-b",
            from_status="assigned",
            previous_operator_id="op",
            note="Cottbus's road",
            description="Deep pothole",
            location=Point(lat=51.76, lon=14.33),
            created_at=datetime(2026, 3, 1, tzinfo=UTC),
        ),
    )
    assert (moved.municipality_id, moved.reference, moved.assignee_id) == ("m-b", "COT-3", None)
    assert moved.reporter_id == facts.reporter_id == "citizen"


def test_waiting_events_follow_on_only_without_a_gap() -> None:
    assert next_in_line(2, {3: "c", 4: "d", 6: "f"}) == [(3, "c"), (4, "d")]
    assert next_in_line(2, {4: "d"}) == []
    assert next_in_line(0, {}) == []


@pytest.mark.parametrize(
    ("kind", "reason", "channels"),
    [
        ("status_changed", "reporter", {"inbox", "email"}),
        ("status_changed", "follower", {"inbox"}),
        ("ticket_assigned", "reporter", {"inbox"}),
        ("ticket_assigned", "assignee", {"inbox"}),
        ("ticket_created", "manager", {"inbox", "email"}),
        ("ticket_created", "area_alert", {"inbox", "email"}),
        ("comment_added", "reporter", {"inbox"}),
    ],
)
def test_default_channels(kind: Any, reason: Any, channels: set[str]) -> None:
    assert default_channels(kind, reason) == channels

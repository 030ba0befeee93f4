"""The ticket aggregate's conversation: comments (who, which visibility, in which state, what text) and
marking a duplicate, which makes its reporter a follower of the original."""

from __future__ import annotations

from dataclasses import replace

import pytest

from cityfix_contracts.events import CommentAdded, StatusChanged, TicketFollowed
from services.tickets.domain import Actor, Ticket

from .support import (
    ADMIN,
    FOREIGN_MANAGER,
    FOREIGN_OPERATOR,
    MANAGER,
    NEIGHBOUR,
    OPERATOR,
    OTHER_MUNICIPALITY,
    REPORTER,
    SYSTEM,
    T0,
    TICKET_ID,
    reported,
)
from .test_ticket import recorded, refused


def comment_of(ticket: Ticket) -> CommentAdded:
    (event,) = recorded(ticket)
    assert isinstance(event, CommentAdded)
    return event


def test_citizens_comment_publicly_without_a_name() -> None:
    ticket = reported()
    version = ticket.version
    ticket.add_comment(NEIGHBOUR, "cm-1", "  It has grown since yesterday.  ", author_name="Ned Neighbour")
    event = comment_of(ticket)
    assert (event.ticket_id, event.comment_id, event.author_id, event.author_role) == (
        TICKET_ID,
        "cm-1",
        "neighbour",
        "citizen",
    )
    assert event.author_name is None  # a citizen's name never travels, whatever the caller passed
    assert (event.body, event.visibility) == ("It has grown since yesterday.", "public")
    assert ticket.version == version + 1  # the comment is the ticket's next event


def test_staff_comment_under_their_display_name_publicly_or_internally() -> None:
    ticket = reported()
    ticket.add_comment(OPERATOR, "cm-1", "Crew booked for Tuesday.", "internal", author_name="A. Operator")
    internal = comment_of(ticket)
    assert (internal.author_role, internal.author_name, internal.visibility) == (
        "operator",
        "A. Operator",
        "internal",
    )
    ticket.add_comment(MANAGER, "cm-2", "We are on it.", "public", author_name=None)
    assert comment_of(ticket).author_name == "Manager"  # no display name known yet: the role stands in


def test_who_may_not_comment() -> None:
    ticket = reported()
    message = refused(
        "forbidden", "internal_for_staff", ticket, ticket.add_comment, REPORTER, "c", "Note", "internal"
    )
    assert "public" in message
    refused("forbidden", "other_municipality", ticket, ticket.add_comment, FOREIGN_OPERATOR, "c", "Hi")
    refused("forbidden", "other_municipality", ticket, ticket.add_comment, FOREIGN_MANAGER, "c", "Hi")
    refused("forbidden", "admins_do_not_work_tickets", ticket, ticket.add_comment, ADMIN, "c", "Hi")
    refused("forbidden", "people_only", ticket, ticket.add_comment, SYSTEM, "c", "Hi")


@pytest.mark.parametrize(
    ("body", "code"),
    [
        ("   ", "comment_required"),
        ("<b>look</b> here", "comment_has_html"),
        ("x" * 2001, "comment_too_long"),
    ],
)
def test_a_comment_is_plain_text_of_sensible_length(body: str, code: str) -> None:
    ticket = reported()
    refused("invalid", code, ticket, ticket.add_comment, NEIGHBOUR, "c", body)
    ticket.add_comment(NEIGHBOUR, "c", "x" * 2000)  # the cap itself is fine
    ticket.add_comment(NEIGHBOUR, "c", "Depth < 5 cm, width > 1 m")  # comparisons are not tags


def test_citizens_stop_commenting_when_the_ticket_has_ended_staff_do_not() -> None:
    ticket = reported()
    ticket.change_status(MANAGER, "not_responsible", "The road belongs to the state.", T0)
    ticket.collect_events()
    message = refused("conflict", "comments_closed", ticket, ticket.add_comment, REPORTER, "c", "Why?")
    assert "report it again" in message
    ticket.add_comment(MANAGER, "c", "Forwarded to the state roads office.")
    assert comment_of(ticket).author_role == "manager"

    duplicate = reported()
    duplicate.change_status(MANAGER, "duplicate", None, T0, duplicate_of="t-original")
    message = refused("conflict", "comments_closed", duplicate, duplicate.add_comment, NEIGHBOUR, "c", "Hi")
    assert "t-original" in message


def test_citizens_may_comment_on_a_resolved_ticket() -> None:
    ticket = reported()
    ticket.assign(MANAGER, OPERATOR.user_id, "A. Operator", T0)
    ticket.change_status(OPERATOR, "resolved", "Filled.", T0)
    ticket.collect_events()
    ticket.add_comment(REPORTER, "c", "Thank you!")
    assert comment_of(ticket).body == "Thank you!"


# ---- duplicates -----------------------------------------------------------------------------------------


def original_ticket(**changes: object) -> Ticket:
    base = replace(reported(), id="t-original", reference="SPR-1", reporter_id="first-reporter")
    return replace(base, **changes)  # type: ignore[arg-type]


def test_a_duplicates_reporter_follows_the_original() -> None:
    ticket, original = reported(), original_ticket()
    ticket.mark_duplicate(MANAGER, "t-original", original, "Same hole as SPR-1", T0)
    (changed,) = recorded(ticket)
    assert isinstance(changed, StatusChanged) and (changed.to, changed.note) == (
        "duplicate",
        "Same hole as SPR-1",
    )
    assert (ticket.status, ticket.duplicate_of) == ("duplicate", "t-original")
    (followed,) = recorded(original)
    assert isinstance(followed, TicketFollowed)
    assert (followed.ticket_id, followed.follower_id) == ("t-original", REPORTER.user_id)
    assert original.followers == {REPORTER.user_id}


def test_no_second_follow_for_a_follower_nor_for_the_originals_own_reporter() -> None:
    following = original_ticket(followers={REPORTER.user_id})
    reported().mark_duplicate(MANAGER, "t-original", following, None, T0)
    assert recorded(following) == []
    own = original_ticket(reporter_id=REPORTER.user_id)
    reported().mark_duplicate(MANAGER, "t-original", own, None, T0)
    assert recorded(own) == [] and own.followers == set()
    phoned_in = replace(reported(), reporter_id=None)  # staff reported it for someone without an account
    original = original_ticket()
    phoned_in.mark_duplicate(MANAGER, "t-original", original, None, T0)
    assert phoned_in.status == "duplicate" and recorded(original) == []


def test_the_original_must_exist_be_of_the_municipality_and_not_be_a_duplicate() -> None:
    ticket = reported()
    mark = ticket.mark_duplicate
    refused("invalid", "original_required", ticket, mark, MANAGER, " ", None, None, T0)
    refused("invalid", "duplicate_of_itself", ticket, mark, MANAGER, TICKET_ID, ticket, None, T0)
    refused("invalid", "original_not_found", ticket, mark, MANAGER, "t-none", None, None, T0)
    elsewhere = original_ticket(municipality_id=OTHER_MUNICIPALITY)
    refused(
        "invalid", "original_in_other_municipality", ticket, mark, MANAGER, "t-original", elsewhere, None, T0
    )
    merged = original_ticket(status="duplicate", duplicate_of="t-first")
    message = refused(
        "invalid", "original_is_duplicate", ticket, mark, MANAGER, "t-original", merged, None, T0
    )
    assert "t-first" in message
    assert recorded(merged) == [] and recorded(elsewhere) == []


def test_who_may_mark_a_duplicate_is_checked_before_the_original() -> None:
    ticket = reported()
    mark = ticket.mark_duplicate
    refused("forbidden", "not_allowed", ticket, mark, OPERATOR, "t-none", None, None, T0)
    refused("forbidden", "other_municipality", ticket, mark, FOREIGN_MANAGER, "t-none", None, None, T0)
    refused("forbidden", "not_allowed", ticket, mark, Actor.citizen("reporter"), "t-none", None, None, T0)
    ticket.change_status(MANAGER, "not_responsible", "Not ours.", T0)
    refused("conflict", "transition_not_allowed", ticket, mark, MANAGER, "t-none", None, None, T0)

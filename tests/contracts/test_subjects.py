"""The subject rule of DESIGN §2: `cityfix.events.<municipality_id>.<aggregate>.<event>`."""

from __future__ import annotations

from typing import ClassVar

import pytest

from cityfix_contracts import DomainEvent, SystemActor, envelope_for
from cityfix_contracts.events import (
    CategoryChanged,
    CommentAdded,
    MunicipalityCreated,
    StatusChanged,
    TicketAssigned,
    TicketCreated,
)
from cityfix_contracts.rpc import health_subject
from cityfix_contracts.subjects import (
    check_token,
    dlq_subject,
    event_subject,
    event_token,
    original_of_dlq,
    private_subject,
    rpc_subject,
)
from tests.contracts.samples import CATEGORY, MUNICIPALITY, TICKET, USER, sample_events

ACTOR = SystemActor(system="test")


def subject_of(event: DomainEvent, municipality_id: str, aggregate_id: str) -> str:
    return envelope_for(
        event,
        aggregate_id=aggregate_id,
        sequence=1,
        actor=ACTOR,
        correlation_id="c-1",
        municipality_id=municipality_id,
    ).subject


@pytest.mark.parametrize(
    ("event_type", "aggregate_id", "expected_tail"),
    [
        ("TicketCreated", TICKET, "ticket.created"),
        ("StatusChanged", TICKET, "ticket.status_changed"),
        ("TicketAssigned", TICKET, "ticket.assigned"),
        ("CommentAdded", TICKET, "ticket.comment_added"),
        ("FeedbackSubmitted", TICKET, "ticket.feedback_submitted"),
        ("CategoryChanged", CATEGORY, "category.changed"),
    ],
)
def test_event_subject_follows_the_naming_rule(
    event_type: str, aggregate_id: str, expected_tail: str
) -> None:
    event = sample_events()[event_type]
    assert subject_of(event, MUNICIPALITY, aggregate_id) == f"cityfix.events.{MUNICIPALITY}.{expected_tail}"


def test_municipality_created_travels_under_its_own_id() -> None:
    event = sample_events()["MunicipalityCreated"]
    assert isinstance(event, MunicipalityCreated)
    envelope = envelope_for(
        event,
        aggregate_id=event.municipality_id,
        sequence=1,
        actor=ACTOR,
        correlation_id="c-1",
        municipality_id=event.municipality_id,
    )
    assert envelope.subject == f"cityfix.events.{event.municipality_id}.municipality.created"


def test_event_tokens_drop_only_the_aggregate_prefix() -> None:
    assert event_token(TicketCreated.event_type(), TicketCreated.aggregate) == "created"
    assert event_token(StatusChanged.event_type(), StatusChanged.aggregate) == "status_changed"
    assert event_token(TicketAssigned.event_type(), TicketAssigned.aggregate) == "assigned"
    assert event_token(CommentAdded.event_type(), CommentAdded.aggregate) == "comment_added"
    assert event_token(MunicipalityCreated.event_type(), MunicipalityCreated.aggregate) == "created"
    assert event_token(CategoryChanged.event_type(), CategoryChanged.aggregate) == "changed"
    # An event named exactly like its aggregate keeps its name rather than becoming empty.
    assert event_token("Ticket", "ticket") == "ticket"


def test_platform_is_the_tenant_of_events_without_a_municipality() -> None:
    envelope = envelope_for(
        sample_events()["UserRegistered"], aggregate_id=USER, sequence=1, actor=ACTOR, correlation_id="c"
    )
    assert envelope.municipality_id == "platform"
    assert envelope.subject == "cityfix.events.platform.user.registered"


class SecretIssued(DomainEvent):
    """A test-only private event."""

    aggregate: ClassVar[str] = "account"
    private: ClassVar[bool] = True
    user_id: str
    token: str


def test_private_events_are_keyed_by_user_id() -> None:
    envelope = envelope_for(
        SecretIssued(user_id=USER, token="s3cret"),
        aggregate_id=USER,
        sequence=1,
        actor=ACTOR,
        correlation_id="c",
    )
    assert envelope.subject == f"cityfix.private.{USER}.account.secret_issued"


@pytest.mark.parametrize(
    "bad",
    ["", "a.b", "*", ">", "m.*", "m.>", "with space", "tab\there", "new\nline", "ünïcode"],
)
def test_subject_tokens_with_dots_or_wildcards_are_refused(bad: str) -> None:
    with pytest.raises(ValueError, match="subject token"):
        check_token(bad, "token")
    with pytest.raises(ValueError, match="subject token"):
        event_subject(bad, "ticket", "TicketCreated")
    with pytest.raises(ValueError, match="subject token"):
        private_subject(bad, "account", "SecretIssued")
    with pytest.raises(ValueError, match="subject token"):
        rpc_subject(bad, "CreateTicket")


def test_an_envelope_with_a_dotted_tenant_has_no_subject() -> None:
    envelope = envelope_for(
        sample_events()["TicketCreated"],
        aggregate_id=TICKET,
        sequence=1,
        actor=ACTOR,
        correlation_id="c",
        municipality_id="m.>",
    )
    with pytest.raises(ValueError, match="subject token"):
        _ = envelope.subject


def test_private_event_with_a_wildcard_user_id_has_no_subject() -> None:
    envelope = envelope_for(
        SecretIssued(user_id="*", token="x"), aggregate_id="*", sequence=1, actor=ACTOR, correlation_id="c"
    )
    with pytest.raises(ValueError, match="subject token"):
        _ = envelope.subject


def test_rpc_and_dead_letter_subjects() -> None:
    assert rpc_subject("admin", "CreateMunicipality") == "cityfix.rpc.admin.create_municipality"
    assert health_subject("tickets") == "cityfix.rpc.tickets.health"
    original = f"cityfix.events.{MUNICIPALITY}.ticket.created"
    assert dlq_subject(original) == f"cityfix.dlq.{original}"
    assert original_of_dlq(dlq_subject(original)) == original
    with pytest.raises(ValueError, match="dead-letter"):
        original_of_dlq(original)

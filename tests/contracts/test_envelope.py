"""The envelope and the event models: JSON round trips, committed JSON Schemas, immutability, UTC."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from pydantic import ValidationError

from cityfix_contracts import (
    EVENT_TYPES,
    DomainEvent,
    Envelope,
    SystemActor,
    UserActor,
    envelope_for,
    parse_envelope,
)
from cityfix_contracts.envelope import envelope_json
from cityfix_contracts.events import StatusChanged
from cityfix_contracts.registry import UnknownEvent
from tests.contracts.samples import MUNICIPALITY, TICKET, sample_events

SCHEMA_DIR = Path(__file__).resolve().parents[2] / "contracts" / "schemas"
ENVELOPE_FIELDS = {
    "event_id",
    "event_type",
    "schema_version",
    "occurred_at",
    "municipality_id",
    "aggregate_id",
    "sequence",
    "actor",
    "correlation_id",
    "causation_id",
    "data",
}


def wrap(event: DomainEvent, **overrides: Any) -> Envelope[Any]:
    arguments: dict[str, Any] = {
        "aggregate_id": TICKET,
        "sequence": 3,
        "actor": UserActor(user_id="op-1", role="operator"),
        "correlation_id": "corr-1",
        "causation_id": "cause-1",
        "municipality_id": MUNICIPALITY,
        **overrides,
    }
    return envelope_for(event, **arguments)


def committed_schema(model: type[DomainEvent]) -> dict[str, Any]:
    path = SCHEMA_DIR / f"{model.event_type()}.v{model.schema_version}.json"
    assert path.is_file(), f"no committed JSON Schema for {model.event_type()}: run `make contracts`"
    schema: dict[str, Any] = json.loads(path.read_text())
    return schema


def test_every_event_has_a_sample() -> None:
    assert set(sample_events()) == set(EVENT_TYPES)
    assert EVENT_TYPES, "the registry found no events"


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_every_event_round_trips_through_envelope_json(event_type: str) -> None:
    event = sample_events()[event_type]
    envelope = wrap(event)
    raw = envelope_json(envelope)
    wire = json.loads(raw)

    assert set(wire) == ENVELOPE_FIELDS
    assert wire["event_type"] == event_type
    assert wire["schema_version"] == EVENT_TYPES[event_type].schema_version

    parsed = parse_envelope(raw)
    assert type(parsed.data) is EVENT_TYPES[event_type]
    assert parsed == envelope
    assert parsed.data == event
    # The same from a decoded dict (as a consumer that already parsed JSON would pass it).
    assert parse_envelope(wire) == envelope
    # And a second trip changes nothing.
    assert envelope_json(parsed) == raw


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_every_event_validates_against_its_committed_json_schema(event_type: str) -> None:
    model = EVENT_TYPES[event_type]
    schema = committed_schema(model)
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)

    wire = json.loads(envelope_json(wrap(sample_events()[event_type])))
    validator.validate(wire)

    # The schema is strict where the model is: unknown fields, in the envelope or its data, fail.
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**wire, "surprise": 1})
    with pytest.raises(jsonschema.ValidationError):
        validator.validate({**wire, "data": {**wire["data"], "surprise": 1}})
    missing_actor = {k: v for k, v in wire.items() if k != "actor"}
    with pytest.raises(jsonschema.ValidationError):
        validator.validate(missing_actor)


def test_status_changed_serializes_from_by_its_alias_and_reads_it_back() -> None:
    event = StatusChanged(ticket_id=TICKET, **{"from": "assigned"}, to="in_progress")
    assert event.from_ == "assigned"
    assert event.model_dump() == {
        "ticket_id": TICKET,
        "from": "assigned",
        "to": "in_progress",
        "note": None,
        "photo_ids": (),
    }
    wire = json.loads(envelope_json(wrap(event)))
    assert wire["data"]["from"] == "assigned"
    assert "from_" not in wire["data"]

    parsed = parse_envelope(json.dumps(wire))
    assert isinstance(parsed.data, StatusChanged)
    assert parsed.data.from_ == "assigned"
    assert parsed.data.to == "in_progress"
    # The schema names the wire field, not the Python one.
    assert "from" in committed_schema(StatusChanged)["$defs"]["StatusChanged"]["required"]


def test_envelopes_and_their_data_are_frozen() -> None:
    envelope = wrap(sample_events()["StatusChanged"])
    with pytest.raises(ValidationError):
        envelope.sequence = 4  # type: ignore[misc]
    with pytest.raises(ValidationError):
        envelope.data.ticket_id = "other"
    with pytest.raises(ValidationError):
        envelope.actor.user_id = "someone-else"  # type: ignore[misc,union-attr]


def test_envelopes_refuse_unknown_fields() -> None:
    wire = json.loads(envelope_json(wrap(sample_events()["TicketCreated"])))
    with pytest.raises(ValidationError, match="surprise"):
        parse_envelope({**wire, "surprise": True})
    with pytest.raises(ValidationError, match="reporter_email"):
        parse_envelope({**wire, "data": {**wire["data"], "reporter_email": "someone@example.org"}})
    with pytest.raises(ValidationError, match="surprise"):
        parse_envelope({**wire, "actor": {**wire["actor"], "surprise": 1}})


def test_an_unknown_event_type_is_refused() -> None:
    wire = json.loads(envelope_json(wrap(sample_events()["TicketCreated"])))
    with pytest.raises(UnknownEvent):
        parse_envelope({**wire, "event_type": "TicketTeleported"})


def test_data_must_match_the_named_event_type() -> None:
    wire = json.loads(envelope_json(wrap(sample_events()["TicketCreated"])))
    with pytest.raises(ValidationError):
        parse_envelope({**wire, "event_type": "StatusChanged"})


def test_sequence_starts_at_one() -> None:
    with pytest.raises(ValidationError):
        wrap(sample_events()["StatusChanged"], sequence=0)


def test_occurred_at_is_timezone_aware_utc() -> None:
    envelope = wrap(sample_events()["StatusChanged"])
    assert envelope.occurred_at.utcoffset() == timedelta(0)
    assert json.loads(envelope_json(envelope))["occurred_at"].endswith("Z")

    berlin_summer = timezone(timedelta(hours=2))
    shifted = wrap(
        sample_events()["StatusChanged"], occurred_at=datetime(2025, 6, 1, 14, 0, tzinfo=berlin_summer)
    )
    assert shifted.occurred_at == datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert shifted.occurred_at.utcoffset() == timedelta(0)
    assert json.loads(envelope_json(shifted))["occurred_at"] == "2025-06-01T12:00:00Z"

    wire = json.loads(envelope_json(envelope))
    from_offset = parse_envelope({**wire, "occurred_at": "2025-06-01T14:00:00+02:00"})
    assert from_offset.occurred_at == datetime(2025, 6, 1, 12, 0, tzinfo=UTC)
    assert from_offset.occurred_at.utcoffset() == timedelta(0)


def test_naive_timestamps_are_refused() -> None:
    with pytest.raises(ValidationError):
        wrap(sample_events()["StatusChanged"], occurred_at=datetime(2025, 6, 1, 12, 0))
    wire = json.loads(envelope_json(wrap(sample_events()["StatusChanged"])))
    with pytest.raises(ValidationError):
        parse_envelope({**wire, "occurred_at": "2025-06-01T12:00:00"})


def test_actor_is_a_user_or_a_system() -> None:
    wire = json.loads(envelope_json(wrap(sample_events()["StatusChanged"], actor=SystemActor(system="geo"))))
    assert wire["actor"] == {"system": "geo"}
    assert parse_envelope(wire).actor == SystemActor(system="geo")
    with pytest.raises(ValidationError):
        parse_envelope({**wire, "actor": {"user_id": "u", "role": "superuser"}})


def test_event_id_is_a_fresh_uuid_and_the_dedupe_header() -> None:
    first = wrap(sample_events()["StatusChanged"])
    second = wrap(sample_events()["StatusChanged"])
    assert first.event_id != second.event_id
    assert first.headers()["Nats-Msg-Id"] == first.event_id
    assert first.headers()["Cityfix-Event-Type"] == "StatusChanged"

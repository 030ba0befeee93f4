"""The generated interface documents: AsyncAPI 3 content, and drift detection of the committed copies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cityfix_contracts import EVENT_TYPES
from cityfix_contracts.subjects import event_token
from services.cli import documents
from services.cli.documents import channel_address


def test_asyncapi_is_version_3_with_a_channel_for_every_event() -> None:
    document = json.loads(documents.asyncapi_document())
    assert document["asyncapi"] == "3.0.0"
    channels = document["channels"]
    assert set(channels) >= set(EVENT_TYPES)
    for name, model in EVENT_TYPES.items():
        channel = channels[name]
        address = channel["address"]
        assert address == channel_address(model)
        prefix = "cityfix.private.{user_id}." if model.private else "cityfix.events.{municipality_id}."
        assert address.startswith(prefix)
        assert address.split(".")[3:] == [model.aggregate, event_token(name, model.aggregate)]
        # The channel carries the envelope with that event's typed data.
        assert channel["messages"], f"channel {name} carries no message"
    assert channels["StatusChanged"]["address"] == "cityfix.events.{municipality_id}.ticket.status_changed"
    assert (
        channels["MunicipalityCreated"]["address"] == "cityfix.events.{municipality_id}.municipality.created"
    )
    assert channels["CategoryChanged"]["address"] == "cityfix.events.{municipality_id}.category.changed"


def test_asyncapi_messages_carry_the_envelope_schema() -> None:
    document = json.loads(documents.asyncapi_document())
    text = json.dumps(document["components"])
    for field in ("event_id", "occurred_at", "correlation_id", "aggregate_id", "sequence"):
        assert field in text
    # StatusChanged's `from` is published under its wire name (fields such as `from_reference` are names).
    assert '"from"' in text
    assert '"from_"' not in text


def test_committed_documents_are_current() -> None:
    assert documents.check() == [], "interface documents are stale: run `make contracts` and commit"


@pytest.fixture
def exported(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh export into a temporary tree (monkeypatched paths: the real copies are never touched)."""
    monkeypatch.setattr(documents, "REPO", tmp_path)
    monkeypatch.setattr(documents, "SCHEMA_DIR", tmp_path / "contracts" / "schemas")
    monkeypatch.setattr(documents, "ASYNCAPI_FILE", tmp_path / "contracts" / "asyncapi.json")
    monkeypatch.setattr(documents, "OPENAPI_FILE", tmp_path / "gateway" / "openapi.json")
    (tmp_path / "gateway").mkdir()
    written = documents.export()
    assert len(written) == len(EVENT_TYPES) + 3  # schemas, AsyncAPI, OpenAPI, docs/events.md
    assert documents.check() == []
    assert documents.export() == [], "a second export changed something: the output is not stable"
    return tmp_path


def test_drift_detection_reports_a_stale_schema(exported: Path) -> None:
    path = exported / "contracts" / "schemas" / "StatusChanged.v1.json"
    schema = json.loads(path.read_text())
    schema["$defs"]["StatusChanged"]["properties"].pop("note")
    path.write_text(json.dumps(schema, indent=2, sort_keys=True) + "\n")
    assert documents.check() == ["stale: contracts/schemas/StatusChanged.v1.json"]


def test_drift_detection_reports_stale_asyncapi_and_openapi(exported: Path) -> None:
    (exported / "contracts" / "asyncapi.json").write_text("{}\n")
    openapi = exported / "gateway" / "openapi.json"
    openapi.write_text(openapi.read_text().replace("/api/v1/municipalities", "/api/v1/towns"))
    assert sorted(documents.check()) == ["stale: contracts/asyncapi.json", "stale: gateway/openapi.json"]


def test_drift_detection_reports_a_stale_events_doc(exported: Path) -> None:
    events_doc = exported / "docs" / "events.md"
    assert "| **StatusChanged** (v1)" in events_doc.read_text()
    events_doc.write_text(events_doc.read_text().replace("ticket.status_changed", "ticket.changed"))
    assert documents.check() == ["stale: docs/events.md"]


def test_drift_detection_reports_a_missing_document(exported: Path) -> None:
    (exported / "contracts" / "schemas" / "TicketCreated.v1.json").unlink()
    (exported / "gateway" / "openapi.json").unlink()
    assert sorted(documents.check()) == [
        "missing: contracts/schemas/TicketCreated.v1.json",
        "missing: gateway/openapi.json",
    ]


def test_drift_detection_reports_a_left_over_schema(exported: Path) -> None:
    leftover = exported / "contracts" / "schemas" / "TicketTeleported.v1.json"
    leftover.write_text("{}\n")
    assert documents.check() == ["left over: contracts/schemas/TicketTeleported.v1.json"]
    # export() repairs all three kinds of drift.
    (exported / "contracts" / "schemas" / "CommentAdded.v1.json").write_text("{}\n")
    (exported / "contracts" / "asyncapi.json").unlink()
    changed = documents.export()
    assert leftover in changed
    assert not leftover.exists()
    assert documents.check() == []


def test_events_doc_lists_every_public_event_with_its_subject_and_fields_and_no_private_one() -> None:
    from services.cli.events_doc import events_document

    text = events_document()
    for name, model in EVENT_TYPES.items():
        row = next((line for line in text.splitlines() if line.startswith(f"| **{name}** ")), None)
        if model.private:
            assert row is None, f"{name} is private but listed as an event outside systems may read"
            continue
        assert row is not None, f"{name} is missing from docs/events.md"
        assert f"`{channel_address(model)}`" in row
        for field in model.model_json_schema(by_alias=True)["properties"]:
            assert f"`{field}" in row, f"{name}.{field} is missing from docs/events.md"
    assert "DeliverPolicy.BY_START_TIME" in text and "async def follow(" in text  # the tested example

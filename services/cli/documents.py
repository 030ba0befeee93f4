"""The generated interface documents: one JSON Schema per event, the AsyncAPI 3 document, the OpenAPI
document. Committed to the repository so that every interface change shows in review; `contracts check`
(part of `make test`) fails when a committed copy is stale."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from faststream.nats import NatsBroker
from faststream.specification import AsyncAPI

from cityfix_contracts import EVENT_TYPES, Envelope
from cityfix_contracts.subjects import EVENTS_PREFIX, PRIVATE_PREFIX, event_token

REPO = Path(__file__).resolve().parents[2]
SCHEMA_DIR = REPO / "contracts" / "schemas"
ASYNCAPI_FILE = REPO / "contracts" / "asyncapi.json"
OPENAPI_FILE = REPO / "gateway" / "openapi.json"


def _dump(document: Any) -> str:
    return json.dumps(document, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def event_schemas() -> dict[str, str]:
    """File name → JSON Schema of the whole envelope with that event's typed `data`."""
    files = {}
    for name, model in sorted(EVENT_TYPES.items()):
        schema = Envelope[model].model_json_schema(by_alias=True, mode="serialization")  # type: ignore[valid-type]
        schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
        schema["$id"] = f"https://cityfix.example/schemas/events/{name}.v{model.schema_version}.json"
        schema["title"] = name
        schema["description"] = (model.__doc__ or name).strip()
        files[f"{name}.v{model.schema_version}.json"] = _dump(schema)
    return files


def channel_address(model: Any) -> str:
    token = event_token(model.event_type(), model.aggregate)
    if model.private:
        return f"{PRIVATE_PREFIX}.{{user_id}}.{model.aggregate}.{token}"
    return f"{EVENTS_PREFIX}.{{municipality_id}}.{model.aggregate}.{token}"


def asyncapi_document() -> str:
    """AsyncAPI 3 describing every event defined in contracts (not only those some service handles)."""
    broker = NatsBroker("nats://localhost:4222")
    for name, model in sorted(EVENT_TYPES.items()):
        stream = "CITYFIX_PRIVATE" if model.private else "CITYFIX_EVENTS"
        broker.publisher(
            channel_address(model),
            title=name,
            description=f"{(model.__doc__ or name).strip()} (stream {stream}; Nats-Msg-Id = event_id)",
            schema=Envelope[model],  # type: ignore[valid-type]
        )
    spec = AsyncAPI(
        broker,
        title="CityFix events",
        version="1.0.0",
        description=(
            "Every change in CityFix is a typed event on NATS JetStream. Subjects: "
            "cityfix.events.<municipality_id>.<aggregate>.<event> (stream CITYFIX_EVENTS, may be granted "
            "to outside systems; never a citizen's email, phone or name) and "
            "cityfix.private.<user_id>.<aggregate>.<event> (stream CITYFIX_PRIVATE, internal only)."
        ),
        schema_version="3.0.0",
    ).to_specification()
    return _dump(json.loads(spec.to_json()))


def openapi_document() -> str:
    from gateway.app import create_app

    return _dump(create_app().openapi())


def expected_files() -> dict[Path, str]:
    files = {SCHEMA_DIR / name: text for name, text in event_schemas().items()}
    files[ASYNCAPI_FILE] = asyncapi_document()
    files[OPENAPI_FILE] = openapi_document()
    from .events_doc import expected as events_doc

    files.update(events_doc(REPO))
    return files


def export() -> list[Path]:
    """Write every document; remove schemas of events that no longer exist. Returns what changed."""
    changed = []
    files = expected_files()
    SCHEMA_DIR.mkdir(parents=True, exist_ok=True)
    for stale in SCHEMA_DIR.glob("*.json"):
        if stale not in files:
            stale.unlink()
            changed.append(stale)
    for path, text in files.items():
        if not path.exists() or path.read_text() != text:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(text)
            changed.append(path)
    return changed


def check() -> list[str]:
    """What is stale: files that differ from what the code generates, are missing, or are left over."""
    problems = []
    files = expected_files()
    for path, text in files.items():
        if not path.exists():
            problems.append(f"missing: {path.relative_to(REPO)}")
        elif path.read_text() != text:
            problems.append(f"stale: {path.relative_to(REPO)}")
    for extra in SCHEMA_DIR.glob("*.json"):
        if extra not in files:
            problems.append(f"left over: {extra.relative_to(REPO)}")
    return problems

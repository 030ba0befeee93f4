"""Looking up an event's data model by name, and reading envelopes off the wire."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict

from . import events
from .envelope import DomainEvent, Envelope


def _all_event_types() -> dict[str, type[DomainEvent]]:
    found: dict[str, type[DomainEvent]] = {}
    for name in events.__all__:
        model = getattr(events, name)
        if isinstance(model, type) and issubclass(model, DomainEvent):
            found[model.event_type()] = model
    return found


EVENT_TYPES: dict[str, type[DomainEvent]] = _all_event_types()


class UnknownEvent(ValueError):
    pass


class _Head(BaseModel):
    model_config = ConfigDict(extra="allow")
    event_type: str


def event_model(event_type: str) -> type[DomainEvent]:
    try:
        return EVENT_TYPES[event_type]
    except KeyError:
        raise UnknownEvent(f"unknown event type {event_type!r}") from None


def parse_envelope(raw: bytes | str | dict[str, Any]) -> Envelope[DomainEvent]:
    """Validate an envelope and its `data` against the model its `event_type` names."""
    head = _Head.model_validate(raw) if isinstance(raw, dict) else _Head.model_validate_json(raw)
    model = event_model(head.event_type)
    envelope_type: Any = Envelope[model]  # type: ignore[valid-type]
    if isinstance(raw, dict):
        parsed: Envelope[DomainEvent] = envelope_type.model_validate(raw)
    else:
        parsed = envelope_type.model_validate_json(raw)
    return parsed

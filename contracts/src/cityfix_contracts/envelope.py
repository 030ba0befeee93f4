"""The envelope every event travels in (DESIGN §2) and the base of every event's data."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any, ClassVar, Generic, Literal, TypeVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator, model_validator

from .subjects import PLATFORM, event_subject, private_subject


class Contract(BaseModel):
    """Base of every message: immutable, strict about unknown fields, serialized by alias."""

    model_config = ConfigDict(frozen=True, extra="forbid", populate_by_name=True, serialize_by_alias=True)


class Point(Contract):
    """A WGS84 point as it appears in HTTP and in events."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


class UserActor(Contract):
    user_id: str
    role: Literal["citizen", "operator", "manager", "admin"]


class SystemActor(Contract):
    system: str


Actor = UserActor | SystemActor


class DomainEvent(Contract):
    """The typed `data` of an event.

    Subclasses name their aggregate, and whether the event is private (CITYFIX_PRIVATE, keyed by user id)
    rather than public to outside systems (CITYFIX_EVENTS).
    """

    aggregate: ClassVar[str]
    schema_version: ClassVar[int] = 1
    private: ClassVar[bool] = False

    @classmethod
    def event_type(cls) -> str:
        return cls.__name__


E = TypeVar("E", bound=DomainEvent)


def new_event_id() -> str:
    return str(uuid.uuid4())


def utc_now() -> datetime:
    return datetime.now(UTC)


class Envelope(Contract, Generic[E]):
    """One event on the bus. `event_id` is also the `Nats-Msg-Id` header, so JetStream drops a re-publish."""

    event_id: str = Field(default_factory=new_event_id)
    event_type: str
    schema_version: int = 1
    occurred_at: AwareDatetime = Field(default_factory=utc_now)
    municipality_id: str = PLATFORM
    aggregate_id: str
    sequence: int = Field(ge=1)
    actor: Actor
    correlation_id: str
    causation_id: str | None = None
    data: E

    @field_validator("occurred_at")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)

    @model_validator(mode="after")
    def _names_its_data(self) -> Envelope[E]:
        if self.event_type != self.data.event_type():
            raise ValueError(
                f"event_type {self.event_type!r} does not name its data ({self.data.event_type()})"
            )
        if self.schema_version != self.data.schema_version:
            raise ValueError(f"schema_version {self.schema_version} does not match {self.event_type}'s")
        return self

    @property
    def subject(self) -> str:
        data = self.data
        if data.private:
            user_id = getattr(data, "user_id", None)
            if not isinstance(user_id, str):
                raise TypeError(f"private event {self.event_type} needs a user_id in its data")
            return private_subject(user_id, data.aggregate, self.event_type)
        return event_subject(self.municipality_id, data.aggregate, self.event_type)

    def headers(self) -> dict[str, str]:
        return {"Nats-Msg-Id": self.event_id, "Cityfix-Event-Type": self.event_type}


def envelope_for(
    data: E,
    *,
    aggregate_id: str,
    sequence: int,
    actor: Actor,
    correlation_id: str,
    municipality_id: str = PLATFORM,
    causation_id: str | None = None,
    occurred_at: datetime | None = None,
) -> Envelope[E]:
    return Envelope[E](
        event_type=data.event_type(),
        schema_version=data.schema_version,
        occurred_at=occurred_at or utc_now(),
        municipality_id=municipality_id,
        aggregate_id=aggregate_id,
        sequence=sequence,
        actor=actor,
        correlation_id=correlation_id,
        causation_id=causation_id,
        data=data,
    )


def envelope_json(envelope: Envelope[Any]) -> bytes:
    return envelope.model_dump_json(by_alias=True).encode()

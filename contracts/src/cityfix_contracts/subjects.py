"""Subject and stream names: the addresses of the system (DESIGN §2).

Everything that builds or parses a subject goes through here, so the naming rule lives in one place.
"""

from __future__ import annotations

import re
from typing import Final

PLATFORM: Final = "platform"
"""Tenant token for events that belong to no municipality."""

EVENTS_STREAM: Final = "CITYFIX_EVENTS"
PRIVATE_STREAM: Final = "CITYFIX_PRIVATE"
DLQ_STREAM: Final = "CITYFIX_DLQ"

EVENTS_PREFIX: Final = "cityfix.events"
PRIVATE_PREFIX: Final = "cityfix.private"
DLQ_PREFIX: Final = "cityfix.dlq"
RPC_PREFIX: Final = "cityfix.rpc"

_CAMEL_BOUNDARY = re.compile(r"(?<!^)(?=[A-Z])")
_TOKEN = re.compile(r"^[A-Za-z0-9_-]+$")


def snake_case(name: str) -> str:
    """`StatusChanged` → `status_changed`."""
    return _CAMEL_BOUNDARY.sub("_", name).lower()


def event_token(event_type: str, aggregate: str) -> str:
    """The last subject token: the event's name in snake_case without its aggregate.

    TicketCreated → `created`, StatusChanged (aggregate ticket) → `status_changed`,
    MunicipalityCreated → `created`, CategoryChanged (aggregate category) → `changed`.
    """
    words = snake_case(event_type).split("_")
    aggregate_words = aggregate.split("_")
    if words[: len(aggregate_words)] == aggregate_words and len(words) > len(aggregate_words):
        words = words[len(aggregate_words) :]
    return "_".join(words)


def check_token(value: str, what: str) -> str:
    """A subject token must not contain dots or wildcards, or it would change the subject's shape."""
    if not _TOKEN.match(value):
        raise ValueError(f"{what} {value!r} cannot be used as a subject token")
    return value


def event_subject(municipality_id: str, aggregate: str, event_type: str) -> str:
    """`cityfix.events.<municipality_id>.<aggregate>.<event>`."""
    tenant = check_token(municipality_id, "municipality id")
    return f"{EVENTS_PREFIX}.{tenant}.{aggregate}.{event_token(event_type, aggregate)}"


def private_subject(user_id: str, aggregate: str, event_type: str) -> str:
    """`cityfix.private.<user_id>.<aggregate>.<event>`: lets AccountDeleted purge a person by subject."""
    user = check_token(user_id, "user id")
    return f"{PRIVATE_PREFIX}.{user}.{aggregate}.{event_token(event_type, aggregate)}"


def rpc_subject(service: str, operation: str) -> str:
    """`cityfix.rpc.<service>.<operation>`, the operation in snake_case (CreateMunicipality → create_municipality)."""
    return f"{RPC_PREFIX}.{check_token(service, 'service')}.{snake_case(operation)}"


def dlq_subject(original_subject: str) -> str:
    """Dead letters keep their original subject behind the DLQ prefix, so they can be filtered and replayed."""
    return f"{DLQ_PREFIX}.{original_subject}"


def original_of_dlq(subject: str) -> str:
    prefix = DLQ_PREFIX + "."
    if not subject.startswith(prefix):
        raise ValueError(f"{subject!r} is not a dead-letter subject")
    return subject[len(prefix) :]

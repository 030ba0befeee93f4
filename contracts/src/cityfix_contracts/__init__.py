"""CityFix contracts: the typed language of the system.

Events (past tense) and their envelope, subject names, RPC requests (imperative) and replies, and the
error model. Every service and the gateway import these; nothing here imports them.
"""

from .envelope import (
    Actor,
    Contract,
    DomainEvent,
    Envelope,
    Point,
    SystemActor,
    UserActor,
    envelope_for,
    new_event_id,
    utc_now,
)
from .errors import DomainError, ErrorBody, ErrorReply, ErrorResponse
from .registry import EVENT_TYPES, event_model, parse_envelope
from .rpc import RpcContext, RpcReply, ServiceHealth

__all__ = [
    "EVENT_TYPES",
    "Actor",
    "Contract",
    "DomainError",
    "DomainEvent",
    "Envelope",
    "ErrorBody",
    "ErrorReply",
    "ErrorResponse",
    "Point",
    "RpcContext",
    "RpcReply",
    "ServiceHealth",
    "SystemActor",
    "UserActor",
    "envelope_for",
    "event_model",
    "new_event_id",
    "parse_envelope",
    "utc_now",
]

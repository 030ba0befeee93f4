"""Request/reply messages between the gateway and the services.

Subject: `cityfix.rpc.<service>.<operation>` (operation = the request's name in snake_case). Every
request carries an `RpcContext` in the `Cityfix-Context` header: who asks and under which correlation id.
Every reply is an `RpcReply`: `{ok: true, result}` or `{ok: false, error}`.
"""

from __future__ import annotations

from typing import Any, ClassVar, Literal

from pydantic import Field

from .envelope import Actor, Contract, SystemActor
from .errors import ErrorReply
from .subjects import rpc_subject

CONTEXT_HEADER = "Cityfix-Context"
ANONYMOUS = SystemActor(system="anonymous")
"""The actor of a request nobody signed: never the platform itself, whatever its type says."""
CORRELATION_HEADER = "X-Correlation-ID"


class RpcContext(Contract):
    correlation_id: str
    actor: Actor = ANONYMOUS
    municipality_id: str | None = Field(default=None, description="The acting user's municipality, if staff")
    client_address: str | None = Field(
        default=None, description="The caller's address (from forwarding headers only behind trusted proxies)"
    )


class Request(Contract):
    """Base of commands and queries. Subclasses name their service and their reply type."""

    service: ClassVar[str]
    reply_model: ClassVar[type[Contract]]

    @classmethod
    def operation(cls) -> str:
        return cls.__name__

    @classmethod
    def subject(cls) -> str:
        return rpc_subject(cls.service, cls.operation())


class RpcReply(Contract):
    ok: bool
    result: dict[str, Any] | None = None
    error: ErrorReply | None = None


# ----- health, answered by every service -------------------------------------------------------------


class CheckHealth(Contract):
    """Health request; sent to `cityfix.rpc.<service>.health`."""


class ServiceHealth(Contract):
    service: str
    status: Literal["up", "degraded"]
    checks: dict[str, bool] = Field(
        default_factory=dict, description="Named readiness conditions; all must be true for `up`"
    )


def health_subject(service: str) -> str:
    return rpc_subject(service, "health")


SERVICES: tuple[str, ...] = ("auth", "admin", "geo", "tickets", "media", "notifications", "integrations")

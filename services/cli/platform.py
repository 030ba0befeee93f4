"""How the platform's own shell tools (`cityfix users create`, `cityfix integrations nats-user`) talk to
the running services: a command validated before anything is sent, then one request/reply as the system
actor `cli` over CITYFIX_NATS_URL — against `cityfix dev` and the compose stack alike.

Problems end as an exit status and a line on stderr a person can act on: 2 for a command that does not
validate (each field's problem), 1 when NATS cannot be reached or the service refuses (its code and
message).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from typing import Any, TypeVar

import nats
from pydantic import ValidationError

from cityfix_contracts import RpcContext, SystemActor
from cityfix_contracts.rpc import Request
from services.common.context import new_correlation_id
from services.common.nats_connect import ONE_SHOT_CONNECT
from services.common.rpc import RpcClient, RpcFailure
from services.common.settings import Settings

R = TypeVar("R", bound=Request)


class CliExit(Exception):
    """Stop the command with this exit status; what went wrong is already on stderr."""

    def __init__(self, status: int) -> None:
        super().__init__(status)
        self.status = status


def validated(build: Callable[[], R]) -> R:
    """The command `build` makes, or CliExit(2) after printing each field's problem."""
    try:
        return build()
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            print(f"{'.'.join(map(str, error['loc']))}: {error['msg']}", file=sys.stderr)
        raise CliExit(2) from None


async def call_platform(command: Request) -> Any:
    """Send `command` as the system actor `cli` and return the service's reply, or raise CliExit(1)."""
    settings = Settings()
    try:
        connection = await nats.connect(settings.nats_url, connect_timeout=3, **ONE_SHOT_CONNECT)
    except Exception as exc:
        print(f"cannot reach NATS at {settings.nats_url}: {exc} (is CityFix running?)", file=sys.stderr)
        raise CliExit(1) from None
    try:
        ctx = RpcContext(correlation_id=new_correlation_id(), actor=SystemActor(system="cli"))
        return await RpcClient(connection, timeout=settings.rpc_timeout_seconds).call(command, ctx)
    except RpcFailure as failure:
        print(f"{failure.error.code}: {failure.error.message}", file=sys.stderr)
        raise CliExit(1) from None
    finally:
        await connection.close()

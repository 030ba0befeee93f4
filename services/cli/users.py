"""`cityfix users create`: a verified account from the shell, through the auth service's own command.

Works against `cityfix dev` and the compose stack alike: it only needs CITYFIX_NATS_URL.
"""

from __future__ import annotations

import getpass
import sys

import nats
from pydantic import ValidationError

from cityfix_contracts import RpcContext, SystemActor
from cityfix_contracts.commands.auth import ProvisionUser
from services.common.context import new_correlation_id
from services.common.rpc import RpcClient, RpcFailure
from services.common.settings import Settings


def ask_password() -> str:
    while True:
        first = getpass.getpass("Password: ")
        if first == getpass.getpass("Repeat the password: "):
            return first
        print("The passwords differ; try again.", file=sys.stderr)


async def create_user(
    email: str, role: str, full_name: str | None, municipality_id: str | None, password: str | None
) -> int:
    try:
        command = ProvisionUser.model_validate(
            {
                "email": email,
                "role": role,
                "full_name": full_name or email.split("@")[0],
                "municipality_id": municipality_id,
                "password": password if password is not None else ask_password(),
            }
        )
    except ValidationError as exc:
        for error in exc.errors(include_url=False):
            print(f"{'.'.join(map(str, error['loc']))}: {error['msg']}", file=sys.stderr)
        return 2
    settings = Settings()
    try:
        connection = await nats.connect(settings.nats_url, connect_timeout=3, allow_reconnect=False)
    except Exception as exc:
        print(f"cannot reach NATS at {settings.nats_url}: {exc} (is CityFix running?)", file=sys.stderr)
        return 1
    try:
        ctx = RpcContext(correlation_id=new_correlation_id(), actor=SystemActor(system="cli"))
        user = await RpcClient(connection, timeout=settings.rpc_timeout_seconds).call(command, ctx)
    except RpcFailure as failure:
        print(f"{failure.error.code}: {failure.error.message}", file=sys.stderr)
        return 1
    finally:
        await connection.close()
    print(f"created {user.role} {user.email} (id {user.id})")
    return 0

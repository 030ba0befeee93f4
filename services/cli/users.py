"""`cityfix users create`: a verified account from the shell, through the auth service's own command.

Works against `cityfix dev` and the compose stack alike: it only needs CITYFIX_NATS_URL.
"""

from __future__ import annotations

import getpass
import sys

from cityfix_contracts.commands.auth import ProvisionUser, UserView

from .platform import CliExit, call_platform, validated


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
        command = validated(
            lambda: ProvisionUser.model_validate(
                {
                    "email": email,
                    "role": role,
                    "full_name": full_name or email.split("@")[0],
                    "municipality_id": municipality_id,
                    "password": password if password is not None else ask_password(),
                }
            )
        )
        user: UserView = await call_platform(command)
    except CliExit as stop:
        return stop.status
    print(f"created {user.role} {user.email} (id {user.id})")
    return 0

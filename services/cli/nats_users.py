"""`cityfix integrations nats-user`: a read-only NATS user for an outside system, limited to one
municipality's events (DESIGN §2), issued by the integrations service over request/reply like
`cityfix users create`, then written into the nats-server users include (services.common.nats_auth).

nats-server reads the include at start and on a reload (`nats-server --signal reload`, or SIGHUP).
"""

from __future__ import annotations

import sys
from pathlib import Path

import nats
from pydantic import ValidationError

from cityfix_contracts import RpcContext, SystemActor
from cityfix_contracts.commands.integrations import IssueNatsUser
from services.common.context import new_correlation_id
from services.common.nats_auth import SERVICES_PASSWORD_VARIABLE, SubscriberUser, write_users_config
from services.common.rpc import RpcClient, RpcFailure
from services.common.settings import Settings

DEFAULT_USERS_FILE = Path(".cityfix/nats-users.conf")


async def issue_nats_user(municipality: str, name: str, users_file: Path) -> int:
    try:
        command = IssueNatsUser(municipality=municipality, name=name)
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
        issued = await RpcClient(connection, timeout=settings.rpc_timeout_seconds).call(command, ctx)
    except RpcFailure as failure:
        print(f"{failure.error.code}: {failure.error.message}", file=sys.stderr)
        return 1
    finally:
        await connection.close()
    write_users_config(
        users_file,
        SubscriberUser.with_password(issued.user, issued.password, issued.municipality_id),
    )
    print(
        f"NATS user {issued.user} for municipality {issued.municipality_id} (shown once, keep it safe):\n"
        f"  user:           {issued.user}\n"
        f"  password:       {issued.password}\n"
        f"  durable:        {issued.user} on stream CITYFIX_EVENTS\n"
        f"  filter_subject: {issued.filter_subject}\n"
        f"  inbox_prefix:   {issued.inbox_prefix}\n"
        f"wrote {users_file}: include it in nats-server's configuration (the services connect as user "
        f"cityfix with the password in ${SERVICES_PASSWORD_VARIABLE}), then reload the server: "
        "`nats-server --signal reload` (or send it SIGHUP; compose: `docker compose kill -s HUP nats`)."
    )
    return 0

"""`cityfix integrations nats-user`: a read-only NATS user for an outside system, limited to one
municipality's events (DESIGN §2), issued by the integrations service over request/reply like
`cityfix users create`, then written into the nats-server users include (services.common.nats_auth).

nats-server reads the include at start and on a reload (`nats-server --signal reload`, or SIGHUP).
"""

from __future__ import annotations

from pathlib import Path

from cityfix_contracts.commands.integrations import IssueNatsUser, NatsUserIssued
from services.common.nats_auth import SERVICES_PASSWORD_VARIABLE, SubscriberUser, write_users_config

from .platform import CliExit, call_platform, validated

DEFAULT_USERS_FILE = Path(".cityfix/nats-users.conf")


async def issue_nats_user(municipality: str, name: str, users_file: Path) -> int:
    try:
        command = validated(lambda: IssueNatsUser(municipality=municipality, name=name))
        issued: NatsUserIssued = await call_platform(command)
    except CliExit as stop:
        return stop.status
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

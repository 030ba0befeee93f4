"""The `cityfix` command."""

from __future__ import annotations

import argparse
import asyncio
import sys
from pathlib import Path

from services.common.demo import DEMO_PASSWORD


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="cityfix", description="CityFix: street problems, fixed and confirmed."
    )
    commands = parser.add_subparsers(dest="command", required=True)

    dev = commands.add_parser("dev", help="run the whole system on embedded defaults")
    dev.add_argument("--host", default="127.0.0.1")
    dev.add_argument("--port", type=int, default=8000)
    dev.add_argument("--nats-port", type=int, default=4222)
    dev.add_argument("--smtp-port", type=int, default=0, help="default: a free port")
    dev.add_argument("--data-dir", type=Path, default=Path(".cityfix"))
    dev.add_argument("--demo", action="store_true", help="seed a demo municipality, categories and accounts")
    dev.add_argument("--demo-password", default=DEMO_PASSWORD)

    service = commands.add_parser("service", help="run one service (as in the compose stack)")
    service.add_argument("name")

    gateway = commands.add_parser("gateway", help="run the HTTP gateway")
    gateway.add_argument("--host", default="127.0.0.1")
    gateway.add_argument("--port", type=int, default=8000)

    health = commands.add_parser("health", help="exit 0 when a service answers its health request")
    health.add_argument("--service", required=True)
    health.add_argument("--timeout", type=float, default=3.0)

    contracts = commands.add_parser("contracts", help="generated interface documents")
    contracts.add_argument("action", choices=["export", "check"])

    commands.add_parser("asyncapi", help="print the AsyncAPI 3 document of every event")

    users = commands.add_parser("users", help="accounts")
    users_commands = users.add_subparsers(dest="action", required=True)
    create = users_commands.add_parser("create", help="create a verified account (e.g. the first admin)")
    create.add_argument("--email", required=True)
    create.add_argument("--role", required=True, choices=["admin", "manager", "operator", "citizen"])
    create.add_argument("--full-name", default=None)
    create.add_argument("--municipality-id", default=None, help="for managers and operators")
    create.add_argument("--password", default=None, help="prompted for when not given")

    integrations = commands.add_parser("integrations", help="outside systems")
    integrations_commands = integrations.add_subparsers(dest="action", required=True)
    nats_user = integrations_commands.add_parser(
        "nats-user", help="issue a read-only NATS user for one municipality's events"
    )
    nats_user.add_argument("--municipality", required=True, help="the municipality's id or slug")
    nats_user.add_argument("--name", required=True, help="user and durable consumer name, e.g. potsdam-gis")
    nats_user.add_argument(
        "--users-file",
        type=Path,
        default=None,
        help="the nats-server users include to write or update (default: .cityfix/nats-users.conf)",
    )

    keys = commands.add_parser("keys", help="token signing keys")
    keys.add_argument("action", choices=["generate"])
    keys.add_argument("path", type=Path)
    return parser


def main(argv: list[str] | None = None) -> None:
    args = _parser().parse_args(argv)
    if args.command == "dev":
        from .dev import DevOptions, run_dev

        run_dev(
            DevOptions(
                host=args.host,
                port=args.port,
                nats_port=args.nats_port,
                smtp_port=args.smtp_port,
                data_dir=args.data_dir,
                demo=args.demo,
                demo_password=args.demo_password,
            )
        )
    elif args.command == "service":
        from .run import run_service

        asyncio.run(run_service(args.name))
    elif args.command == "gateway":
        from .run import run_gateway

        run_gateway(args.host, args.port)
    elif args.command == "health":
        from .run import check_health

        sys.exit(0 if asyncio.run(check_health(args.service, args.timeout)) else 1)
    elif args.command == "contracts":
        from . import documents

        if args.action == "export":
            for path in documents.export():
                print(f"wrote {path.relative_to(documents.REPO)}")
        else:
            problems = documents.check()
            for problem in problems:
                print(problem, file=sys.stderr)
            if problems:
                print(
                    "Interface documents are out of date: run `make contracts` and commit.", file=sys.stderr
                )
                sys.exit(1)
            print("interface documents are up to date")
    elif args.command == "asyncapi":
        from .documents import asyncapi_document

        print(asyncapi_document(), end="")
    elif args.command == "users":
        from .users import create_user

        sys.exit(
            asyncio.run(
                create_user(args.email, args.role, args.full_name, args.municipality_id, args.password)
            )
        )
    elif args.command == "integrations":
        from .nats_users import DEFAULT_USERS_FILE, issue_nats_user

        users_file = args.users_file or DEFAULT_USERS_FILE
        sys.exit(asyncio.run(issue_nats_user(args.municipality, args.name, users_file)))
    elif args.command == "keys":
        from services.common.tokens import generate_private_key

        try:
            print(f"wrote {generate_private_key(args.path)}")
        except FileExistsError:
            sys.exit(f"{args.path} exists already; not overwriting a signing key")

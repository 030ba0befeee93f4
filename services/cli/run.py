"""Running one service or the gateway as its own process (the compose stack, production)."""

from __future__ import annotations

import asyncio
import contextlib
import signal

import nats
import uvicorn
from prometheus_client import start_http_server

from cityfix_contracts import RpcContext
from cityfix_contracts.rpc import health_subject
from services.common.aio import quiet_cancellation_leftovers
from services.common.logs import configure_logging, get_logger
from services.common.nats_connect import ONE_SHOT_CONNECT
from services.common.rpc import RpcClient, RpcFailure
from services.common.service import ServiceRuntime
from services.common.settings import Settings

from .registry import service_spec

log = get_logger("cityfix")


async def run_service(name: str) -> None:
    configure_logging()
    settings = Settings()
    runtime = ServiceRuntime(service_spec(name), settings)
    if settings.metrics_port:
        start_http_server(settings.metrics_port)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    quiet_cancellation_leftovers(loop)
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await runtime.start()
    await stop.wait()
    await runtime.stop()


def run_gateway(host: str, port: int) -> None:
    from gateway.app import create_app
    from gateway.settings import GatewaySettings

    configure_logging()
    uvicorn.run(
        create_app(GatewaySettings()),
        host=host,
        port=port,
        log_config=None,
        access_log=False,
        proxy_headers=False,
    )


async def check_health(service: str, timeout: float) -> bool:
    settings = Settings()
    try:
        connection = await nats.connect(settings.nats_url, connect_timeout=timeout, **ONE_SHOT_CONNECT)
    except Exception:
        return False
    try:
        client = RpcClient(connection, timeout=timeout)
        reply = await client.request_raw(
            health_subject(service), service, b"{}", RpcContext(correlation_id="healthcheck")
        )
        return reply.ok and (reply.result or {}).get("status") == "up"
    except RpcFailure:
        return False
    finally:
        with contextlib.suppress(Exception):
            await connection.close()

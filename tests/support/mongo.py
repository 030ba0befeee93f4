"""Which MongoDB the tests run against, and fixtures handing it out.

Order (DESIGN): ``CITYFIX_TEST_MONGO_URL`` if set (a real MongoDB) → a testcontainers ``mongo:7``
if a Docker daemon answers → the in-process engine (``None``: "use in-process").
Import ``mongo_url`` and ``mongo_client`` into a conftest to use them.
"""

from __future__ import annotations

import gc
import os
import time
import warnings
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager

import pytest

from services.common.mongo import Client, connect, is_in_process, reset_in_process_engine

ENV_VAR = "CITYFIX_TEST_MONGO_URL"
MONGO_IMAGE = "mongo:7"
# Databases the tests create must carry this prefix: mongo_client drops them afterwards.
TEST_DB_PREFIX = "cityfix_test_"


def docker_daemon_answers(timeout: float = 2.0) -> bool:
    """True when a Docker daemon answers a ping; never raises (a bare ``docker`` CLI is not enough)."""
    # The docker SDK leaks the socket of a failed connection attempt; let it be finalised here,
    # silently, rather than surface later as a ResourceWarning in some unrelated test.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        try:
            import docker

            client = docker.from_env(timeout=timeout)
            try:
                return bool(client.ping())
            finally:
                client.close()
        except Exception:
            return False
        finally:
            gc.collect()


@contextmanager
def mongo_container() -> Iterator[str]:
    """Start a throwaway ``mongo:7`` via testcontainers and yield its URL (needs a Docker daemon).

    It runs as a single-node replica set, like the compose stack: our units of work need transactions.
    """
    from pymongo import MongoClient
    from testcontainers.core.container import DockerContainer
    from testcontainers.core.waiting_utils import wait_for_logs

    container = (
        DockerContainer(MONGO_IMAGE).with_command("--replSet rs0 --bind_ip_all").with_exposed_ports(27017)
    )
    with container:
        wait_for_logs(container, "Waiting for connections", timeout=60)
        url = (
            f"mongodb://{container.get_container_host_ip()}:{container.get_exposed_port(27017)}/"
            "?directConnection=true"
        )
        with MongoClient(url) as client:
            client.admin.command(
                "replSetInitiate", {"_id": "rs0", "members": [{"_id": 0, "host": "localhost:27017"}]}
            )
            for _ in range(120):
                if client.admin.command("hello").get("isWritablePrimary"):
                    break
                time.sleep(0.5)
        yield url


@contextmanager
def mongo_url_for_tests() -> Iterator[str | None]:
    """Yield the URL of the MongoDB to test against, or None for the in-process engine."""
    url = os.environ.get(ENV_VAR)
    if url:
        yield url
    elif docker_daemon_answers():
        with mongo_container() as container_url:
            yield container_url
    else:
        yield None


async def supports_transactions(client: Client) -> bool:
    """Transactions need a replica set or mongos on a real server; the in-process engine has them."""
    if is_in_process(client):
        return True
    hello = await client.admin.command("hello")
    return "setName" in hello or hello.get("msg") == "isdbgrid"


async def drop_test_databases(client: Client) -> None:
    for name in await client.list_database_names():
        if name.startswith(TEST_DB_PREFIX):
            await client.drop_database(name)


@pytest.fixture(scope="session")
def mongo_url() -> Iterator[str | None]:
    """The MongoDB URL for this test session (None: in-process engine); a container lives all session."""
    with mongo_url_for_tests() as url:
        yield url


@pytest.fixture
async def mongo_client(mongo_url: str | None) -> AsyncIterator[Client]:
    """A client on the chosen backend, left clean: test databases dropped or the engine reset.

    In-process, the engine is reset before too, so code under test that calls ``connect(None)``
    itself shares this fresh engine.
    """
    if mongo_url is None:
        reset_in_process_engine()
        yield connect(None)
        reset_in_process_engine()
        return
    client = connect(mongo_url)
    try:
        yield client
    finally:
        await drop_test_databases(client)
        await client.close()

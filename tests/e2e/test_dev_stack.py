"""The embedded dev stack as a developer starts it: `cityfix dev --demo`, observed from outside."""

from __future__ import annotations

import json
import os
import signal
import subprocess
from typing import Any

import httpx
import nats
import psutil
from nats.js.api import ConsumerConfig, DeliverPolicy

from services.common.testing import eventually
from services.common.tokens import TokenIssuer, load_private_key
from tests.support.devstack import CITYFIX, DevStack, dev_stack, wait_healthy

PASSWORD = "a long enough admin password 9"

__all__ = ["dev_stack"]
ENVELOPE_FIELDS = {
    "event_id",
    "event_type",
    "schema_version",
    "occurred_at",
    "municipality_id",
    "aggregate_id",
    "sequence",
    "actor",
    "correlation_id",
    "causation_id",
    "data",
}


async def read_events(nats_url: str, until: int) -> list[tuple[str, dict[str, str], dict[str, Any]]]:
    """Everything on CITYFIX_EVENTS, read as an outside system would: plain nats-py, no CityFix code."""
    connection = await nats.connect(nats_url)
    try:
        js = connection.jetstream()
        subscription = await js.subscribe(
            "cityfix.events.>",
            ordered_consumer=True,
            config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL),
        )
        seen: list[tuple[str, dict[str, str], dict[str, Any]]] = []

        async def enough() -> bool:
            try:
                message = await subscription.next_msg(timeout=1)
            except nats.errors.TimeoutError:
                return False
            seen.append((message.subject, dict(message.headers or {}), json.loads(message.data)))
            return len(seen) >= until

        await eventually(enough, timeout=30, interval=0, what=f"{until} events on CITYFIX_EVENTS")
        return seen
    finally:
        await connection.close()


async def find_event(nats_url: str, wanted: Any) -> tuple[str, dict[str, str], dict[str, Any]]:
    """The first event on CITYFIX_EVENTS matching `wanted`, waiting for it if needed."""
    count = 1
    while True:
        events = await read_events(nats_url, until=count)
        for event in events:
            if wanted(event[2]):
                return event
        count = len(events) + 1


async def test_dev_stack_comes_up_seeds_demo_data_and_stops_cleanly(dev_stack: DevStack) -> None:
    health = await wait_healthy(dev_stack)
    assert set(health["services"]) == {
        "auth",
        "admin",
        "geo",
        "tickets",
        "media",
        "notifications",
        "integrations",
    }
    assert all(s["status"] == "up" for s in health["services"].values())
    assert health["services"]["admin"]["checks"]["demo_seed"] is True

    municipality = await find_event(dev_stack.nats_url, lambda e: e["event_type"] == "MunicipalityCreated")
    events = await read_events(
        dev_stack.nats_url, until=11
    )  # the municipality, six categories, four accounts
    municipality_id = municipality[2]["data"]["municipality_id"]
    assert municipality[0] == f"cityfix.events.{municipality_id}.municipality.created"
    assert municipality[2]["data"]["name"] == "Potsdam"
    assert municipality[2]["data"]["boundary"]["type"] == "MultiPolygon"
    categories = [e for e in events if e[2]["event_type"] == "CategoryChanged"]
    assert len(categories) == 6
    for _subject, headers, envelope in [municipality, *categories]:
        assert set(envelope) == ENVELOPE_FIELDS
        assert headers["Nats-Msg-Id"] == envelope["event_id"]
        assert envelope["municipality_id"] == municipality_id
        assert envelope["occurred_at"].endswith("Z")
        assert envelope["sequence"] == 1
        assert envelope["actor"] == {"system": "demo-seed"}
    for subject, _, envelope in categories:
        assert subject == f"cityfix.events.{municipality_id}.category.changed"
        assert envelope["aggregate_id"] == envelope["data"]["category_id"]

    # A request that creates a municipality carries its correlation id into the event, and back.
    issuer = TokenIssuer(load_private_key(dev_stack.data_dir / "jwt-private.pem"))
    token = issuer.access_token("admin-1", "admin", None)
    async with httpx.AsyncClient(base_url=dev_stack.base_url) as http:
        response = await http.post(
            "/api/v1/municipalities",
            json={"name": "Werder (Havel)", "slug": "werder-havel", "reference_prefix": "WER"},
            headers={"Authorization": f"Bearer {token}", "X-Correlation-ID": "t-1"},
        )
    assert response.status_code == 201, response.text
    assert response.headers["X-Correlation-ID"] == "t-1"
    created_id = response.json()["id"]
    created = await find_event(dev_stack.nats_url, lambda e: e["aggregate_id"] == created_id)
    assert created[2]["event_type"] == "MunicipalityCreated"
    assert created[2]["correlation_id"] == "t-1"
    assert created[2]["actor"] == {"user_id": "admin-1", "role": "admin"}

    # SIGTERM stops everything, nats-server included, and leaves no process behind.
    children = psutil.Process(dev_stack.process.pid).children(recursive=True)
    assert any("nats-server" in c.name() for c in children)
    dev_stack.process.send_signal(signal.SIGTERM)
    assert dev_stack.process.wait(timeout=20) == 0, dev_stack.log.read_text()
    _gone, alive = psutil.wait_procs(children, timeout=5)
    assert alive == []
    log = dev_stack.log.read_text()
    assert "Traceback" not in log, log[-4000:]


async def test_users_create_makes_an_admin_from_the_shell(dev_stack: DevStack) -> None:
    await wait_healthy(dev_stack)
    env = {**os.environ, "CITYFIX_NATS_URL": dev_stack.nats_url}
    given = subprocess.run(  # noqa: ASYNC221 - a short CLI call
        [
            str(CITYFIX),
            "users",
            "create",
            "--email",
            "boss@example.org",
            "--role",
            "admin",
            "--password",
            PASSWORD,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert given.returncode == 0, given.stderr
    assert "created admin boss@example.org" in given.stdout
    # Without --password it asks (twice) on the terminal, or on standard input when there is none.
    prompted = subprocess.run(  # noqa: ASYNC221
        [str(CITYFIX), "users", "create", "--email", "second@example.org", "--role", "admin"],
        input=f"{PASSWORD}\n{PASSWORD}\n",
        capture_output=True,
        text=True,
        env=env,
        check=False,
        start_new_session=True,  # no controlling terminal: getpass reads standard input
    )
    assert prompted.returncode == 0, prompted.stderr
    again = subprocess.run(  # noqa: ASYNC221
        [
            str(CITYFIX),
            "users",
            "create",
            "--email",
            "boss@example.org",
            "--role",
            "admin",
            "--password",
            PASSWORD,
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert again.returncode == 1
    assert "user_exists" in again.stderr
    async with httpx.AsyncClient(base_url=dev_stack.base_url) as http:
        for email in ("boss@example.org", "second@example.org"):
            login = await http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
            assert login.status_code == 200, login.text
            assert login.json()["user"]["role"] == "admin"
            assert login.json()["user"]["email_verified"] is True

"""Webhooks end to end (the `world` fixture, a real receiver on 127.0.0.1 that verifies every signature
with the `standardwebhooks` library): every event of the endpoint's municipality and filters arrives
exactly once by `webhook-id` even when the first attempts fail; every attempt is recorded; a replay
re-delivers with the same id; an endpoint that keeps failing is disabled and its owner told; production
mode refuses destinations on loopback, private and link-local addresses, at registration and at delivery.

The retry schedule is shortened here on purpose (three retries 0.1 s apart), and an endpoint is disabled
after two deliveries in a row failed for good.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg

from cityfix_contracts.commands.admin import CreateCategory
from services.common.nats_server import NatsServer
from services.common.settings import Settings
from services.common.testing import eventually
from services.integrations.handlers import IntegrationsDeps
from services.integrations.settings import IntegrationsSettings
from tests.support.mongo import TEST_DB_PREFIX
from tests.support.open311 import integrations_know_world
from tests.support.stack import SYSTEM as SEED
from tests.support.stack import World, world
from tests.support.tickets import reported, worked
from tests.support.webhooks import Receiver, endpoint, running_receiver

__all__ = ["world"]

HOOKS = "/api/v1/webhooks"


@pytest.fixture
def settings(nats_server: NatsServer, mongo_url: str | None) -> Settings:
    """The shared test settings, with a fast webhook retry schedule (said here, on purpose)."""
    return IntegrationsSettings(
        nats_url=nats_server.url,
        mongo_url=mongo_url,
        database_prefix=TEST_DB_PREFIX,
        consumer_max_deliver=3,
        consumer_ack_wait_seconds=2.0,
        consumer_backoff_seconds=0.05,
        outbox_poll_seconds=0.2,
        rpc_timeout_seconds=5.0,
        webhook_retry_seconds=(0.1, 0.1, 0.1),
        webhook_poll_seconds=0.1,
        webhook_timeout_seconds=5.0,
        webhook_disable_after_failed_deliveries=2,
    )


@pytest.fixture
async def receiver() -> AsyncIterator[Receiver]:
    async with running_receiver() as running:
        yield running


def integrations(w: World) -> IntegrationsDeps:
    deps: IntegrationsDeps = w.runtimes["integrations"].deps
    return deps


def in_production(w: World, addresses: dict[str, list[str]] | None = None) -> None:
    """Run the integrations service's handlers and sender in production mode, with DNS answered from
    `addresses` (the resolver is the seam at the network's boundary)."""
    deps = integrations(w)
    production = deps.settings.model_copy(update={"env": "production"})
    deps.settings = production
    assert deps.webhooks is not None
    deps.webhooks.settings = production
    if addresses is not None:

        async def resolve(host: str, port: int) -> list[str]:
            if host in addresses:
                return addresses[host]
            raise OSError(f"unknown host {host}")

        deps.resolve = resolve
        deps.webhooks.resolve = resolve


async def deliveries(w: World, actor: str, endpoint_id: str, **params: Any) -> list[dict[str, Any]]:
    response = await w.http.get(
        f"{HOOKS}/{endpoint_id}/deliveries", params=params, headers=w.person(actor).auth()
    )
    assert response.status_code == 200, response.text
    found: list[dict[str, Any]] = response.json()["data"]
    return found


async def test_every_event_arrives_once_by_webhook_id_after_failed_attempts_and_a_replay_keeps_it(
    world: World, receiver: Receiver
) -> None:
    receiver.fail_first = 2  # the first two attempts of every delivery get a 500
    created = await endpoint(world, "manager_a", receiver, event_types=["TicketCreated"])
    hook = created["endpoint"]
    assert hook["municipality_id"] == world.municipality_a and hook["enabled"] is True
    assert created["secret"].startswith("whsec_") and "secret" not in hook

    tickets_a = [await reported(world, "citizen", "A") for _ in range(3)]
    ticket_b = await reported(world, "citizen", "B")

    async def all_accepted() -> bool:
        return len(receiver.accepted) >= len(tickets_a)

    await eventually(all_accepted, what="every ticket of A delivered")

    # Every delivery is settled: nothing pending remains.
    async def settled() -> list[dict[str, Any]] | None:
        found = await deliveries(world, "manager_a", hook["id"])
        return found if found and all(d["status"] == "delivered" for d in found) else None

    records = await eventually(settled, what="deliveries recorded as delivered")

    assert all(r.verified for r in receiver.requests), "every request carried a valid signature"
    accepted = receiver.accepted_ids()
    assert set(accepted.values()) == {1}, accepted  # each webhook-id accepted exactly once
    delivered_tickets = sorted(r.body["data"]["ticket_id"] for r in receiver.accepted)  # type: ignore[index]
    assert delivered_tickets == sorted(t["id"] for t in tickets_a)
    assert ticket_b["id"] not in str([r.body for r in receiver.requests])  # B's events never reach A
    assert {r.body["event_type"] for r in receiver.requests} == {"TicketCreated"}  # type: ignore[index]
    assert {r.body["municipality_id"] for r in receiver.requests} == {world.municipality_a}  # type: ignore[index]
    for webhook_id in accepted:
        assert receiver.tries[webhook_id] == 3  # two 500s, then accepted
        assert webhook_id == next(
            r.body["event_id"]
            for r in receiver.accepted
            if r.webhook_id == webhook_id  # type: ignore[index]
        )

    assert len(records) == 3
    for record in records:
        assert record["webhook_id"] == record["event_id"] and record["event_type"] == "TicketCreated"
        outcomes = [(a["outcome"], a["status_code"]) for a in record["attempts"]]
        assert outcomes == [("failed", 500), ("failed", 500), ("delivered", 200)]
        failed = record["attempts"][0]
        assert failed["error"] == "HTTP 500" and failed["duration_ms"] >= 0
        assert (
            failed["response_excerpt"].startswith("receiver down") and len(failed["response_excerpt"]) == 1024
        )

    # A replay sends the same webhook-id again, freshly signed.
    chosen = records[0]
    replay = await world.http.post(
        f"{HOOKS}/{hook['id']}/deliveries/{chosen['id']}/replay", headers=world.person("manager_a").auth()
    )
    assert replay.status_code == 202, replay.text
    assert replay.json()["status"] == "pending" and replay.json()["webhook_id"] == chosen["webhook_id"]

    async def replayed() -> bool:
        return receiver.accepted_ids()[chosen["webhook_id"]] == 2

    await eventually(replayed, what="the replay received")
    assert all(r.verified for r in receiver.requests)
    again = [r for r in receiver.accepted if r.webhook_id == chosen["webhook_id"]]
    assert again[0].body == again[1].body  # the same event, byte for byte as parsed
    assert len(receiver.accepted_ids()) == 3  # no other id appeared

    async def recorded() -> dict[str, Any] | None:
        found = {d["id"]: d for d in await deliveries(world, "manager_a", hook["id"])}[chosen["id"]]
        return found if found["status"] == "delivered" and len(found["attempts"]) == 4 else None

    await eventually(recorded, what="the replay's attempt recorded")


async def test_filters_by_event_type_and_category_and_status_filter_of_deliveries(
    world: World, receiver: Receiver
) -> None:
    lamps = await world.rpc.call(
        CreateCategory(municipality_id=world.municipality_a, code="lamp", name="Street lamp"), SEED
    )

    async def lamps_known() -> bool:
        held = await world.runtimes["tickets"].database["categories"].find_one({"_id": lamps.id})
        return bool(held and held.get("sequence"))

    await eventually(lamps_known, what="tickets knows the lamp category")
    # Only status changes, only of A's pothole category.
    created = await endpoint(
        world, "manager_a", receiver, event_types=["StatusChanged"], category_ids=[world.category_a]
    )
    lamp = await reported(world, "citizen", "A", category_id=lamps.id)
    await worked(world, lamp["id"], "manager_a", "status", {"status": "triaged", "note": "Seen."})
    pothole = await reported(world, "citizen", "A")
    await worked(world, pothole["id"], "manager_a", "status", {"status": "triaged", "note": "Seen."})

    async def arrived() -> bool:
        return len(receiver.accepted) >= 1

    await eventually(arrived, what="the pothole's status change delivered")
    body = receiver.accepted[0].body
    assert body is not None and body["event_type"] == "StatusChanged"
    assert body["data"]["ticket_id"] == pothole["id"] and body["data"]["to"] == "triaged"

    # The lamp's status change was handled by the webhooks consumer and queued for no one.
    integrations_db = world.runtimes["integrations"].database

    async def lamp_change_handled() -> bool:
        change = await integrations_db["ticket_updates"].find_one({"ticket_id": lamp["id"]})
        if change is None:
            return False
        return bool(
            await integrations_db["inbox"].find_one(
                {"consumer": "integrations-webhooks", "event_id": change["_id"]}
            )
        )

    await eventually(lamp_change_handled, what="the lamp's status change handled")
    delivered = await deliveries(world, "manager_a", created["endpoint"]["id"], status="delivered")
    assert [d["event_type"] for d in delivered] == ["StatusChanged"]
    assert lamp["id"] not in str(delivered) and len(receiver.requests) == 1
    assert await deliveries(world, "manager_a", created["endpoint"]["id"], status="failed") == []

    unknown = await world.http.post(
        HOOKS,
        json={"url": receiver.url, "event_types": ["TicketCreated", "PasswordResetRequested"]},
        headers=world.person("manager_a").auth(),
    )
    assert unknown.status_code == 422 and unknown.json()["error"]["code"] == "unknown_event_type"
    assert unknown.json()["error"]["details"]["unknown"] == ["PasswordResetRequested"]  # private: never
    foreign = await world.http.post(
        HOOKS,
        json={"url": receiver.url, "category_ids": [world.category_b]},
        headers=world.person("manager_a").auth(),
    )
    assert foreign.status_code == 422 and foreign.json()["error"]["code"] == "unknown_category"


async def test_an_endpoint_failing_for_good_is_disabled_its_owner_told_and_replayable_once_enabled(
    world: World, receiver: Receiver, nats_client: NatsClient
) -> None:
    receiver.always_fail = True
    disabled_events: list[bytes] = []

    async def collect(message: Msg) -> None:
        disabled_events.append(message.data)

    subscription = await nats_client.subscribe(
        f"cityfix.events.{world.municipality_a}.webhook_endpoint.disabled",
        cb=collect,
    )
    created = await endpoint(world, "manager_a", receiver, event_types=["TicketCreated"])
    hook_id = created["endpoint"]["id"]
    await reported(world, "citizen", "A")
    await reported(world, "citizen", "A")

    async def disabled() -> dict[str, Any] | None:
        response = await world.http.get(f"{HOOKS}/{hook_id}", headers=world.person("manager_a").auth())
        found: dict[str, Any] = response.json()
        return found if found["enabled"] is False else None

    shown = await eventually(disabled, what="the endpoint disabled")
    assert (
        "2 deliveries in a row failed" in shown["disabled_reason"] and "HTTP 500" in shown["disabled_reason"]
    )
    failed = await deliveries(world, "manager_a", hook_id, status="failed")
    assert len(failed) == 2 and all(len(d["attempts"]) == 4 for d in failed)  # first try and 3 retries

    async def announced() -> bool:
        return bool(disabled_events)

    await eventually(announced, what="WebhookEndpointDisabled published")
    await subscription.unsubscribe()
    event = disabled_events[0].decode()
    assert world.person("manager_a").id in event and hook_id in event
    assert receiver.url not in event and "whsec_" not in event  # neither the URL nor the secret

    # The notifications service tells the owner by email (queued; the world has no SMTP server).
    owner = world.person("manager_a")

    async def owner_told() -> dict[str, Any] | None:
        found: dict[str, Any] | None = (
            await world.runtimes["notifications"]
            .database["deliveries"]
            .find_one({"recipient": owner.id, "kind": "webhook_endpoint_disabled"})
        )
        return found

    mail = await eventually(owner_told, what="the owner's email queued")
    assert mail["to_address"] == owner.email and hook_id in mail["text"]

    # Disabled: a replay is refused until a manager enables it again; then it is delivered.
    headers = world.person("manager_a").auth()
    refused = await world.http.post(f"{HOOKS}/{hook_id}/deliveries/{failed[0]['id']}/replay", headers=headers)
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "webhook_endpoint_disabled"
    enabled = await world.http.patch(f"{HOOKS}/{hook_id}", json={"enabled": True}, headers=headers)
    assert enabled.status_code == 200 and enabled.json()["enabled"] is True
    assert enabled.json()["disabled_reason"] is None
    receiver.always_fail = False
    replay = await world.http.post(f"{HOOKS}/{hook_id}/deliveries/{failed[0]['id']}/replay", headers=headers)
    assert replay.status_code == 202, replay.text

    async def delivered() -> bool:
        return receiver.accepted_ids()[failed[0]["webhook_id"]] == 1

    await eventually(delivered, what="the replay after enabling delivered")


async def test_production_refuses_loopback_private_and_link_local_destinations(
    world: World, receiver: Receiver
) -> None:
    await endpoint(world, "manager_a", receiver)  # development: a local receiver is fine
    in_production(
        world,
        {
            "hooks.example.org": ["10.1.2.3"],
            "metadata.example.org": ["169.254.169.254"],
            "mixed.example.org": ["93.184.215.14", "fd00::1"],
            "works.example.org": ["93.184.215.14"],
        },
    )
    headers = world.person("manager_a").auth()
    for url in (
        receiver.url,  # http, and 127.0.0.1
        receiver.url.replace("http://", "https://"),  # https, but 127.0.0.1
        "https://[::1]/hook",
        "https://hooks.example.org/hook",
        "https://metadata.example.org/latest",
        "https://mixed.example.org/hook",
        "https://0.0.0.0/hook",
        "https://user:pw@works.example.org/hook",
        "ftp://works.example.org/hook",
    ):
        response = await world.http.post(HOOKS, json={"url": url}, headers=headers)
        assert response.status_code == 422, (url, response.text)
        error = response.json()["error"]
        assert error["code"] == "destination_refused" and error["message"], url
    accepted = await world.http.post(HOOKS, json={"url": "https://works.example.org/hook"}, headers=headers)
    assert accepted.status_code == 201, accepted.text


async def test_production_checks_the_destination_again_at_delivery_time(world: World) -> None:
    addresses = {"works.example.org": ["93.184.215.14"]}
    in_production(world, addresses)
    await integrations_know_world(world)
    created = await world.http.post(
        HOOKS,
        json={"url": "https://works.example.org/hook", "event_types": ["TicketCreated"]},
        headers=world.person("manager_a").auth(),
    )
    assert created.status_code == 201, created.text
    addresses["works.example.org"] = ["10.0.0.7"]  # DNS changed after registration
    await reported(world, "citizen", "A")

    async def refused_attempt() -> dict[str, Any] | None:
        found = await deliveries(world, "manager_a", created.json()["endpoint"]["id"])
        attempts = found[0]["attempts"] if found else []
        return attempts[0] if attempts else None

    attempt = await eventually(refused_attempt, what="a refused attempt recorded")
    assert attempt["outcome"] == "refused" and attempt["status_code"] is None
    assert "10.0.0.7" in attempt["error"] and "non-public" in attempt["error"]


async def test_secret_rotation_test_ping_and_tenancy(world: World, receiver: Receiver) -> None:
    created = await endpoint(world, "manager_a", receiver)
    hook_id = created["endpoint"]["id"]
    old_secret = created["secret"]
    headers = world.person("manager_a").auth()

    listed = await world.http.get(HOOKS, headers=headers)
    assert listed.status_code == 200 and [e["id"] for e in listed.json()["data"]] == [hook_id]
    assert "whsec_" not in listed.text
    stored = await world.runtimes["integrations"].database["webhook_endpoints"].find_one({"_id": hook_id})
    assert stored["secret"] == old_secret  # kept to sign with

    rotated = await world.http.post(f"{HOOKS}/{hook_id}/rotate-secret", headers=headers)
    assert rotated.status_code == 200 and rotated.json()["secret"] != old_secret
    receiver.secret = rotated.json()["secret"]
    ping = await world.http.post(f"{HOOKS}/{hook_id}/test", headers=headers)
    assert ping.status_code == 202 and ping.json()["event_type"] == "webhook.test"

    async def pinged() -> bool:
        return any(r.body and r.body.get("type") == "webhook.test" for r in receiver.accepted)

    await eventually(pinged, what="the test ping verified with the new secret")

    # Another municipality's manager sees none of it; an admin does.
    other = world.person("manager_b").auth()
    for method, path in (
        ("GET", f"{HOOKS}/{hook_id}"),
        ("PATCH", f"{HOOKS}/{hook_id}"),
        ("DELETE", f"{HOOKS}/{hook_id}"),
        ("GET", f"{HOOKS}/{hook_id}/deliveries"),
        ("POST", f"{HOOKS}/{hook_id}/rotate-secret"),
        ("POST", f"{HOOKS}/{hook_id}/test"),
    ):
        response = await world.http.request(
            method, path, headers=other, json={} if method == "PATCH" else None
        )
        assert response.status_code == 404, (method, path, response.text)
        assert receiver.url not in response.text
    assert (await world.http.get(HOOKS, headers=other)).json()["data"] == []
    assert (
        await world.http.get(HOOKS, params={"municipality_id": world.municipality_a}, headers=other)
    ).status_code == 403
    as_admin = await world.http.get(f"{HOOKS}/{hook_id}", headers=world.person("admin").auth())
    assert as_admin.status_code == 200 and as_admin.json()["url"] == receiver.url
    deleted = await world.http.delete(f"{HOOKS}/{hook_id}", headers=headers)
    assert deleted.status_code == 204
    assert (await world.http.get(f"{HOOKS}/{hook_id}", headers=headers)).status_code == 404

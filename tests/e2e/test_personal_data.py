"""A citizen's personal data: exported on request, and gone everywhere once the account is deleted."""

from __future__ import annotations

import json
import uuid
from typing import Any

import nats
from nats.aio.client import Client as NatsClient
from nats.js.api import ConsumerConfig, DeliverPolicy

from cityfix_contracts.subjects import EVENTS_STREAM, PRIVATE_STREAM
from services.common.testing import eventually
from tests.support.stack import PASSWORD, World, world

__all__ = ["world"]


async def stream_messages(nats_client: NatsClient, stream: str, subject: str) -> list[bytes]:
    js = nats_client.jetstream()
    info = await js.stream_info(stream)
    if info.state.messages == 0:
        return []
    subscription = await js.subscribe(
        subject, stream=stream, ordered_consumer=True, config=ConsumerConfig(deliver_policy=DeliverPolicy.ALL)
    )
    found: list[bytes] = []
    try:
        while True:
            try:
                message = await subscription.next_msg(timeout=1)
            except nats.errors.TimeoutError:
                break
            found.append(message.data)
            if message.metadata.num_pending == 0:
                break
    finally:
        await subscription.unsubscribe()
    return found


async def every_document(world: World) -> list[tuple[str, str, dict[str, Any]]]:
    documents = []
    for name, runtime in world.runtimes.items():
        database = runtime.database
        for collection in await database.list_collection_names():
            async for document in database[collection].find({}):
                documents.append((name, collection, document))
    return documents


async def test_export_then_delete_leaves_no_trace(world: World, nats_client: NatsClient) -> None:
    marker = uuid.uuid4().hex[:10]
    email = f"ingrid.{marker}@example.org"
    full_name = f"Ingrid Vanishing{marker}"
    phone = "+49 331 555 0199"
    http = world.http

    registered = await http.post(
        "/api/v1/auth/register", json={"email": email, "password": PASSWORD, "full_name": full_name}
    )
    assert registered.status_code == 201, registered.text
    user_id = registered.json()["id"]
    login = await http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert login.status_code == 200, login.text
    token = login.json()["access_token"]
    auth = {"Authorization": f"Bearer {token}"}
    assert (await http.patch("/api/v1/auth/me", json={"phone": phone}, headers=auth)).status_code == 200

    exported = await http.get("/api/v1/auth/me/export", headers=auth)
    assert exported.status_code == 200, exported.text
    export = exported.json()
    assert export["user"]["email"] == email
    assert export["user"]["full_name"] == full_name
    assert phone in json.dumps(export)
    assert "$argon2" not in exported.text

    # The private stream held their personal data until now (the verification email, their details).
    private_before = await stream_messages(nats_client, PRIVATE_STREAM, f"cityfix.private.{user_id}.>")
    assert any(email.encode() in m for m in private_before)

    deleted = await http.delete("/api/v1/auth/me", headers=auth)
    assert deleted.status_code == 204, deleted.text

    async def token_refused() -> bool:
        return (await http.get("/api/v1/auth/me", headers=auth)).status_code == 401

    await eventually(token_refused, what="the deleted account's token refused")
    relogin = await http.post("/api/v1/auth/login", json={"email": email, "password": PASSWORD})
    assert relogin.status_code == 401
    admin = world.person("admin")
    answer = await http.get(f"/api/v1/users/{user_id}", headers=admin.auth())
    assert answer.status_code == 404
    listing = await http.get("/api/v1/users", params={"role": "citizen"}, headers=admin.auth())
    assert listing.status_code == 200
    assert email not in listing.text and full_name not in listing.text

    needles = (email, full_name, phone, email.split("@")[0])

    async def no_private_messages() -> bool:
        return not await stream_messages(nats_client, PRIVATE_STREAM, f"cityfix.private.{user_id}.>")

    await eventually(no_private_messages, what="the private stream purged of the deleted user")
    for raw in await stream_messages(nats_client, PRIVATE_STREAM, "cityfix.private.>"):
        assert not any(n.encode() in raw for n in needles)
    public = await stream_messages(nats_client, EVENTS_STREAM, "cityfix.events.>")
    assert any(b"AccountDeleted" in m and user_id.encode() in m for m in public)
    for raw in public:
        assert not any(n.encode() in raw for n in needles), raw

    for service, collection, document in await every_document(world):
        text = json.dumps(document, default=str)
        assert not any(n in text for n in needles), (service, collection, document)

"""Tenant-scoped, read-only NATS users for outside systems, against a real nats-server started with the
generated configuration (issue 9's acceptance): city A's subscriber receives A's events through its own
durable consumer, replays from a point in time, and is refused B's events, the private stream, another
user's durable consumer and every publish; the services' own user keeps full access."""

from __future__ import annotations

import importlib.util
import re
import uuid
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from types import ModuleType
from typing import Any

import bcrypt
import nats
import pytest
from nats.aio.client import Client as NatsClient
from nats.js.api import ConsumerConfig

from cityfix_contracts import RpcContext, SystemActor, UserActor
from cityfix_contracts.commands.integrations import IssueNatsUser
from cityfix_contracts.envelope import envelope_for, envelope_json
from cityfix_contracts.events.municipalities import MunicipalityCreated
from cityfix_contracts.subjects import EVENTS_STREAM, PRIVATE_STREAM
from services.cli.nats_users import issue_nats_user
from services.common.nats_auth import (
    SERVICES_PASSWORD_VARIABLE,
    SERVICES_USER,
    SubscriberUser,
    read_subscribers,
    render_users_config,
    write_users_config,
)
from services.common.nats_server import NatsServer
from services.common.rpc import RpcClient, RpcFailure
from services.common.streams import ensure_streams
from services.common.testing import eventually
from services.integrations.documents import NatsUserDocument
from services.integrations.service import spec as integrations_spec

EXAMPLE = Path(__file__).resolve().parents[3] / "docs" / "examples" / "subscriber.py"
SERVICES_PASSWORD = "services-secret-for-this-test"
CITY_A, CITY_B = "mun-a", "mun-b"
PASSWORDS = {"potsdam-gis": "a-password", "cottbus-crm": "b-password"}  # what each outside system was shown
USER_A = SubscriberUser.with_password("potsdam-gis", PASSWORDS["potsdam-gis"], CITY_A)
USER_B = SubscriberUser.with_password("cottbus-crm", PASSWORDS["cottbus-crm"], CITY_B)


def example() -> ModuleType:
    """docs/examples/subscriber.py, the consumer docs/events.md shows."""
    spec = importlib.util.spec_from_file_location("cityfix_example_subscriber", EXAMPLE)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture
def secured_server(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[NatsServer]:
    users = tmp_path / "config" / "nats-users.conf"
    write_users_config(users, USER_A)
    write_users_config(users, USER_B)
    monkeypatch.setenv(SERVICES_PASSWORD_VARIABLE, SERVICES_PASSWORD)
    server = NatsServer(tmp_path / "nats", log_file=tmp_path / "nats.log", users_config=users)
    server.start()
    yield server
    server.stop()


@pytest.fixture
async def services(secured_server: NatsServer) -> AsyncIterator[NatsClient]:
    """The services' own connection, as they make it: the user and password in CITYFIX_NATS_URL."""
    url = secured_server.url.replace("nats://", f"nats://{SERVICES_USER}:{SERVICES_PASSWORD}@")
    client = await nats.connect(url)
    await ensure_streams(client.jetstream())
    yield client
    await client.drain()


class Subscriber:
    """A plain nats-py connection as one subscriber user, collecting the server's permission errors."""

    def __init__(self, user: SubscriberUser, password: str | None = None) -> None:
        self.user = user
        self.password = password or PASSWORDS[user.user]
        self.errors: list[str] = []
        self.client: NatsClient | None = None

    async def connect(self, url: str) -> NatsClient:
        async def on_error(error: Exception) -> None:
            self.errors.append(str(error))

        self.client = await nats.connect(
            url,
            user=self.user.user,
            password=self.password,
            inbox_prefix=f"_INBOX_{self.user.user}",
            error_cb=on_error,
            allow_reconnect=False,
        )
        return self.client

    async def refused(self, subject: str) -> None:
        """Wait until the server has reported a permissions violation naming `subject`."""

        async def seen() -> bool:
            return any(
                "permissions violation" in e and subject.lower() in e for e in map(str.lower, self.errors)
            )

        await eventually(seen, what=f"a permissions violation for {subject} (seen: {self.errors})")


async def publish_municipality(services: NatsClient, municipality_id: str, name: str) -> str:
    data = MunicipalityCreated(
        municipality_id=municipality_id, name=name, slug=name.lower(), reference_prefix="REF"
    )
    envelope = envelope_for(
        data,
        aggregate_id=f"{municipality_id}-{uuid.uuid4()}",
        sequence=1,
        actor=SystemActor(system="test"),
        correlation_id=str(uuid.uuid4()),
        municipality_id=municipality_id,
    )
    await services.jetstream().publish(envelope.subject, envelope_json(envelope), headers=envelope.headers())
    return envelope.event_id


async def received_by_example(
    server: NatsServer, user: SubscriberUser, password: str | None = None, **options: Any
) -> list[dict[str, Any]]:
    events: list[dict[str, Any]] = []

    async def handle(event: dict[str, Any]) -> None:
        events.append(event)

    await example().follow(
        server.url,
        user.user,
        password or PASSWORDS[user.user],
        user.municipality_id,
        handle,
        stop_when_idle=True,
        **options,
    )
    return events


def test_the_generated_file_reads_back_and_replaces_a_user_of_the_same_name(tmp_path: Path) -> None:
    users = tmp_path / "nats-users.conf"
    write_users_config(users, USER_A)
    write_users_config(users, USER_B)
    renewed = SubscriberUser.with_password(USER_A.user, "renewed", CITY_A)
    write_users_config(users, renewed)
    assert sorted(read_subscribers(users), key=lambda u: u.user) == [USER_B, renewed]
    assert users.stat().st_mode & 0o077 == 0  # holds password hashes: its owner's only
    # No password is written down: nats-server checks each against its bcrypt hash.
    text = users.read_text()
    assert not any(password in text for password in [*PASSWORDS.values(), "renewed"])
    assert bcrypt.checkpw(b"renewed", renewed.password_hash.encode())
    assert not bcrypt.checkpw(PASSWORDS[USER_A.user].encode(), renewed.password_hash.encode())


async def test_a_subscriber_receives_its_citys_events_and_replays_from_a_point_in_time(
    secured_server: NatsServer, services: NatsClient
) -> None:
    first_a = [await publish_municipality(services, CITY_A, f"A{i}") for i in range(3)]
    b_event = await publish_municipality(services, CITY_B, "B")

    received = await received_by_example(secured_server, USER_A)
    assert [e["event_id"] for e in received] == first_a  # in stream order; nothing of B
    assert all(e["municipality_id"] == CITY_A for e in received) and b_event not in str(received)

    # The durable consumer remembers the acknowledgements: nothing again on the next run.
    assert await received_by_example(secured_server, USER_A) == []

    between = datetime.now(UTC)
    later_a = [await publish_municipality(services, CITY_A, f"A-later{i}") for i in range(2)]
    assert [e["event_id"] for e in await received_by_example(secured_server, USER_A)] == later_a

    # Replay from a point in time: exactly what was stored since then, again.
    replayed = await received_by_example(secured_server, USER_A, start_time=between)
    assert [e["event_id"] for e in replayed] == later_a
    everything = await received_by_example(
        secured_server, USER_A, start_time=datetime(2020, 1, 1, tzinfo=UTC)
    )
    assert [e["event_id"] for e in everything] == first_a + later_a


async def test_a_subscriber_is_refused_other_cities_the_private_stream_and_publishing(
    secured_server: NatsServer, services: NatsClient
) -> None:
    await publish_municipality(services, CITY_B, "B")
    await services.jetstream().publish("cityfix.private.user-1.user.registered", b"{}")
    events_before = (await services.jetstream().stream_info(EVENTS_STREAM)).state.messages

    subscriber = Subscriber(USER_A)
    client = await subscriber.connect(secured_server.url)
    js = client.jetstream(timeout=1)
    try:
        # B's events through its own durable consumer: the filter is part of the permitted subject.
        b_filter = ConsumerConfig(
            name=USER_A.user, durable_name=USER_A.user, filter_subject="cityfix.events.mun-b.>"
        )
        with pytest.raises(Exception):  # noqa: B017,PT011 - the server drops it: no reply comes
            await js.add_consumer(EVENTS_STREAM, b_filter)
        await subscriber.refused(
            f"$JS.API.CONSUMER.CREATE.{EVENTS_STREAM}.{USER_A.user}.cityfix.events.mun-b.>"
        )

        # Every event, unfiltered.
        unfiltered = ConsumerConfig(name=USER_A.user, durable_name=USER_A.user)
        with pytest.raises(Exception):  # noqa: B017,PT011
            await js.add_consumer(EVENTS_STREAM, unfiltered)
        await subscriber.refused(f"$JS.API.CONSUMER.CREATE.{EVENTS_STREAM}.{USER_A.user}")

        # Another user's durable consumer (B's name), even with A's filter.
        other = ConsumerConfig(
            name=USER_B.user, durable_name=USER_B.user, filter_subject="cityfix.events.mun-a.>"
        )
        with pytest.raises(Exception):  # noqa: B017,PT011
            await js.add_consumer(EVENTS_STREAM, other)
        await subscriber.refused(f"$JS.API.CONSUMER.CREATE.{EVENTS_STREAM}.{USER_B.user}.")

        # The private stream, in any way.
        private = ConsumerConfig(
            name=USER_A.user, durable_name=USER_A.user, filter_subject="cityfix.private.>"
        )
        with pytest.raises(Exception):  # noqa: B017,PT011
            await js.add_consumer(PRIVATE_STREAM, private)
        await subscriber.refused(f"$JS.API.CONSUMER.CREATE.{PRIVATE_STREAM}.")
        with pytest.raises(Exception):  # noqa: B017,PT011
            await js.stream_info(PRIVATE_STREAM)
        await subscriber.refused(f"$JS.API.STREAM.INFO.{PRIVATE_STREAM}")

        # Core subscriptions to events or private subjects, and a service's request/reply.
        await client.subscribe("cityfix.events.mun-b.>")
        await subscriber.refused('Subscription to "cityfix.events.mun-b.>"')
        await client.subscribe("cityfix.private.>")
        await subscriber.refused('Subscription to "cityfix.private.>"')
        await client.publish("cityfix.rpc.tickets.get_ticket", b"{}")
        await subscriber.refused("cityfix.rpc.tickets.get_ticket")

        # Publishing an event, even of its own city, or deleting the stream.
        await client.publish("cityfix.events.mun-a.municipality.created", b"{}")
        await subscriber.refused("cityfix.events.mun-a.municipality.created")
        await client.publish(f"$JS.API.STREAM.DELETE.{EVENTS_STREAM}", b"")
        await subscriber.refused(f"$JS.API.STREAM.DELETE.{EVENTS_STREAM}")
        await client.flush()
    finally:
        await client.close()

    assert (await services.jetstream().stream_info(EVENTS_STREAM)).state.messages == events_before
    # The services' own user is unaffected: it still reads the private stream.
    assert (await services.jetstream().stream_info(PRIVATE_STREAM)).state.messages == 1


async def test_the_cli_issues_a_user_that_reads_its_citys_events_after_a_reload(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, run_service: Any, capsys: pytest.CaptureFixture[str]
) -> None:
    """The whole path: services on the secured server, `cityfix integrations nats-user` asks the
    integrations service (by slug), writes the include, the server reloads, the new user follows A."""
    users = tmp_path / "config" / "nats-users.conf"
    users.parent.mkdir()
    users.write_text(render_users_config([]))  # the services' user only
    monkeypatch.setenv(SERVICES_PASSWORD_VARIABLE, SERVICES_PASSWORD)
    server = NatsServer(tmp_path / "secured", log_file=tmp_path / "secured.log", users_config=users)
    server.start()
    try:
        url = server.url.replace("nats://", f"nats://{SERVICES_USER}:{SERVICES_PASSWORD}@")
        await run_service(integrations_spec, nats_url=url)  # it creates the streams as the services' user
        services = await nats.connect(url)
        try:
            event_a = await publish_municipality(services, CITY_A, "Potsdam")
            await publish_municipality(services, CITY_B, "Cottbus")
            monkeypatch.setenv("CITYFIX_NATS_URL", url)

            async def issued() -> bool:  # once the service has projected Potsdam
                return await issue_nats_user("potsdam", "potsdam-gis", users) == 0

            await eventually(issued, what="the CLI issued the user")
            (user,) = read_subscribers(users)
            assert (user.user, user.municipality_id) == ("potsdam-gis", CITY_A)
            shown = re.findall(r"^  password: +(\S+)$", capsys.readouterr().out, re.MULTILINE)
            assert len(shown) == 1
            password = shown[0]  # shown this once; neither the file nor the service keeps it
            assert password not in users.read_text()
            assert bcrypt.checkpw(password.encode(), user.password_hash.encode())
            stored = await NatsUserDocument.get("potsdam-gis")
            assert stored is not None and password not in stored.model_dump_json()

            # Nobody but the platform's own tools: not an admin, not an Open311 key, not a visitor.
            rpc = RpcClient(services, timeout=5)
            for actor in (UserActor(user_id="admin-1", role="admin"), SystemActor(system="open311:key-1")):
                ctx = RpcContext(correlation_id=str(uuid.uuid4()), actor=actor)
                with pytest.raises(RpcFailure) as refused:
                    await rpc.call(IssueNatsUser(municipality="potsdam", name="sneaky"), ctx)
                assert refused.value.error.code == "system_only"
            with pytest.raises(RpcFailure):
                await rpc.call(
                    IssueNatsUser(municipality="potsdam", name="sneaky"), RpcContext(correlation_id="c")
                )
            assert await NatsUserDocument.get("sneaky") is None

            # Another municipality may not take the name; the file keeps the first user.
            assert await issue_nats_user("cottbus", "potsdam-gis", users) == 1
            assert read_subscribers(users) == [user]

            server.reload()

            async def follows() -> list[dict[str, Any]] | None:
                try:
                    return await received_by_example(server, user, password)
                except Exception:
                    return None

            received = await eventually(follows, what="the new user reads A's events")
            assert received is not None and [e["event_id"] for e in received] == [event_a]
        finally:
            await services.drain()
    finally:
        server.stop()

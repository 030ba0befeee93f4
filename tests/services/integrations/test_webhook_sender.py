"""The webhook sender's attempt, at the network's boundary (a mock transport, a fake resolver): in
production it connects to the address it checked, not to whatever DNS answers next, while the Host
header and TLS still name the URL's host; the signature verifies; redirects are not followed."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import UTC, datetime, timedelta

import httpx
import pytest
from standardwebhooks import Webhook

from cityfix_contracts import utc_now
from services.common.mongo import Client, init_documents
from services.common.service import ServiceRuntime
from services.integrations.documents import DOCUMENTS, WebhookDeliveryDocument, WebhookEndpointDocument
from services.integrations.service import spec
from services.integrations.settings import IntegrationsSettings
from services.integrations.webhook_domain import new_signing_secret
from services.integrations.webhook_sender import Attempt, WebhookSender, pinned_request
from tests.support.mongo import TEST_DB_PREFIX

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
async def documents(mongo_client: Client) -> None:
    """The service's documents bound to a database (the attempts themselves read and write nothing)."""
    await init_documents(mongo_client, f"{TEST_DB_PREFIX}integrations", DOCUMENTS)


def settings(env: str) -> IntegrationsSettings:
    return IntegrationsSettings().model_copy(update={"env": env})


def endpoint(url: str, secret: str) -> WebhookEndpointDocument:
    return WebhookEndpointDocument(
        id="wh-1",
        municipality_id="m-1",
        url=url,
        secret=secret,
        created_at=NOW,
        created_by="u-1",
        updated_at=NOW,
    )


def delivery() -> WebhookDeliveryDocument:
    return WebhookDeliveryDocument(
        id="d-1",
        endpoint_id="wh-1",
        municipality_id="m-1",
        event_id="e-1",
        event_type="TicketCreated",
        webhook_id="e-1",
        payload='{"event_id":"e-1"}',
        created_at=NOW,
    )


def test_pinned_requests_keep_the_host_name() -> None:
    url, headers, extensions = pinned_request("https://works.example.org:8443/hook?x=1", "93.184.215.14")
    assert str(url) == "https://93.184.215.14:8443/hook?x=1"
    assert headers == {"host": "works.example.org:8443"} and extensions == {
        "sni_hostname": "works.example.org"
    }
    v6, _, _ = pinned_request("https://works.example.org/hook", "2606:4700:4700::1111")
    assert str(v6) == "https://[2606:4700:4700::1111]/hook"
    unpinned = pinned_request("http://127.0.0.1:8080/hook", None)
    assert str(unpinned[0]) == "http://127.0.0.1:8080/hook" and unpinned[1:] == ({}, {})


async def test_production_attempts_go_to_the_checked_address() -> None:
    seen: list[httpx.Request] = []
    answers = iter(["93.184.215.14"])  # DNS answers once with a public address, later with a private one

    async def resolve(host: str, port: int) -> list[str]:
        return [next(answers, "10.0.0.7")]

    def receiver(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, stream=httpx.ByteStream(b"ok"))  # streamed, as from the network

    secret = new_signing_secret()
    sender = WebhookSender(
        lambda: None,  # type: ignore[arg-type,return-value]  # attempts need no unit of work
        settings("production"),
        resolve=resolve,
        transport=httpx.MockTransport(receiver),
    )
    async with sender.sending():
        delivered = await sender.attempt(endpoint("https://works.example.org/hook", secret), delivery())
        refused = await sender.attempt(endpoint("https://works.example.org/hook", secret), delivery())

    assert delivered.outcome == "delivered" and delivered.status_code == 200
    (request,) = seen  # the second attempt was refused before anything was sent
    assert request.url.host == "93.184.215.14" and request.headers["host"] == "works.example.org"
    assert request.extensions["sni_hostname"] == "works.example.org"
    Webhook(secret).verify(request.content, dict(request.headers))
    assert request.headers["webhook-id"] == "e-1"
    assert refused.outcome == "refused" and refused.error and "10.0.0.7" in refused.error


async def test_redirects_are_not_followed_and_count_as_failures() -> None:
    seen: list[str] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        seen.append(str(request.url))
        moved = httpx.ByteStream(b"moved")
        return httpx.Response(307, headers={"location": "http://169.254.169.254/latest"}, stream=moved)

    sender = WebhookSender(
        lambda: None,  # type: ignore[arg-type,return-value]
        IntegrationsSettings(),  # development: http to a local receiver is fine
        transport=httpx.MockTransport(receiver),
    )
    async with sender.sending():
        attempt = await sender.attempt(endpoint("http://127.0.0.1:9/hook", new_signing_secret()), delivery())
    assert seen == ["http://127.0.0.1:9/hook"]
    assert attempt.outcome == "failed" and attempt.status_code == 307 and attempt.error == "HTTP 307"
    assert attempt.response_excerpt == "moved"


async def test_a_sender_that_dies_holding_a_delivery_leaves_it_due_again_after_its_lease(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
) -> None:
    runtime = await run_service(spec)
    start = utc_now() + timedelta(days=1)  # ahead of the service's own sender, which uses the real clock
    secret = new_signing_secret()
    await endpoint("http://127.0.0.1:9/hook", secret).insert()
    queued = delivery()
    queued.next_attempt_at = start
    await queued.insert()
    seen: list[httpx.Request] = []

    def receiver(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, stream=httpx.ByteStream(b"ok"))

    def sender_at(moment: datetime) -> WebhookSender:
        return WebhookSender(
            runtime.unit_of_work,
            IntegrationsSettings(),
            clock=lambda: moment,
            transport=httpx.MockTransport(receiver),
        )

    dying = sender_at(start)
    (taken,) = await dying.take_due()  # … and the process dies before sending
    lease = dying.lease
    assert await sender_at(start + lease / 2).take_due() == []  # still held

    successor = sender_at(start + lease + timedelta(seconds=1))
    async with successor.sending():
        assert await successor.send_due() == 1
    (request,) = seen
    assert request.headers["webhook-id"] == "e-1"
    Webhook(secret).verify(request.content, dict(request.headers))

    # The dead sender's late outcome (had it lived) is not recorded over the successor's.
    late = Attempt(start, "failed", 1.0, 500, "HTTP 500")
    await dying.record(endpoint("http://127.0.0.1:9/hook", secret), taken, late)
    stored = await WebhookDeliveryDocument.get("d-1")
    assert stored is not None and stored.status == "delivered"
    assert [a["outcome"] for a in stored.attempts] == ["delivered"]

"""Sends queued webhook deliveries: the loop beside the integrations service's handlers.

The consumer (webhook_events.py) only queues a delivery per matching endpoint inside its unit of work, so
a slow or broken receiver never holds up the stream. This loop takes due deliveries (moving
`next_attempt_at` ahead under a fresh `lease_id`, compare-and-set, so two replicas never send the same
delivery at once and a process that dies mid-send leaves it due again), checks the destination once more
(DNS may have changed since registration), signs the body with the endpoint's secret (Standard
Webhooks: `webhook-id`, `webhook-timestamp`, `webhook-signature`), POSTs it without following redirects,
and records the attempt: delivered on a 2xx, otherwise tried again on the retry schedule until it has
failed for good. An endpoint whose deliveries keep failing for good is disabled, and
WebhookEndpointDisabled tells its owner — in the same unit of work that records the last failure.

What no one can avoid: a crash after the receiver took a delivery but before the outcome is recorded
sends it once more, with the same `webhook-id`, which is why receivers deduplicate by it.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

import httpx
from pymongo import ReturnDocument
from standardwebhooks import Webhook

from cityfix_contracts import DomainError, SystemActor, envelope_for, utc_now
from cityfix_contracts.events.webhooks import WebhookEndpointDisabled
from services.common.context import new_correlation_id
from services.common.leased import LeasedWork, session_of
from services.common.logs import get_logger
from services.common.uow import UnitOfWork

from .documents import WebhookDeliveryDocument, WebhookEndpointDocument
from .settings import IntegrationsSettings
from .webhook_domain import (
    EXCERPT_BYTES,
    KEPT_ATTEMPTS,
    check_addresses,
    destination,
    next_attempt,
    should_disable,
)

log = get_logger("cityfix.integrations.webhooks")

USER_AGENT = "CityFix-Webhooks/1"
SYSTEM = SystemActor(system="integrations")

Resolver = Callable[[str, int], Awaitable[list[str]]]


async def resolve_host(host: str, port: int) -> list[str]:
    """Every address `host` resolves to (a literal address resolves to itself)."""
    infos = await asyncio.get_running_loop().getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


async def check_destination(url: str, *, development: bool, resolve: Resolver) -> str | None:
    """Refuse a URL CityFix must not send to (DomainError `destination_refused`); otherwise the checked
    address to connect to. In development mode http and local addresses are allowed, so a receiver on
    this machine can be used, and nothing is resolved here (None)."""
    target = destination(url, development=development)
    if development:
        return None
    try:
        addresses = await resolve(target.host, target.port)
    except OSError as exc:
        raise DomainError(
            "invalid",
            "destination_refused",
            f"The host {target.host} could not be resolved ({exc}); check the URL.",
            {"url": url, "host": target.host},
        ) from None
    check_addresses(url, target.host, addresses)
    return addresses[0]


def pinned_request(url: str, address: str | None) -> tuple[httpx.URL, dict[str, str], dict[str, Any]]:
    """The URL to send to, and the extra headers and extensions: with a checked `address`, the connection
    goes to that address (so a DNS answer changed after the check cannot redirect it to a private one),
    while the Host header and TLS (server name and certificate check) still name the URL's host."""
    original = httpx.URL(url)
    if address is None:
        return original, {}, {}
    host = original.host
    return (
        original.copy_with(host=address),
        {"host": original.netloc.decode("ascii")},
        {"sni_hostname": host},
    )


@dataclass(frozen=True)
class Attempt:
    attempted_at: datetime
    outcome: str  # delivered | failed | refused
    duration_ms: float
    status_code: int | None = None
    error: str | None = None
    response_excerpt: str = ""

    def as_document(self) -> dict[str, Any]:
        return {
            "attempted_at": self.attempted_at,
            "outcome": self.outcome,
            "status_code": self.status_code,
            "error": self.error,
            "duration_ms": self.duration_ms,
            "response_excerpt": self.response_excerpt,
        }


def signed_headers(secret: str, webhook_id: str, payload: str, at: datetime) -> dict[str, str]:
    return {
        "webhook-id": webhook_id,
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign(webhook_id, at, payload),
        "content-type": "application/json",
        "user-agent": USER_AGENT,
    }


async def _excerpt(response: httpx.Response) -> str:
    """The first kilobyte of the answer, without reading the rest."""
    taken = b""
    async for chunk in response.aiter_raw():
        taken += chunk
        if len(taken) >= EXCERPT_BYTES:
            break
    return taken[:EXCERPT_BYTES].decode("utf-8", errors="replace")


class WebhookSender(LeasedWork[WebhookDeliveryDocument]):
    what = "webhook delivery"

    def __init__(
        self,
        unit_of_work: Callable[[], UnitOfWork],
        settings: IntegrationsSettings,
        resolve: Resolver = resolve_host,
        clock: Callable[[], datetime] = utc_now,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        super().__init__(
            WebhookDeliveryDocument,
            unit_of_work,
            clock,
            lease=timedelta(seconds=settings.webhook_timeout_seconds * 2 + 30),
            poll_seconds=settings.webhook_poll_seconds,
        )
        self.transport = transport  # None: the network (tests may give a mock transport)
        self.settings = settings
        self.resolve = resolve
        self._slots = asyncio.Semaphore(settings.webhook_concurrency)
        self._client: httpx.AsyncClient | None = None

    @property
    def development(self) -> bool:
        return self.settings.env == "development"

    @contextlib.asynccontextmanager
    async def sending(self) -> AsyncIterator[None]:
        """An HTTP client for the attempts: no redirects followed, no proxy from the environment, and no
        connection kept open (a pooled connection is keyed by the address it went to, and must not
        carry one host's requests over another host's TLS session)."""
        async with httpx.AsyncClient(
            timeout=self.settings.webhook_timeout_seconds,
            follow_redirects=False,
            trust_env=False,
            limits=httpx.Limits(max_keepalive_connections=0),
            transport=self.transport,
        ) as client:
            self._client = client
            try:
                yield
            finally:
                self._client = None

    async def run(self) -> None:
        async with self.sending():
            await self.poll_forever()

    async def deliver(self, delivery: WebhookDeliveryDocument) -> None:
        endpoint = await WebhookEndpointDocument.get(delivery.endpoint_id)
        if endpoint is None or not endpoint.enabled:
            await self._finish(
                delivery, {"status": "failed", "next_attempt_at": None}, push=None, endpoint=endpoint
            )
            return
        async with self._slots:
            attempt = await self.attempt(endpoint, delivery)
        await self.record(endpoint, delivery, attempt)

    async def attempt(self, endpoint: WebhookEndpointDocument, delivery: WebhookDeliveryDocument) -> Attempt:
        started_at = self.clock()
        started = time.perf_counter()

        def took() -> float:
            return round((time.perf_counter() - started) * 1000, 2)

        try:
            address = await check_destination(
                endpoint.url, development=self.development, resolve=self.resolve
            )
        except DomainError as refusal:
            return Attempt(started_at, "refused", took(), error=refusal.reply.message)
        url, host, extensions = pinned_request(endpoint.url, address)
        headers = {
            **signed_headers(endpoint.secret, delivery.webhook_id, delivery.payload, utc_now()),
            **host,
        }
        assert self._client is not None
        try:
            request = self._client.build_request(
                "POST", url, content=delivery.payload.encode(), headers=headers, extensions=extensions
            )
            response = await self._client.send(request, stream=True)
            try:
                excerpt = await _excerpt(response)
            finally:
                await response.aclose()
        except httpx.HTTPError as exc:
            return Attempt(started_at, "failed", took(), error=f"{type(exc).__name__}: {exc}"[:500])
        outcome = "delivered" if 200 <= response.status_code < 300 else "failed"
        error = None if outcome == "delivered" else f"HTTP {response.status_code}"
        return Attempt(started_at, outcome, took(), response.status_code, error, excerpt)

    async def record(
        self, endpoint: WebhookEndpointDocument, delivery: WebhookDeliveryDocument, attempt: Attempt
    ) -> None:
        """Record the attempt and what follows from it, unless a replay has taken the delivery meanwhile."""
        now = self.clock()
        tries = delivery.tries + 1
        if attempt.outcome == "delivered":
            change: dict[str, Any] = {
                "status": "delivered",
                "tries": tries,
                "next_attempt_at": None,
                "delivered_at": attempt.attempted_at,
            }
        else:
            retry_at = next_attempt(tries, self.settings.webhook_retry_seconds, now)
            change = {
                "status": "pending" if retry_at else "failed",
                "tries": tries,
                "next_attempt_at": retry_at,
            }
        log.info(
            "webhook attempt",
            delivery_id=delivery.id,
            endpoint_id=endpoint.id,
            outcome=attempt.outcome,
            status_code=attempt.status_code,
            tries=tries,
            gave_up=change["status"] == "failed",
        )
        await self._finish(delivery, change, push=attempt, endpoint=endpoint)

    async def _finish(
        self,
        delivery: WebhookDeliveryDocument,
        change: dict[str, Any],
        push: Attempt | None,
        endpoint: WebhookEndpointDocument | None,
    ) -> None:
        update: dict[str, Any] = {"$set": change}
        if push is not None:
            update["$push"] = {"attempts": {"$each": [push.as_document()], "$slice": -KEPT_ATTEMPTS}}
        async with self.unit_of_work() as uow:
            session = session_of(uow)
            recorded = await WebhookDeliveryDocument.get_pymongo_collection().update_one(
                {"_id": delivery.id, "lease_id": delivery.lease_id}, update, session=session
            )
            if recorded.modified_count != 1 or endpoint is None or not delivery.counts_for_endpoint:
                return
            if change["status"] == "delivered":
                await WebhookEndpointDocument.get_pymongo_collection().update_one(
                    {"_id": endpoint.id, "failed_deliveries": {"$ne": 0}},
                    {"$set": {"failed_deliveries": 0}},
                    session=session,
                )
            elif change["status"] == "failed" and push is not None:
                await self._count_failure(uow, endpoint.id, push.error or push.outcome)

    async def _count_failure(self, uow: UnitOfWork, endpoint_id: str, reason: str) -> None:
        """One more delivery failed for good: disable the endpoint when too many did in a row."""
        session = session_of(uow)
        endpoints = WebhookEndpointDocument.get_pymongo_collection()
        counted = await endpoints.find_one_and_update(
            {"_id": endpoint_id},
            {"$inc": {"failed_deliveries": 1}},
            return_document=ReturnDocument.AFTER,
            session=session,
        )
        if (
            counted is None
            or not counted.get("enabled")
            or not should_disable(
                counted["failed_deliveries"], self.settings.webhook_disable_after_failed_deliveries
            )
        ):
            return
        now = self.clock()
        sequence = counted.get("sequence", 0) + 1
        disabled = await endpoints.update_one(
            {"_id": endpoint_id, "enabled": True, "sequence": counted.get("sequence", 0)},
            {
                "$set": {
                    "enabled": False,
                    "disabled_at": now,
                    "disabled_reason": f"{counted['failed_deliveries']} deliveries in a row failed "
                    f"after every retry; the last: {reason}",
                    "sequence": sequence,
                    "updated_at": now,
                }
            },
            session=session,
        )
        if disabled.modified_count != 1:
            return
        # Nothing more is sent while it is off; its owner replays what they need once it works again.
        await WebhookDeliveryDocument.get_pymongo_collection().update_many(
            {"endpoint_id": endpoint_id, "status": "pending"},
            {"$set": {"status": "failed", "next_attempt_at": None}},
            session=session,
        )
        uow.emit(
            envelope_for(
                WebhookEndpointDisabled(
                    webhook_endpoint_id=endpoint_id,
                    municipality_id=counted["municipality_id"],
                    owner_id=counted["created_by"],
                    description=counted.get("description", ""),
                    failed_deliveries=counted["failed_deliveries"],
                    reason=reason[:500],
                ),
                aggregate_id=endpoint_id,
                sequence=sequence,
                actor=SYSTEM,
                correlation_id=new_correlation_id(),
                municipality_id=counted["municipality_id"],
                occurred_at=now,
            )
        )
        log.warning("webhook endpoint disabled", endpoint_id=endpoint_id, reason=reason)

"""The webhooks' pure rules: which destinations are refused outside development mode, which events an
endpoint receives, and the retry schedule."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from cityfix_contracts import DomainError
from services.integrations.webhook_domain import (
    PUBLIC_EVENT_TYPES,
    check_addresses,
    check_event_types,
    destination,
    forbidden_address,
    new_signing_secret,
    next_attempt,
    wants,
)

NOW = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)


@pytest.mark.parametrize(
    "address",
    [
        "127.0.0.1",
        "127.8.9.10",
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "0.0.0.0",
        "224.0.0.1",
        "240.0.0.1",
        "255.255.255.255",
        "::1",
        "::",
        "fe80::1%eth0",
        "fd00::1",
        "ff02::1",
        "::ffff:127.0.0.1",
        "::ffff:10.0.0.1",
    ],
)
def test_non_public_addresses_are_forbidden(address: str) -> None:
    assert forbidden_address(address)


@pytest.mark.parametrize("address", ["93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"])
def test_public_addresses_are_allowed(address: str) -> None:
    assert not forbidden_address(address)


def test_one_bad_address_among_good_ones_refuses_the_host() -> None:
    with pytest.raises(DomainError) as refused:
        check_addresses("https://x.example/h", "x.example", ["93.184.215.14", "10.0.0.1"])
    assert refused.value.reply.code == "destination_refused"
    assert refused.value.reply.details["addresses"] == ["10.0.0.1"]
    with pytest.raises(DomainError):
        check_addresses("https://x.example/h", "x.example", [])
    check_addresses("https://x.example/h", "x.example", ["93.184.215.14"])


def test_production_needs_https_and_development_also_takes_http() -> None:
    assert destination("https://works.example.org/h", development=False).port == 443
    assert destination("http://127.0.0.1:8080/h", development=True).port == 8080
    for url, development in (
        ("http://works.example.org/h", False),
        ("ftp://works.example.org/h", True),
        ("https:///no-host", False),
        ("https://user:secret@works.example.org/h", False),
        ("https://works.example.org:99999/h", False),
    ):
        with pytest.raises(DomainError) as refused:
            destination(url, development=development)
        assert refused.value.reply.code == "destination_refused", url
        assert refused.value.reply.kind == "invalid"


def test_filters() -> None:
    assert wants([], [], "TicketCreated", None)
    assert wants(["TicketCreated"], [], "TicketCreated", "c-1")
    assert not wants(["StatusChanged"], [], "TicketCreated", "c-1")
    assert wants([], ["c-1"], "StatusChanged", "c-1")
    assert not wants([], ["c-1"], "StatusChanged", "c-2")
    assert not wants([], ["c-1"], "MunicipalityUpdated", None)
    assert check_event_types(["TicketCreated", "StatusChanged", "TicketCreated"]) == [
        "StatusChanged",
        "TicketCreated",
    ]
    assert "NotificationCreated" not in PUBLIC_EVENT_TYPES and "TicketCreated" in PUBLIC_EVENT_TYPES
    with pytest.raises(DomainError) as unknown:
        check_event_types(["NotificationCreated", "Nonsense"])
    assert unknown.value.reply.details["unknown"] == ["Nonsense", "NotificationCreated"]


def test_the_default_schedule_spans_about_a_day_then_gives_up() -> None:
    schedule = (5, 300, 1800, 7200, 18000, 36000, 36000)
    waits = []
    moment = NOW
    tries = 1
    while (later := next_attempt(tries, schedule, moment)) is not None:
        waits.append(later - moment)
        moment, tries = later, tries + 1
    assert tries == 8  # the first attempt and seven retries
    assert waits[0] == timedelta(seconds=5) and waits[-1] == timedelta(hours=10)
    assert timedelta(hours=24) < moment - NOW < timedelta(hours=28)


def test_secrets_are_standard_webhooks_secrets() -> None:
    import base64

    secret = new_signing_secret()
    assert secret.startswith("whsec_") and len(base64.b64decode(secret[6:])) == 32
    assert new_signing_secret() != secret

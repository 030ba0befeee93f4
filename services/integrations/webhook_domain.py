"""The webhooks' rules, pure (no database, no broker, no network): signing secrets, which destinations
may be sent to, which events an endpoint receives, and when a failed delivery is tried again.
"""

from __future__ import annotations

import base64
import ipaddress
import secrets
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from urllib.parse import urlsplit

from cityfix_contracts import EVENT_TYPES, DomainError

SECRET_PREFIX = "whsec_"  # noqa: S105 - Standard Webhooks' marker of a signing secret, not a secret
SECRET_BYTES = 32
EXCERPT_BYTES = 1024
KEPT_ATTEMPTS = 50

PUBLIC_EVENT_TYPES: frozenset[str] = frozenset(
    name for name, model in EVENT_TYPES.items() if not model.private
)


def new_signing_secret() -> str:
    """A Standard Webhooks secret: `whsec_` and 256 random bits in base64."""
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(SECRET_BYTES)).decode()


# ----- destinations (no SSRF) ------------------------------------------------------------------------


@dataclass(frozen=True)
class Destination:
    scheme: str
    host: str
    port: int


def refused(message: str, url: str, **details: object) -> DomainError:
    return DomainError("invalid", "destination_refused", message, {"url": url, **details})


def destination(url: str, *, development: bool) -> Destination:
    """The host and port a URL names, if its form is acceptable: https (or, in development, http), a
    host, and no user name or password in it (send those as part of the path or not at all)."""
    try:
        parts = urlsplit(url.strip())
        port = parts.port
    except ValueError as exc:
        raise refused(f"This is not a URL CityFix can send to: {exc}.", url) from None
    allowed = ("https", "http") if development else ("https",)
    if parts.scheme not in allowed:
        raise refused("The URL must start with https:// (http:// is accepted in development mode only).", url)
    if not parts.hostname:
        raise refused("The URL must name a host, e.g. https://works.example.org/cityfix.", url)
    if parts.username is not None or parts.password is not None:
        raise refused("The URL must not contain a user name or password.", url)
    return Destination(parts.scheme, parts.hostname, port or (443 if parts.scheme == "https" else 80))


def forbidden_address(address: str) -> bool:
    """Loopback, private, link-local, multicast, reserved, unspecified or otherwise not globally
    reachable (shared address space, documentation ranges …), also when written as IPv4 in IPv6."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return (
        ip.is_loopback
        or ip.is_private
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )


def check_addresses(url: str, host: str, addresses: Sequence[str]) -> None:
    """Refuse a destination if any address its host resolves to is one CityFix never sends to."""
    if not addresses:
        raise refused(f"The host {host} does not resolve to any address.", url, host=host)
    bad = sorted({a for a in addresses if forbidden_address(a)})
    if bad:
        raise refused(
            f"The host {host} resolves to {', '.join(bad)}: loopback, private, link-local and other "
            "non-public addresses are refused. Use a publicly reachable https URL.",
            url,
            host=host,
            addresses=bad,
        )


# ----- filters -----------------------------------------------------------------------------------------


def check_event_types(event_types: Iterable[str]) -> list[str]:
    """The filter as stored (sorted, no repeats); an unknown or private event type is refused."""
    wanted = sorted(set(event_types))
    unknown = [name for name in wanted if name not in PUBLIC_EVENT_TYPES]
    if unknown:
        raise DomainError(
            "invalid",
            "unknown_event_type",
            f"No public event is called {', '.join(unknown)}; leave event_types empty for every event, or "
            "use names from docs/events.md.",
            {"unknown": unknown, "known": sorted(PUBLIC_EVENT_TYPES)},
        )
    return wanted


def wants(
    event_types: Sequence[str], category_ids: Sequence[str], event_type: str, category_id: str | None
) -> bool:
    """Whether an endpoint with these filters receives this event (empty filters: everything)."""
    if event_types and event_type not in event_types:
        return False
    return not category_ids or category_id in category_ids


# ----- retries -------------------------------------------------------------------------------------------


def next_attempt(tries: int, schedule: Sequence[float], now: datetime) -> datetime | None:
    """When to try again after `tries` failed attempts of this round; None: it has failed for good."""
    if tries > len(schedule):
        return None
    return now + timedelta(seconds=schedule[tries - 1])


def should_disable(failed_deliveries: int, limit: int) -> bool:
    return failed_deliveries >= limit

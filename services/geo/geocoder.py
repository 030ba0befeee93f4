"""Addresses ↔ points through geopy's Nominatim geocoder: rate-limited, cached, and bounded in time.

geopy speaks Nominatim's protocol; the HTTP underneath is an httpx adapter (asynchronous, no thread per
request). Every request waits its turn behind geopy's AsyncRateLimiter (Nominatim's policy: one request a
second), and the whole wait — queue included — is bounded by the timeout, after which the caller gets a
clear `geocoder_unavailable` (503) rather than a hanging request. Answers are cached (bounded, with a TTL):
the same street is asked for again and again.
"""

from __future__ import annotations

import asyncio
import json
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

import httpx
from geopy.adapters import AdapterHTTPError, BaseAsyncAdapter
from geopy.exc import GeocoderParseError, GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.extra.rate_limiter import AsyncRateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

from cityfix_contracts import DomainError
from cityfix_contracts.commands.geo import Place
from services.common.logs import get_logger

from .domain import Viewbox
from .settings import GeoSettings

log = get_logger("cityfix.geo")


class HttpxAdapter(BaseAsyncAdapter):  # type: ignore[misc]  # geopy ships no type information
    """geopy's asynchronous adapter interface over httpx (aiohttp, geopy's own async adapter, is not used
    here). Ignores proxy environment variables: the geocoder's address is a setting."""

    def __init__(self, *, proxies: Any, ssl_context: Any) -> None:
        super().__init__(proxies=proxies, ssl_context=ssl_context)
        self._client: httpx.AsyncClient | None = None
        self._verify: Any = ssl_context if ssl_context is not None else True

    def _http(self) -> httpx.AsyncClient:
        if self._client is None:
            self._client = httpx.AsyncClient(trust_env=False, verify=self._verify)
        return self._client

    async def get_text(self, url: str, *, timeout: float, headers: dict[str, str]) -> str:
        try:
            response = await self._http().get(url, timeout=timeout, headers=headers)
        except httpx.TimeoutException:
            raise GeocoderTimedOut("The geocoder did not answer in time.") from None
        except httpx.TransportError as exc:
            raise GeocoderUnavailable(f"The geocoder cannot be reached: {exc!r}") from None
        if response.status_code >= 400:
            raise AdapterHTTPError(
                f"Non-successful status code {response.status_code}",
                status_code=response.status_code,
                headers=dict(response.headers),
                text=response.text,
            )
        return response.text

    async def get_json(self, url: str, *, timeout: float, headers: dict[str, str]) -> Any:
        text = await self.get_text(url, timeout=timeout, headers=headers)
        try:
            return json.loads(text)
        except ValueError:
            raise GeocoderParseError(f"The geocoder's answer is not JSON: {text[:200]!r}") from None

    async def aclose(self) -> None:
        if self._client is not None:
            await self._client.aclose()
            self._client = None


@dataclass
class TtlCache:
    """A bounded least-recently-used cache whose entries expire."""

    size: int
    seconds: float
    clock: Callable[[], float] = time.monotonic
    _entries: OrderedDict[Any, tuple[float, Any]] = field(default_factory=OrderedDict)

    def get(self, key: Any) -> tuple[bool, Any]:
        entry = self._entries.get(key)
        if entry is None:
            return False, None
        expires, value = entry
        if expires <= self.clock():
            del self._entries[key]
            return False, None
        self._entries.move_to_end(key)
        return True, value

    def put(self, key: Any, value: Any) -> None:
        if self.size <= 0 or self.seconds <= 0:
            return
        self._entries[key] = (self.clock() + self.seconds, value)
        self._entries.move_to_end(key)
        while len(self._entries) > self.size:
            self._entries.popitem(last=False)


def unavailable(detail: str) -> DomainError:
    return DomainError(
        "unavailable",
        "geocoder_unavailable",
        "The address search is not answering right now; please try again in a moment, "
        "or place the pin on the map yourself.",
        {"reason": detail},
    )


def place_of(location: Location) -> Place:
    return Place(address=location.address, lat=location.latitude, lon=location.longitude)


class Geocoder:
    """Geocode and reverse-geocode through one Nominatim endpoint (see the module's docstring)."""

    def __init__(self, settings: GeoSettings) -> None:
        parts = urlsplit(settings.geocoder_url)
        self.base_url = settings.geocoder_url
        self.timeout = settings.geocoder_timeout_seconds
        self.language = settings.geocoder_language
        self._nominatim = Nominatim(
            domain=parts.netloc + parts.path,
            scheme=parts.scheme,
            user_agent=settings.geocoder_user_agent,
            timeout=settings.geocoder_timeout_seconds,
            adapter_factory=HttpxAdapter,
        )
        limits = {
            "min_delay_seconds": settings.geocoder_min_interval_seconds,
            "max_retries": 0,  # the caller is waiting: fail clearly rather than retry for seconds
            "swallow_exceptions": False,
        }
        self._search = AsyncRateLimiter(self._nominatim.geocode, **limits)
        self._reverse = AsyncRateLimiter(self._nominatim.reverse, **limits)
        self.cache = TtlCache(settings.geocoder_cache_size, settings.geocoder_cache_seconds)
        self.requests = 0  # how many reached the geocoder (tests and metrics read it)

    async def _bounded(self, call: Callable[[], Awaitable[Any]]) -> Any:
        try:
            self.requests += 1
            return await asyncio.wait_for(call(), timeout=self.timeout)
        except TimeoutError:
            raise unavailable("timeout") from None
        except (GeocoderTimedOut, GeocoderUnavailable) as exc:
            log.warning("geocoder unavailable", error=repr(exc))
            raise unavailable("unreachable") from None
        except GeocoderServiceError as exc:  # refused, rate-limited upstream, unreadable answer
            log.warning("geocoder failed", error=repr(exc))
            raise unavailable("error") from None

    async def search(self, query: str, limit: int, viewbox: Viewbox | None = None) -> tuple[Place, ...]:
        text = " ".join(query.split())
        key = ("search", text.casefold(), limit, viewbox)
        hit, cached = self.cache.get(key)
        if hit:
            return tuple(cached)
        options: dict[str, Any] = {"exactly_one": False, "limit": limit, "language": self.language}
        if viewbox is not None:
            options["viewbox"] = [(viewbox.south, viewbox.west), (viewbox.north, viewbox.east)]
            options["bounded"] = True
        found = await self._bounded(lambda: self._search(text, **options))
        places = tuple(place_of(location) for location in found or ())
        self.cache.put(key, places)
        return places

    async def reverse(self, lat: float, lon: float) -> Place | None:
        # ~1 m: two reports at the same spot share one request
        key = ("reverse", round(lat, 5), round(lon, 5))
        hit, cached = self.cache.get(key)
        if hit:
            return cached  # type: ignore[no-any-return]
        found = await self._bounded(
            lambda: self._reverse((lat, lon), exactly_one=True, language=self.language)
        )
        place = None if found is None else place_of(found)
        self.cache.put(key, place)
        return place

    async def close(self) -> None:
        adapter = self._nominatim.adapter
        if isinstance(adapter, HttpxAdapter):
            await adapter.aclose()

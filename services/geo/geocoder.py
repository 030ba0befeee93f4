"""Addresses ↔ points through geopy's Nominatim geocoder: rate-limited, cached, and bounded in time.

geopy speaks Nominatim's protocol over its own aiohttp adapter (asynchronous, no thread per request). Every request waits its turn behind geopy's AsyncRateLimiter (Nominatim's policy: one request a
second), and the whole wait — queue included — is bounded by the timeout, after which the caller gets a
clear `geocoder_unavailable` (503) rather than a hanging request. Answers are cached (cachetools' TTLCache,
bounded): the same street is asked for again and again.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any
from urllib.parse import urlsplit

from cachetools import TTLCache
from geopy.adapters import AioHTTPAdapter
from geopy.exc import GeocoderServiceError, GeocoderTimedOut, GeocoderUnavailable
from geopy.extra.rate_limiter import AsyncRateLimiter
from geopy.geocoders import Nominatim
from geopy.location import Location

from cityfix_contracts import DomainError
from cityfix_contracts.commands.geo import Place
from services.common.logs import get_logger

from .domain import Viewbox
from .settings import GeoSettings

log = get_logger("cityfix.geo")


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
            adapter_factory=AioHTTPAdapter,
        )
        limits = {
            "min_delay_seconds": settings.geocoder_min_interval_seconds,
            "max_retries": 0,  # the caller is waiting: fail clearly rather than retry for seconds
            "swallow_exceptions": False,
        }
        self._search = AsyncRateLimiter(self._nominatim.geocode, **limits)
        self._reverse = AsyncRateLimiter(self._nominatim.reverse, **limits)
        self.caching = settings.geocoder_cache_size > 0 and settings.geocoder_cache_seconds > 0
        self.cache: TTLCache[Any, Any] = TTLCache(
            maxsize=max(settings.geocoder_cache_size, 1), ttl=max(settings.geocoder_cache_seconds, 1e-9)
        )
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
        if key in self.cache:
            return tuple(self.cache[key])
        options: dict[str, Any] = {"exactly_one": False, "limit": limit, "language": self.language}
        if viewbox is not None:
            options["viewbox"] = [(viewbox.south, viewbox.west), (viewbox.north, viewbox.east)]
            options["bounded"] = True
        found = await self._bounded(lambda: self._search(text, **options))
        places = tuple(place_of(location) for location in found or ())
        if self.caching:
            self.cache[key] = places
        return places

    async def reverse(self, lat: float, lon: float) -> Place | None:
        # ~1 m: two reports at the same spot share one request
        key = ("reverse", round(lat, 5), round(lon, 5))
        if key in self.cache:
            cached: Place | None = self.cache[key]
            return cached
        found = await self._bounded(
            lambda: self._reverse((lat, lon), exactly_one=True, language=self.language)
        )
        place = None if found is None else place_of(found)
        if self.caching:
            self.cache[key] = place
        return place

    async def close(self) -> None:
        await self._nominatim.__aexit__(None, None, None)  # closes the adapter's HTTP session

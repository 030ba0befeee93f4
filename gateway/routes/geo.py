"""Locating points and addresses (geo service): public, no sign-in, rate-limited per client address."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request

from cityfix_contracts import ErrorReply, ErrorResponse
from cityfix_contracts.commands.geo import Geocode, Locate, LocationView, Place, PlaceList, Reverse
from services.common.rpc import RpcFailure

from ..deps import Ctx, Rpc, State

router = APIRouter(prefix="/geo", tags=["geo"])


@dataclass
class AddressThrottle:
    """A token bucket per client address: `per_minute` requests a minute, bursts as large, in memory."""

    per_minute: int
    clock: Callable[[], float] = time.monotonic
    max_addresses: int = 100_000
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)  # address → (tokens, at)

    def take(self, address: str) -> float:
        """0 if the request may go ahead, else the seconds until it may."""
        now = self.clock()
        rate = self.per_minute / 60.0
        tokens, at = self._buckets.get(address, (float(self.per_minute), now))
        tokens = min(float(self.per_minute), tokens + (now - at) * rate)
        if tokens >= 1.0:
            self._buckets[address] = (tokens - 1.0, now)
            if len(self._buckets) > self.max_addresses:
                self._forget_idle(now, rate)
            return 0.0
        self._buckets[address] = (tokens, now)
        return (1.0 - tokens) / rate

    def _forget_idle(self, now: float, rate: float) -> None:
        full = [a for a, (t, at) in self._buckets.items() if t + (now - at) * rate >= self.per_minute]
        for address in full:
            del self._buckets[address]


def throttle(request: Request, state: State) -> None:
    limits: AddressThrottle | None = getattr(request.app.state, "geo_throttle", None)
    if limits is None:
        limits = request.app.state.geo_throttle = AddressThrottle(state.settings.geo_requests_per_minute)
    wait = limits.take(request.client.host if request.client else "unknown")
    if wait > 0:
        seconds = max(1, math.ceil(wait))
        raise RpcFailure(
            ErrorReply(
                kind="rate_limited",
                code="rate_limited",
                message=f"Too many map lookups from your address; please try again in {seconds} s.",
                details={"retry_after": seconds},
            )
        )


Throttled = [Depends(throttle)]
ERRORS: dict[int | str, dict[str, Any]] = {
    429: {"model": ErrorResponse, "description": "Too many lookups; see Retry-After"},
    503: {"model": ErrorResponse, "description": "The geo service or the geocoder is not answering"},
}
Latitude = Annotated[float, Query(ge=-90, le=90, description="WGS84 latitude")]
Longitude = Annotated[float, Query(ge=-180, le=180, description="WGS84 longitude")]


@router.get(
    "/locate",
    response_model=LocationView,
    dependencies=Throttled,
    operation_id="geo-locate",
    responses={
        404: {"model": ErrorResponse, "description": "`not_covered`: details name the nearest municipality"},
        **ERRORS,
    },
)
async def locate(lat: Latitude, lon: Longitude, rpc: Rpc, ctx: Ctx) -> LocationView:
    """The municipality responsible for a point (public)."""
    view: LocationView = await rpc.call(Locate(lat=lat, lon=lon), ctx)
    return view


@router.get(
    "/geocode", response_model=PlaceList, dependencies=Throttled, operation_id="geo-geocode", responses=ERRORS
)
async def geocode(
    rpc: Rpc,
    ctx: Ctx,
    q: Annotated[str, Query(min_length=2, max_length=300, description="An address or place name")],
    municipality_id: Annotated[str | None, Query(description="Keep to this municipality's area")] = None,
    limit: Annotated[int, Query(ge=1, le=20)] = 5,
) -> PlaceList:
    """Places matching an address (public)."""
    places: PlaceList = await rpc.call(Geocode(q=q, municipality_id=municipality_id, limit=limit), ctx)
    return places


@router.get(
    "/reverse",
    response_model=Place,
    dependencies=Throttled,
    operation_id="geo-reverse",
    responses={404: {"model": ErrorResponse, "description": "`address_not_found`"}, **ERRORS},
)
async def reverse(lat: Latitude, lon: Longitude, rpc: Rpc, ctx: Ctx) -> Place:
    """The address at a point (public)."""
    place: Place = await rpc.call(Reverse(lat=lat, lon=lon), ctx)
    return place

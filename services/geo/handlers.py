"""Commands and queries the geo service answers: plain functions of (request, context, dependencies)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from cityfix_contracts import DomainError, RpcContext
from cityfix_contracts.commands.geo import Geocode, Locate, LocationView, Place, PlaceList, Reverse
from cityfix_contracts.errors import not_found
from services.common.locator import Locator
from services.common.rpc import RpcRegistry
from services.common.uow import UnitOfWork

from .domain import location_view, viewbox_of
from .geocoder import Geocoder
from .resolver import AddressResolver
from .settings import GeoSettings

rpc = RpcRegistry("geo")


@dataclass
class GeoDeps:
    settings: GeoSettings
    geocoder: Geocoder
    unit_of_work: Callable[[], UnitOfWork]
    locator: Locator = field(default_factory=Locator)
    wake_resolver: Callable[[], None] = lambda: None
    resolver: AddressResolver | None = None


@rpc.handles(Locate)
async def locate(query: Locate, ctx: RpcContext, deps: GeoDeps) -> LocationView:
    """The municipality whose boundary holds the point; `not_covered` (with the nearest one) otherwise."""
    return location_view(deps.locator.locate(query.lat, query.lon), query.lat, query.lon)


@rpc.handles(Geocode)
async def geocode(query: Geocode, ctx: RpcContext, deps: GeoDeps) -> PlaceList:
    """Places matching an address, kept to a municipality's area when one is given."""
    viewbox = None
    if query.municipality_id is not None:
        boundary = deps.locator.boundary(query.municipality_id)
        if boundary is None:
            raise not_found("municipality", query.municipality_id)
        viewbox = viewbox_of(boundary)
    places = await deps.geocoder.search(query.q, query.limit, viewbox)
    return PlaceList(data=places)


@rpc.handles(Reverse)
async def reverse(query: Reverse, ctx: RpcContext, deps: GeoDeps) -> Place:
    """The address at a point."""
    place = await deps.geocoder.reverse(query.lat, query.lon)
    if place is None:
        raise DomainError(
            "not_found",
            "address_not_found",
            "No address is known at this point.",
            {"lat": query.lat, "lon": query.lon},
        )
    return place

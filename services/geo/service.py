"""The geo service: wiring of its documents, handlers and subscribers onto the shared runtime.

At start it loads every boundary it has projected into the in-memory locator, and runs the address
resolver beside the runtime's own loops (it stops with them).
"""

from __future__ import annotations

from services.common.municipality_areas import refresh_locator
from services.common.service import ServiceRuntime, ServiceSpec

from .documents import DOCUMENTS, MunicipalityAreaDocument
from .geocoder import Geocoder
from .handlers import GeoDeps, rpc
from .resolver import AddressResolver
from .settings import geo_settings
from .subscribers import events


def dependencies(runtime: ServiceRuntime) -> GeoDeps:
    settings = geo_settings(runtime.settings)
    geocoder = Geocoder(settings)
    resolver = AddressResolver(
        geocoder,
        runtime.unit_of_work,
        poll_seconds=settings.address_poll_seconds,
        max_attempts=settings.address_max_attempts,
    )
    return GeoDeps(
        settings=settings,
        geocoder=geocoder,
        unit_of_work=runtime.unit_of_work,
        wake_resolver=resolver.wake,
        resolver=resolver,
    )


async def background(runtime: ServiceRuntime) -> None:
    """Load the projected boundaries into the locator, then resolve addresses until the service stops."""
    deps: GeoDeps = runtime.deps
    for area in await MunicipalityAreaDocument.find_all().to_list():
        if area.id not in deps.locator:  # an event applied meanwhile is newer than this read
            refresh_locator(deps.locator, area)
    assert deps.resolver is not None
    try:
        await deps.resolver.run()
    finally:
        await deps.geocoder.close()


async def readiness(runtime: ServiceRuntime) -> dict[str, bool]:
    deps: GeoDeps = runtime.deps
    if not runtime.settings.demo:
        return {}
    return {"demo_boundary": len(deps.locator) > 0}


spec = ServiceSpec(
    name="geo",
    documents=DOCUMENTS,
    rpc=rpc,
    events=events,
    dependencies=dependencies,
    readiness=readiness,
    background=background,
)

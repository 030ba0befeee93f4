"""The tickets service: wiring of its documents, handlers and subscribers onto the shared runtime.

At start it loads every boundary it has projected into the in-memory locator (events applied meanwhile
are newer than that read and win), then runs its scheduler (due dates, the confirmation window) beside
the runtime's own loops.
"""

from __future__ import annotations

from services.common.municipality_areas import refresh_locator
from services.common.service import ServiceRuntime, ServiceSpec

# They register their handlers on `rpc` and `events`.
from . import conversation, export, hidden_photos, management, photo_owners, photos, queries, stats  # noqa: F401
from .documents import DOCUMENTS
from .handlers import TicketsDeps, rpc
from .scheduler import TicketScheduler
from .settings import tickets_settings
from .subscribers import events


def dependencies(runtime: ServiceRuntime) -> TicketsDeps:
    deps = TicketsDeps(settings=tickets_settings(runtime.settings), unit_of_work=runtime.unit_of_work)
    deps.scheduler = TicketScheduler(deps)
    return deps


async def background(runtime: ServiceRuntime) -> None:
    """Load the projected boundaries into the locator, then run the scheduler until the service stops
    (the runtime counts the end of its background work as a crash)."""
    deps: TicketsDeps = runtime.deps
    for municipality in await deps.store.municipalities():
        if municipality.id not in deps.locator:
            refresh_locator(deps.locator, municipality)
    assert deps.scheduler is not None
    await deps.scheduler.run()


spec = ServiceSpec(
    name="tickets",
    documents=[*DOCUMENTS, *photos.DOCUMENTS],
    rpc=rpc,
    events=events,
    dependencies=dependencies,
    background=background,
)

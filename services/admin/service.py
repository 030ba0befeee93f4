"""The admin service: municipalities and their boundaries, categories, and the dead letters of the bus."""

from __future__ import annotations

from services.common.demo import DEMO_CATEGORIES, DEMO_MUNICIPALITY_SLUG
from services.common.service import ServiceRuntime, ServiceSpec

from .documents import DOCUMENTS, CategoryDocument, MunicipalityDocument
from .handlers import AdminDeps, rpc
from .settings import admin_settings
from .subscribers import events


def dependencies(runtime: ServiceRuntime) -> AdminDeps:
    return AdminDeps(
        unit_of_work=runtime.unit_of_work,
        limits=admin_settings(runtime.settings).boundary_limits(),
        jetstream=runtime.jetstream,
    )


async def readiness(runtime: ServiceRuntime) -> dict[str, bool]:
    if not runtime.settings.demo:
        return {}
    municipality = await MunicipalityDocument.find_one({"slug": DEMO_MUNICIPALITY_SLUG})
    categories = (
        0
        if municipality is None
        else await CategoryDocument.find({"municipality_id": municipality.id}).count()
    )
    return {"demo_seed": categories >= len(DEMO_CATEGORIES)}


spec = ServiceSpec(
    name="admin",
    documents=DOCUMENTS,
    rpc=rpc,
    events=events,
    dependencies=dependencies,
    readiness=readiness,
)

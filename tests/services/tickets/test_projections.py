"""The tickets service's projections of municipalities (with the locator), categories and staff: the same
events shuffled and duplicated end in the same, newest state (DESIGN §3.4)."""

from __future__ import annotations

import asyncio
import contextlib
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from typing import Any

from cityfix_contracts import DomainEvent, Envelope, Point, SystemActor, envelope_for
from cityfix_contracts.events import (
    AccountDeleted,
    AddressResolved,
    BoundaryChanged,
    CategoryChanged,
    MunicipalityCreated,
    MunicipalityUpdated,
    StaffProfileChanged,
    UserDeactivated,
    UserReactivated,
    UserRegistered,
    UserRoleChanged,
)
from cityfix_contracts.events.municipalities import CategoryQuestion
from services.common.service import ServiceRuntime
from services.common.testing import eventually
from services.tickets.documents import CategoryDocument, MunicipalityDocument, StaffDocument, TicketDocument
from services.tickets.domain import StaffRecord
from services.tickets.service import background, spec
from services.tickets.subscribers import fill_in_address, learn_staff, project_category, project_municipality

ADMIN = SystemActor(system="admin")
TOWN = "m-town"
CATEGORY = "c-pothole"


def square(west: float, south: float, east: float, north: float) -> dict[str, Any]:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def numbered(events: list[DomainEvent], aggregate_id: str) -> list[Envelope[Any]]:
    return [
        envelope_for(
            e, aggregate_id=aggregate_id, sequence=n, actor=ADMIN, correlation_id="t", municipality_id=TOWN
        )
        for n, e in enumerate(events, start=1)
    ]


def category(change: str, **fields: Any) -> CategoryChanged:
    base: dict[str, Any] = {
        "category_id": CATEGORY,
        "municipality_id": TOWN,
        "code": "pothole",
        "name": "Pothole",
    }
    return CategoryChanged(change=change, **{**base, **fields})  # type: ignore[arg-type]


async def test_shuffled_and_duplicated_events_end_in_the_newest_state(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
) -> None:
    runtime = await run_service(spec)
    municipality = numbered(
        [
            MunicipalityCreated(
                municipality_id=TOWN,
                name="Old",
                slug="old",
                reference_prefix="OLD",
                boundary=square(14, 52, 14.1, 52.1),
            ),
            BoundaryChanged(municipality_id=TOWN, boundary=square(15, 52, 15.1, 52.1)),
            MunicipalityUpdated(municipality_id=TOWN, name="New", slug="new", reference_prefix="NEW"),
        ],
        TOWN,
    )
    question = CategoryQuestion(code="depth", description="How deep?", required=True)
    categories = numbered(
        [
            category("created"),
            category("updated", sla_hours=48, questions=(question,), default_priority="high"),
            category(
                "deactivated", sla_hours=48, questions=(question,), default_priority="high", active=False
            ),
            category("reactivated", sla_hours=24, questions=(question,), default_priority="high"),
        ],
        CATEGORY,
    )
    deliveries = (municipality + categories) * 2
    random.Random(7).shuffle(deliveries)
    for envelope in deliveries:
        handler = project_category if isinstance(envelope.data, CategoryChanged) else project_municipality
        async with runtime.unit_of_work() as uow:
            await handler(envelope, uow, runtime.deps)

    held = await MunicipalityDocument.get(TOWN)
    assert held is not None
    assert (held.name, held.reference_prefix, held.details_sequence, held.boundary_sequence) == (
        "New",
        "NEW",
        3,
        2,
    )
    assert runtime.deps.locator.locate(52.05, 15.05).municipality.name == "New"
    assert runtime.deps.locator.locate(52.05, 14.05).municipality is None
    kept = await CategoryDocument.get(CATEGORY)
    assert kept is not None
    assert (kept.active, kept.sla_hours, kept.default_priority, kept.sequence) == (True, 24, "high", 4)
    assert [q["code"] for q in kept.questions] == ["depth"]

    # A restarted service rebuilds its locator from the projection.
    runtime.deps.locator.remove(TOWN)
    loading = asyncio.create_task(background(runtime))

    async def reloaded() -> bool:
        return TOWN in runtime.deps.locator

    await eventually(reloaded, what="the locator reloaded")
    loading.cancel()  # it idles once loaded
    with contextlib.suppress(asyncio.CancelledError):
        await loading


OPERATOR = "u-operator"


def staff_events() -> list[Envelope[Any]]:
    return numbered(
        [
            UserRegistered(user_id=OPERATOR, role="operator", municipality_id=TOWN, display_name="A. Old"),
            UserDeactivated(user_id=OPERATOR, municipality_id=TOWN),
            StaffProfileChanged(user_id=OPERATOR, municipality_id=TOWN, display_name="A. New"),
            UserRoleChanged(
                user_id=OPERATOR,
                **{"from": "operator"},
                to="manager",
                municipality_id=TOWN,
                display_name="A. New",
            ),
            UserRoleChanged(
                user_id=OPERATOR,
                **{"from": "manager"},
                to="operator",
                municipality_id=TOWN,
                display_name="A. Newest",
            ),
            UserReactivated(user_id=OPERATOR, municipality_id=TOWN),
        ],
        OPERATOR,
    )


async def held_staff() -> StaffRecord:
    held = await StaffDocument.get(OPERATOR)
    assert held is not None
    return StaffRecord(**held.model_dump(exclude={"id"}))


async def test_staff_projection_ignores_order_and_duplicates_and_deletion_is_final(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
) -> None:
    runtime = await run_service(spec)
    for seed in range(3):
        deliveries = staff_events() * 2
        random.Random(seed).shuffle(deliveries)
        for envelope in deliveries:
            async with runtime.unit_of_work() as uow:
                await learn_staff(envelope, uow, runtime.deps)
        record = await held_staff()
        assert (record.role, record.display_name, record.active) == ("operator", "A. Newest", True)
        assert record.is_operator_of(TOWN) and not record.is_operator_of("m-elsewhere")

    deleted = numbered([AccountDeleted(user_id=OPERATOR)] * 7, OPERATOR)[-1]
    for envelope in (deleted, *staff_events()):  # older events arriving after the deletion change nothing
        async with runtime.unit_of_work() as uow:
            await learn_staff(envelope, uow, runtime.deps)
    record = await held_staff()
    assert record.deleted and not record.is_operator_of(TOWN) and record.display_name is None


async def test_a_resolved_address_fills_only_an_empty_one_and_only_once(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
) -> None:
    runtime = await run_service(spec)
    now = datetime.now(UTC)
    for ticket_id, address in (("t-bare", None), ("t-given", "Bäckerei, Lindenstraße 3")):
        await TicketDocument(
            id=ticket_id,
            reference=f"TWN-{ticket_id}",
            municipality_id=TOWN,
            category_id=CATEGORY,
            reported_by="u-1",
            description="Pothole",
            location={"type": "Point", "coordinates": [14.05, 52.05]},
            address=address,
            created_at=now,
            updated_at=now,
        ).insert()

    def resolved(ticket_id: str, address: str) -> Envelope[Any]:
        return envelope_for(
            AddressResolved(
                address_id=f"a-{ticket_id}-{address[:3]}",
                ticket_id=ticket_id,
                address=address,
                location=Point(lat=52.05, lon=14.05),
            ),
            aggregate_id=f"a-{ticket_id}",
            sequence=1,
            actor=SystemActor(system="geo"),
            correlation_id="t",
            municipality_id=TOWN,
        )

    deliveries = [
        resolved("t-bare", "Lindenstraße 5, 14467 Potsdam"),
        resolved("t-given", "Lindenstraße 3, 14467 Potsdam"),
        resolved("t-bare", "Somewhere else"),  # a late second resolution
        resolved("t-nowhere", "No such ticket"),  # nothing to fill
    ]
    for envelope in (*deliveries, deliveries[0]):
        async with runtime.unit_of_work() as uow:
            await fill_in_address(envelope, uow, runtime.deps)

    bare, given = await TicketDocument.get("t-bare"), await TicketDocument.get("t-given")
    assert bare is not None and bare.address == "Lindenstraße 5, 14467 Potsdam"
    assert given is not None and given.address == "Bäckerei, Lindenstraße 3"
    assert await TicketDocument.get("t-nowhere") is None

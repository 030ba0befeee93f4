"""The tickets service's projection of photo moderation (PhotoHidden/PhotoUnhidden): shuffled and
duplicated events end in the newest state of each photo, and the views follow it — the public sees no
hidden photo, the reporter their own, staff all of them marked hidden (DESIGN §3.4, §5)."""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable

from cityfix_contracts import RpcContext, SystemActor, UserActor, envelope_for
from cityfix_contracts.events import PhotoHidden, PhotoUnhidden
from services.common.service import ServiceRuntime
from services.tickets.documents import TicketDocument
from services.tickets.handlers import ticket_view
from services.tickets.hidden_photos import follow_photo_moderation
from services.tickets.photos import PhotoOwnerDocument
from services.tickets.service import spec

TOWN = "m-town"
TICKET = "t-1"


async def test_photo_moderation_ignores_order_and_duplicates_and_shapes_the_views(
    run_service: Callable[..., Awaitable[ServiceRuntime]],
) -> None:
    runtime = await run_service(spec)
    await TicketDocument(
        id=TICKET,
        reference="TWN-1",
        municipality_id=TOWN,
        category_id="c-1",
        reporter_id="citizen-1",
        reported_by="citizen-1",
        description="Pothole",
        location={"type": "Point", "coordinates": [13.05, 52.05]},
        photo_ids=["p-1", "p-2"],
        after_photo_ids=["p-3"],
    ).insert()
    for media_id, owner in (("p-1", "citizen-1"), ("p-2", "citizen-1"), ("p-3", "operator-1")):
        await PhotoOwnerDocument(id=media_id, owner_id=owner, ticket_id=TICKET).insert()

    def numbered(media_id: str, events: list[PhotoHidden | PhotoUnhidden]) -> list[object]:
        return [
            envelope_for(
                event,
                aggregate_id=media_id,
                sequence=sequence,
                actor=SystemActor(system="media"),
                correlation_id="t",
                municipality_id=TOWN,
            )
            for sequence, event in enumerate(events, start=3)
        ]

    deliveries = numbered(
        "p-1",
        [
            PhotoHidden(media_id="p-1", ticket_id=TICKET),
            PhotoUnhidden(media_id="p-1", ticket_id=TICKET),
            PhotoHidden(media_id="p-1", ticket_id=TICKET),
        ],
    ) + numbered(
        "p-2",
        [PhotoHidden(media_id="p-2", ticket_id=TICKET), PhotoUnhidden(media_id="p-2", ticket_id=TICKET)],
    )
    deliveries += numbered("p-3", [PhotoHidden(media_id="p-3", ticket_id=TICKET)])
    deliveries *= 2
    random.Random(11).shuffle(deliveries)
    for envelope in deliveries:
        async with runtime.unit_of_work() as uow:
            await follow_photo_moderation(envelope, uow, runtime.deps)  # type: ignore[arg-type]

    doc = await TicketDocument.get(TICKET)
    assert doc is not None and sorted(doc.hidden_photo_ids) == ["p-1", "p-3"]
    public = ticket_view(doc, RpcContext(correlation_id="t"))
    assert (public.photo_ids, public.after_photo_ids, public.hidden_photo_ids) == (("p-2",), (), ())
    reporter = ticket_view(
        doc, RpcContext(correlation_id="t", actor=UserActor(user_id="citizen-1", role="citizen"))
    )
    assert (reporter.photo_ids, reporter.after_photo_ids) == (("p-1", "p-2"), ())
    staff = ticket_view(
        doc,
        RpcContext(correlation_id="t", actor=UserActor(user_id="o-1", role="operator"), municipality_id=TOWN),
    )
    assert (staff.photo_ids, staff.after_photo_ids) == (("p-1", "p-2"), ("p-3",))
    assert sorted(staff.hidden_photo_ids) == ["p-1", "p-3"]

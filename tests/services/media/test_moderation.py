"""Moderation in the media service on its own: redaction on pixels alone (only the rectangles change,
rectangles must lie inside the photo), and the projection of hidden tickets, which ends in the newest
state whatever order and duplicates the events arrive in (DESIGN §3.4) and decides who sees a photo."""

from __future__ import annotations

import io
import itertools
import random
from collections.abc import Awaitable, Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient
from PIL import Image, ImageChops, ImageStat

from cityfix_contracts import DomainError, Point, RpcContext, SystemActor, UserActor, envelope_for
from cityfix_contracts.commands.media import GetPhoto
from cityfix_contracts.events import TicketHidden, TicketTransferred, TicketUnhidden
from cityfix_contracts.events.media import RedactionRegion
from services.common.rpc import RpcClient, RpcFailure
from services.common.service import ServiceRuntime
from services.media.documents import PhotoDocument, PhotoTicketDocument
from services.media.domain import Limits
from services.media.moderation import follow_ticket_moderation, follow_ticket_transfer
from services.media.redaction import redact
from services.media.service import spec

LIMITS = Limits(max_pixels=40_000_000)
TOWN = "m-town"
TICKET = "t-1"


def grey_photo(mode: str = "RGB") -> bytes:
    """Mid grey with a white square in the middle: detail to obscure, an even surround to compare."""
    image = Image.new(mode, (320, 240), 128 if mode == "L" else (128, 128, 128))
    image.paste(255 if mode == "L" else (255, 255, 255), (96, 64, 224, 176))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95)
    return out.getvalue()


def decoded(data: bytes) -> Image.Image:
    with Image.open(io.BytesIO(data)) as image:
        return image.convert("L")


@pytest.mark.parametrize("mode", ["RGB", "L"])
def test_black_regions_are_black_and_the_rest_is_untouched(mode: str) -> None:
    original = grey_photo(mode)
    region = RedactionRegion(x=96, y=64, width=128, height=112, style="black")
    rendered = redact(original, [region], LIMITS)
    before, after = decoded(original), decoded(rendered.photo.data)
    assert after.size == before.size == (rendered.photo.width, rendered.photo.height)
    assert ImageStat.Stat(after.crop((104, 72, 216, 168))).mean[0] < 6
    outside = Image.new("L", before.size, 255)
    outside.paste(0, (88, 56, 232, 184))
    assert ImageStat.Stat(ImageChops.difference(before, after), outside).mean[0] < 1.5
    assert rendered.thumbnail.data.startswith(b"\xff\xd8\xff")


def steepest_step(image: Image.Image, y: int, xs: range) -> int:
    row = [int(image.getpixel((x, y))) for x in xs]  # type: ignore[arg-type]
    return max(abs(b - a) for a, b in itertools.pairwise(row))


def test_blur_removes_the_detail_inside_the_region() -> None:
    original = grey_photo()
    # A region across the square's left edge: a sharp step from grey to white before, smooth after.
    region = RedactionRegion(x=64, y=64, width=64, height=112, style="blur")
    after = decoded(redact(original, [region], LIMITS).photo.data)
    assert steepest_step(decoded(original), 120, range(88, 104)) > 80
    assert steepest_step(after, 120, range(88, 104)) < 40


def test_a_region_outside_the_photo_is_refused() -> None:
    for region in (
        RedactionRegion(x=300, y=0, width=21, height=10),
        RedactionRegion(x=0, y=231, width=10, height=10),
    ):
        with pytest.raises(DomainError) as refused:
            redact(grey_photo(), [region], LIMITS)
        assert refused.value.reply.code == "region_outside_photo"
    redact(grey_photo(), [RedactionRegion(x=300, y=230, width=20, height=10)], LIMITS)  # to the edge


async def attached_photo() -> None:
    await PhotoDocument(
        id="p-1",
        owner_id="citizen-1",
        content_hash="0" * 64,
        width=320,
        height=240,
        size=1,
        thumbnail_width=40,
        thumbnail_height=30,
        thumbnail_size=1,
        ticket_id=TICKET,
        municipality_id=TOWN,
    ).insert()


def ticket_envelope(event: TicketHidden | TicketUnhidden | TicketTransferred, sequence: int) -> Any:
    return envelope_for(
        event,
        aggregate_id=TICKET,
        sequence=sequence,
        actor=SystemActor(system="tickets"),
        correlation_id="t",
        municipality_id=event.municipality_id if isinstance(event, TicketTransferred) else TOWN,
    )


def transfer(to: str) -> TicketTransferred:
    return TicketTransferred(
        ticket_id=TICKET,
        from_municipality_id=TOWN,
        municipality_id=to,
        from_reference="TWN-1",
        reference="OTH-1",
        from_category_id="c-1",
        category_id="c-2",
        from_status="received",
        note="Not ours",
        description="Pothole",
        location=Point(lat=52.05, lon=13.05),
        priority="normal",
        due_at=datetime(2025, 3, 20, 9, 0, tzinfo=UTC),
        reporter_id="citizen-1",
        created_at=datetime(2025, 3, 17, 9, 0, tzinfo=UTC),
    )


async def test_hidden_tickets_projection_ignores_order_and_duplicates(
    run_service: Callable[..., Awaitable[ServiceRuntime]], nats_client: NatsClient, tmp_path: Path
) -> None:
    runtime = await run_service(spec, media_store="filesystem", media_directory=tmp_path / "media")
    await attached_photo()
    rpc = RpcClient(nats_client, timeout=60)
    public = RpcContext(correlation_id="t")
    operator = RpcContext(
        correlation_id="t", actor=UserActor(user_id="o-1", role="operator"), municipality_id=TOWN
    )
    assert (await rpc.call(GetPhoto(media_id="p-1"), public)).public

    moderation = [
        TicketHidden(ticket_id=TICKET),
        TicketUnhidden(ticket_id=TICKET),
        TicketHidden(ticket_id=TICKET),
    ]
    envelopes = [ticket_envelope(event, sequence) for sequence, event in enumerate(moderation, start=4)]
    deliveries = envelopes * 2
    random.Random(3).shuffle(deliveries)
    for envelope in deliveries:
        async with runtime.unit_of_work() as uow:
            await follow_ticket_moderation(envelope, uow, runtime.deps)
    known = await PhotoTicketDocument.get(TICKET)
    assert known is not None and (known.hidden, known.hidden_sequence) == (True, 6)

    with pytest.raises(RpcFailure) as hidden:
        await rpc.call(GetPhoto(media_id="p-1"), public)
    assert hidden.value.error.code == "photo_not_found"
    staff = await rpc.call(GetPhoto(media_id="p-1"), operator)
    assert staff.restricted and not staff.public


async def test_a_transferred_tickets_photos_follow_it_to_the_receiving_municipality(
    run_service: Callable[..., Awaitable[ServiceRuntime]], nats_client: NatsClient, tmp_path: Path
) -> None:
    runtime = await run_service(spec, media_store="filesystem", media_directory=tmp_path / "media")
    await attached_photo()
    deliveries = [ticket_envelope(transfer("m-second"), 3), ticket_envelope(transfer("m-third"), 7)]
    deliveries += [ticket_envelope(TicketHidden(ticket_id=TICKET), 5)]
    for envelope in [deliveries[1], deliveries[2], deliveries[0], deliveries[1]]:  # late and twice
        handler = follow_ticket_transfer if envelope.sequence != 5 else follow_ticket_moderation
        async with runtime.unit_of_work() as uow:
            await handler(envelope, uow, runtime.deps)
    photo = await PhotoDocument.get("p-1")
    assert photo is not None and photo.municipality_id == "m-third"
    rpc = RpcClient(nats_client, timeout=60)

    def operator_of(municipality: str) -> RpcContext:
        actor = UserActor(user_id="o-1", role="operator")
        return RpcContext(correlation_id="t", actor=actor, municipality_id=municipality)

    assert (await rpc.call(GetPhoto(media_id="p-1"), operator_of("m-third"))).restricted
    for former in (TOWN, "m-second"):
        with pytest.raises(RpcFailure) as hidden:
            await rpc.call(GetPhoto(media_id="p-1"), operator_of(former))
        assert hidden.value.error.code == "photo_not_found"

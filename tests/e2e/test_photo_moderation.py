"""Moderation of photos through the whole system (issue 6): managers of the ticket's municipality hide a
photo or redact rectangles of it; hidden photos, and the photos of a hidden ticket, are 404 to the
public; a redacted photo's public renditions are the redacted ones and the original stays staff-only.
"""

from __future__ import annotations

import io
from typing import Any

from nats.aio.client import Client as NatsClient
from PIL import Image, ImageChops, ImageDraw, ImageStat

from services.common.testing import eventually
from tests.e2e.test_photos import error_of, last_event
from tests.support.photos import jpeg, opened, upload, uploaded
from tests.support.stack import World, world
from tests.support.tickets import reported

__all__ = ["world"]

TICKETS: dict[str, str] = {}  # media id → the ticket that holds it
WIDTH, HEIGHT = 640, 480
BLUR = (64, 64, 192, 128)  # x, y, width, height: over the checkerboard
BLACK = (400, 224, 160, 128)
MARGIN = 8  # JPEG works in 8×8 blocks: a block across a region's edge mixes both sides


def photo_with_detail() -> bytes:
    """A smooth gradient (which survives re-encoding almost unchanged) with a fine checkerboard under the
    region to blur (the detail a blur must remove)."""
    image = Image.new("RGB", (WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for x in range(WIDTH):
        draw.line([(x, 0), (x, HEIGHT)], fill=(x * 255 // WIDTH, 120, 255 - x * 255 // WIDTH))
    x0, y0, w, h = BLUR
    for x in range(x0, x0 + w, 4):
        for y in range(y0, y0 + h, 4):
            if (x // 4 + y // 4) % 2:
                draw.rectangle([x, y, x + 3, y + 3], fill=(255, 255, 255))
            else:
                draw.rectangle([x, y, x + 3, y + 3], fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="JPEG", quality=95)
    return out.getvalue()


def box(region: tuple[int, int, int, int], inset: int = 0) -> tuple[int, int, int, int]:
    x, y, w, h = region
    return (x + inset, y + inset, x + w - inset, y + h - inset)


def outside_mask() -> Image.Image:
    """Every pixel at least MARGIN away from both regions."""
    mask = Image.new("L", (WIDTH, HEIGHT), 255)
    draw = ImageDraw.Draw(mask)
    for region in (BLUR, BLACK):
        draw.rectangle(box(region, -MARGIN), fill=0)
    return mask


def region_body(region: tuple[int, int, int, int], style: str) -> dict[str, Any]:
    x, y, w, h = region
    return {"x": x, "y": y, "width": w, "height": h, "style": style}


async def attached(w: World, actor: str = "citizen", target: str = "A", data: bytes | None = None) -> str:
    """A photo uploaded by `actor` and reported with a ticket in `target`, once it is public."""
    media_id: str = (await uploaded(w, actor, data))["id"]
    ticket = await reported(w, actor, target, photo_ids=[media_id])
    TICKETS[media_id] = ticket["id"]

    async def public() -> bool:
        return (await w.http.get(f"/api/v1/media/{media_id}")).status_code == 200

    await eventually(public, what="the reported photo is public")
    return media_id


async def status_for(w: World, path: str, person: str) -> int:
    auth = w.person(person).auth() if person != "anonymous" else {}
    return (await w.http.get(path, headers=auth)).status_code


async def published(nats_client: NatsClient, w: World, name: str, media_id: str) -> dict[str, Any]:
    """The last `media.<name>` event of municipality A, once it is this photo's."""

    async def found() -> dict[str, Any] | None:
        event = await last_event(nats_client, f"cityfix.events.{w.municipality_a}.media.{name}")
        return event if event and event["aggregate_id"] == media_id else None

    event: dict[str, Any] = await eventually(found, what=f"{name} published for the photo")
    return event


async def moderate(w: World, media_id: str, person: str, hidden: bool) -> Any:
    auth = w.person(person).auth() if person != "anonymous" else {}
    return await w.http.patch(f"/api/v1/media/{media_id}/moderation", json={"hidden": hidden}, headers=auth)


# ----- hiding --------------------------------------------------------------------------------------------


async def test_a_hidden_photo_is_404_to_the_public_and_seen_by_staff_uncached(
    world: World, nats_client: NatsClient
) -> None:
    w = world
    media_id = await attached(w)
    paths = (f"/api/v1/media/{media_id}", f"/api/v1/media/{media_id}/thumbnail")
    before = await w.http.get(paths[0])
    assert before.headers["cache-control"] == "public, no-cache"  # shared caches revalidate each use

    hidden = await moderate(w, media_id, "manager_a", True)
    assert hidden.status_code == 200, hidden.text
    assert hidden.json()["hidden"] is True and hidden.json()["redacted"] is False
    event = await published(nats_client, w, "photo_hidden", media_id)
    assert event["aggregate_id"] == media_id and event["sequence"] == 3
    assert event["data"]["media_id"] == media_id and event["actor"]["user_id"] == w.person("manager_a").id

    for path in paths:
        for stranger in ("anonymous", "citizen_2", "manager_b", "operator_b"):
            response = await w.http.get(
                path, headers=w.person(stranger).auth() if stranger != "anonymous" else {}
            )
            assert response.status_code == 404, (stranger, path)
            assert error_of(response)["code"] == "photo_not_found"
        for insider in ("manager_a", "operator_a", "admin", "citizen"):  # citizen uploaded it
            response = await w.http.get(path, headers=w.person(insider).auth())
            assert response.status_code == 200, (insider, path)
            assert response.headers["cache-control"] == "private, no-store"
    # The ticket no longer lists it for the public; its staff see it, marked hidden.
    ticket_path = f"/api/v1/tickets/{TICKETS[media_id]}"

    async def unlisted() -> bool:
        return (await w.http.get(ticket_path)).json()["photo_ids"] == []

    await eventually(unlisted, what="the public ticket no longer lists the hidden photo")
    staff_view = (await w.http.get(ticket_path, headers=w.person("operator_a").auth())).json()
    assert staff_view["photo_ids"] == staff_view["hidden_photo_ids"] == [media_id]
    reporter_view = (await w.http.get(ticket_path, headers=w.person("citizen").auth())).json()
    assert reporter_view["photo_ids"] == [media_id] and reporter_view["hidden_photo_ids"] == []
    # Hiding again changes nothing and emits nothing.
    again = await moderate(w, media_id, "manager_a", True)
    assert again.status_code == 200 and again.json()["hidden"] is True

    shown = await moderate(w, media_id, "manager_a", False)
    assert shown.status_code == 200 and shown.json()["hidden"] is False
    event = await published(nats_client, w, "photo_unhidden", media_id)
    assert event["aggregate_id"] == media_id and event["sequence"] == 4  # the repeated hide made none
    public = await w.http.get(paths[0])
    assert public.status_code == 200 and public.headers["cache-control"] == "public, no-cache"

    async def listed() -> bool:
        return (await w.http.get(ticket_path)).json()["photo_ids"] == [media_id]

    await eventually(listed, what="the public ticket lists the photo again")


async def test_only_managers_of_the_photos_municipality_moderate(world: World) -> None:
    w = world
    media_id = await attached(w)
    assert (await moderate(w, media_id, "anonymous", True)).status_code == 401
    for person in ("citizen", "operator_a", "admin"):  # the uploader neither
        assert (await moderate(w, media_id, person, True)).status_code == 403, person
    refused = await moderate(w, media_id, "manager_b", True)
    assert refused.status_code == 403 and error_of(refused)["code"] == "forbidden"
    assert await status_for(w, f"/api/v1/media/{media_id}", "anonymous") == 200  # nothing changed

    assert (await moderate(w, media_id, "manager_a", True)).status_code == 200
    unseen = await moderate(w, media_id, "manager_b", False)  # B cannot even see it now
    assert unseen.status_code == 404 and error_of(unseen)["code"] == "photo_not_found"
    assert await status_for(w, f"/api/v1/media/{media_id}", "anonymous") == 404

    own = (await upload(w, "manager_a", jpeg(seed=77))).json()["id"]  # no ticket holds it yet
    unattached = await moderate(w, own, "manager_a", True)
    assert unattached.status_code == 409 and error_of(unattached)["code"] == "photo_not_attached"
    assert (await moderate(w, own, "manager_b", True)).status_code == 404
    assert (await moderate(w, "no-such-photo", "manager_a", True)).status_code == 404


async def test_the_photos_of_a_hidden_ticket_are_not_public(world: World) -> None:
    w = world
    media_id = (await uploaded(w, "citizen"))["id"]
    ticket = await reported(w, "citizen", "A", photo_ids=[media_id])
    path = f"/api/v1/media/{media_id}"

    async def public() -> bool:
        return await status_for(w, path, "anonymous") == 200

    await eventually(public, what="the reported photo is public")
    manager = w.person("manager_a").auth()
    hidden = await w.http.patch(
        f"/api/v1/tickets/{ticket['id']}/moderation",
        json={"hidden": True, "reason": "Under review"},
        headers=manager,
    )
    assert hidden.status_code == 200, hidden.text

    async def private() -> bool:
        return await status_for(w, path, "anonymous") == 404

    await eventually(private, what="the hidden ticket's photo is no longer public")
    assert await status_for(w, f"{path}/thumbnail", "anonymous") == 404
    assert await status_for(w, path, "citizen_2") == 404
    assert await status_for(w, path, "manager_b") == 404
    for insider in ("citizen", "operator_a", "manager_a"):
        response = await w.http.get(path, headers=w.person(insider).auth())
        assert response.status_code == 200, insider
        assert response.headers["cache-control"] == "private, no-store"

    shown = await w.http.patch(
        f"/api/v1/tickets/{ticket['id']}/moderation", json={"hidden": False}, headers=manager
    )
    assert shown.status_code == 200, shown.text
    await eventually(public, what="the ticket's photo is public again")


# ----- redaction -----------------------------------------------------------------------------------------


async def test_redaction_obscures_the_rectangles_only_and_keeps_the_original_for_staff(
    world: World, nats_client: NatsClient
) -> None:
    w = world
    media_id = await attached(w, data=photo_with_detail())
    path = f"/api/v1/media/{media_id}"
    before = await w.http.get(path)
    thumbnail_before = await w.http.get(f"{path}/thumbnail")
    manager = w.person("manager_a").auth()

    response = await w.http.put(
        f"{path}/redaction",
        json={"regions": [region_body(BLUR, "blur"), region_body(BLACK, "black")]},
        headers=manager,
    )
    assert response.status_code == 200, response.text
    state = response.json()
    assert state["redacted"] is True and len(state["regions"]) == 2
    assert (state["width"], state["height"]) == (WIDTH, HEIGHT)
    event = await published(nats_client, w, "photo_redacted", media_id)
    assert event["aggregate_id"] == media_id
    assert event["data"]["regions"][1] == region_body(BLACK, "black")

    after = await w.http.get(path)
    assert after.status_code == 200 and after.headers["etag"] != before.headers["etag"]
    original, redacted = opened(before.content).convert("RGB"), opened(after.content).convert("RGB")
    assert redacted.size == original.size == (WIDTH, HEIGHT)
    # Outside the rectangles: the same pixels, within what a JPEG re-encoding changes.
    difference = ImageChops.difference(original, redacted).convert("L")
    assert ImageStat.Stat(difference, outside_mask()).mean[0] < 2.0
    # Blacked out: black.
    assert max(ImageStat.Stat(redacted.crop(box(BLACK, MARGIN))).mean) < 8
    # Blurred: the checkerboard's contrast is gone.
    detail = ImageStat.Stat(original.crop(box(BLUR, MARGIN)).convert("L")).stddev[0]
    left = ImageStat.Stat(redacted.crop(box(BLUR, MARGIN)).convert("L")).stddev[0]
    assert detail > 80 and left < detail / 8, (detail, left)
    # The thumbnail is redacted too (the black region stays dark at its scale).
    thumbnail = await w.http.get(f"{path}/thumbnail")
    assert thumbnail.headers["etag"] != thumbnail_before.headers["etag"]
    small = opened(thumbnail.content).convert("RGB")
    scale = small.width / WIDTH
    x, y, bw, bh = BLACK
    inner = (int(x * scale) + 3, int(y * scale) + 3, int((x + bw) * scale) - 3, int((y + bh) * scale) - 3)
    assert max(ImageStat.Stat(small.crop(inner)).mean) < 12

    # The original is kept, for the municipality's staff only — not the public, not even its uploader.
    for insider in ("manager_a", "operator_a", "admin"):
        kept = await w.http.get(f"{path}/original", headers=w.person(insider).auth())
        assert kept.status_code == 200, insider
        assert kept.content == before.content
        assert kept.headers["cache-control"] == "private, no-store"
    for outsider in ("anonymous", "citizen", "manager_b"):
        assert await status_for(w, f"{path}/original", outsider) == 404, outsider


async def test_a_region_outside_the_photo_is_refused(world: World) -> None:
    w = world
    media_id = await attached(w)  # 320 × 240
    path = f"/api/v1/media/{media_id}"
    manager = w.person("manager_a").auth()
    before = await w.http.get(path)
    outside = await w.http.put(
        f"{path}/redaction",
        json={"regions": [{"x": 300, "y": 10, "width": 40, "height": 20, "style": "black"}]},
        headers=manager,
    )
    assert outside.status_code == 422, outside.text
    assert error_of(outside)["code"] == "region_outside_photo"
    assert "320×240" in error_of(outside)["message"]
    for body in (
        {"regions": []},
        {"regions": [{"x": -1, "y": 0, "width": 10, "height": 10}]},
        {"regions": [{"x": 0, "y": 0, "width": 0, "height": 10}]},
        {"regions": [{"x": 0, "y": 0, "width": 10, "height": 10, "style": "pixelate"}]},
    ):
        response = await w.http.put(f"{path}/redaction", json=body, headers=manager)
        assert response.status_code == 422, (body, response.text)
    after = await w.http.get(path)
    assert after.headers["etag"] == before.headers["etag"]  # nothing was redacted
    refused = await w.http.put(
        f"{path}/redaction",
        json={"regions": [{"x": 0, "y": 0, "width": 10, "height": 10}]},
        headers=w.person("manager_b").auth(),
    )
    assert refused.status_code == 403


async def test_a_transferred_tickets_photos_are_moderated_by_the_receiving_municipality(world: World) -> None:
    w = world
    media_id = (await uploaded(w, "citizen"))["id"]
    ticket = await reported(w, "citizen", "A", photo_ids=[media_id])
    path = f"/api/v1/media/{media_id}"

    async def public() -> bool:
        return await status_for(w, path, "anonymous") == 200

    await eventually(public, what="the reported photo is public")
    moved = await w.http.post(
        f"/api/v1/tickets/{ticket['id']}/transfer",
        json={
            "municipality_id": w.municipality_b,
            "category_id": w.category_b,
            "note": "Misrouted: the other municipality maintains this street.",
        },
        headers=w.person("manager_a").auth(),
    )
    assert moved.status_code == 200, moved.text

    async def theirs() -> bool:
        return (await moderate(w, media_id, "manager_b", True)).status_code == 200

    await eventually(theirs, what="manager_b moderates the transferred ticket's photo")
    assert await status_for(w, path, "anonymous") == 404
    assert await status_for(w, path, "operator_b") == 200
    for former in ("manager_a", "operator_a"):  # A's staff no longer see it, nor moderate it
        assert await status_for(w, path, former) == 404, former
    assert (await moderate(w, media_id, "manager_a", False)).status_code == 404

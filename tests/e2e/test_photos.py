"""Photos through the whole system (issue 6): the upload attack suite over HTTP, serving, privacy, and
attaching photos to a report. The gateway streams into the JetStream Object Store (the default store),
the media service processes the staged object, and the tickets service learns owners from PhotoUploaded.
"""

from __future__ import annotations

import functools
import io
import json
import os
import zipfile
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient

from cityfix_contracts import DomainError
from cityfix_contracts.subjects import EVENTS_STREAM
from gateway.settings import GatewaySettings
from gateway.uploads import UploadIntake
from services.common.media_store import MEDIA_BUCKET, STAGING, STAGING_BUCKET
from services.common.testing import eventually
from services.media import handlers
from services.media.documents import PhotoDocument
from services.media.domain import Limits, inspect
from tests.support.held_render import entered, recorded_render
from tests.support.photos import (
    CAMERA,
    counted_decodes,
    heic,
    heic_claiming,
    jpeg,
    noisy_jpeg,
    opened,
    pixel_flood_png,
    upload,
    uploaded,
)
from tests.support.stack import World, world
from tests.support.tickets import assigned, report

__all__ = ["world"]


def error_of(response: Any) -> dict[str, Any]:
    body: dict[str, Any] = response.json()["error"]
    return body


async def stored_objects(nats_client: NatsClient, folder: str) -> list[str]:
    bucket = STAGING_BUCKET if folder == STAGING else MEDIA_BUCKET  # uploads have a bucket of their own
    store = await nats_client.jetstream().object_store(bucket)
    try:
        entries = await store.list(ignore_deletes=True)
    except Exception:  # nats-py raises when the bucket holds nothing (left)
        return []
    return [entry.name for entry in entries if entry.name.startswith(f"{folder}/")]


async def last_event(nats_client: NatsClient, subject: str) -> dict[str, Any] | None:
    try:
        message = await nats_client.jetstream().get_last_msg(EVENTS_STREAM, subject)
    except Exception:
        return None
    found: dict[str, Any] = json.loads(message.data)
    return found


# ----- the attack suite ---------------------------------------------------------------------------------


async def test_pixel_flood_is_refused_before_any_decode(
    world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    # A photo is checked and decoded in a worker process of the media service: `inspect` reads the
    # header, then `render` decodes. So: the header check decodes nothing (seen here, in this process,
    # where Pillow's decoding can be counted), and the flood never reaches `render` in the worker (which
    # marks a folder when it starts).
    decoded = counted_decodes(monkeypatch)
    monkeypatch.setattr(handlers, "render", functools.partial(recorded_render, str(tmp_path)))
    flood = pixel_flood_png()
    assert len(flood) < 1_000_000  # a few hundred KB for 1.6 G pixels
    with pytest.raises(DomainError) as refused:
        inspect(flood, Limits(max_pixels=40_000_000))
    assert refused.value.reply.code == "too_many_pixels" and decoded == []
    response = await upload(world, "citizen", flood, filename="flood.png", content_type="image/png")
    assert response.status_code == 422, response.text
    assert error_of(response)["code"] == "too_many_pixels"
    assert error_of(response)["details"]["pixels"] == 40_000 * 40_000
    assert (decoded, entered(tmp_path)) == ([], [])
    # The same marks see an ordinary photo decoded, in a worker process: they can tell.
    assert (await upload(world, "citizen", jpeg())).status_code == 201
    assert decoded == [] and len(entered(tmp_path)) == 1
    assert entered(tmp_path)[0] != os.getpid()


@pytest.mark.parametrize(
    ("filename", "content"),
    [
        ("shell.jpg", b"<?php system($_GET['cmd']); ?>\n"),
        ("page.jpg", b"<!doctype html><html><script>alert(document.cookie)</script></html>"),
        ("script.jpg", b"#!/bin/sh\nrm -rf /\n"),
    ],
)
async def test_a_file_renamed_jpg_is_refused_by_its_bytes(
    world: World, filename: str, content: bytes
) -> None:
    response = await upload(world, "citizen", content, filename=filename, content_type="image/jpeg")
    assert response.status_code == 415, response.text
    assert error_of(response)["code"] == "unsupported_image_type"


async def test_a_truncated_jpeg_is_unreadable(world: World) -> None:
    data = noisy_jpeg()
    response = await upload(world, "citizen", data[: len(data) * 2 // 3])
    assert response.status_code == 422, response.text
    assert error_of(response)["code"] == "unreadable_image"


async def test_two_file_parts_are_malformed(world: World) -> None:
    response = await world.http.post(
        "/api/v1/media",
        files=[("file", ("a.jpg", jpeg(), "image/jpeg")), ("file", ("b.jpg", jpeg(seed=2), "image/jpeg"))],
        headers=world.person("citizen").auth(),
    )
    assert response.status_code == 400, response.text
    assert error_of(response)["code"] == "malformed_upload"
    response = await world.http.post(
        "/api/v1/media",
        files=[("file", ("a.jpg", jpeg(), "image/jpeg")), ("extra", ("b.jpg", jpeg(seed=2), "image/jpeg"))],
        headers=world.person("citizen").auth(),
    )
    assert response.status_code == 400, response.text


async def test_oversize_is_refused_while_reading(world: World) -> None:
    """A body that keeps coming is cut off at the cap: the gateway never pulls the rest of it."""
    cap = 10 * 1024 * 1024
    chunk = b"\xff" * (64 * 1024)
    sent = 0

    async def body() -> AsyncIterator[bytes]:
        nonlocal sent
        head = b'--b0undary\r\nContent-Disposition: form-data; name="file"; filename="big.jpg"\r\n\r\n\xff\xd8\xff'
        yield head
        for _ in range(5 * cap // len(chunk)):  # 50 MB if it were all read
            sent += len(chunk)
            yield chunk

    response = await world.http.post(
        "/api/v1/media",
        content=body(),
        headers={**world.person("citizen").auth(), "Content-Type": "multipart/form-data; boundary=b0undary"},
    )
    assert response.status_code == 413, response.text
    assert error_of(response)["code"] == "photo_too_large"
    assert sent <= cap + 2 * len(chunk)
    # Declared too large: refused before a byte of the body is read.
    response = await world.http.post(
        "/api/v1/media",
        content=body(),
        headers={
            **world.person("citizen").auth(),
            "Content-Type": "multipart/form-data; boundary=b0undary",
            "Content-Length": str(5 * cap),
        },
    )
    assert response.status_code == 413


async def test_uploads_are_read_through_the_gateways_intake(
    world: World, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every byte of an upload waits for its share of the gateway's intake (media_upload_bytes_per_second)
    before the next is read."""
    taken: list[tuple[int, int]] = []
    take = UploadIntake.take

    async def counted(self: UploadIntake, size: int) -> None:
        taken.append((self.bytes_per_second, size))
        await take(self, size)

    monkeypatch.setattr(UploadIntake, "take", counted)
    data = noisy_jpeg(600, 400)
    response = await upload(world, "citizen", data)
    assert response.status_code == 201, response.text
    rate = GatewaySettings.model_fields["media_upload_bytes_per_second"].default
    assert {bytes_per_second for bytes_per_second, _ in taken} == {rate}
    assert sum(size for _, size in taken) > len(data)  # the photo and its form around it


async def test_bytes_appended_after_the_image_are_not_served(world: World) -> None:
    payload = io.BytesIO()
    with zipfile.ZipFile(payload, "w") as archive:
        archive.writestr("shell.php", "<?php system($_GET['c']); ?>")
    response = await upload(world, "citizen", jpeg(gps=True) + payload.getvalue())
    assert response.status_code == 201, response.text
    photo = response.json()
    for path in (f"/api/v1/media/{photo['id']}", photo["thumbnail_url"]):
        served = await world.http.get(path, headers=world.person("citizen").auth())
        assert served.status_code == 200
        assert b"PK\x03\x04" not in served.content and b"shell.php" not in served.content
        assert b"<?php" not in served.content
        assert served.content.endswith(b"\xff\xd9")


async def test_gps_is_suggested_to_the_uploader_and_every_trace_of_exif_is_gone(
    world: World, nats_client: NatsClient
) -> None:
    response = await upload(world, "citizen", jpeg(320, 240, orientation=6, gps=True))
    assert response.status_code == 201, response.text
    photo = response.json()
    assert photo["suggested_location"] == pytest.approx({"lat": 52.394933, "lon": 13.065667}, abs=1e-5)
    # Orientation 6 applied: the landscape original is served upright as a portrait.
    assert (photo["width"], photo["height"]) == (240, 320)
    served = await world.http.get(f"/api/v1/media/{photo['id']}", headers=world.person("citizen").auth())
    assert served.status_code == 200
    image = opened(served.content)
    assert image.size == (240, 320)
    red, _, blue = image.getpixel((120, 40))  # type: ignore[misc]
    assert red > 150 and blue < 100  # the original's left (red) half is now on top
    assert not image.getexif() and "exif" not in image.info
    assert b"Exif" not in served.content and CAMERA.encode() not in served.content
    # The position is not kept and not published.
    stored = await PhotoDocument.get(photo["id"])
    assert stored is not None and "52.39" not in stored.model_dump_json()
    event = await eventually(
        lambda: last_event(nats_client, "cityfix.events.platform.media.photo_uploaded"),
        what="PhotoUploaded published",
    )
    assert event["data"] == {"media_id": photo["id"], "owner_id": world.person("citizen").id}
    assert "52.39" not in json.dumps(event)


async def test_an_iphone_heic_is_accepted_upright_as_a_jpeg_without_exif(world: World) -> None:
    response = await upload(
        world,
        "citizen",
        heic(320, 240, orientation=6, gps=True),
        filename="IMG_0001.HEIC",
        content_type="image/heic",
    )
    assert response.status_code == 201, response.text
    photo = response.json()
    assert photo["suggested_location"] == pytest.approx({"lat": 52.394933, "lon": 13.065667}, abs=1e-5)
    assert (photo["width"], photo["height"]) == (240, 320)
    for path in (f"/api/v1/media/{photo['id']}", photo["thumbnail_url"]):
        served = await world.http.get(path, headers=world.person("citizen").auth())
        assert served.status_code == 200
        assert served.headers["content-type"] == "image/jpeg"
        image = opened(served.content)
        assert image.format == "JPEG" and image.height > image.width
        red, _, blue = image.getpixel((image.width // 2, image.height // 8))  # type: ignore[misc]
        assert red > 150 and blue < 100  # turned once: the original's left (red) half is on top
        assert not image.getexif() and b"Exif" not in served.content and CAMERA.encode() not in served.content
    # A pixel flood in HEIC's header is refused like any other.
    flood = await upload(world, "citizen", heic_claiming(heic(64, 64), 40_000, 40_000), filename="f.heic")
    assert flood.status_code == 422 and error_of(flood)["code"] == "too_many_pixels"
    # So is one whose crop box shows a few pixels of a declared 40000 × 40000 (libheif's own ceiling).
    hidden = await upload(world, "citizen", heic_claiming(heic(64, 48), 40_000, 40_000), filename="h.heic")
    assert hidden.status_code == 422 and error_of(hidden)["code"] == "too_many_pixels"


async def test_the_same_photo_is_stored_once(world: World, nats_client: NatsClient) -> None:
    data = jpeg(seed=42)
    first = await upload(world, "citizen", data)
    second = await upload(world, "citizen_2", data + b"different trailing bytes")
    assert first.status_code == second.status_code == 201
    assert first.json()["id"] != second.json()["id"]
    docs = [await PhotoDocument.get(r.json()["id"]) for r in (first, second)]
    assert docs[0] is not None and docs[1] is not None
    assert docs[0].content_hash == docs[1].content_hash
    photos = await stored_objects(nats_client, "photos")
    assert photos == [f"photos/{docs[0].content_hash}.jpg"]
    assert len(await stored_objects(nats_client, "thumbnails")) == 1
    assert await stored_objects(nats_client, "staging") == []  # staged uploads are removed


async def test_thumbnail_and_serving_headers(world: World) -> None:
    response = await upload(world, "citizen", jpeg(3000, 2000))
    assert response.status_code == 201, response.text
    photo = response.json()
    assert (photo["width"], photo["height"]) == (2048, 1365)
    assert photo["thumbnail_url"] == f"/api/v1/media/{photo['id']}/thumbnail"
    assert response.headers["location"] == f"/api/v1/media/{photo['id']}"
    owner = world.person("citizen").auth()
    thumbnail = await world.http.get(photo["thumbnail_url"], headers=owner)
    full = await world.http.get(f"/api/v1/media/{photo['id']}", headers=owner)
    for served in (thumbnail, full):
        assert served.status_code == 200
        assert served.headers["content-type"] == "image/jpeg"
        assert served.headers["x-content-type-options"] == "nosniff"
        assert "immutable" in served.headers["cache-control"]
        assert served.headers["cache-control"].startswith("private")  # not attached: not for shared caches
        assert served.headers["etag"].startswith('"')
    assert opened(thumbnail.content).size == (400, 267)
    assert opened(full.content).size == (2048, 1365)
    assert thumbnail.headers["etag"] != full.headers["etag"]
    again = await world.http.get(
        f"/api/v1/media/{photo['id']}", headers={**owner, "If-None-Match": full.headers["etag"]}
    )
    assert again.status_code == 304 and again.content == b""


async def test_an_unattached_photo_is_only_its_uploaders(world: World) -> None:
    photo = (await upload(world, "citizen", jpeg(seed=5))).json()
    for path in (f"/api/v1/media/{photo['id']}", photo["thumbnail_url"]):
        assert (await world.http.get(path, headers=world.person("citizen").auth())).status_code == 200
        for other in ("citizen_2", "manager_a", "operator_a", "admin"):
            response = await world.http.get(path, headers=world.person(other).auth())
            assert response.status_code == 404, (other, response.text)
            assert error_of(response)["code"] == "photo_not_found"
        assert (await world.http.get(path)).status_code == 404
    assert (await world.http.get("/api/v1/media/no-such-photo")).status_code == 404


async def test_admins_and_strangers_cannot_upload(world: World) -> None:
    assert (await upload(world, "admin", jpeg())).status_code == 403
    response = await world.http.post("/api/v1/media", files={"file": ("a.jpg", jpeg(), "image/jpeg")})
    assert response.status_code == 401


# ----- attaching photos to a report ------------------------------------------------------------------------


async def test_a_report_attaches_its_photos_and_makes_them_public(
    world: World, nats_client: NatsClient
) -> None:
    photos = [await uploaded(world, "citizen") for _ in range(2)]
    ids = [p["id"] for p in photos]
    response = await report(world, "citizen", "A", photo_ids=ids)
    assert response.status_code == 201, response.text
    ticket = response.json()
    assert list(ticket["photo_ids"]) == ids

    async def attached() -> dict[str, Any] | None:
        event = await last_event(nats_client, f"cityfix.events.{world.municipality_a}.media.photo_attached")
        return event if event and event["aggregate_id"] == ids[-1] else None

    event = await eventually(attached, what="PhotoAttached published")
    assert event["data"] == {"media_id": ids[-1], "ticket_id": ticket["id"]}
    assert event["sequence"] == 2 and event["municipality_id"] == world.municipality_a

    async def public() -> bool:
        response = await world.http.get(f"/api/v1/media/{ids[0]}")
        return response.status_code == 200

    await eventually(public, what="the attached photo is public")
    served = await world.http.get(photos[1]["thumbnail_url"])
    assert served.status_code == 200 and served.headers["cache-control"].startswith("public")
    # Taken by one report, a photo cannot join another.
    again = await report(world, "citizen", "A", photo_ids=[ids[0]])
    assert again.status_code == 422
    assert error_of(again)["code"] == "photo_already_attached"
    assert error_of(again)["details"] == {"photo_id": ids[0]}


async def test_only_own_photos_and_at_most_five(world: World) -> None:
    mine = [await uploaded(world, "citizen") for _ in range(6)]
    ids = [p["id"] for p in mine]
    sixth = await report(world, "citizen", "A", photo_ids=ids)
    assert sixth.status_code == 422, sixth.text
    assert error_of(sixth)["code"] == "too_many_photos"
    theirs = await uploaded(world, "citizen_2")
    foreign = await report(world, "citizen", "A", photo_ids=[ids[0], theirs["id"]])
    assert foreign.status_code == 422
    assert error_of(foreign)["code"] == "photo_not_available"
    assert error_of(foreign)["details"] == {"photo_id": theirs["id"]}
    assert theirs["id"] in error_of(foreign)["message"]
    twice = await report(world, "citizen", "A", photo_ids=[ids[0], ids[0]])
    assert error_of(twice)["code"] == "duplicate_photo"
    # Nothing was taken by the refused reports: five of them still fit on one.
    five = await report(world, "citizen", "A", photo_ids=ids[:5])
    assert five.status_code == 201, five.text
    assert len(five.json()["photo_ids"]) == 5


async def test_after_photos_go_with_the_resolution_by_its_resolver_only(
    world: World, nats_client: NatsClient
) -> None:
    ticket = await assigned(world, "A")
    path = f"/api/v1/tickets/{ticket['id']}/status"
    operator = world.person("operator_a").auth()
    mine = await uploaded(world, "operator_a")
    theirs = await uploaded(world, "citizen")

    early = await world.http.post(
        path, json={"status": "in_progress", "photo_ids": [mine["id"]]}, headers=operator
    )
    assert early.status_code == 422 and error_of(early)["code"] == "after_photos_only_when_resolving"
    foreign = await world.http.post(
        path, json={"status": "resolved", "note": "Filled.", "photo_ids": [theirs["id"]]}, headers=operator
    )
    assert foreign.status_code == 422 and error_of(foreign)["code"] == "photo_not_available"
    still = await world.http.get(f"/api/v1/tickets/{ticket['id']}", headers=operator)
    assert still.json()["status"] == "assigned"  # a refused change changed nothing

    done = await world.http.post(
        path, json={"status": "resolved", "note": "Filled.", "photo_ids": [mine["id"]]}, headers=operator
    )
    assert done.status_code == 200, done.text
    assert done.json()["after_photo_ids"] == [mine["id"]] and done.json()["photo_ids"] == []

    async def attached() -> dict[str, Any] | None:
        event = await last_event(nats_client, f"cityfix.events.{world.municipality_a}.media.photo_attached")
        return event if event and event["aggregate_id"] == mine["id"] else None

    event = await eventually(attached, what="PhotoAttached for the after photo")
    assert event["data"] == {"media_id": mine["id"], "ticket_id": ticket["id"]}

    async def public() -> bool:
        return (await world.http.get(f"/api/v1/media/{mine['id']}")).status_code == 200

    await eventually(public, what="the after photo is public")
    seen = await world.http.get(f"/api/v1/tickets/{ticket['id']}")
    assert seen.json()["after_photo_ids"] == [mine["id"]]

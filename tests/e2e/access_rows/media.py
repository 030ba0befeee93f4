"""Access rows: photos (upload, the photo, its thumbnail).

Uploading is for citizens and staff (who attach photos to reports); admins report nothing. A photo on a
ticket is public, whichever municipality the ticket is in ("A", "B": attached to a ticket there). Before a
ticket takes it, a photo is its uploader's alone: "A/unattached" was uploaded by operator_a, so only they
see it — not even their own manager; "B/unattached" was uploaded by manager_b and is 404 to everyone of A.
A refusal never names the uploader.
"""

from __future__ import annotations

import random

import httpx

from services.common.testing import eventually
from tests.support.access import ACTORS, Case, headers, row
from tests.support.photos import jpeg, upload, uploaded
from tests.support.stack import World
from tests.support.tickets import reported

UPLOADERS = {"A/unattached": "operator_a", "B/unattached": "manager_b"}
_photos: dict[tuple[str, str], str] = {}  # (world's municipality A, target) → media id


async def photo(w: World, target: str) -> str:
    key = (w.municipality_a, target)
    if key not in _photos:
        if target in UPLOADERS:
            _photos[key] = (await uploaded(w, UPLOADERS[target]))["id"]
        else:
            media_id = (await uploaded(w, "citizen"))["id"]
            await reported(w, "citizen", target, photo_ids=[media_id])

            async def public() -> bool:
                return (await w.http.get(f"/api/v1/media/{media_id}")).status_code == 200

            await eventually(public, what="the reported photo is public")
            _photos[key] = media_id
    return _photos[key]


def uploading(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        if actor == "anonymous":
            return await w.http.post("/api/v1/media", files={"file": ("a.jpg", jpeg(), "image/jpeg")})
        return await upload(w, actor, jpeg(seed=random.randrange(1 << 30)))

    return send


def serving(suffix: str):  # type: ignore[no-untyped-def]
    def build(actor: str):  # type: ignore[no-untyped-def]
        async def send(w: World, target: str) -> httpx.Response:
            media_id = await photo(w, target)
            return await w.http.get(f"/api/v1/media/{media_id}{suffix}", headers=headers(w, actor))

        return send

    return build


def uploader_ids(w: World) -> list[str]:
    return [w.person(person).id for person in UPLOADERS.values()]


def serving_cases() -> list[Case]:
    return [
        *[Case(a, t, 200) for a in ACTORS for t in ("A", "B")],
        *[Case(a, "B/unattached", 404, hides=uploader_ids) for a in ACTORS],
        Case("operator_a", "A/unattached", 200),
        *[
            Case(a, "A/unattached", 404, hides=uploader_ids)
            for a in ("anonymous", "citizen", "manager_a", "admin")
        ],
    ]


row(
    "POST",
    "/api/v1/media",
    uploading,
    [
        Case("anonymous", "-", 401),
        *[
            Case(a, "-", 201, shows=lambda w: ["thumbnail_url"])
            for a in ("citizen", "operator_a", "manager_a")
        ],
        Case("admin", "-", 403),
    ],
)
row("GET", "/api/v1/media/{media_id}", serving(""), serving_cases())
row("GET", "/api/v1/media/{media_id}/thumbnail", serving("/thumbnail"), serving_cases())

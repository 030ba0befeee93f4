"""Access rows: moderation of photos — hiding, redacting, and the unredacted original.

Each case acts on a fresh photo that citizen uploaded and reported with a ticket in the target
municipality ("A" or "B"), so hiding or redacting one never changes another case's photo. Only managers
of the ticket's municipality moderate (a manager of A sees B's public photo, so 403 rather than 404); the
original is for the staff of that municipality (managers, operators) and admins — not even its uploader.
"""

from __future__ import annotations

import httpx

from services.common.testing import eventually
from tests.support.access import Case, headers, row
from tests.support.photos import uploaded
from tests.support.stack import World
from tests.support.tickets import reported


async def attached_photo(w: World, target: str) -> str:
    """A fresh photo of a ticket reported in the target, once the media service made it public."""
    media_id: str = (await uploaded(w, "citizen"))["id"]
    await reported(w, "citizen", target, photo_ids=[media_id])

    async def public() -> bool:
        return (await w.http.get(f"/api/v1/media/{media_id}")).status_code == 200

    await eventually(public, what="the reported photo is public")
    return media_id


def moderating(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        media_id = await attached_photo(w, target)
        return await w.http.patch(
            f"/api/v1/media/{media_id}/moderation", json={"hidden": True}, headers=headers(w, actor)
        )

    return send


REGION = {"x": 10, "y": 10, "width": 50, "height": 40, "style": "black"}


def redacting(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        media_id = await attached_photo(w, target)
        return await w.http.put(
            f"/api/v1/media/{media_id}/redaction", json={"regions": [REGION]}, headers=headers(w, actor)
        )

    return send


def original(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        media_id = await attached_photo(w, target)
        return await w.http.get(f"/api/v1/media/{media_id}/original", headers=headers(w, actor))

    return send


def refusals() -> list[Case]:
    return [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403),
        Case("operator_a", "A", 403),
        Case("manager_a", "B", 403),
        Case("admin", "A", 403),
    ]


row(
    "PATCH",
    "/api/v1/media/{media_id}/moderation",
    moderating,
    [*refusals(), Case("manager_a", "A", 200, shows=lambda w: ['"hidden":true', '"redacted":false'])],
)
row(
    "PUT",
    "/api/v1/media/{media_id}/redaction",
    redacting,
    [*refusals(), Case("manager_a", "A", 200, shows=lambda w: ['"redacted":true', '"style":"black"'])],
)
row(
    "GET",
    "/api/v1/media/{media_id}/original",
    original,
    [
        *[Case(a, t, 404) for a in ("anonymous", "citizen") for t in ("A", "B")],
        *[Case(a, "A", 200) for a in ("operator_a", "manager_a", "admin")],
        *[Case(a, "B", 404) for a in ("operator_a", "manager_a")],
        Case("admin", "B", 200),
    ],
)

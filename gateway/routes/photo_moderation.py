"""Moderation of photos (media service): hiding a photo, redacting rectangles, and the original for staff.

Managers of the municipality of the photo's ticket moderate it, as they moderate tickets (PATCH
…/moderation); the media service decides on its own data and answers 404 for a photo the asker cannot
see. The unredacted original is streamed like any rendition, never cached (`private, no-store`).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends, Request, Response

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.media import (
    ModeratePhoto,
    PhotoModeration,
    PhotoModerationChange,
    Redaction,
    RedactPhoto,
)

from ..deps import Ctx, Rpc, State, require_role
from .media import SERVE_RESPONSES, serve

router = APIRouter(prefix="/media", tags=["media"])


def errors(invalid: str) -> dict[int | str, dict[str, Any]]:
    described: dict[int | str, dict[str, Any]] = {
        403: {"model": ErrorResponse, "description": "Anyone but a manager of the photo's municipality"},
        404: {"model": ErrorResponse, "description": "`photo_not_found`: no such photo you can see"},
        409: {
            "model": ErrorResponse,
            "description": "`photo_not_attached` (no ticket holds it yet), `photo_changed` (a concurrent "
            "moderation won)",
        },
        422: {"model": ErrorResponse, "description": invalid},
        503: {"model": ErrorResponse, "description": "The media service is not answering"},
    }
    return described


@router.patch(
    "/{media_id}/moderation",
    response_model=PhotoModeration,
    dependencies=[Depends(require_role("manager"))],
    operation_id="media-moderate",
    responses=errors("Unknown fields or a missing `hidden`"),
)
async def moderate_photo(media_id: str, body: PhotoModerationChange, rpc: Rpc, ctx: Ctx) -> PhotoModeration:
    """Hide a photo of a ticket from the public (`hidden`: true; PhotoHidden) or show it again. A hidden
    photo is 404 to everyone but the municipality's staff and its uploader."""
    moderation: PhotoModeration = await rpc.call(ModeratePhoto(media_id=media_id, hidden=body.hidden), ctx)
    return moderation


@router.put(
    "/{media_id}/redaction",
    response_model=PhotoModeration,
    dependencies=[Depends(require_role("manager"))],
    operation_id="media-redact",
    responses=errors("`region_outside_photo` (a rectangle leaves the photo), an empty or invalid region"),
)
async def redact_photo(media_id: str, body: Redaction, rpc: Rpc, ctx: Ctx) -> PhotoModeration:
    """Blur or black out rectangles (faces, number plates), given in the photo's pixel coordinates and
    inside it, on the original (a new redaction replaces the last). The public then gets the redacted
    photo and thumbnail; the original stays, for the municipality's staff (PhotoRedacted)."""
    moderation: PhotoModeration = await rpc.call(RedactPhoto(media_id=media_id, regions=body.regions), ctx)
    return moderation


@router.get(
    "/{media_id}/original",
    operation_id="media-original",
    response_class=Response,
    responses=SERVE_RESPONSES,
)
async def get_original(media_id: str, request: Request, rpc: Rpc, ctx: Ctx, state: State) -> Response:
    """The photo without its redaction, for staff of its ticket's municipality only (404 to others)."""
    return await serve(media_id, "original", request, rpc, ctx, state)

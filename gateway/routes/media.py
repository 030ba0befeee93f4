"""Photos (media service): uploading one, and serving a photo and its thumbnail.

The bytes travel between the gateway and the media store directly; request/reply carries only object
names (DESIGN §1). An upload is read as it streams in (size cap while reading), written into a staging
object, and the media service is asked to process that object: it decides what the file is (magic
bytes, pixel cap from the header), stores the re-encoded renditions and answers the photo's id. Serving
asks the media service whether the caller may see the photo and where its rendition is, then streams it
from the store with its type, `nosniff` and a strong ETag; see `cache_control` for who may cache it.
"""

from __future__ import annotations

import contextlib
from typing import Any

from fastapi import APIRouter, Depends, Request, Response, status
from fastapi.responses import JSONResponse
from starlette.requests import ClientDisconnect

from cityfix_contracts import ErrorResponse
from cityfix_contracts.commands.media import (
    GetPhoto,
    PhotoUpload,
    ProcessedPhoto,
    ProcessUpload,
    Rendition,
    StoredRendition,
)
from services.common.logs import get_logger
from services.common.media_store import BlobNotFound, staging_name
from services.common.rpc import RpcFailure

from ..deps import Ctx, Rpc, State, require_role
from ..errors import ApiError
from ..uploads import receive_file

log = get_logger("cityfix.gateway")

router = APIRouter(prefix="/media", tags=["media"])

API_PREFIX = "/api/v1"
IMMUTABLE = "max-age=31536000, immutable"

UPLOAD_BODY: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "required": ["file"],
                    "properties": {
                        "file": {
                            "type": "string",
                            "format": "binary",
                            "description": "One JPEG, PNG, WebP or HEIC photo",
                        }
                    },
                }
            }
        },
    }
}

UPLOAD_ERRORS: dict[int | str, dict[str, Any]] = {
    400: {"model": ErrorResponse, "description": "`malformed_upload`: not one file in the field `file`"},
    403: {"model": ErrorResponse, "description": "Admins (who report nothing)"},
    413: {"model": ErrorResponse, "description": "`photo_too_large`: over the size cap (a setting, 10 MB)"},
    415: {
        "model": ErrorResponse,
        "description": "`unsupported_image_type` (not JPEG, PNG, WebP or HEIC by its bytes), `multipart_required`",
    },
    422: {
        "model": ErrorResponse,
        "description": "`too_many_pixels` (over the pixel cap, refused before decoding), `unreadable_image`",
    },
    429: {
        "model": ErrorResponse,
        "description": "`too_many_uploads` (per account and hour); see Retry-After",
    },
    503: {"model": ErrorResponse, "description": "The media service or its store is not answering"},
}

SERVE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {"image/jpeg": {}}, "description": "The image bytes"},
    304: {"description": "Not modified (If-None-Match matched the ETag)"},
    404: {
        "model": ErrorResponse,
        "description": "`photo_not_found`: no such photo, or not yours to see (not attached yet, hidden)",
    },
}


def store_unavailable() -> ApiError:
    return ApiError(
        503, "media_store_unavailable", "Photos cannot be stored or read right now; please try again."
    )


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=PhotoUpload,
    dependencies=[Depends(require_role("citizen", "manager", "operator"))],
    operation_id="media-upload",
    openapi_extra=UPLOAD_BODY,
    responses=UPLOAD_ERRORS,
)
async def upload_photo(request: Request, rpc: Rpc, ctx: Ctx, state: State) -> JSONResponse:
    """Upload one photo for a report (multipart, field `file`). It is checked, turned upright and
    re-encoded without any metadata; `suggested_location` is the camera's GPS position, given to the
    uploader only. The photo stays private to the uploader until a ticket references it in `photo_ids`."""
    settings = state.settings
    try:
        received = await receive_file(
            request.headers.get("content-type"),
            request.headers.get("content-length"),
            request.stream(),
            settings.media_max_upload_bytes,
            state.upload_intake(),
        )
    except ClientDisconnect:
        raise ApiError(400, "malformed_upload", "The upload was interrupted; please send it again.") from None
    staging = staging_name()
    store = state.media()
    with received.file:
        try:
            await store.put(staging, received.file)
        except Exception as exc:
            log.warning("cannot stage an upload", error=repr(exc))
            raise store_unavailable() from None
    try:
        processed: ProcessedPhoto = await rpc.call(
            ProcessUpload(staging_object=staging), ctx, timeout=settings.media_processing_timeout_seconds
        )
    except RpcFailure as failure:
        if failure.error.kind == "unavailable":  # the service may never see it: do not leave it staged
            with contextlib.suppress(Exception):
                await store.delete(staging)
        raise
    upload = PhotoUpload(
        id=processed.id,
        width=processed.width,
        height=processed.height,
        thumbnail_url=f"{API_PREFIX}/media/{processed.id}/thumbnail",
        suggested_location=processed.suggested_location,
    )
    return JSONResponse(
        upload.model_dump(mode="json"),
        status_code=status.HTTP_201_CREATED,
        headers={"Location": f"{API_PREFIX}/media/{processed.id}", "Cache-Control": "no-store"},
    )


def cache_control(stored: StoredRendition) -> str:
    """Public photos may be stored by shared caches but revalidated on every use (the ETag makes that a
    304 without the bytes), so hiding or redacting one takes effect at once; an unattached photo's bytes
    are immutable and its owner's alone; a hidden photo or an original is kept by no cache at all."""
    if stored.restricted:
        return "private, no-store"
    if stored.public:
        return "public, no-cache"
    return f"private, {IMMUTABLE}"


async def serve(
    media_id: str, rendition: Rendition, request: Request, rpc: Rpc, ctx: Ctx, state: State
) -> Response:
    stored = await rpc.call(GetPhoto(media_id=media_id, rendition=rendition), ctx)
    headers = {
        "ETag": stored.etag,
        "Cache-Control": cache_control(stored),
        "X-Content-Type-Options": "nosniff",
        "Content-Security-Policy": "default-src 'none'",
    }
    if stored.etag in [tag.strip() for tag in request.headers.get("if-none-match", "").split(",")]:
        return Response(status_code=status.HTTP_304_NOT_MODIFIED, headers=headers)
    try:
        data = await state.media().get(stored.object_name)
    except BlobNotFound:
        log.error("stored photo is missing", media_id=media_id, object_name=stored.object_name)
        raise ApiError(404, "photo_not_found", f"No photo with id {media_id} exists.") from None
    except Exception as exc:
        log.warning("cannot read a photo", error=repr(exc))
        raise store_unavailable() from None
    return Response(data, media_type=stored.content_type, headers=headers)


@router.get(
    "/{media_id}",
    operation_id="media-get",
    response_class=Response,
    responses=SERVE_RESPONSES,
)
async def get_photo(media_id: str, request: Request, rpc: Rpc, ctx: Ctx, state: State) -> Response:
    """The photo (JPEG, longest side ≤ 2048 px): public once attached to a ticket, before that only
    to its uploader."""
    return await serve(media_id, "photo", request, rpc, ctx, state)


@router.get(
    "/{media_id}/thumbnail",
    operation_id="media-thumbnail",
    response_class=Response,
    responses=SERVE_RESPONSES,
)
async def get_thumbnail(media_id: str, request: Request, rpc: Rpc, ctx: Ctx, state: State) -> Response:
    """The photo's thumbnail (JPEG, longest side ≈ 400 px), visible to the same people as the photo."""
    return await serve(media_id, "thumbnail", request, rpc, ctx, state)

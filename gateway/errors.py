"""One error shape everywhere (DESIGN §4): `{"error": {"code", "message", "details"}}` with the right status."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import ValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException

from cityfix_contracts import ErrorReply
from services.common.logs import get_logger
from services.common.rpc import RpcFailure, validation_details

log = get_logger("cityfix.gateway")

STATUS_CODES: dict[int, tuple[str, str]] = {
    400: ("malformed", "The request could not be read."),
    401: ("unauthenticated", "Please sign in to do this."),
    403: ("forbidden", "You are not allowed to do this."),
    404: ("not_found", "There is nothing at this address."),
    405: ("method_not_allowed", "This address does not accept that method."),
    409: ("conflict", "This conflicts with the current state."),
    413: ("too_large", "The request is too large."),
    415: ("unsupported_media_type", "This type of content is not accepted."),
    422: ("validation_failed", "Some fields are missing or not valid; see details."),
    429: ("rate_limited", "Too many requests; please wait and try again."),
    503: ("service_unavailable", "A part of CityFix is not answering right now; please try again shortly."),
}


def error_response(
    status: int,
    code: str,
    message: str,
    details: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    headers = dict(headers or {})
    if status == 401:
        headers.setdefault("WWW-Authenticate", 'Bearer realm="cityfix"')
    return JSONResponse(
        {"error": {"code": code, "message": message, "details": details or {}}},
        status_code=status,
        headers=headers,
    )


def reply_response(error: ErrorReply) -> JSONResponse:
    headers: dict[str, str] = {}
    retry_after = error.details.get("retry_after")
    if error.http_status == 429 and retry_after is not None:
        headers["Retry-After"] = str(int(retry_after))
    return error_response(error.http_status, error.code, error.message, error.details, headers)


class ApiError(Exception):
    """Raised by the gateway's own checks (authentication, coarse roles)."""

    def __init__(self, status: int, code: str, message: str, details: dict[str, Any] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.details = status, code, message, details or {}


def api_error_response(exc: ApiError) -> JSONResponse:
    headers = {"Allow": ", ".join(exc.details["allowed_methods"])} if exc.status == 405 else None
    return error_response(exc.status, exc.code, exc.message, exc.details, headers)


def contract_invalid_response(exc: ValidationError) -> JSONResponse:
    """A value taken from the request (a path segment, a query parameter) that the command it goes into
    refuses, e.g. a 300-character ticket id: the person's input, so 422 naming the field, never a 500."""
    fields = [{"field": ".".join(str(p) for p in e["loc"]), "problem": e["msg"]} for e in exc.errors()]
    return error_response(422, "validation_failed", STATUS_CODES[422][1], {"fields": fields})


def install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(RpcFailure)
    async def on_rpc_failure(request: Request, exc: RpcFailure) -> JSONResponse:
        return reply_response(exc.error)

    @app.exception_handler(ApiError)
    async def on_api_error(request: Request, exc: ApiError) -> JSONResponse:
        return api_error_response(exc)

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "malformed", "The request body is not valid JSON.")
        fields = [
            {"field": ".".join(str(p) for p in e["loc"] if p != "body"), "problem": e["msg"]} for e in errors
        ]
        return error_response(422, "validation_failed", STATUS_CODES[422][1], {"fields": fields})

    @app.exception_handler(ValidationError)
    async def on_contract_invalid(request: Request, exc: ValidationError) -> JSONResponse:
        return contract_invalid_response(exc)

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = STATUS_CODES.get(exc.status_code, ("error", "The request failed."))
        if isinstance(exc.detail, str) and exc.detail and exc.status_code not in (404, 405):
            message = exc.detail
        return error_response(exc.status_code, code, message, headers=dict(exc.headers or {}))

    @app.exception_handler(Exception)
    async def on_unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error", path=request.url.path)
        return error_response(500, "internal_error", "Something went wrong on our side; please try again.")


__all__ = [
    "ApiError",
    "api_error_response",
    "contract_invalid_response",
    "error_response",
    "install_error_handlers",
    "validation_details",
]

"""The error model shared by RPC replies and HTTP responses (DESIGN §4).

A service answers a failed command with an `ErrorReply` rather than raising (a raised exception leaves
the caller with nothing but a timeout). `kind` says what sort of failure it is and fixes the HTTP status;
`code` is the specific, machine-readable reason (`not_covered`, `category_inactive`, …).
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import Field

from .envelope import Contract

ErrorKind = Literal[
    "malformed",
    "unauthenticated",
    "forbidden",
    "not_found",
    "conflict",
    "too_large",
    "unsupported_media_type",
    "invalid",
    "rate_limited",
    "unavailable",
    "internal",
]

HTTP_STATUS: dict[str, int] = {
    "malformed": 400,
    "unauthenticated": 401,
    "forbidden": 403,
    "not_found": 404,
    "conflict": 409,
    "too_large": 413,
    "unsupported_media_type": 415,
    "invalid": 422,
    "rate_limited": 429,
    "unavailable": 503,
    "internal": 500,
}


class ErrorBody(Contract):
    code: str = Field(description="Machine-readable reason, snake_case", examples=["not_covered"])
    message: str = Field(description="A sentence a person can act on")
    details: dict[str, Any] = Field(default_factory=dict)


class ErrorReply(ErrorBody):
    """A typed failure answered over request/reply."""

    kind: ErrorKind

    @property
    def http_status(self) -> int:
        return HTTP_STATUS[self.kind]

    def body(self) -> ErrorBody:
        return ErrorBody(code=self.code, message=self.message, details=self.details)


class ErrorResponse(Contract):
    """The HTTP error shape: `{"error": {"code", "message", "details"}}`."""

    error: ErrorBody


class DomainError(Exception):
    """Raised inside a service's domain or handlers; the RPC layer turns it into an ErrorReply."""

    def __init__(
        self, kind: ErrorKind, code: str, message: str, details: dict[str, Any] | None = None
    ) -> None:
        super().__init__(message)
        self.reply = ErrorReply(kind=kind, code=code, message=message, details=details or {})

    def __reduce__(self) -> tuple[type[DomainError], tuple[ErrorKind, str, str, dict[str, Any]]]:
        """Pickled with its reply, so it crosses a process boundary (the media service's worker pool)."""
        reply = self.reply
        return (DomainError, (reply.kind, reply.code, reply.message, reply.details))


def not_found(what: str, identifier: str) -> DomainError:
    return DomainError("not_found", f"{what}_not_found", f"No {what} with id {identifier} exists.")

"""Reading a photo upload off the wire: multipart/form-data, parsed as it streams in.

The parsing is python-multipart's streaming parser (the one Starlette uses), fed chunk by chunk from the
request body; this module only adds the upload's rules. The size cap holds while reading (DESIGN §7): a
declared Content-Length over the cap is refused before the body is read at all, and a body that grows
past it is refused at the chunk that crosses it, so no more than the cap is ever held. The file goes into
a spooled temporary file (memory up to 1 MiB, disk beyond), never into one bytes object. Exactly one
file part, in the field `file`, is accepted; another file part is refused (400), plain form fields beside
it are ignored. What the file *is* is not decided here: the media service reads its magic bytes and header.

Upload bytes are read at a bounded rate (`UploadIntake`): all uploads together, in one gateway process, at
no more than `media_upload_bytes_per_second`. Reading a photo, staging it and processing it cost CPU
in proportion to its bytes; a client on a fast link (or a script on the city's own network) delivers
4 MB in milliseconds, and every process that answers the rest of the API then waits for a core. A
phone sends far slower than the default rate, so its upload waits only when many arrive at once.
"""

from __future__ import annotations

import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from typing import IO

from aiolimiter import AsyncLimiter
from python_multipart.exceptions import MultipartParseError
from python_multipart.multipart import MultipartParser, parse_options_header

from .errors import ApiError

SPOOL_IN_MEMORY = 1024 * 1024
FORM_OVERHEAD = 64 * 1024  # part headers, boundaries and small fields beside the file
FILE_FIELD = "file"
INTAKE_BURST = 256 * 1024  # bytes read at once after a pause, before the rate applies
INTAKE_PIECE = 64 * 1024  # the rate is shared out in pieces this size, first come, first served


class UploadIntake:
    """The rate at which one gateway process reads upload bytes, all uploads together: a leaky bucket
    (aiolimiter) holding at most `INTAKE_BURST` bytes. An upload waits for its share before it reads on,
    and while it waits its client is held back by TCP's own flow control (uvicorn stops reading the
    socket). Bound to the event loop it first runs on."""

    def __init__(self, bytes_per_second: int) -> None:
        if bytes_per_second <= 0:
            raise ValueError("an upload intake needs a positive rate")
        self.bytes_per_second = bytes_per_second
        self._limiter = AsyncLimiter(INTAKE_BURST, INTAKE_BURST / bytes_per_second)

    async def take(self, size: int) -> None:
        """Wait until `size` more bytes may be read."""
        while size > 0:
            piece = min(size, INTAKE_PIECE)
            await self._limiter.acquire(piece)
            size -= piece


def malformed(message: str) -> ApiError:
    return ApiError(400, "malformed_upload", message)


def too_large(limit: int) -> ApiError:
    return ApiError(
        413,
        "photo_too_large",
        f"Photos may be at most {limit / (1024 * 1024):g} MB; please upload a smaller photo.",
        {"max_bytes": limit},
    )


def boundary_of(content_type: str | None) -> bytes:
    media_type, options = parse_options_header(content_type or "")
    if media_type != b"multipart/form-data":
        raise ApiError(
            415,
            "multipart_required",
            "Send the photo as multipart/form-data, in a form field named `file`.",
        )
    boundary = options.get(b"boundary")
    if not boundary:
        raise malformed("The multipart body names no boundary.")
    return boundary


@dataclass
class ReceivedFile:
    file: IO[bytes]
    size: int
    filename: str | None


@dataclass
class _Upload:
    """What the parser's callbacks have seen so far (they cannot raise our errors mid-parse themselves
    without losing the parser's state, so they record and the feeding loop raises)."""

    limit: int
    spool: IO[bytes]
    size: int = 0
    filename: str | None = None
    seen_file: bool = False
    in_file: bool = False
    problem: ApiError | None = None
    header_field: bytearray = field(default_factory=bytearray)
    header_value: bytearray = field(default_factory=bytearray)
    disposition: bytes | None = None
    parts_ended: int = 0
    finished: bool = False

    # --- python-multipart callbacks --------------------------------------------------------------------

    def on_part_begin(self) -> None:
        self.disposition = None
        self.in_file = False

    def on_header_field(self, data: bytes, start: int, end: int) -> None:
        self.header_field += data[start:end]

    def on_header_value(self, data: bytes, start: int, end: int) -> None:
        self.header_value += data[start:end]

    def on_header_end(self) -> None:
        if bytes(self.header_field).lower() == b"content-disposition":
            self.disposition = bytes(self.header_value)
        self.header_field.clear()
        self.header_value.clear()

    def on_headers_finished(self) -> None:
        if self.problem is not None:
            return
        if self.disposition is None:
            self.problem = malformed("A part of the upload has no Content-Disposition header.")
            return
        _, options = parse_options_header(self.disposition)
        name = options.get(b"name", b"").decode("utf-8", "replace")
        filename = options.get(b"filename")
        if name == FILE_FIELD:
            if self.seen_file:
                self.problem = malformed("Send exactly one file, in the field `file`; this upload has more.")
                return
            self.seen_file = self.in_file = True
            self.filename = filename.decode("utf-8", "replace") if filename is not None else None
        elif filename is not None:
            self.problem = malformed(
                f"Send exactly one file, in the field `file`; found another in `{name}`."
            )

    def on_part_data(self, data: bytes, start: int, end: int) -> None:
        if not self.in_file or self.problem is not None:
            return
        self.size += end - start
        if self.size > self.limit:
            self.problem = too_large(self.limit)
            return
        self.spool.write(data[start:end])

    def on_part_end(self) -> None:
        self.in_file = False
        self.parts_ended += 1

    def on_end(self) -> None:
        self.finished = True


async def receive_file(
    content_type: str | None,
    content_length: str | None,
    body: AsyncIterator[bytes],
    limit: int,
    intake: UploadIntake | None = None,
) -> ReceivedFile:
    """The one file of a multipart upload, spooled, with the size cap enforced while reading, and read
    no faster than `intake` allows (when given)."""
    boundary = boundary_of(content_type)
    body_limit = limit + FORM_OVERHEAD
    if content_length is not None and content_length.isdigit() and int(content_length) > body_limit:
        raise too_large(limit)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - handed to the caller
    upload = _Upload(limit=limit, spool=spool)
    parser = MultipartParser(
        boundary,
        {
            "on_part_begin": upload.on_part_begin,
            "on_header_field": upload.on_header_field,
            "on_header_value": upload.on_header_value,
            "on_header_end": upload.on_header_end,
            "on_headers_finished": upload.on_headers_finished,
            "on_part_data": upload.on_part_data,
            "on_part_end": upload.on_part_end,
            "on_end": upload.on_end,
        },
    )
    try:
        received = 0
        async for chunk in body:
            received += len(chunk)
            if received > body_limit:
                raise too_large(limit)
            try:
                parser.write(chunk)
            except MultipartParseError:
                raise malformed("The multipart body is malformed; send the photo again.") from None
            if upload.problem is not None:
                raise upload.problem
            if intake is not None:
                await intake.take(len(chunk))
        parser.finalize()
        if not upload.finished:
            raise malformed("The upload ended early (no closing boundary); please send it again.")
        if not upload.seen_file:
            raise malformed("The upload has no file; send the photo in a form field named `file`.")
        if upload.size == 0:
            raise malformed("The uploaded file is empty.")
        spool.seek(0)
        return ReceivedFile(spool, upload.size, upload.filename)
    except BaseException:
        spool.close()
        raise

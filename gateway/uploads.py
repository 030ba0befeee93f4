"""Reading a photo upload off the wire: multipart/form-data, parsed as it streams in.

The size cap holds while reading (DESIGN §7): a declared Content-Length over the cap is refused before
the body is read at all, and a body that grows past it is refused at the chunk that crosses it, so no
more than the cap is ever held. The file goes into a spooled temporary file (memory up to 1 MiB, disk
beyond), never into one bytes object. Exactly one file part, in the field `file`, is accepted; another
file part is refused (400), plain form fields beside it are ignored. What the file *is* is not decided
here: the media service reads its magic bytes and header.
"""

from __future__ import annotations

import re
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import IO

from .errors import ApiError

SPOOL_IN_MEMORY = 1024 * 1024
FORM_OVERHEAD = 64 * 1024  # part headers, boundaries and small fields beside the file
MAX_HEADER_BLOCK = 8 * 1024
FILE_FIELD = "file"

_BOUNDARY = re.compile(r'boundary=(?:"([^"]{1,70})"|([^\s;]{1,70}))', re.IGNORECASE)
_PARAM = re.compile(r';\s*([A-Za-z0-9_*-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^;]*))')


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
    if not content_type or content_type.split(";")[0].strip().lower() != "multipart/form-data":
        raise ApiError(
            415,
            "multipart_required",
            "Send the photo as multipart/form-data, in a form field named `file`.",
        )
    match = _BOUNDARY.search(content_type)
    if match is None:
        raise malformed("The multipart body names no boundary.")
    return (match.group(1) or match.group(2)).encode("latin-1")


@dataclass(frozen=True)
class Part:
    name: str | None
    filename: str | None


@dataclass(frozen=True)
class Data:
    chunk: bytes


@dataclass(frozen=True)
class PartEnd:
    pass


Event = Part | Data | PartEnd


class MultipartStream:
    """An incremental multipart/form-data parser: feed it chunks, it yields parts and their data."""

    def __init__(self, boundary: bytes) -> None:
        self.delimiter = b"\r\n--" + boundary
        # A leading CRLF makes the first boundary look like every other one.
        self.buffer = bytearray(b"\r\n")
        self.state = "preamble"

    def feed(self, chunk: bytes) -> list[Event]:
        self.buffer += chunk
        found: list[Event] = []
        while True:
            if self.state == "preamble":
                at = self.buffer.find(self.delimiter)
                if at < 0:
                    if len(self.buffer) > MAX_HEADER_BLOCK:
                        raise malformed("The multipart body does not start with its boundary.")
                    break
                del self.buffer[: at + len(self.delimiter)]
                self.state = "after_boundary"
            elif self.state == "after_boundary":
                if len(self.buffer) < 2:
                    break
                if self.buffer[:2] == b"--":
                    self.state = "done"
                    self.buffer.clear()
                    break
                end = self.buffer.find(b"\r\n")
                if end < 0:
                    if len(self.buffer) > 256:
                        raise malformed("A multipart boundary line is malformed.")
                    break
                if self.buffer[:end].strip(b" \t"):
                    raise malformed("A multipart boundary line is malformed.")
                del self.buffer[: end + 2]
                self.state = "headers"
            elif self.state == "headers":
                if self.buffer.startswith(b"\r\n"):
                    block, size = b"", 2
                else:
                    end = self.buffer.find(b"\r\n\r\n")
                    if end < 0:
                        if len(self.buffer) > MAX_HEADER_BLOCK:
                            raise malformed("The headers of a multipart part are too long.")
                        break
                    block, size = bytes(self.buffer[:end]), end + 4
                del self.buffer[:size]
                found.append(part_of(block))
                self.state = "body"
            elif self.state == "body":
                at = self.buffer.find(self.delimiter)
                if at < 0:
                    # Keep what could be the start of a delimiter split across chunks.
                    safe = len(self.buffer) - len(self.delimiter) + 1
                    if safe > 0:
                        found.append(Data(bytes(self.buffer[:safe])))
                        del self.buffer[:safe]
                    break
                if at:
                    found.append(Data(bytes(self.buffer[:at])))
                del self.buffer[: at + len(self.delimiter)]
                found.append(PartEnd())
                self.state = "after_boundary"
            else:  # done: the epilogue is ignored
                self.buffer.clear()
                break
        return found

    def close(self) -> None:
        if self.state != "done":
            raise malformed("The multipart body ended before its closing boundary.")


def part_of(block: bytes) -> Part:
    disposition = None
    for line in block.decode("utf-8", "replace").split("\r\n"):
        name, _, value = line.partition(":")
        if name.strip().lower() == "content-disposition":
            disposition = value
    if disposition is None:
        raise malformed("A multipart part has no Content-Disposition header.")
    params = {
        key.lower(): quoted if quoted is not None else bare.strip()
        for key, quoted, bare in _PARAM.findall(disposition)
    }
    filename = params.get("filename", params.get("filename*"))
    return Part(name=params.get("name"), filename=filename)


@dataclass
class ReceivedFile:
    file: IO[bytes]
    size: int
    filename: str | None


async def receive_file(
    content_type: str | None, content_length: str | None, body: AsyncIterator[bytes], limit: int
) -> ReceivedFile:
    """The one file of a multipart upload, spooled, with the size cap enforced while reading."""
    boundary = boundary_of(content_type)
    body_limit = limit + FORM_OVERHEAD
    if content_length is not None and content_length.isdigit() and int(content_length) > body_limit:
        raise too_large(limit)
    parser = MultipartStream(boundary)
    spool = tempfile.SpooledTemporaryFile(max_size=SPOOL_IN_MEMORY)  # noqa: SIM115 - handed to the caller
    try:
        received = size = 0
        in_file = seen_file = False
        filename: str | None = None
        async for chunk in body:
            received += len(chunk)
            if received > body_limit:
                raise too_large(limit)
            for event in parser.feed(chunk):
                if isinstance(event, Part):
                    if event.name == FILE_FIELD:
                        if seen_file:
                            raise malformed(
                                "Send exactly one file, in the field `file`; this upload has more."
                            )
                        seen_file = in_file = True
                        filename = event.filename
                    elif event.filename is not None:
                        raise malformed(
                            f"Send exactly one file, in the field `file`; found another in `{event.name}`."
                        )
                elif isinstance(event, Data):
                    if in_file:
                        size += len(event.chunk)
                        if size > limit:
                            raise too_large(limit)
                        spool.write(event.chunk)
                else:
                    in_file = False
        parser.close()
        if not seen_file:
            raise malformed("The upload has no file; send the photo in a form field named `file`.")
        if size == 0:
            raise malformed("The uploaded file is empty.")
        spool.seek(0)
        return ReceivedFile(spool, size, filename)
    except BaseException:
        spool.close()
        raise

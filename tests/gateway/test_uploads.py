"""The gateway's streaming multipart reader: one file in `file`, the size cap while reading, any chunking,
and the upload intake (the rate at which all uploads together are read)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import AsyncIterator

import pytest
from pydantic import ValidationError

from gateway.errors import ApiError
from gateway.settings import GatewaySettings
from gateway.state import GatewayState
from gateway.uploads import INTAKE_BURST, UploadIntake, receive_file

BOUNDARY = "----cityfix-test-boundary"
CONTENT_TYPE = f"multipart/form-data; boundary={BOUNDARY}"


def form(*parts: tuple[str, str | None, bytes]) -> bytes:
    body = b""
    for name, filename, data in parts:
        disposition = f'form-data; name="{name}"' + (f'; filename="{filename}"' if filename else "")
        body += f"--{BOUNDARY}\r\nContent-Disposition: {disposition}\r\n".encode()
        if filename:
            body += b"Content-Type: image/jpeg\r\n"
        body += b"\r\n" + data + b"\r\n"
    return body + f"--{BOUNDARY}--\r\n".encode()


async def chunks(body: bytes, size: int) -> AsyncIterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


async def received(
    body: bytes, size: int = 7, limit: int = 10_000, content_type: str = CONTENT_TYPE
) -> bytes:
    result = await receive_file(content_type, None, chunks(body, size), limit)
    with result.file:
        data = result.file.read()
    assert result.size == len(data)
    return data


async def refused(body: bytes, limit: int = 10_000, content_type: str = CONTENT_TYPE) -> ApiError:
    with pytest.raises(ApiError) as caught:
        await received(body, limit=limit, content_type=content_type)
    return caught.value


@pytest.mark.parametrize("size", [1, 2, 5, 31, 64, 4096])
async def test_the_file_survives_any_chunking(size: int) -> None:
    # Data that looks like parts of a delimiter must pass through untouched.
    data = b"\xff\xd8\xff" + b"\r\n--" + b"\r\n----cityfix-test" + bytes(range(256)) * 3 + b"\r\n"
    body = form(("note", None, b"hello"), ("file", "a.jpg", data))
    assert await received(body, size) == data


async def test_exactly_one_file_in_the_field_file() -> None:
    two = form(("file", "a.jpg", b"one"), ("file", "b.jpg", b"two"))
    assert (await refused(two)).status == 400
    other = form(("file", "a.jpg", b"one"), ("attachment", "b.jpg", b"two"))
    error = await refused(other)
    assert (error.status, error.code) == (400, "malformed_upload") and "attachment" in error.message
    assert (await refused(form(("note", None, b"hi")))).status == 400
    assert (await refused(form(("file", "a.jpg", b"")))).status == 400
    assert (await refused(form(("file", "a.jpg", b"x"))[:-20])).status == 400  # no closing boundary


async def test_only_multipart_is_read() -> None:
    error = await refused(b"{}", content_type="application/json")
    assert (error.status, error.code) == (415, "multipart_required")
    assert (await refused(b"", content_type="multipart/form-data")).status == 400  # no boundary


async def test_the_size_cap_holds_while_reading() -> None:
    pulled = 0

    async def endless() -> AsyncIterator[bytes]:
        nonlocal pulled
        yield f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="a.jpg"\r\n\r\n'.encode()
        while True:
            pulled += 1
            yield b"\0" * 1024

    with pytest.raises(ApiError) as caught:
        await receive_file(CONTENT_TYPE, None, endless(), 100 * 1024)
    assert (caught.value.status, caught.value.code) == (413, "photo_too_large")
    assert pulled <= 101  # stopped at the chunk that crossed the cap


async def test_a_declared_length_over_the_cap_is_refused_before_reading() -> None:
    async def never() -> AsyncIterator[bytes]:
        raise AssertionError("the body was read")
        yield b""  # pragma: no cover

    with pytest.raises(ApiError) as caught:
        await receive_file(CONTENT_TYPE, str(50 * 1024 * 1024), never(), 10 * 1024 * 1024)
    assert caught.value.status == 413


async def test_headers_without_disposition_are_malformed() -> None:
    body = f"--{BOUNDARY}\r\nContent-Type: text/plain\r\n\r\nx\r\n--{BOUNDARY}--\r\n".encode()
    error = await refused(body)
    assert (error.status, error.code) == (400, "malformed_upload")


# ----- the upload intake: all uploads together read at a bounded rate ------------------------------------


async def timed_receive(
    body: bytes, intake: UploadIntake | None, size: int = 16 * 1024
) -> tuple[bytes, float]:
    started = time.monotonic()
    result = await receive_file(CONTENT_TYPE, None, chunks(body, size), 10 * 1024 * 1024, intake)
    with result.file:
        return result.file.read(), time.monotonic() - started


async def test_an_upload_is_read_no_faster_than_the_intake_allows() -> None:
    data = bytes(range(256)) * 4096  # 1 MiB
    intake = UploadIntake(2 * 1024 * 1024)  # 2 MiB/s
    read, elapsed = await timed_receive(form(("file", "a.jpg", data)), intake)
    assert read == data
    # All but the first INTAKE_BURST bytes wait for the rate: at least (1 MiB - 256 KiB) / 2 MiB/s.
    assert elapsed >= (len(data) - INTAKE_BURST) / intake.bytes_per_second * 0.95


async def test_uploads_share_one_intake() -> None:
    data = bytes(range(256)) * 8192  # 2 MiB each
    intake = UploadIntake(8 * 1024 * 1024)  # 8 MiB/s
    started = time.monotonic()
    (first, first_s), (second, second_s) = await asyncio.gather(
        timed_receive(form(("file", "a.jpg", data)), intake),
        timed_receive(form(("file", "b.jpg", data)), intake),
    )
    together = time.monotonic() - started
    assert first == data and second == data
    # The rate holds for both together, not for each: 4 MiB through 8 MiB/s, less the burst.
    assert together >= (2 * len(data) - INTAKE_BURST) / intake.bytes_per_second * 0.95
    # Shared in turn, piece by piece (the first only gets the burst ahead): neither waits for the other
    # to finish first, which would end one upload in half the time of the other.
    assert min(first_s, second_s) >= 0.8 * max(first_s, second_s)


async def test_chunks_larger_than_the_burst_are_taken_in_pieces() -> None:
    data = b"\xff" * (3 * INTAKE_BURST)
    intake = UploadIntake(8 * 1024 * 1024)
    read, elapsed = await timed_receive(form(("file", "a.jpg", data)), intake, size=len(data) + 1024)
    assert read == data
    assert elapsed >= (len(data) - INTAKE_BURST) / intake.bytes_per_second * 0.95


def test_an_intake_needs_a_positive_rate() -> None:
    with pytest.raises(ValueError, match="positive rate"):
        UploadIntake(0)


async def test_the_gateway_keeps_one_intake_per_loop_from_its_setting() -> None:
    state = GatewayState(settings=GatewaySettings(media_upload_bytes_per_second=3_000_000))
    intake = state.upload_intake()
    assert intake is not None and intake.bytes_per_second == 3_000_000
    assert state.upload_intake() is intake  # shared by every upload on this loop
    assert GatewayState(settings=GatewaySettings(media_upload_bytes_per_second=0)).upload_intake() is None
    with pytest.raises(ValidationError):
        GatewaySettings(media_upload_bytes_per_second=-1)

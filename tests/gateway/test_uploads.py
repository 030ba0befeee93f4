"""The gateway's streaming multipart reader: one file in `file`, the size cap while reading, any chunking."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest

from gateway.errors import ApiError
from gateway.uploads import receive_file

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

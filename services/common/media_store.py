"""Where photo bytes live: one small interface, the NATS JetStream Object Store by default, a directory as
the alternative (DESIGN §1, §7).

The gateway and the media service both hold a store: the gateway writes an upload into a staging object
and streams stored renditions back to browsers; the media service reads the staging object, writes the
renditions and removes the staging object. Request/reply between them carries object names only.
Object names are `<folder>/<name>` with folders `staging`, `photos` and `thumbnails`.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import uuid
from collections.abc import Callable
from pathlib import Path
from typing import IO, Literal, Protocol

from nats.js import JetStreamContext
from nats.js.api import ObjectStoreConfig, StorageType
from nats.js.errors import BucketNotFoundError, NotFoundError, ObjectNotFoundError
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

MEDIA_BUCKET = "cityfix_media"
STAGING = "staging"
_NAME = re.compile(r"^(staging|photos|thumbnails)/[A-Za-z0-9_.-]{1,128}$")


class MediaStoreSettings(BaseSettings):
    """Which store holds photo bytes; the gateway and the media service must agree."""

    model_config = SettingsConfigDict(env_prefix="CITYFIX_", extra="ignore")

    media_store: Literal["object_store", "filesystem"] = Field(
        default="object_store",
        description="`object_store`: the NATS JetStream Object Store; `filesystem`: media_directory",
    )
    media_directory: Path = Field(
        default=Path("var/media"), description="Root of the filesystem store (shared by gateway and media)"
    )


class BlobNotFound(LookupError):
    pass


class MediaStore(Protocol):
    async def put(self, name: str, data: bytes | IO[bytes]) -> None: ...

    async def get(self, name: str) -> bytes: ...

    async def exists(self, name: str) -> bool: ...

    async def delete(self, name: str) -> None: ...


def checked_name(name: str) -> str:
    """Object names come from our own code, but one that escaped a folder would be a path traversal."""
    if not _NAME.match(name) or ".." in name:
        raise ValueError(f"{name!r} is not a media object name")
    return name


def staging_name() -> str:
    return f"{STAGING}/{uuid.uuid4()}"


class ObjectStoreMedia:
    """The JetStream Object Store bucket `cityfix_media`, created on first use."""

    def __init__(self, jetstream: Callable[[], JetStreamContext | None], bucket: str = MEDIA_BUCKET) -> None:
        self._jetstream = jetstream
        self._bucket = bucket
        self._store: object | None = None
        self._lock = asyncio.Lock()

    async def _open(self) -> object:
        if self._store is not None:
            return self._store
        async with self._lock:
            if self._store is None:
                js = self._jetstream()
                if js is None:
                    raise ConnectionError("NATS is not connected")
                try:
                    self._store = await js.object_store(self._bucket)
                except BucketNotFoundError:
                    self._store = await js.create_object_store(
                        self._bucket,
                        ObjectStoreConfig(description="CityFix photos", storage=StorageType.FILE),
                    )
        return self._store

    async def put(self, name: str, data: bytes | IO[bytes]) -> None:
        store = await self._open()
        await store.put(checked_name(name), data)  # type: ignore[attr-defined]

    async def get(self, name: str) -> bytes:
        store = await self._open()
        try:
            result = await store.get(checked_name(name))  # type: ignore[attr-defined]
        except (ObjectNotFoundError, NotFoundError):
            raise BlobNotFound(name) from None
        return bytes(result.data or b"")

    async def exists(self, name: str) -> bool:
        store = await self._open()
        try:
            await store.get_info(checked_name(name))  # type: ignore[attr-defined]
        except (ObjectNotFoundError, NotFoundError):
            return False
        return True

    async def delete(self, name: str) -> None:
        store = await self._open()
        with contextlib.suppress(ObjectNotFoundError, NotFoundError):
            await store.delete(checked_name(name))  # type: ignore[attr-defined]


class FilesystemMedia:
    """A directory: each object a file, written under a temporary name and renamed into place."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, name: str) -> Path:
        return self.root / checked_name(name)

    async def put(self, name: str, data: bytes | IO[bytes]) -> None:
        await asyncio.to_thread(self._put, self._path(name), data)

    @staticmethod
    def _put(path: Path, data: bytes | IO[bytes]) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}")
        with partial.open("wb") as out:
            if isinstance(data, bytes):
                out.write(data)
            else:
                while chunk := data.read(1 << 16):
                    out.write(chunk)
        os.replace(partial, path)

    async def get(self, name: str) -> bytes:
        try:
            return await asyncio.to_thread(self._path(name).read_bytes)
        except FileNotFoundError:
            raise BlobNotFound(name) from None

    async def exists(self, name: str) -> bool:
        return await asyncio.to_thread(self._path(name).is_file)

    async def delete(self, name: str) -> None:
        await asyncio.to_thread(self._path(name).unlink, missing_ok=True)


def open_media_store(
    settings: MediaStoreSettings, jetstream: Callable[[], JetStreamContext | None]
) -> MediaStore:
    if settings.media_store == "filesystem":
        return FilesystemMedia(settings.media_directory)
    return ObjectStoreMedia(jetstream)

"""Where photo bytes live: one small interface, the NATS JetStream Object Store by default, a directory as
the alternative (DESIGN §1, §7).

The gateway and the media service both hold a store: the gateway writes an upload into a staging object
and streams stored renditions back to browsers; the media service's processing workers read the staging
object and write the renditions, and the service removes the staging object. Request/reply between them
carries object names only.
Object names are `<folder>/<name>` with folders `staging`, `photos` and `thumbnails`.

A staging object lives seconds: the media service removes it once the upload is processed or refused.
One that process crashes leave behind (a gateway ended between storing an upload and asking for it to
be processed) would otherwise stay forever, up to the upload cap each. So staging objects expire after
`media_staging_max_age_seconds`: in the object store they are in a bucket of their own,
`cityfix_media_staging`, whose JetStream stream has that maximum age (the server removes them, on every
replica, whether or not a media service runs; and listing or expiring never has to read through the
photos); in a directory the media service removes them (`expire_staged`).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import hashlib
import os
import re
import time
import uuid
from pathlib import Path
from typing import IO, Literal, Protocol

import nats
from nats.aio.client import Client as NatsClient
from nats.js.api import ObjectStoreConfig, StorageType
from nats.js.errors import BucketNotFoundError, NotFoundError, ObjectNotFoundError
from nats.js.object_store import OBJ_CHUNKS_PRE_TEMPLATE, OBJ_DIGEST_TYPE
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

from .logs import log_nats_error
from .nats_connect import ONE_SHOT_CONNECT

MEDIA_BUCKET = "cityfix_media"
STAGING_BUCKET = "cityfix_media_staging"
STAGING = "staging"
CHUNK_TIMEOUT = 10.0  # s for the next chunk of an object being read
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
    media_staging_max_age_seconds: float = Field(
        default=3600.0,
        gt=0,
        description="An upload not processed within this time is removed from staging (left behind by a "
        "crash). For the object store it is fixed when the staging bucket is created",
    )


class BlobNotFound(LookupError):
    pass


class MediaStore(Protocol):
    async def put(self, name: str, data: bytes | IO[bytes]) -> None: ...

    async def get(self, name: str) -> bytes: ...

    async def exists(self, name: str) -> bool: ...

    async def delete(self, name: str) -> None: ...

    async def close(self) -> None: ...

    async def expire_staged(self, older_than: float) -> int:
        """Remove staging objects stored more than `older_than` seconds ago; how many were removed."""
        ...


def checked_name(name: str) -> str:
    """Object names come from our own code, but one that escaped a folder would be a path traversal."""
    if not _NAME.match(name) or ".." in name:
        raise ValueError(f"{name!r} is not a media object name")
    return name


def staging_name() -> str:
    return f"{STAGING}/{uuid.uuid4()}"


class ObjectStoreMedia:
    """The JetStream Object Store buckets `cityfix_media` (photos and thumbnails) and
    `cityfix_media_staging` (uploads, expiring after `staging_max_age` s), created on first use, over a
    NATS connection of their own.

    A photo is a few MB in 128 KiB chunks. On the process's one connection, every request, reply and
    event would queue behind those chunks, in the process's socket and in nats-server's reading of it:
    a health check answered while photos stream in would wait for them (measured by bench/media). So the
    bytes have their own connection, opened on first use. It fails fast: when NATS is away an upload is
    refused at once (503) rather than held, and a dropped connection is dialled again on next use.
    `close` ends it when the process stops."""

    def __init__(self, url: str, client_name: str, staging_max_age: float = 3600.0) -> None:
        self._url = url
        self._client_name = client_name
        self._staging_max_age = staging_max_age
        self.connection: NatsClient | None = None
        self._stores: dict[str, object] = {}
        self._lock = asyncio.Lock()

    def _bucket_of(self, name: str) -> str:
        return STAGING_BUCKET if checked_name(name).startswith(f"{STAGING}/") else MEDIA_BUCKET

    async def _open(self, bucket: str) -> object:
        store = self._stores.get(bucket)
        if store is not None and self.connection is not None and not self.connection.is_closed:
            return store
        async with self._lock:
            if self.connection is not None and self.connection.is_closed:  # dropped: dial again
                self.connection = None
                self._stores.clear()
            if self.connection is None:
                try:
                    self.connection = await nats.connect(
                        self._url,
                        name=f"{self._client_name}-media",
                        connect_timeout=2,
                        error_cb=log_nats_error,
                        **ONE_SHOT_CONNECT,
                    )
                except Exception as exc:
                    raise ConnectionError(f"cannot reach NATS for the media store: {exc!r}") from exc
            if bucket not in self._stores:
                js = self.connection.jetstream()
                try:
                    self._stores[bucket] = await js.object_store(bucket)
                except BucketNotFoundError:
                    config = (
                        ObjectStoreConfig(
                            description="CityFix uploads waiting to be processed",
                            ttl=self._staging_max_age,
                            storage=StorageType.FILE,
                        )
                        if bucket == STAGING_BUCKET
                        else ObjectStoreConfig(description="CityFix photos", storage=StorageType.FILE)
                    )
                    self._stores[bucket] = await js.create_object_store(bucket, config)
            return self._stores[bucket]

    async def close(self) -> None:
        connection, self.connection = self.connection, None
        self._stores.clear()
        if connection is not None and not connection.is_closed:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(connection.close(), 5)

    async def put(self, name: str, data: bytes | IO[bytes]) -> None:
        store = await self._open(self._bucket_of(name))
        await store.put(name, data)  # type: ignore[attr-defined]

    async def get(self, name: str) -> bytes:
        """The object's bytes, its chunks read one by one and checked against its SHA-256 digest.

        Not nats-py's `ObjectStore.get` (2.16): its ordered consumer answers the server's flow control
        only from a task that wakes every 250 ms when the answer falls due while chunks are still
        queued, which they always are on a fast link. Every 2 MB of a photo then waited a quarter of a
        second for nothing (260 ms for a 4 MB photo on an idle machine, bench/media). `next_msg`
        answers flow control as each chunk is taken. Nor does it append each chunk to a bytes object
        (copying everything received so far, for every chunk)."""
        bucket = self._bucket_of(name)
        store = await self._open(bucket)
        assert self.connection is not None
        try:
            info = await store.get_info(name)  # type: ignore[attr-defined]
        except (ObjectNotFoundError, NotFoundError):
            raise BlobNotFound(name) from None
        if not info.size:
            return b""
        subject = OBJ_CHUNKS_PRE_TEMPLATE.format(bucket=bucket, obj=info.nuid)
        chunks = await self.connection.jetstream().subscribe(subject, ordered_consumer=True)
        data = bytearray()
        digest = hashlib.sha256()
        try:
            for _ in range(info.chunks or 0):
                chunk = (await chunks.next_msg(timeout=CHUNK_TIMEOUT)).data
                data += chunk
                digest.update(chunk)
        finally:
            with contextlib.suppress(Exception):
                await chunks.unsubscribe()
        expected = base64.urlsafe_b64decode((info.digest or "").removeprefix(OBJ_DIGEST_TYPE))
        if len(data) != info.size or digest.digest() != expected:
            raise ConnectionError(f"media object {name} arrived incomplete or altered")
        return bytes(data)

    async def exists(self, name: str) -> bool:
        store = await self._open(self._bucket_of(name))
        try:
            await store.get_info(name)  # type: ignore[attr-defined]
        except (ObjectNotFoundError, NotFoundError):
            return False
        return True

    async def delete(self, name: str) -> None:
        store = await self._open(self._bucket_of(name))
        with contextlib.suppress(ObjectNotFoundError, NotFoundError):
            await store.delete(name)  # type: ignore[attr-defined]

    async def expire_staged(self, older_than: float) -> int:
        """Nothing to do: the staging bucket's stream has `staging_max_age` as its maximum age, and
        nats-server removes what is older."""
        return 0


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

    async def close(self) -> None:
        """Nothing to close: each call opens and closes its own file."""

    async def expire_staged(self, older_than: float) -> int:
        return await asyncio.to_thread(self._expire_staged, older_than)

    def _expire_staged(self, older_than: float) -> int:
        """Staged uploads, and files a crash left half-written there, last changed over `older_than` s ago."""
        cutoff = time.time() - older_than
        removed = 0
        with contextlib.suppress(FileNotFoundError), os.scandir(self.root / STAGING) as entries:
            for entry in entries:
                with contextlib.suppress(FileNotFoundError):
                    if entry.is_file(follow_symlinks=False) and entry.stat().st_mtime < cutoff:
                        os.unlink(entry.path)
                        removed += 1
        return removed


def open_media_store(settings: MediaStoreSettings, nats_url: str, client_name: str) -> MediaStore:
    if settings.media_store == "filesystem":
        return FilesystemMedia(settings.media_directory)
    return ObjectStoreMedia(nats_url, client_name, settings.media_staging_max_age_seconds)

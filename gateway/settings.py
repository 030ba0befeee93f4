"""Gateway settings: the shared ones plus where the built web app lives."""

from __future__ import annotations

from pathlib import Path

from pydantic import Field

from services.common.media_store import MediaStoreSettings
from services.common.settings import Settings

DEFAULT_FRONTEND_DIST = Path(__file__).resolve().parent.parent / "frontend" / "dist"


class GatewaySettings(Settings, MediaStoreSettings):
    frontend_dist: Path = Field(default=DEFAULT_FRONTEND_DIST, description="The built web app (index.html)")
    health_timeout_seconds: float = 1.0
    sse_heartbeat_seconds: float = Field(
        default=15.0, gt=0, description="How often a live stream sends a heartbeat while nothing happens"
    )
    geo_requests_per_minute: int = Field(
        default=60, ge=1, description="Public geo lookups per client address and minute (burst as large)"
    )
    media_max_upload_bytes: int = Field(
        default=10 * 1024 * 1024,
        ge=1,
        description="Largest photo upload accepted, enforced while reading (413)",
    )
    media_upload_bytes_per_second: int = Field(
        default=12_500_000,
        ge=0,
        description=(
            "Upload bytes one gateway process reads per second, all uploads together (0: no limit). "
            "The default, 100 Mbit/s, is more than a phone sends; it keeps a fast client from taking the "
            "cores that answer everyone else"
        ),
    )
    media_processing_timeout_seconds: float = Field(
        default=60.0, gt=0, description="Longest wait for the media service to process one upload"
    )

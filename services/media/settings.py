"""The media service's own settings (environment, prefix CITYFIX_): where photo bytes live and the limits
of processing. The upload size cap is the gateway's (it reads the body)."""

from __future__ import annotations

from pydantic import Field

from services.common.media_store import MediaStoreSettings
from services.common.settings import Settings


class MediaSettings(Settings, MediaStoreSettings):
    media_max_pixels: int = Field(
        default=40_000_000,
        ge=1,
        description="Largest width × height accepted, read from the header (422 beyond)",
    )
    media_processing_workers: int = Field(
        default=2,
        ge=1,
        description="Photos decoded and re-encoded at once (worker processes beside the service)",
    )
    media_processing_cpu_seconds: float = Field(
        default=20.0,
        gt=0,
        description="CPU time one photo may take in a worker; beyond it the worker is ended and the upload "
        "refused (503 processing_failed). A 12 MP photo takes about 0.1 s",
    )
    media_uploads_per_hour: int = Field(
        default=100, ge=1, description="Photos one account may upload in any hour (429 beyond; 5 per report)"
    )
    media_photo_max_side: int = Field(default=2048, ge=16, description="Longest side of the served photo, px")
    media_thumbnail_side: int = Field(default=400, ge=16, description="Longest side of the thumbnail, px")


def media_settings(settings: Settings) -> MediaSettings:
    """The runtime's settings as MediaSettings (overrides given to the runtime win over the environment)."""
    if isinstance(settings, MediaSettings):
        return settings
    given = {name: value for name, value in vars(settings).items() if name in MediaSettings.model_fields}
    return MediaSettings(**given)

"""The geo service's own settings (environment, prefix CITYFIX_): the geocoder it asks for addresses.

Nominatim's usage policy (https://operations.osmfoundation.org/policies/nominatim/) asks for at most one
request per second and a user agent that identifies the application; both are settings, and production
refuses the development user agent.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from pydantic import Field, field_validator, model_validator

from services.common.settings import Settings

DEV_USER_AGENT = "CityFix development (https://github.com/cityfix)"


class GeoSettings(Settings):
    geocoder_url: str = Field(
        default="https://nominatim.openstreetmap.org",
        description="Base URL (scheme and host, optionally a path) of a Nominatim-compatible geocoder",
    )
    geocoder_user_agent: str = Field(default=DEV_USER_AGENT, min_length=3)
    geocoder_timeout_seconds: float = Field(
        default=5.0, gt=0, description="Longest wait for an answer, queueing for the rate limit included"
    )
    geocoder_min_interval_seconds: float = Field(
        default=1.0, ge=0, description="At least this long between two requests (Nominatim: 1 s)"
    )
    geocoder_cache_size: int = Field(default=2048, ge=0)
    geocoder_cache_seconds: float = Field(default=24 * 3600, ge=0)
    geocoder_language: str = Field(default="de", description="Accept-Language of geocoder answers")
    address_poll_seconds: float = Field(default=5.0, gt=0, description="How often pending addresses retry")
    address_max_attempts: int = Field(default=5, ge=1, description="Reverse-geocoding tries per ticket")

    @field_validator("geocoder_url")
    @classmethod
    def _is_http_url(cls, value: str) -> str:
        parts = urlsplit(value)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError("CITYFIX_GEOCODER_URL must be an http(s) URL such as https://nominatim.example")
        return value.rstrip("/")

    @model_validator(mode="after")
    def _identifies_itself_in_production(self) -> GeoSettings:
        if self.env == "production" and self.geocoder_user_agent == DEV_USER_AGENT:
            raise ValueError("CITYFIX_GEOCODER_USER_AGENT must name this installation and a contact")
        return self


def geo_settings(settings: Settings) -> GeoSettings:
    """The runtime's settings as GeoSettings (overrides given to the runtime win over the environment)."""
    if isinstance(settings, GeoSettings):
        return settings
    given = {name: value for name, value in vars(settings).items() if name in GeoSettings.model_fields}
    return GeoSettings(**given)

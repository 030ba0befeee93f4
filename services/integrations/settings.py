"""The integrations service's own settings (environment, prefix CITYFIX_)."""

from __future__ import annotations

from pydantic import Field

from services.common.settings import Settings


class IntegrationsSettings(Settings):
    api_key_use_record_seconds: float = Field(
        default=60.0,
        ge=0,
        description="An API key's last-used time is written at most this often (one write per burst, "
        "not per request)",
    )


def integrations_settings(settings: Settings) -> IntegrationsSettings:
    """The runtime's settings as IntegrationsSettings (overrides given to the runtime win)."""
    if isinstance(settings, IntegrationsSettings):
        return settings
    given = {
        name: value for name, value in vars(settings).items() if name in IntegrationsSettings.model_fields
    }
    return IntegrationsSettings(**given)

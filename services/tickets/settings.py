"""The tickets service's own settings (environment, prefix CITYFIX_): its limits on reporting."""

from __future__ import annotations

from pydantic import Field

from services.common.settings import Settings


class TicketsSettings(Settings):
    reports_per_hour: int = Field(
        default=20, ge=1, description="Reports one account may file in any hour (429 beyond)"
    )
    reports_per_address_per_hour: int = Field(
        default=20,
        ge=1,
        description="Citizens' reports from one client address in any hour (429 beyond; staff exempt)",
    )


def tickets_settings(settings: Settings) -> TicketsSettings:
    """The runtime's settings as TicketsSettings (overrides given to the runtime win over the environment)."""
    if isinstance(settings, TicketsSettings):
        return settings
    given = {name: value for name, value in vars(settings).items() if name in TicketsSettings.model_fields}
    return TicketsSettings(**given)

"""The tickets service's own settings (environment, prefix CITYFIX_): its limits on reporting, its windows
and its scheduler."""

from __future__ import annotations

from pydantic import Field

from services.common.settings import Settings


class TicketsSettings(Settings):
    reports_per_hour: int = Field(
        default=20, ge=1, description="Reports one account may file in any hour (429 beyond)"
    )
    integration_reports_per_hour: int = Field(
        default=600,
        ge=1,
        description="Reports one outside system (an Open311 API key) may file in any hour (429 beyond)",
    )
    reports_per_address_per_hour: int = Field(
        default=20,
        ge=1,
        description="Citizens' reports from one client address in any hour (429 beyond; staff exempt)",
    )
    confirmation_window_days: float = Field(
        default=14, gt=0, description="Days a resolved ticket waits for its reporter before it closes itself"
    )
    scheduler_max_sleep_seconds: float = Field(
        default=60.0,
        gt=0,
        description="Longest the scheduler sleeps between looks for due tickets (new ones may be due sooner)",
    )
    scheduler_batch_size: int = Field(
        default=100, ge=1, description="Due tickets the scheduler reads at once"
    )


def tickets_settings(settings: Settings) -> TicketsSettings:
    """The runtime's settings as TicketsSettings (overrides given to the runtime win over the environment)."""
    if isinstance(settings, TicketsSettings):
        return settings
    given = {name: value for name, value in vars(settings).items() if name in TicketsSettings.model_fields}
    return TicketsSettings(**given)

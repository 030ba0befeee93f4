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
    # Webhooks. The retry schedule is Standard Webhooks' suggestion: after the first attempt, again after
    # 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h (about 27 hours in all); tests give a fast one.
    webhook_retry_seconds: tuple[float, ...] = Field(
        default=(5, 300, 1800, 7200, 18000, 36000, 36000),
        description="Waits before each retry of a failed webhook delivery; after the last, it has failed",
    )
    webhook_timeout_seconds: float = Field(default=10.0, gt=0, description="Per webhook attempt")
    webhook_concurrency: int = Field(default=16, ge=1, description="Webhook attempts in flight at once")
    webhook_poll_seconds: float = Field(
        default=1.0, gt=0, description="How often the webhook sender looks for due retries"
    )
    webhook_disable_after_failed_deliveries: int = Field(
        default=3,
        ge=1,
        description="An endpoint is disabled when this many deliveries in a row have failed after every "
        "retry (with the default schedule: more than a day of failure)",
    )


def integrations_settings(settings: Settings) -> IntegrationsSettings:
    """The runtime's settings as IntegrationsSettings (overrides given to the runtime win)."""
    if isinstance(settings, IntegrationsSettings):
        return settings
    given = {
        name: value for name, value in vars(settings).items() if name in IntegrationsSettings.model_fields
    }
    return IntegrationsSettings(**given)

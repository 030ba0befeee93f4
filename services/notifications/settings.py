"""The notifications service's own settings (environment, prefix CITYFIX_): how it sends email.

`CITYFIX_SMTP_URL` (shared, see services.common.settings) names the mail server: `smtp://host:port` (plain,
development), `smtp+starttls://user:password@host:587` or `smtps://user:password@host:465` (production).
Without it, mails stay queued until a server is configured.
"""

from __future__ import annotations

from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, field_validator, model_validator

from services.common.settings import Settings

DEV_MAIL_FROM = "CityFix <no-reply@cityfix.localhost>"
SMTP_SCHEMES = ("smtp", "smtp+starttls", "smtps")


class NotificationSettings(Settings):
    mail_from: str = Field(default=DEV_MAIL_FROM, description="From header of every email")
    mail_poll_seconds: float = Field(default=5.0, gt=0, description="How often queued mails are looked at")
    mail_retry_seconds: float = Field(default=2.0, gt=0, description="First wait after a failed send")
    mail_max_retry_seconds: float = Field(default=600.0, gt=0, description="Longest wait between tries")
    mail_max_attempts: int = Field(default=30, ge=1, description="Tries before a mail is recorded failed")
    mail_concurrency: int = Field(default=8, ge=1, description="Mails sent at the same time")
    smtp_timeout_seconds: float = Field(default=15.0, gt=0, description="Longest wait for the mail server")
    digest_timezone: str = Field(default="Europe/Berlin", description="Whose calendar days the digests cover")
    digest_hour: int = Field(default=7, ge=0, le=23, description="The hour of the morning digests go out")
    digest_poll_seconds: float = Field(
        default=300.0, gt=0, description="How often due digests are looked for"
    )

    @field_validator("digest_timezone")
    @classmethod
    def _is_a_timezone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError):
            raise ValueError("CITYFIX_DIGEST_TIMEZONE must name a timezone, e.g. Europe/Berlin") from None
        return value

    @field_validator("smtp_url")
    @classmethod
    def _is_smtp_url(cls, value: str | None) -> str | None:
        if value is not None and not value.startswith(tuple(f"{s}://" for s in SMTP_SCHEMES)):
            raise ValueError("CITYFIX_SMTP_URL must start with smtp://, smtp+starttls:// or smtps://")
        return value

    @model_validator(mode="after")
    def _names_a_real_sender_in_production(self) -> NotificationSettings:
        if self.env == "production" and self.mail_from == DEV_MAIL_FROM:
            raise ValueError("CITYFIX_MAIL_FROM must name this installation's sender address")
        return self


def notification_settings(settings: Settings) -> NotificationSettings:
    """The runtime's settings as NotificationSettings (overrides given to the runtime win)."""
    if isinstance(settings, NotificationSettings):
        return settings
    given = {
        name: value for name, value in vars(settings).items() if name in NotificationSettings.model_fields
    }
    return NotificationSettings(**given)

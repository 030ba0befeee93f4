"""Configuration from the environment (DESIGN §4), with development defaults production refuses."""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import Field, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

DEV_NATS_URL = "nats://127.0.0.1:4222"
DEV_PUBLIC_URL = "http://127.0.0.1:8000"


class Settings(BaseSettings):
    """Settings every process shares. Services and the gateway extend it with their own."""

    model_config = SettingsConfigDict(env_prefix="CITYFIX_", extra="ignore")

    env: Literal["development", "production"] = "development"
    nats_url: str = DEV_NATS_URL
    mongo_url: str | None = Field(
        default=None, description="A real MongoDB; unset in development means the in-process engine"
    )
    jwt_private_key_file: Path | None = None
    public_url: str = DEV_PUBLIC_URL
    smtp_url: str | None = None
    trusted_proxies: str = ""
    demo: bool = Field(default=False, description="Seeded demo data is expected (cityfix dev --demo)")
    database_prefix: str = Field(default="cityfix_", description="Each service's database is prefix + name")

    # Delivery tuning (DESIGN §3). Tests shorten these explicitly.
    rpc_timeout_seconds: float = 5.0
    consumer_max_deliver: int = Field(default=5, ge=1)
    consumer_ack_wait_seconds: float = Field(default=30.0, gt=0)
    consumer_backoff_seconds: float = Field(default=1.0, ge=0)
    consumer_batch_size: int = Field(default=64, ge=1)
    outbox_poll_seconds: float = Field(default=1.0, gt=0)
    outbox_max_in_flight: int = Field(default=256, ge=1)
    metrics_port: int | None = Field(default=None, description="Serve /metrics on this port (services)")

    @model_validator(mode="after")
    def _refuse_development_defaults_in_production(self) -> Settings:
        if self.env != "production":
            return self
        problems = []
        if self.mongo_url is None:
            problems.append("CITYFIX_MONGO_URL must name a real MongoDB")
        if self.nats_url == DEV_NATS_URL:
            problems.append("CITYFIX_NATS_URL must be set explicitly")
        if self.public_url == DEV_PUBLIC_URL:
            problems.append("CITYFIX_PUBLIC_URL must be the public https address")
        if self.jwt_private_key_file is None or not self.jwt_private_key_file.is_file():
            problems.append("CITYFIX_JWT_PRIVATE_KEY_FILE must point to an existing private key")
        if self.smtp_url is None:
            problems.append("CITYFIX_SMTP_URL must be set")
        if self.demo:
            problems.append("CITYFIX_DEMO cannot be used in production")
        if problems:
            raise ValueError("refusing to start in production mode: " + "; ".join(problems))
        return self

    @property
    def trusted_proxy_list(self) -> list[str]:
        return [p.strip() for p in self.trusted_proxies.split(",") if p.strip()]

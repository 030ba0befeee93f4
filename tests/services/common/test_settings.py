"""Configuration: safe development defaults that production mode refuses to start on."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import ValidationError

from services.common.settings import Settings
from services.common.tokens import generate_private_key


def test_development_starts_on_defaults(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("CITYFIX_ENV", "CITYFIX_MONGO_URL"):
        monkeypatch.delenv(name, raising=False)
    settings = Settings()
    assert settings.env == "development"
    assert settings.mongo_url is None  # the in-process engine


def test_production_refuses_every_development_default(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in (
        "CITYFIX_MONGO_URL",
        "CITYFIX_NATS_URL",
        "CITYFIX_PUBLIC_URL",
        "CITYFIX_JWT_PRIVATE_KEY_FILE",
    ):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("CITYFIX_ENV", "production")
    with pytest.raises(ValidationError) as refused:
        Settings()
    message = str(refused.value)
    for setting in (
        "CITYFIX_MONGO_URL",
        "CITYFIX_NATS_URL",
        "CITYFIX_PUBLIC_URL",
        "CITYFIX_JWT_PRIVATE_KEY_FILE",
        "CITYFIX_SMTP_URL",
    ):
        assert setting in message


def test_production_starts_when_everything_is_given(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    key = generate_private_key(tmp_path / "jwt.pem")
    monkeypatch.setenv("CITYFIX_ENV", "production")
    monkeypatch.setenv("CITYFIX_MONGO_URL", "mongodb://db.internal:27017/?replicaSet=rs0")
    monkeypatch.setenv("CITYFIX_NATS_URL", "nats://nats.internal:4222")
    monkeypatch.setenv("CITYFIX_PUBLIC_URL", "https://fix.city.example")
    monkeypatch.setenv("CITYFIX_SMTP_URL", "smtp://mail.internal:587")
    monkeypatch.setenv("CITYFIX_JWT_PRIVATE_KEY_FILE", str(key))
    assert Settings().env == "production"
    monkeypatch.setenv("CITYFIX_JWT_PRIVATE_KEY_FILE", str(tmp_path / "missing.pem"))
    with pytest.raises(ValidationError, match="CITYFIX_JWT_PRIVATE_KEY_FILE"):
        Settings()
    monkeypatch.setenv("CITYFIX_JWT_PRIVATE_KEY_FILE", str(key))
    monkeypatch.setenv("CITYFIX_DEMO", "1")
    with pytest.raises(ValidationError, match="CITYFIX_DEMO"):
        Settings()

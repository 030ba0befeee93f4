"""The auth service's own settings (environment, prefix CITYFIX_): lifetimes, throttling, password hashing.

Every limit is a setting (DESIGN §7); tests that need other values pass them to the runtime explicitly.
"""

from __future__ import annotations

from pydantic import Field

from services.common.settings import Settings
from services.common.tokens import ACCESS_TOKEN_MINUTES

# OWASP's minimum argon2id parameters (m = 19 MiB, t = 2, p = 1); settings may only go above them.
ARGON2_MIN_MEMORY_KIB = 19456
ARGON2_MIN_TIME_COST = 2
ARGON2_MIN_PARALLELISM = 1


class AuthSettings(Settings):
    # Tokens and links
    access_token_minutes: int = Field(default=ACCESS_TOKEN_MINUTES, ge=1, le=ACCESS_TOKEN_MINUTES)
    refresh_token_days: int = Field(default=30, ge=1, description="A refresh token unused this long expires")
    session_max_days: int = Field(default=90, ge=1, description="A session ends this long after sign-in")
    email_verification_hours: int = Field(default=48, ge=1)
    password_reset_minutes: int = Field(default=60, ge=1)
    staff_invitation_hours: int = Field(
        default=72,
        ge=1,
        description="Lifetime of the set-password link of a staff account created without one",
    )

    # Login throttling (DESIGN §7): failures in a sliding window, per account and per client address
    login_max_failures: int = Field(default=5, ge=1)
    login_window_seconds: int = Field(default=900, ge=1)
    login_max_failures_per_address: int = Field(default=50, ge=1)

    # Password hashing: argon2id, never below OWASP's minimum; hashing runs in threads, this many at once
    password_hash_memory_kib: int = Field(default=ARGON2_MIN_MEMORY_KIB, ge=ARGON2_MIN_MEMORY_KIB)
    password_hash_time_cost: int = Field(default=ARGON2_MIN_TIME_COST, ge=ARGON2_MIN_TIME_COST)
    password_hash_parallelism: int = Field(default=ARGON2_MIN_PARALLELISM, ge=ARGON2_MIN_PARALLELISM)
    password_hash_concurrency: int = Field(default=2, ge=1)


def auth_settings(settings: Settings) -> AuthSettings:
    """The runtime's settings as AuthSettings.

    The runtime is built with the shared Settings; values given for the auth fields (a test's overrides
    land in the instance's attributes) win, the rest come from the environment as usual.
    """
    if isinstance(settings, AuthSettings):
        return settings
    given = {name: value for name, value in vars(settings).items() if name in AuthSettings.model_fields}
    return AuthSettings(**given)

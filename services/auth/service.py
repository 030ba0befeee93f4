"""The auth service: wiring of its documents, handlers and subscribers onto the shared runtime."""

from __future__ import annotations

from datetime import timedelta

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.common.demo import DEMO_ACCOUNTS
from services.common.logs import get_logger
from services.common.service import ServiceRuntime, ServiceSpec
from services.common.tokens import TokenIssuer, load_private_key

from . import preferences, stream_tokens  # noqa: F401  # register their handlers on `rpc`
from .documents import DOCUMENTS, UserDocument
from .domain import normalize_email
from .handlers import AuthDeps, rpc
from .passwords import Passwords
from .settings import auth_settings
from .subscribers import events
from .throttle import LoginThrottle, ThrottleLimits

log = get_logger("cityfix.auth")


def dependencies(runtime: ServiceRuntime) -> AuthDeps:
    settings = auth_settings(runtime.settings)
    path = settings.jwt_private_key_file
    if path is not None:
        key = load_private_key(path)
    else:
        # Development without a key file: tokens stop working when the process restarts.
        # (Production refuses to start without CITYFIX_JWT_PRIVATE_KEY_FILE.)
        log.warning("no CITYFIX_JWT_PRIVATE_KEY_FILE: signing with a temporary key")
        key = Ed25519PrivateKey.generate()
    return AuthDeps(
        issuer=TokenIssuer(key),
        settings=settings,
        unit_of_work=runtime.unit_of_work,
        passwords=Passwords(
            memory_kib=settings.password_hash_memory_kib,
            time_cost=settings.password_hash_time_cost,
            parallelism=settings.password_hash_parallelism,
            concurrency=settings.password_hash_concurrency,
        ),
        throttle=LoginThrottle(
            ThrottleLimits(
                per_account=settings.login_max_failures,
                per_address=settings.login_max_failures_per_address,
                window=timedelta(seconds=settings.login_window_seconds),
            )
        ),
        jetstream=runtime.jetstream,
    )


async def readiness(runtime: ServiceRuntime) -> dict[str, bool]:
    if not runtime.settings.demo:
        return {}
    emails = [normalize_email(account.email) for account in DEMO_ACCOUNTS]
    present = await UserDocument.find({"email": {"$in": emails}}).count()
    return {"demo_accounts": present == len(emails)}


spec = ServiceSpec(
    name="auth",
    documents=DOCUMENTS,
    rpc=rpc,
    events=events,
    dependencies=dependencies,
    readiness=readiness,
)

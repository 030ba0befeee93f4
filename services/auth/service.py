"""The auth service: wiring of its documents, handlers and subscribers onto the shared runtime."""

from __future__ import annotations

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from services.common.logs import get_logger
from services.common.service import ServiceRuntime, ServiceSpec
from services.common.tokens import TokenIssuer, load_private_key

from .documents import DOCUMENTS
from .handlers import AuthDeps, rpc
from .subscribers import events

log = get_logger("cityfix.auth")


def dependencies(runtime: ServiceRuntime) -> AuthDeps:
    path = runtime.settings.jwt_private_key_file
    if path is not None:
        key = load_private_key(path)
    else:
        # Development without a key file: tokens stop working when the process restarts.
        # (Production refuses to start without CITYFIX_JWT_PRIVATE_KEY_FILE.)
        log.warning("no CITYFIX_JWT_PRIVATE_KEY_FILE: signing with a temporary key")
        key = Ed25519PrivateKey.generate()
    return AuthDeps(issuer=TokenIssuer(key))


spec = ServiceSpec(name="auth", documents=DOCUMENTS, rpc=rpc, events=events, dependencies=dependencies)

"""Commands and queries answered by the auth service."""

from __future__ import annotations

from typing import Any

from ..envelope import Contract
from ..rpc import Request


class Jwks(Contract):
    """A JSON Web Key Set: the public keys access tokens are verified with."""

    keys: tuple[dict[str, Any], ...]


class GetJwks(Request):
    """The public keys of the token issuer (the gateway fetches them at start)."""

    service = "auth"
    reply_model = Jwks

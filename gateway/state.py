"""What the gateway keeps in memory: its NATS connection, the token verifier, deactivated users, hidden
tickets."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from nats.aio.client import Client as NatsClient

from cityfix_contracts.commands.auth import GetJwks
from cityfix_contracts.rpc import RpcContext
from services.common.context import current_correlation_id
from services.common.devmail import Mailbox
from services.common.media_store import MediaStore, open_media_store
from services.common.rpc import RpcClient, RpcFailure
from services.common.tokens import AccessClaims, TokenVerifier

from .errors import ApiError
from .hidden_tickets import HiddenTickets
from .settings import GatewaySettings
from .token_cache import VerifiedTokens
from .uploads import UploadIntake


@dataclass
class GatewayState:
    settings: GatewaySettings
    mailbox: Mailbox | None = None
    connection: NatsClient | None = None
    _rpc: RpcClient | None = None
    _verifier: TokenVerifier | None = None
    _verifier_lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    deactivated_users: set[str] = field(default_factory=set)
    _media: MediaStore | None = None
    hidden_tickets: HiddenTickets = field(default_factory=HiddenTickets)
    verified_tokens: VerifiedTokens = field(default_factory=VerifiedTokens)
    _intake: tuple[asyncio.AbstractEventLoop, UploadIntake] | None = None

    def attach(self, connection: NatsClient) -> None:
        self.connection = connection
        self._rpc = RpcClient(connection, timeout=self.settings.rpc_timeout_seconds)

    def rpc(self) -> RpcClient:
        if self._rpc is None:
            raise ApiError(503, "service_unavailable", "CityFix is starting; please try again shortly.")
        return self._rpc

    def media(self) -> MediaStore:
        """Where photo bytes live; uploads stream into it and photos stream out of it (DESIGN §1)."""
        if self._media is None:
            self._media = open_media_store(self.settings, self.settings.nats_url, "cityfix-gateway")
        return self._media

    def upload_intake(self) -> UploadIntake | None:
        """The rate all uploads share (`media_upload_bytes_per_second`), or None when it is 0; one per
        event loop, as the limiter waits on its loop's clock."""
        rate = self.settings.media_upload_bytes_per_second
        if rate == 0:
            return None
        loop = asyncio.get_running_loop()
        if self._intake is None or self._intake[0] is not loop:
            self._intake = (loop, UploadIntake(rate))
        return self._intake[1]

    async def close_media(self) -> None:
        if self._media is not None:
            await self._media.close()

    async def verifier(self) -> TokenVerifier:
        """The verifier for the auth service's public key, fetched once over request/reply."""
        if self._verifier is not None:
            return self._verifier
        async with self._verifier_lock:
            if self._verifier is None:
                try:
                    jwks = await self.rpc().call(
                        GetJwks(), RpcContext(correlation_id=current_correlation_id())
                    )
                except RpcFailure as failure:
                    raise ApiError(
                        503,
                        "service_unavailable",
                        "Sign-in is not available right now; please try again shortly.",
                    ) from failure
                self._verifier = TokenVerifier.from_jwk(jwks.keys[0])
                self.verified_tokens.clear()
        return self._verifier

    async def verify(self, token: str) -> AccessClaims:
        """The claims of a valid access token (raises InvalidToken); a token verified before and not yet
        expired is not checked again."""
        claims = self.verified_tokens.get(token)
        if claims is None:
            claims = (await self.verifier()).verify(token)
            self.verified_tokens.put(token, claims)
        return claims

    def is_deactivated(self, user_id: str) -> bool:
        return user_id in self.deactivated_users

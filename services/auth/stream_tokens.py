"""Stream tokens: a short-lived token that opens the signed-in person's live stream in the gateway.

A browser's EventSource cannot send an Authorization header (DESIGN §1), so the stream authenticates with
a token in the query string or a cookie. Such a token may end up where access tokens must never be
(a browser's history, a proxy's log), so it is its own kind: another audience and type, minutes long,
good for opening the stream and nothing else.
"""

from __future__ import annotations

from cityfix_contracts import RpcContext
from cityfix_contracts.commands.auth import IssueStreamToken, StreamToken

from .accounts import signed_in_user
from .handlers import AuthDeps, rpc


@rpc.handles(IssueStreamToken)
async def issue_stream_token(cmd: IssueStreamToken, ctx: RpcContext, deps: AuthDeps) -> StreamToken:
    """A stream token for the signed-in person, while their account exists and is active."""
    user = await signed_in_user(ctx)
    token, expires_at = deps.issuer.stream_token(user.id, user.role, user.municipality_id, now=deps.clock())
    return StreamToken(token=token, expires_at=expires_at)

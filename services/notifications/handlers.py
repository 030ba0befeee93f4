"""Commands and queries the notifications service answers: plain functions of (request, context, dependencies)."""

from __future__ import annotations

from services.common.rpc import RpcRegistry

rpc = RpcRegistry("notifications")

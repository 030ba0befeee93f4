"""GET /api/v1/health: asks every service; 200 only when all answer and all their checks hold."""

from __future__ import annotations

import asyncio
from typing import Any, Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from cityfix_contracts import RpcContext, ServiceHealth
from cityfix_contracts.rpc import SERVICES, health_subject
from services.common.context import current_correlation_id
from services.common.rpc import RpcFailure

from ..deps import State

router = APIRouter(tags=["health"])


class ServiceStatus(BaseModel):
    status: Literal["up", "degraded", "down"]
    checks: dict[str, bool] = {}


class HealthReport(BaseModel):
    status: Literal["ok", "degraded"]
    services: dict[str, ServiceStatus]
    missing: list[str]


async def _ask(state: State, service: str) -> ServiceStatus:
    connection = state.connection
    if connection is None or not connection.is_connected:
        return ServiceStatus(status="down")
    try:
        reply = await state.rpc().request_raw(
            health_subject(service),
            service,
            b"{}",
            RpcContext(correlation_id=current_correlation_id()),
            timeout=state.settings.health_timeout_seconds,
        )
    except RpcFailure:
        return ServiceStatus(status="down")
    if not reply.ok or reply.result is None:
        return ServiceStatus(status="down")
    health = ServiceHealth.model_validate(reply.result)
    return ServiceStatus(status=health.status, checks=health.checks)


@router.get(
    "/health",
    response_model=HealthReport,
    responses={503: {"model": HealthReport, "description": "Something is down or not ready"}},
    operation_id="health-get",
)
async def health(state: State) -> Any:
    """Every service's status. 503 names what is missing (a service down, or a readiness check failing)."""
    statuses = await asyncio.gather(*(_ask(state, s) for s in SERVICES))
    services = dict(zip(SERVICES, statuses, strict=True))
    missing = []
    for name, status in services.items():
        if status.status == "down":
            missing.append(name)
        missing.extend(f"{name}.{check}" for check, ok in status.checks.items() if not ok)
    report = HealthReport(status="degraded" if missing else "ok", services=services, missing=missing)
    return JSONResponse(report.model_dump(), status_code=503 if missing else 200)

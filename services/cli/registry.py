"""The services CityFix runs, by name (imported lazily so one service's process loads only its code)."""

from __future__ import annotations

import importlib

from cityfix_contracts.rpc import SERVICES
from services.common.service import ServiceSpec


def service_spec(name: str) -> ServiceSpec:
    if name not in SERVICES:
        raise SystemExit(f"unknown service {name!r}; choose one of: {', '.join(SERVICES)}")
    module = importlib.import_module(f"services.{name}.service")
    spec: ServiceSpec = module.spec
    return spec


def all_specs() -> list[ServiceSpec]:
    return [service_spec(name) for name in SERVICES]

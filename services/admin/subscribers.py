"""Events the admin service reacts to: handlers of (envelope, unit of work)."""

from __future__ import annotations

from services.common.consumer import ConsumerRegistry

events = ConsumerRegistry("admin")

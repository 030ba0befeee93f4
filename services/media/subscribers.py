"""Events the media service reacts to: handlers of (envelope, unit of work, dependencies)."""

from __future__ import annotations

from services.common.consumer import ConsumerRegistry

events = ConsumerRegistry("media")

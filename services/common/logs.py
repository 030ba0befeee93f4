"""Structured JSON logs: one line per request and per handled message (DESIGN §1, issue 2)."""

from __future__ import annotations

import logging
import sys
from typing import Any

import structlog

_configured = False


def configure_logging(level: str = "INFO", *, json: bool = True) -> None:
    """Configure structlog and stdlib logging once per process."""
    global _configured
    if _configured:
        return
    _configured = True
    processors: list[Any] = [
        structlog.contextvars.merge_contextvars,
        structlog.processors.add_log_level,
        structlog.processors.TimeStamper(fmt="iso", utc=True),
        structlog.processors.format_exc_info,
    ]
    renderer: Any = structlog.processors.JSONRenderer() if json else structlog.dev.ConsoleRenderer()
    structlog.configure(
        processors=[*processors, renderer],
        wrapper_class=structlog.make_filtering_bound_logger(logging.getLevelName(level)),
        logger_factory=structlog.PrintLoggerFactory(file=sys.stderr),
        cache_logger_on_first_use=True,
    )
    logging.basicConfig(level=level, stream=sys.stderr, format="%(message)s")
    # FastStream logs every message at INFO; our own line per message replaces it.
    logging.getLogger("faststream").setLevel(logging.WARNING)
    logging.getLogger("uvicorn.access").setLevel(logging.WARNING)
    logging.getLogger("mail.log").setLevel(logging.WARNING)  # aiosmtpd's per-connection chatter
    # nats-py logs a traceback for every failed reconnect attempt; our error callbacks log one line.
    logging.getLogger("nats").setLevel(logging.CRITICAL)


async def log_nats_error(error: Exception) -> None:
    """nats-py error callback: one line, no traceback (reconnects are expected and retried)."""
    get_logger("cityfix.nats").warning("nats connection problem", error=repr(error))


def get_logger(name: str) -> Any:
    return structlog.get_logger(name)

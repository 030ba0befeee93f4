"""Commands and queries the notifications service answers: plain functions of (request, context, dependencies).

The registry and the dependencies live here; the inbox's queries and read marks are in inbox.py.
`NotificationDeps` is what its handlers, consumers and background work are given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from cityfix_contracts import utc_now
from services.common.rpc import RpcRegistry
from services.common.uow import MongoUnitOfWork, UnitOfWork

from .sender import MailSender
from .settings import NotificationSettings

rpc = RpcRegistry("notifications")


@dataclass
class NotificationDeps:
    settings: NotificationSettings
    unit_of_work: Callable[[], UnitOfWork]
    sender: MailSender
    clock: Callable[[], datetime] = utc_now

    def wake_sender(self) -> None:
        self.sender.wake()


def session_of(uow: UnitOfWork) -> Any:
    """The unit of work's database session (None for the in-memory one)."""
    return uow.session if isinstance(uow, MongoUnitOfWork) else None

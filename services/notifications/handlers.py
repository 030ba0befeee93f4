"""Commands and queries the notifications service answers: plain functions of (request, context, dependencies).

None yet: the inbox queries and read marks come with the in-app channel. `NotificationDeps` is what its
consumers and background work are given.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from services.common.rpc import RpcRegistry
from services.common.uow import UnitOfWork

from .sender import MailSender
from .settings import NotificationSettings

rpc = RpcRegistry("notifications")


@dataclass
class NotificationDeps:
    settings: NotificationSettings
    unit_of_work: Callable[[], UnitOfWork]
    sender: MailSender

    def wake_sender(self) -> None:
        self.sender.wake()

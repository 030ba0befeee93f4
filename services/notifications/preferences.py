"""On which channels a person hears of something: the one place that decides it.

People's own notification preferences are profile settings owned by the auth service and will arrive as
its events; until then everyone has the defaults below. Every notification goes to the inbox (and so to
the live push); email is for the reporter, on every change of status of their ticket.
"""

from __future__ import annotations

from cityfix_contracts.events.notifications import NotificationKind, NotificationReason

from .domain import Channel


def default_channels(kind: NotificationKind, reason: NotificationReason) -> frozenset[Channel]:
    """The channels of a notification for someone who has not chosen otherwise."""
    if kind == "status_changed" and reason == "reporter":
        return frozenset({"inbox", "email"})
    return frozenset({"inbox"})

"""On which channels a person hears of something: the one place that decides it.

Every notification goes to the inbox (and so to the live push), whatever the person chose. Email goes
out for the notifications in the table below, when the person's preferences allow it. Preferences are
profile settings owned by the auth service; this service keeps a copy from its
NotificationPreferencesChanged events (profile_settings.py), and until one arrives a person has the
contract's defaults.

| notification (kind, reason)     | emailed when                                   |
|---------------------------------|------------------------------------------------|
| status_changed, reporter        | email_status_changes                           |
| ticket_created, manager         | email_new_tickets == "each"                    |
| ticket_created, area_alert      | email_area_alerts                              |

A manager who chose "daily_digest" gets no email per new report but one email a day listing them
(digest.py). The other kinds (assignments, comments, feedback, SLA breaches) stay
inbox-only, as they were before preferences existed, although their flags are stored with the rest.
"""

from __future__ import annotations

from collections.abc import Callable

from cityfix_contracts.events import NotificationPreferences
from cityfix_contracts.events.notifications import NotificationKind, NotificationReason

from .domain import Channel

DEFAULTS = NotificationPreferences()

EMAIL_WHEN: dict[tuple[NotificationKind, NotificationReason], Callable[[NotificationPreferences], bool]] = {
    ("status_changed", "reporter"): lambda chosen: chosen.email_status_changes,
    ("ticket_created", "manager"): lambda chosen: chosen.email_new_tickets == "each",
    ("ticket_created", "area_alert"): lambda chosen: chosen.email_area_alerts,
}


def channels(
    kind: NotificationKind, reason: NotificationReason, chosen: NotificationPreferences = DEFAULTS
) -> frozenset[Channel]:
    """The channels of a notification for a person with these preferences."""
    wants_email = EMAIL_WHEN.get((kind, reason))
    if wants_email is not None and wants_email(chosen):
        return frozenset({"inbox", "email"})
    return frozenset({"inbox"})


def default_channels(kind: NotificationKind, reason: NotificationReason) -> frozenset[Channel]:
    """The channels of a notification for someone who has not chosen otherwise."""
    return channels(kind, reason, DEFAULTS)


def preferences_from(stored: dict[str, object] | None) -> NotificationPreferences:
    """The stored copy of a person's preferences; the defaults when they never published any."""
    return DEFAULTS if stored is None else NotificationPreferences.model_validate(stored)

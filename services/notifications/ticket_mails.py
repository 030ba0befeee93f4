"""The emails of ticket notifications, in the recipient's language: plain text and HTML.

The templates live in templates/<language>/: the layouts (ticket.txt, ticket.html) and the words
(messages.json: a subject and a headline per kind of notification, optionally per reason, the status
names, the labels). They are the standard library's string.Template ($name placeholders), so a
translator edits files, not code. In HTML everything that people or other services wrote (names,
references, comments) is escaped. Every email links to the ticket in the web app through
CITYFIX_PUBLIC_URL, and names where to choose which emails one receives (List-Unsubscribe).
"""

from __future__ import annotations

import functools
import html
import json
from dataclasses import dataclass
from importlib import resources
from string import Template
from typing import Any
from urllib.parse import quote

from cityfix_contracts.events.notifications import Notification

from .domain import Language, Mail, language_of

LANGUAGES: tuple[Language, ...] = ("en", "de")


@dataclass(frozen=True)
class TicketTemplates:
    text: Template
    html: Template
    words: dict[str, Any]

    def message(self, kind: str, reason: str) -> dict[str, str]:
        """The subject and headline for this kind of notification, for this reason if it has its own."""
        messages: dict[str, dict[str, str]] = self.words["messages"]
        return messages.get(f"{kind}.{reason}") or messages[kind]


@functools.cache
def ticket_templates(language: Language) -> TicketTemplates:
    folder = resources.files(__package__).joinpath("templates", language)
    return TicketTemplates(
        text=Template(folder.joinpath("ticket.txt").read_text(encoding="utf-8")),
        html=Template(folder.joinpath("ticket.html").read_text(encoding="utf-8")),
        words=json.loads(folder.joinpath("messages.json").read_text(encoding="utf-8")),
    )


def ticket_link(public_url: str, ticket_id: str) -> str:
    """The ticket in the web app."""
    return f"{public_url.rstrip('/')}/tickets/{quote(ticket_id, safe='')}"


def preferences_link(public_url: str) -> str:
    """Where a person chooses which emails they receive."""
    return f"{public_url.rstrip('/')}/settings/notifications"


def _one_line(text: str) -> str:
    return " ".join(text.split())


def ticket_mail(notification: Notification, *, full_name: str, locale: str, public_url: str) -> Mail:
    """The email telling `full_name` of `notification`, in their language."""
    language = language_of(locale)
    templates = ticket_templates(language)
    words = templates.words
    values = {
        "name": _one_line(full_name),
        "reference": notification.reference,
        "status": words["statuses"].get(notification.status, notification.status),
        "operator_name": _one_line(notification.operator_name or ""),
        "rating": str(notification.rating or ""),
    }
    message = templates.message(notification.kind, notification.reason)
    subject = _one_line(Template(message["subject"]).substitute(values))
    greeting = Template(words["greeting"]).substitute(values)
    headline = Template(message["headline"]).substitute(values)
    link = ticket_link(public_url, notification.ticket_id)
    preferences = preferences_link(public_url)
    quoted = Template(words["quote"]).substitute(excerpt=notification.excerpt) if notification.excerpt else ""
    parts = {
        "language": language,
        "greeting": greeting,
        "headline": headline,
        "reference_label": words["reference_label"],
        "reference": notification.reference,
        "status_label": words["status_label"],
        "status": values["status"],
        "open_label": words["open_label"],
        "link": link,
        "signature": words["signature"],
        "why": words["why"][notification.reason],
        "preferences_label": words["preferences_label"],
        "preferences_url": preferences,
    }
    text = templates.text.substitute(parts, excerpt=f"\n{quoted}\n" if quoted else "")
    escaped = {name: html.escape(value) for name, value in parts.items()}
    body = templates.html.substitute(
        escaped,
        excerpt=f'<blockquote style="margin-left: 1em; color: #333">{html.escape(quoted)}</blockquote>'
        if quoted
        else "",
    )
    return Mail(subject=subject, text=text, html=body, headers=(("List-Unsubscribe", f"<{preferences}>"),))

"""The emails of ticket notifications: per language, with the reference, the status and the link, in
plain text and HTML, escaped, with List-Unsubscribe."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, get_args

import pytest

from cityfix_contracts.events.notifications import Notification, NotificationKind, NotificationReason
from services.notifications.mailer import compose
from services.notifications.ticket_mails import LANGUAGES, ticket_mail, ticket_templates

PUBLIC_URL = "https://cityfix.example/"


def notification(**fields: Any) -> Notification:
    values: dict[str, Any] = {
        "id": "n-1",
        "kind": "status_changed",
        "reason": "reporter",
        "ticket_id": "t-42",
        "reference": "POT-17",
        "municipality_id": "m-a",
        "status": "in_progress",
        "previous_status": "assigned",
        "created_at": datetime(2030, 5, 1, 14, 30, tzinfo=UTC),
    }
    return Notification(**{**values, **fields})


def test_a_status_change_in_english() -> None:
    mail = ticket_mail(notification(), full_name="Clara Citizen", locale="en", public_url=PUBLIC_URL)
    assert mail.subject == "Your report POT-17: in progress"
    assert mail.text.startswith("Hello Clara Citizen,\n\nYour report POT-17 is now: in progress.")
    assert "Open the ticket: https://cityfix.example/tickets/t-42" in mail.text
    assert 'href="https://cityfix.example/tickets/t-42"' in mail.html
    assert ("List-Unsubscribe", "<https://cityfix.example/settings/notifications>") in mail.headers


def test_a_status_change_in_german() -> None:
    mail = ticket_mail(notification(), full_name="Jonas Bürger", locale="de-DE", public_url=PUBLIC_URL)
    assert mail.subject == "Ihre Meldung POT-17: in Bearbeitung"
    assert mail.text.startswith("Hallo Jonas Bürger,")
    assert "Vorgang: POT-17" in mail.text and "Stand: in Bearbeitung" in mail.text
    assert '<html lang="de">' in mail.html


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("kind", get_args(NotificationKind))
@pytest.mark.parametrize("reason", get_args(NotificationReason))
def test_every_kind_and_reason_has_words_with_the_reference(language: str, kind: str, reason: str) -> None:
    mail = ticket_mail(
        notification(kind=kind, reason=reason, operator_name="Olga Operator", rating=4),
        full_name="Max",
        locale=language,
        public_url=PUBLIC_URL,
    )
    assert "POT-17" in mail.subject
    assert "$" not in mail.subject + mail.text + mail.html  # every placeholder was filled
    assert "https://cityfix.example/tickets/t-42" in mail.text


def test_every_status_has_a_name_in_every_language() -> None:
    from cityfix_contracts.events.tickets import TicketStatus

    for language in LANGUAGES:
        assert set(ticket_templates(language).words["statuses"]) == set(get_args(TicketStatus))


def test_what_people_wrote_cannot_inject_html() -> None:
    mail = ticket_mail(
        notification(kind="comment_added", reason="reporter", excerpt="<script>alert(1)</script>"),
        full_name="<b>Eve</b>",
        locale="en",
        public_url=PUBLIC_URL,
    )
    assert "<script>" not in mail.html and "&lt;script&gt;" in mail.html
    assert "<b>Eve</b>" not in mail.html
    assert "“<script>alert(1)</script>”" in mail.text  # plain text keeps it as written


def test_a_name_cannot_break_the_subject_into_headers() -> None:
    mail = ticket_mail(
        notification(kind="ticket_assigned", reason="reporter", operator_name="Olga\r\nBcc: x@evil.example"),
        full_name="Clara",
        locale="en",
        public_url=PUBLIC_URL,
    )
    message = compose(mail, sender="CityFix <no-reply@cityfix.example>", to="c@example.org", message_id="d-1")
    assert message["Bcc"] is None
    assert message["List-Unsubscribe"] == "<https://cityfix.example/settings/notifications>"

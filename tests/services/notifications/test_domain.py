"""The pure rules of account emails: templates per language, the SMTP URL, backoff and expiry."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from services.notifications.domain import account_mail, language_of, link_expired, retry_delay
from services.notifications.mailer import SmtpServer, compose, smtp_server
from services.notifications.settings import NotificationSettings

EXPIRES = datetime(2030, 5, 1, 14, 30, tzinfo=UTC)
LINK = "https://cityfix.example/verify-email?token=abc&x=1"


@pytest.mark.parametrize(
    ("locale", "language"), [("de", "de"), ("de-AT", "de"), ("DE", "de"), ("en", "en"), ("fr", "en")]
)
def test_german_for_german_locales_english_otherwise(locale: str, language: str) -> None:
    assert language_of(locale) == language


def test_the_verification_email_carries_the_link_in_both_bodies() -> None:
    mail = account_mail("email_verification", full_name="Clara", link=LINK, expires_at=EXPIRES, locale="en")
    assert mail.subject == "Please confirm your email address for CityFix"
    assert LINK in mail.text
    assert 'href="https://cityfix.example/verify-email?token=abc&amp;x=1"' in mail.html
    assert "2030-05-01 14:30 UTC" in mail.text


def test_the_reset_email_in_german() -> None:
    mail = account_mail("password_reset", full_name="Jonas", link=LINK, expires_at=EXPIRES, locale="de-DE")
    assert mail.subject == "Ihr CityFix-Passwort zurücksetzen"
    assert mail.text.startswith("Hallo Jonas,")


def test_a_name_cannot_inject_html() -> None:
    mail = account_mail(
        "email_verification", full_name="<b>Eve</b>", link=LINK, expires_at=EXPIRES, locale="en"
    )
    assert "<b>Eve</b>" not in mail.html and "&lt;b&gt;Eve&lt;/b&gt;" in mail.html


def test_the_message_has_text_and_html_and_a_stable_message_id() -> None:
    mail = account_mail("email_verification", full_name="Clara", link=LINK, expires_at=EXPIRES, locale="en")
    message = compose(
        mail, sender="CityFix <no-reply@cityfix.example>", to="clara@example.org", message_id="d-1"
    )
    assert message["Message-ID"] == "<d-1@cityfix.example>"
    assert message["Auto-Submitted"] == "auto-generated"
    assert [part.get_content_type() for part in message.iter_parts()] == ["text/plain", "text/html"]


@pytest.mark.parametrize(
    ("url", "server"),
    [
        ("smtp://127.0.0.1:2525", SmtpServer("127.0.0.1", 2525)),
        ("smtp://mail", SmtpServer("mail", 25)),
        (
            "smtp+starttls://robot%40city.example:p%40ss%3Aword@mail.example:587",
            SmtpServer("mail.example", 587, "robot@city.example", "p@ss:word", start_tls=True),
        ),
        ("smtps://u:p@mail.example", SmtpServer("mail.example", 465, "u", "p", use_tls=True)),
    ],
)
def test_smtp_urls(url: str, server: SmtpServer) -> None:
    assert smtp_server(url) == server


def test_the_password_never_shows_in_logs() -> None:
    assert "secret" not in repr(smtp_server("smtps://u:secret@mail.example"))


def test_settings_refuse_other_schemes() -> None:
    with pytest.raises(ValueError, match="CITYFIX_SMTP_URL"):
        NotificationSettings(smtp_url="http://mail.example")


def test_backoff_doubles_up_to_its_cap() -> None:
    assert [retry_delay(n, 2.0, 10.0) for n in (1, 2, 3, 4, 5)] == [2.0, 4.0, 8.0, 10.0, 10.0]


def test_an_expired_link_even_when_stored_without_a_zone() -> None:
    now = datetime(2030, 1, 1, tzinfo=UTC)
    assert link_expired(datetime(2029, 12, 31, 23, 59), now)
    assert not link_expired(now + timedelta(minutes=1), now)
    assert not link_expired(None, now)

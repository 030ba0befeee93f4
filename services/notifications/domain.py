"""The notifications domain: deciding from events whom to tell what, by inbox, email and live push.

Pure rules, no database and no broker. This module covers account emails: the verification and
password-reset links the auth service asks to be sent (as events), in the person's language. Who hears
of what happens to a ticket is in rules.py, on which channel in preferences.py, and the ticket emails'
templates in ticket_mails.py.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Literal

AccountMailKind = Literal["email_verification", "password_reset"]
DigestKind = Literal["new_tickets_digest"]  # a manager's daily digest of new reports (digest.py)
OperationsMailKind = Literal["webhook_endpoint_disabled"]  # to an endpoint's owner (webhook_mails.py)
Language = Literal["en", "de"]
Channel = Literal["inbox", "email"]
DeliveryStatus = Literal["pending", "sent", "failed", "expired", "cancelled"]


@dataclass(frozen=True)
class Mail:
    """One email as the recipient reads it: a subject, a plain-text body and the same in HTML, and any
    header of its own (List-Unsubscribe)."""

    subject: str
    text: str
    html: str
    headers: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True)
class AccountMailTemplate:
    subject: str
    greeting: str  # {name}
    reason: str
    action: str  # the link's label in HTML
    expiry: str  # {expires}
    not_you: str
    signature: str


TEMPLATES: dict[tuple[AccountMailKind, Language], AccountMailTemplate] = {
    ("email_verification", "en"): AccountMailTemplate(
        subject="Please confirm your email address for CityFix",
        greeting="Hello {name},",
        reason="thank you for signing up to CityFix. Please confirm that this is your email address "
        "by opening this link:",
        action="Confirm my email address",
        expiry="The link works once and until {expires}.",
        not_you="If you did not sign up to CityFix, ignore this email: nothing happens without the link.",
        signature="Your CityFix team",
    ),
    ("email_verification", "de"): AccountMailTemplate(
        subject="Bitte bestätigen Sie Ihre E-Mail-Adresse für CityFix",
        greeting="Hallo {name},",
        reason="vielen Dank für Ihre Anmeldung bei CityFix. Bitte bestätigen Sie Ihre E-Mail-Adresse "
        "über diesen Link:",
        action="E-Mail-Adresse bestätigen",
        expiry="Der Link funktioniert einmal und bis {expires}.",
        not_you="Wenn Sie sich nicht bei CityFix angemeldet haben, ignorieren Sie diese E-Mail: "
        "ohne den Link geschieht nichts.",
        signature="Ihr CityFix-Team",
    ),
    ("password_reset", "en"): AccountMailTemplate(
        subject="Reset your CityFix password",
        greeting="Hello {name},",
        reason="someone (hopefully you) asked to reset the password of your CityFix account. "
        "Choose a new password here:",
        action="Choose a new password",
        expiry="The link works once and until {expires}.",
        not_you="If you did not ask for this, ignore this email: your password stays as it is.",
        signature="Your CityFix team",
    ),
    ("password_reset", "de"): AccountMailTemplate(
        subject="Ihr CityFix-Passwort zurücksetzen",
        greeting="Hallo {name},",
        reason="jemand (hoffentlich Sie) hat verlangt, das Passwort Ihres CityFix-Kontos zurückzusetzen. "
        "Hier wählen Sie ein neues Passwort:",
        action="Neues Passwort wählen",
        expiry="Der Link funktioniert einmal und bis {expires}.",
        not_you="Wenn Sie das nicht verlangt haben, ignorieren Sie diese E-Mail: Ihr Passwort bleibt, "
        "wie es ist.",
        signature="Ihr CityFix-Team",
    ),
}


def language_of(locale: str) -> Language:
    """German for any German locale (de, de-AT, …), English otherwise."""
    return "de" if locale.lower().startswith("de") else "en"


def as_utc(moment: datetime) -> datetime:
    """Stored datetimes may come back naive (they are UTC by convention)."""
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def account_mail(
    kind: AccountMailKind, *, full_name: str, link: str, expires_at: datetime, locale: str
) -> Mail:
    """The verification or password-reset email for one person."""
    template = TEMPLATES[(kind, language_of(locale))]
    expires = as_utc(expires_at).strftime("%Y-%m-%d %H:%M UTC")
    greeting = template.greeting.format(name=full_name)
    expiry = template.expiry.format(expires=expires)
    text = "\n\n".join(
        [greeting, template.reason, link, expiry, template.not_you, f"-- \n{template.signature}"]
    )
    e = html.escape
    body = "\n".join(
        [
            "<!doctype html>",
            '<html><body style="font-family: sans-serif; line-height: 1.5">',
            f"<p>{e(greeting)}</p>",
            f"<p>{e(template.reason)}</p>",
            f'<p><a href="{e(link)}">{e(template.action)}</a></p>',
            f'<p style="font-size: small">{e(link)}</p>',
            f"<p>{e(expiry)}</p>",
            f"<p>{e(template.not_you)}</p>",
            f"<p>{e(template.signature)}</p>",
            "</body></html>",
        ]
    )
    return Mail(subject=template.subject, text=text + "\n", html=body + "\n")


def link_expired(expires_at: datetime | None, now: datetime) -> bool:
    """A mail whose link has expired is not worth sending any more."""
    return expires_at is not None and as_utc(expires_at) <= as_utc(now)


def retry_delay(attempts: int, first: float, longest: float) -> float:
    """Exponential backoff after the `attempts`-th failed try (1, 2, …)."""
    return float(min(first * 2 ** max(attempts - 1, 0), longest))

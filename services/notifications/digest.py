"""The managers' daily digest: one email per manager and day listing the day's new reports, for managers
whose preferences say `email_new_tickets: daily_digest` (they get no email per new report).

A day is a calendar day in the digest's timezone (setting `digest_timezone`, the municipalities' Europe/
Berlin by default). Once a day is over and the digest hour of the next morning has come, the job queues,
for each such manager, one email listing the new reports they were told of that day (their inbox's
ticket_created notifications as manager) that were not emailed one by one. The email is queued like any
other (sender.py sends it) under the unique key (`digest:<day>`, manager, email): however often the job
runs, by however many replicas, a manager gets one digest per day. The job looks back a few days, so a
service that was down over a digest hour still sends the missed ones. A report this service learns of
after its day's digest was queued is in the inbox only.

The clock is injectable: tests run `queue_digests` with a fake clock.
"""

from __future__ import annotations

import asyncio
import html
import uuid
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from string import Template
from typing import Any
from zoneinfo import ZoneInfo

from pymongo.errors import DuplicateKeyError

from services.common.logs import get_logger
from services.common.uow import UnitOfWork

from .documents import DeliveryDocument, NotificationDocument, PersonDocument
from .domain import Mail, as_utc, language_of
from .handlers import NotificationDeps, session_of
from .ticket_mails import preferences_link, ticket_link, ticket_templates

log = get_logger("cityfix.notifications.digest")

LOOK_BACK_DAYS = 3


@dataclass(frozen=True)
class NewReport:
    ticket_id: str
    reference: str


def digest_key(day: date) -> str:
    return f"digest:{day.isoformat()}"


def day_bounds(day: date, zone: ZoneInfo) -> tuple[datetime, datetime]:
    """The day's start and end (exclusive) as aware datetimes."""
    start = datetime.combine(day, time(0), tzinfo=zone)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=zone)
    return start, end


def days_due(now: datetime, zone: ZoneInfo, hour: int) -> list[date]:
    """The past days whose digest is due by `now`: over, and the digest hour of the next morning reached."""
    local = as_utc(now).astimezone(zone)
    latest = local.date() - timedelta(days=1 if local.time() >= time(hour) else 2)
    return [latest - timedelta(days=back) for back in range(LOOK_BACK_DAYS - 1, -1, -1)]


def digest_mail(reports: list[NewReport], *, day: date, full_name: str, locale: str, public_url: str) -> Mail:
    """The digest email listing `reports` (in the order they came), in the person's language."""
    templates = ticket_templates(language_of(locale))
    words = templates.words
    digest: dict[str, str] = words["digest"]
    values = {"name": " ".join(full_name.split()), "day": day.isoformat(), "count": str(len(reports))}
    subject = Template(digest["subject"]).substitute(values)
    greeting = Template(words["greeting"]).substitute(values)
    headline = Template(digest["headline"]).substitute(values)
    preferences = preferences_link(public_url)
    lines = [f"- {r.reference}: {ticket_link(public_url, r.ticket_id)}" for r in reports]
    text = "\n".join(
        [
            greeting,
            "",
            headline,
            "",
            *lines,
            "",
            "-- ",
            words["signature"],
            digest["why"],
            f"{words['preferences_label']}: {preferences}",
        ]
    )
    e = html.escape
    items = "\n".join(
        f'<li><a href="{e(ticket_link(public_url, r.ticket_id))}">{e(r.reference)}</a></li>' for r in reports
    )
    body = "\n".join(
        [
            "<!doctype html>",
            '<html><body style="font-family: sans-serif; line-height: 1.5">',
            f"<p>{e(greeting)}</p>",
            f"<p>{e(headline)}</p>",
            f"<ul>\n{items}\n</ul>",
            f"<p>{e(words['signature'])}</p>",
            f'<p style="font-size: small">{e(digest["why"])} '
            f'<a href="{e(preferences)}">{e(words["preferences_label"])}</a></p>',
            "</body></html>",
        ]
    )
    return Mail(
        subject=subject,
        text=text + "\n",
        html=body + "\n",
        headers=(("List-Unsubscribe", f"<{preferences}>"),),
    )


async def digest_managers(session: Any) -> list[dict[str, Any]]:
    """Managers who chose the daily digest and can be written to now."""
    found = PersonDocument.get_pymongo_collection().find(
        {
            "role": "manager",
            "active": True,
            "deleted": {"$ne": True},
            "preferences.email_new_tickets": "daily_digest",
        },
        session=session,
    )
    return [person async for person in found]


async def new_reports_of(manager_id: str, start: datetime, end: datetime, session: Any) -> list[NewReport]:
    """The new reports the manager was told of in [start, end) that were not emailed one by one."""
    found = (
        NotificationDocument.get_pymongo_collection()
        .find(
            {
                "recipient": manager_id,
                "kind": "ticket_created",
                "reason": "manager",
                "created_at": {"$gte": as_utc(start), "$lt": as_utc(end)},
            },
            session=session,
        )
        .sort([("_id", 1)])
    )
    told = [entry async for entry in found]
    if not told:
        return []
    emailed = DeliveryDocument.get_pymongo_collection().find(
        {"recipient": manager_id, "channel": "email", "event_id": {"$in": [n["event_id"] for n in told]}},
        {"event_id": 1},
        session=session,
    )
    skip = {delivery["event_id"] async for delivery in emailed}
    return [NewReport(n["ticket_id"], n["reference"]) for n in told if n["event_id"] not in skip]


async def queue_digest(manager: dict[str, Any], day: date, deps: NotificationDeps, uow: UnitOfWork) -> bool:
    """Queue the manager's digest of `day` unless it is queued already; True if queued now."""
    session = session_of(uow)
    settings = deps.settings
    key = {"event_id": digest_key(day), "recipient": manager["_id"], "channel": "email"}
    deliveries = DeliveryDocument.get_pymongo_collection()
    if await deliveries.find_one(key, {"_id": 1}, session=session) is not None:
        return False
    if not manager.get("email") or not manager.get("full_name") or not manager.get("email_verified"):
        return False
    start, end = day_bounds(day, ZoneInfo(settings.digest_timezone))
    reports = await new_reports_of(manager["_id"], start, end, session)
    if not reports:
        return False
    mail = digest_mail(
        reports,
        day=day,
        full_name=manager["full_name"],
        locale=manager.get("locale", "en"),
        public_url=settings.public_url,
    )
    delivery = DeliveryDocument(
        id=str(uuid.uuid4()),
        **key,
        kind="new_tickets_digest",
        to_address=manager["email"],
        subject=mail.subject,
        text=mail.text,
        html=mail.html,
        headers=[[name, value] for name, value in mail.headers],
    )
    queued = {"_id": delivery.id, **delivery.model_dump(exclude={"id", "revision_id", *key})}
    result = await deliveries.update_one(key, {"$setOnInsert": queued}, upsert=True, session=session)
    return result.upserted_id is not None


async def queue_digests(deps: NotificationDeps, now: datetime | None = None) -> int:
    """Queue every digest due by `now` (the deps' clock by default); returns how many were queued now."""
    now = now or deps.clock()
    settings = deps.settings
    days = days_due(now, ZoneInfo(settings.digest_timezone), settings.digest_hour)
    queued = 0
    async with deps.unit_of_work() as uow:
        managers = await digest_managers(session_of(uow))
    for manager in managers:
        for day in days:
            try:
                async with deps.unit_of_work() as uow:
                    queued += await queue_digest(manager, day, deps, uow)
            except DuplicateKeyError:
                pass  # another replica queued this digest at the same moment: it is queued once
    if queued:
        log.info("digests queued", count=queued)
        deps.wake_sender()
    return queued


async def run_digests(deps: NotificationDeps) -> None:
    """Queue due digests now and then until the service stops."""
    while True:
        try:
            await queue_digests(deps)
        except Exception as exc:  # the database away for a moment: try again at the next round
            log.warning("digest round failed", error=repr(exc))
        await asyncio.sleep(deps.settings.digest_poll_seconds)

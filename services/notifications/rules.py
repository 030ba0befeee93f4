"""Who hears of what happens to a ticket: a pure function of the event, the ticket as this service knows
it, and the municipality's managers (DESIGN §1: everything this service sends, it decides from events).

| event                     | recipients (reason)                                                |
|---------------------------|--------------------------------------------------------------------|
| TicketCreated             | the municipality's managers                                        |
| TicketAssigned            | the operator (assignee), the reporter                              |
| StatusChanged             | the reporter, the followers                                        |
| CommentAdded, public      | the reporter, the assignee, the followers                          |
| CommentAdded, internal    | the ticket's staff only: the assignee, the managers                |
| FeedbackSubmitted         | the assignee, the managers                                         |
| TicketReopened            | the assignee, the managers                                         |
| SlaBreached               | the managers                                                       |

New reports also go to the owners of area alerts covering them (reason area_alert, area_alerts.py),
never to the reporter. The author of an action is never told of it, and a person who qualifies twice hears once, for the first
reason in the row (a reporter who also follows is told as the reporter). Rules go by the event's name, so
an event type contracts do not define yet (SlaBreached) starts to count as soon as it exists.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable
from dataclasses import dataclass
from typing import Any

from cityfix_contracts import DomainEvent, Envelope, UserActor
from cityfix_contracts.events import CommentAdded, TicketAssigned
from cityfix_contracts.events.notifications import NotificationKind, NotificationReason

from .ticket_facts import TicketFacts


@dataclass(frozen=True)
class Recipient:
    user_id: str
    reason: NotificationReason


Candidates = Iterable[tuple[str | None, NotificationReason]]
Rule = Callable[[Any, TicketFacts, Collection[str]], Candidates]

KINDS: dict[str, NotificationKind] = {
    "TicketCreated": "ticket_created",
    "TicketAssigned": "ticket_assigned",
    "StatusChanged": "status_changed",
    "CommentAdded": "comment_added",
    "FeedbackSubmitted": "feedback_submitted",
    "TicketReopened": "ticket_reopened",
    "SlaBreached": "sla_breached",
}


def _managers(managers: Collection[str]) -> Candidates:
    return ((manager, "manager") for manager in sorted(managers))


def _followers(ticket: TicketFacts) -> Candidates:
    return ((follower, "follower") for follower in sorted(ticket.followers))


def _created(event: Any, ticket: TicketFacts, managers: Collection[str]) -> Candidates:
    return _managers(managers)


def _assigned(event: TicketAssigned, ticket: TicketFacts, managers: Collection[str]) -> Candidates:
    return [(event.operator_id, "assignee"), (ticket.reporter_id, "reporter")]


def _status_changed(event: Any, ticket: TicketFacts, managers: Collection[str]) -> Candidates:
    return [(ticket.reporter_id, "reporter"), *_followers(ticket)]


def _comment(event: CommentAdded, ticket: TicketFacts, managers: Collection[str]) -> Candidates:
    if event.visibility == "internal":
        return [(ticket.assignee_id, "assignee"), *_managers(managers)]
    return [(ticket.reporter_id, "reporter"), (ticket.assignee_id, "assignee"), *_followers(ticket)]


def _staff(event: Any, ticket: TicketFacts, managers: Collection[str]) -> Candidates:
    return [(ticket.assignee_id, "assignee"), *_managers(managers)]


def _sla_breached(event: Any, ticket: TicketFacts, managers: Collection[str]) -> Candidates:
    return _managers(managers)


RULES: dict[str, Rule] = {
    "TicketCreated": _created,
    "TicketAssigned": _assigned,
    "StatusChanged": _status_changed,
    "CommentAdded": _comment,
    "FeedbackSubmitted": _staff,
    "TicketReopened": _staff,
    "SlaBreached": _sla_breached,
}

TOLD_TO_MANAGERS = frozenset(
    {"TicketCreated", "CommentAdded", "FeedbackSubmitted", "TicketReopened", "SlaBreached"}
)


def concerns_managers(event: DomainEvent) -> bool:
    """Whether the rule for this event may need the municipality's managers (so they are looked up)."""
    return event.event_type() in TOLD_TO_MANAGERS


def authors(envelope: Envelope[Any]) -> frozenset[str]:
    """Who did it: the acting user, and for a comment its author (a comment added on someone's behalf)."""
    found: set[str] = set()
    if isinstance(envelope.actor, UserActor):
        found.add(envelope.actor.user_id)
    if isinstance(envelope.data, CommentAdded):
        found.add(envelope.data.author_id)
    return frozenset(found)


def with_alert_owners(
    chosen: list[Recipient], owners: Collection[str], ticket: TicketFacts, authors: Collection[str]
) -> list[Recipient]:
    """A new report's recipients and, after them, the owners of area alerts covering it (reason
    area_alert): never its reporter or author, and once each (a manager with an alert hears as manager)."""
    seen = {recipient.user_id for recipient in chosen} | set(authors)
    if ticket.reporter_id is not None:
        seen.add(ticket.reporter_id)
    return [*chosen, *(Recipient(owner, "area_alert") for owner in sorted(owners) if owner not in seen)]


def recipients(
    event: DomainEvent, ticket: TicketFacts, managers: Collection[str], authors: Collection[str]
) -> list[Recipient]:
    """Everyone who hears of `event`, once each, with the reason; never its authors."""
    rule = RULES.get(event.event_type())
    if rule is None:
        return []
    chosen: list[Recipient] = []
    seen: set[str] = set(authors)
    for user_id, reason in rule(event, ticket, managers):
        if user_id is None or user_id in seen:
            continue
        seen.add(user_id)
        chosen.append(Recipient(user_id, reason))
    return chosen

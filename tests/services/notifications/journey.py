"""One ticket's journey as the tickets and auth services would publish it, and who must hear of what.

The cast: a manager (once an operator, then promoted), a manager who was deactivated, an operator, the
citizen who reports, a follower from the start and a follower who joins after the first change of status.
The expected inbox is written out by hand, event by event.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from cityfix_contracts import DomainEvent, Envelope, Point, UserActor, envelope_for
from cityfix_contracts.events import (
    CommentAdded,
    ContactDetailsChanged,
    FeedbackSubmitted,
    StatusChanged,
    TicketAssigned,
    TicketCreated,
    TicketFollowed,
    TicketReopened,
    UserDeactivated,
    UserRegistered,
    UserRoleChanged,
)

MUNICIPALITY = "m-potsdam"


@dataclass(frozen=True)
class Cast:
    manager: str
    retired_manager: str
    operator: str
    citizen: str
    follower: str
    late_follower: str

    @classmethod
    def fresh(cls) -> Cast:
        tag = uuid.uuid4().hex[:6]
        return cls(*(f"{role}-{tag}" for role in cls.__dataclass_fields__))

    def email(self, user_id: str) -> str:
        return f"{user_id}@example.org"

    def everyone(self) -> list[str]:
        return [getattr(self, role) for role in self.__dataclass_fields__]


def _numbered(
    steps: list[tuple[str, str, DomainEvent]], aggregate_id: str, municipality: str
) -> list[Envelope[Any]]:
    return [
        envelope_for(
            data,
            aggregate_id=aggregate_id,
            sequence=n,
            actor=UserActor(user_id=user_id, role=role),  # type: ignore[arg-type]
            correlation_id="journey",
            municipality_id=municipality,
        )
        for n, (user_id, role, data) in enumerate(steps, start=1)
    ]


def people_events(cast: Cast, *, verified: bool = True, contacts: bool = True) -> list[Envelope[Any]]:
    """The accounts of the cast as the auth service publishes them (public and private, numbered apart)."""
    admin = cast.manager  # who acted does not matter to the projection
    envelopes: list[Envelope[Any]] = []
    roles = {
        cast.manager: [("operator", None), ("manager", "operator")],
        cast.retired_manager: [("manager", None)],
        cast.operator: [("operator", None)],
        cast.citizen: [("citizen", None)],
        cast.follower: [("citizen", None)],
        cast.late_follower: [("citizen", None)],
    }
    for user_id, changes in roles.items():
        staff = changes[0][0] != "citizen"
        municipality = MUNICIPALITY if staff else None
        public: list[tuple[str, str, DomainEvent]] = []
        for role, before in changes:
            if before is None:
                data: DomainEvent = UserRegistered(user_id=user_id, role=role, municipality_id=municipality)  # type: ignore[arg-type]
            else:
                data = UserRoleChanged(
                    user_id=user_id, **{"from": before}, to=role, municipality_id=municipality
                )  # type: ignore[arg-type]
            public.append((admin, "admin", data))
        if user_id == cast.retired_manager:
            public.append((admin, "admin", UserDeactivated(user_id=user_id, municipality_id=municipality)))
        envelopes += _numbered(public, user_id, municipality or "platform")
        if contacts:
            old, new = (f"old.{user_id}@example.org", cast.email(user_id))
            private = [
                (
                    user_id,
                    "citizen",
                    ContactDetailsChanged(user_id=user_id, email=old, full_name=f"Old {user_id}"),
                ),
                (
                    user_id,
                    "citizen",
                    ContactDetailsChanged(
                        user_id=user_id,
                        email=new,
                        full_name=f"Person {user_id}",
                        locale="de" if user_id == cast.follower else "en",
                        email_verified=verified,
                    ),
                ),
            ]
            envelopes += _numbered(private, user_id, "platform")
    return envelopes


def journey(cast: Cast, ticket_id: str, reference: str) -> list[Envelope[Any]]:
    """Report, follow, assign, comment (internal and public), work, resolve, rate and reopen."""
    c = cast
    steps: list[tuple[str, str, DomainEvent]] = [
        (
            c.citizen,
            "citizen",
            TicketCreated(
                ticket_id=ticket_id,
                reference=reference,
                municipality_id=MUNICIPALITY,
                category_id="c-pothole",
                description="Deep pothole",
                location=Point(lat=52.4, lon=13.06),
                reporter_id=c.citizen,
                created_at=datetime.now(UTC),
            ),
        ),
        (c.follower, "citizen", TicketFollowed(ticket_id=ticket_id, follower_id=c.follower)),
        (
            c.manager,
            "manager",
            TicketAssigned(ticket_id=ticket_id, operator_id=c.operator, operator_name="Olga"),
        ),
        (c.manager, "manager", StatusChanged(ticket_id=ticket_id, **{"from": "received"}, to="assigned")),  # type: ignore[arg-type]
        (c.late_follower, "citizen", TicketFollowed(ticket_id=ticket_id, follower_id=c.late_follower)),
        (
            c.operator,
            "operator",
            CommentAdded(
                ticket_id=ticket_id,
                comment_id="cm-1",
                author_id=c.operator,
                author_role="operator",
                body="Needs the big machine",
                visibility="internal",
            ),
        ),
        (
            c.follower,
            "citizen",
            CommentAdded(
                ticket_id=ticket_id,
                comment_id="cm-2",
                author_id=c.follower,
                author_role="citizen",
                body="Me too",
            ),
        ),
        (
            c.operator,
            "operator",
            StatusChanged(ticket_id=ticket_id, **{"from": "assigned"}, to="in_progress"),
        ),  # type: ignore[arg-type]
        (
            c.operator,
            "operator",
            StatusChanged(ticket_id=ticket_id, **{"from": "in_progress"}, to="resolved", note="Filled"),  # type: ignore[arg-type]
        ),
        (c.citizen, "citizen", FeedbackSubmitted(ticket_id=ticket_id, rating=2, comment="Already cracked")),
        (c.citizen, "citizen", TicketReopened(ticket_id=ticket_id, by_reporter=True, note="Broken again")),
        (c.citizen, "citizen", StatusChanged(ticket_id=ticket_id, **{"from": "resolved"}, to="reopened")),  # type: ignore[arg-type]
    ]
    return _numbered(steps, ticket_id, MUNICIPALITY)


Heard = tuple[int, str, str, str]  # (sequence of the event, kind, reason, status)


def expected_inbox(cast: Cast) -> dict[str, list[Heard]]:
    """Who hears of which step of the journey, and as what. Nobody hears of their own act; the deactivated
    manager hears nothing; the late follower nothing from before they followed; internal stays internal."""
    return {
        cast.manager: [
            (1, "ticket_created", "manager", "received"),
            (6, "comment_added", "manager", "assigned"),
            (10, "feedback_submitted", "manager", "resolved"),
            (11, "ticket_reopened", "manager", "reopened"),
        ],
        cast.retired_manager: [],
        cast.operator: [
            (3, "ticket_assigned", "assignee", "received"),
            (7, "comment_added", "assignee", "assigned"),
            (10, "feedback_submitted", "assignee", "resolved"),
            (11, "ticket_reopened", "assignee", "reopened"),
        ],
        cast.citizen: [
            (3, "ticket_assigned", "reporter", "received"),
            (4, "status_changed", "reporter", "assigned"),
            (7, "comment_added", "reporter", "assigned"),
            (8, "status_changed", "reporter", "in_progress"),
            (9, "status_changed", "reporter", "resolved"),
        ],
        cast.follower: [
            (4, "status_changed", "follower", "assigned"),
            (8, "status_changed", "follower", "in_progress"),
            (9, "status_changed", "follower", "resolved"),
            (12, "status_changed", "follower", "reopened"),
        ],
        cast.late_follower: [
            (7, "comment_added", "follower", "assigned"),
            (8, "status_changed", "follower", "in_progress"),
            (9, "status_changed", "follower", "resolved"),
            (12, "status_changed", "follower", "reopened"),
        ],
    }


async def inbox_of(database: Any, events: list[Envelope[Any]], recipient: str) -> list[Heard]:
    """What `recipient` holds in the inbox about these events, by the events' sequence."""
    sequence_of = {e.event_id: e.sequence for e in events}
    found = database["notifications"].find({"recipient": recipient, "event_id": {"$in": list(sequence_of)}})
    held = [(sequence_of[n["event_id"]], n["kind"], n["reason"], n["status"]) async for n in found]
    return sorted(held)

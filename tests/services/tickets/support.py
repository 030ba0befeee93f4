"""Actors and a freshly reported ticket shared by the tickets domain tests."""

from __future__ import annotations

from datetime import UTC, datetime

from cityfix_contracts import Point
from services.tickets.domain import Actor, CategoryTerms, Ticket

MUNICIPALITY = "m-spreewald"
OTHER_MUNICIPALITY = "m-havelland"
TICKET_ID = "t-1"
ORIGINAL_ID = "t-original"
T0 = datetime(2025, 3, 14, 9, 0, tzinfo=UTC)

REPORTER = Actor.citizen("reporter")
NEIGHBOUR = Actor.citizen("neighbour")
OPERATOR = Actor.operator("op-1", MUNICIPALITY)
COLLEAGUE = Actor.operator("op-2", MUNICIPALITY)
FOREIGN_OPERATOR = Actor.operator("op-b", OTHER_MUNICIPALITY)
MANAGER = Actor.manager("mgr", MUNICIPALITY)
FOREIGN_MANAGER = Actor.manager("mgr-b", OTHER_MUNICIPALITY)
SYSTEM = Actor.system("confirmation_window")
ADMIN = Actor.admin("root")

ACTORS = (
    REPORTER,
    NEIGHBOUR,
    OPERATOR,
    COLLEAGUE,
    FOREIGN_OPERATOR,
    MANAGER,
    FOREIGN_MANAGER,
    SYSTEM,
    ADMIN,
)
NAMES = {OPERATOR.user_id: "A. Operator", COLLEAGUE.user_id: "B. Colleague"}


def reported(now: datetime = T0, sla_hours: float | None = 72) -> Ticket:
    """A ticket just reported by REPORTER, its TicketCreated already collected."""
    ticket = Ticket.report(
        ticket_id=TICKET_ID,
        reference="SPR-1042",
        municipality_id=MUNICIPALITY,
        category=CategoryTerms(id="c-pothole", sla_hours=sla_hours, default_priority="high"),
        actor=REPORTER,
        description="Pothole in front of number 12",
        location=Point(lat=52.05, lon=13.05),
        now=now,
    )
    ticket.collect_events()
    return ticket

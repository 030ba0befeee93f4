"""What this service knows of each ticket, learnt from the tickets service's events, and in what order it
learns it (DESIGN §3.4).

A notification depends on the ticket as it stood when its event happened (a StatusChanged goes to the
followers of that moment), so a ticket's events are applied strictly in their `sequence` order: an event
that arrives before one of its predecessors waits, stored with the ticket, until the gap is filled. Any
order and any duplicates of the same events then give the same facts and the same notifications.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import TypeVar

from cityfix_contracts import DomainEvent
from cityfix_contracts.events import (
    StatusChanged,
    TicketAssigned,
    TicketCreated,
    TicketFollowed,
    TicketReopened,
    TicketTransferred,
    TicketUnassigned,
    TicketUnfollowed,
)


@dataclass(frozen=True)
class TicketFacts:
    """A ticket as far as notifications care: who reported, works and follows it, and where it stands."""

    ticket_id: str
    reference: str | None = None
    municipality_id: str | None = None
    status: str | None = None
    reporter_id: str | None = None
    assignee_id: str | None = None
    followers: frozenset[str] = field(default_factory=frozenset)


def advance(facts: TicketFacts, event: DomainEvent) -> TicketFacts:
    """The facts once `event` (the ticket's next one) has happened; events that change none keep them."""
    if isinstance(event, TicketCreated):
        return replace(
            facts,
            reference=event.reference,
            municipality_id=event.municipality_id,
            status=event.status,
            reporter_id=event.reporter_id,
        )
    if isinstance(event, TicketAssigned):
        return replace(facts, assignee_id=event.operator_id)
    if isinstance(event, TicketUnassigned):
        return replace(facts, assignee_id=None)
    if isinstance(event, StatusChanged):
        return replace(facts, status=event.to)
    if isinstance(event, TicketReopened):  # its StatusChanged → reopened follows at once
        return replace(facts, status="reopened")
    if isinstance(event, TicketTransferred):  # now another municipality's: its managers, no operator
        return replace(
            facts,
            reference=event.reference,
            municipality_id=event.municipality_id,
            assignee_id=None,
        )
    if isinstance(event, TicketFollowed):
        return replace(facts, followers=facts.followers | {event.follower_id})
    if isinstance(event, TicketUnfollowed):
        return replace(facts, followers=facts.followers - {event.follower_id})
    return facts


T = TypeVar("T")


def next_in_line(applied: int, waiting: Mapping[int, T]) -> list[tuple[int, T]]:
    """The waiting events that follow on from `applied` without a gap, in order."""
    ready = []
    sequence = applied + 1
    while sequence in waiting:
        ready.append((sequence, waiting[sequence]))
        sequence += 1
    return ready

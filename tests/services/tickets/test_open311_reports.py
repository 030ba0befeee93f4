"""Reports by outside systems (an Open311 client's API key): the tickets service takes them as a system
actor of one municipality, inside that municipality only, without a reporter."""

from __future__ import annotations

import pytest

from cityfix_contracts import DomainError, Point, RpcContext, SystemActor
from cityfix_contracts.events import TicketCreated
from services.tickets.domain import Actor, CategoryTerms, Ticket
from services.tickets.handlers import reporting_actor

from .support import MUNICIPALITY, T0, TICKET_ID


def report(actor: Actor, municipality_id: str = MUNICIPALITY) -> Ticket:
    return Ticket.report(
        ticket_id=TICKET_ID,
        reference="SPR-7",
        municipality_id=municipality_id,
        category=CategoryTerms(id="c"),
        actor=actor,
        description="Broken bench",
        location=Point(lat=52.0, lon=13.0),
        now=T0,
    )


def test_a_system_of_the_municipality_reports_without_a_reporter() -> None:
    ticket = report(Actor("open311:k-1", "system", MUNICIPALITY))
    [(_, created)] = ticket.collect_events()
    assert isinstance(created, TicketCreated) and created.reporter_id is None


@pytest.mark.parametrize("municipality_id", [None, "m-elsewhere"])
def test_a_system_of_no_or_another_municipality_may_not_report(municipality_id: str | None) -> None:
    with pytest.raises(DomainError) as refused:
        report(Actor("open311:k-1", "system", municipality_id))
    assert refused.value.reply.code == "may_not_report"


def test_only_open311_system_actors_with_a_municipality_report_as_a_system() -> None:
    key = RpcContext(
        correlation_id="c", actor=SystemActor(system="open311:k-1"), municipality_id=MUNICIPALITY
    )
    assert reporting_actor(key) == Actor("open311:k-1", "system", MUNICIPALITY)
    for ctx in (
        RpcContext(correlation_id="c", actor=SystemActor(system="open311:k-1")),
        RpcContext(correlation_id="c", actor=SystemActor(system="demo"), municipality_id=MUNICIPALITY),
    ):
        with pytest.raises(DomainError) as refused:
            reporting_actor(ctx)
        assert refused.value.reply.code == "unauthenticated"

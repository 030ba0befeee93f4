"""An envelope's `event_type` and `schema_version` must name its data: consumers route on them."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from cityfix_contracts import Envelope, SystemActor
from cityfix_contracts.events import StatusChanged


def test_event_type_that_does_not_name_the_data_is_refused() -> None:
    with pytest.raises(ValidationError, match="does not name its data"):
        Envelope[StatusChanged](
            event_type="TicketCreated",
            aggregate_id="t-1",
            sequence=1,
            actor=SystemActor(system="test"),
            correlation_id="c",
            data=StatusChanged(ticket_id="t-1", from_="received", to="triaged"),
        )


def test_schema_version_must_match_the_data() -> None:
    with pytest.raises(ValidationError, match="schema_version"):
        Envelope[StatusChanged](
            event_type="StatusChanged",
            schema_version=2,
            aggregate_id="t-1",
            sequence=1,
            actor=SystemActor(system="test"),
            correlation_id="c",
            data=StatusChanged(ticket_id="t-1", from_="received", to="triaged"),
        )

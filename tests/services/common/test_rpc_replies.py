"""A success reply written around the result's own JSON (`ok_reply`) is byte for byte the RpcReply it
replaces, and the gateway's pass-through of it (`RpcClient.call_json`) hands on exactly the JSON the
parsed reply would give."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from pydantic_core import to_json

from cityfix_contracts import Point, RpcReply
from cityfix_contracts.commands.tickets import TicketView
from services.common.rpc import OK_PREFIX, OK_SUFFIX, ok_reply


def view(**changes: object) -> TicketView:
    fields: dict[str, object] = {
        "view": "staff",
        "id": "t-ü\u2028",
        "reference": "POT-1",
        "municipality_id": "m-1",
        "category_id": "c-1",
        "status": "in_progress",
        "priority": "urgent",
        "description": 'Straße "quoted" <b> \\ \n tab\t 😀',
        "location": Point(lat=52.123456789012345, lon=-0.1),
        "address": None,
        "answers": {"q": "a", "i": 1, "f": 2.5, "b": True, "big": 1e300, "neg": -0.0},
        "photo_ids": ("p1",),
        "after_photo_ids": (),
        "hidden_photo_ids": ("p2",),
        "assigned_operator_name": "Zoë",
        "support_count": 3,
        "due_at": datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC),
        "sla_breached_at": None,
        "created_at": datetime(2025, 12, 31, 23, 59, 59, tzinfo=UTC),
        "updated_at": datetime(2026, 1, 1, tzinfo=UTC),
        "reporter_id": "u-1",
        "assigned_operator_id": "u-2",
        "hidden": False,
        "former_references": ("X-1",),
    }
    return TicketView.model_validate({**fields, **changes})


@pytest.mark.parametrize(
    "result",
    [view(), view(view="public", reporter_id=None, answers={}, photo_ids=(), hidden=True)],
)
def test_ok_reply_is_the_rpc_reply_it_replaces_and_passes_through_as_parsed(result: TicketView) -> None:
    written = ok_reply(result)
    assert written == RpcReply(ok=True, result=result.model_dump(mode="json")).model_dump_json().encode()

    passed_through = written[len(OK_PREFIX) : -len(OK_SUFFIX)]
    parsed = RpcReply.model_validate_json(written)
    assert passed_through == to_json(parsed.result)
    assert TicketView.model_validate_json(passed_through) == result

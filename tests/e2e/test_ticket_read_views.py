"""GET /api/v1/tickets/{id} through the whole system gives each asker their own view, however the reads of
one ticket interleave: nothing on the read path (the gateway's read lane, its verified-token cache, the
tickets service answering on its own subscription) may hand one asker's view to another, or an old view
after a change.

Each asker reads the same ticket in turn and all at once, several times over: the reporter gets the
reporter view, the municipality's staff the staff view, everyone else the public one."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx

from tests.support.stack import World, world
from tests.support.tickets import reported

__all__ = ["world"]

# asker → the view they are entitled to on a ticket `citizen` reported in municipality A
VIEWS = {
    "citizen": "reporter",
    "operator_a": "staff",
    "citizen_2": "public",
    "anonymous": "public",
    "manager_b": "public",
    "manager_a": "staff",
    "operator_b": "public",
}


async def read(w: World, ticket_id: str, asker: str) -> httpx.Response:
    headers = {} if asker == "anonymous" else w.person(asker).auth()
    return await w.http.get(f"/api/v1/tickets/{ticket_id}", headers=headers)


def check_view(w: World, asker: str, response: httpx.Response) -> dict[str, Any]:
    assert response.status_code == 200, (asker, response.text)
    view: dict[str, Any] = response.json()
    reporter = w.person("citizen").id
    assert view["view"] == VIEWS[asker], asker
    if VIEWS[asker] == "public":
        assert view["reporter_id"] is None and reporter not in response.text, asker
        assert view["assigned_operator_id"] is None, asker
    else:
        assert view["reporter_id"] == reporter, asker
    return view


async def test_interleaved_and_concurrent_readers_each_get_their_own_view(world: World) -> None:
    w = world
    ticket_id = (await reported(w, "citizen", "A"))["id"]
    for _ in range(3):
        for asker in VIEWS:  # one after the other
            check_view(w, asker, await read(w, ticket_id, asker))
        answers = await asyncio.gather(*(read(w, ticket_id, asker) for asker in VIEWS for _ in range(3)))
        for asker, answer in zip([a for a in VIEWS for _ in range(3)], answers, strict=True):
            check_view(w, asker, answer)


async def test_a_change_is_seen_by_the_next_read_of_every_asker(world: World) -> None:
    w = world
    ticket_id = (await reported(w, "citizen", "A"))["id"]
    for asker in VIEWS:
        assert check_view(w, asker, await read(w, ticket_id, asker))["hidden"] is False

    manager = w.person("manager_a").auth()
    hidden = await w.http.patch(
        f"/api/v1/tickets/{ticket_id}/moderation",
        json={"hidden": True, "reason": "Under review"},
        headers=manager,
    )
    assert hidden.status_code == 200, hidden.text

    for asker, view in VIEWS.items():
        response = await read(w, ticket_id, asker)
        if view == "public":  # hidden by moderation: only its reporter and staff see it
            assert response.status_code == 404, (asker, response.text)
        else:
            assert check_view(w, asker, response)["hidden"] is True

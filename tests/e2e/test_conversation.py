"""The conversation around a ticket through the whole system, over HTTP and NATS (the `world` fixture):
comments, following and support are events of the ticket itself, seen by an outside subscriber with the
ticket's id as `aggregate_id` and consecutive sequences after its earlier events; marking a duplicate
makes its reporter a follower of the original; the timeline tells it all per view."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any

import pytest
from nats.aio.client import Client as NatsClient
from nats.aio.msg import Msg

from services.common.testing import eventually
from tests.support.stack import World, world
from tests.support.tickets import reported, tickets_know_operators

__all__ = ["world"]

Seen = list[tuple[str, dict[str, Any]]]


@pytest.fixture
async def seen(nats_client: NatsClient) -> AsyncIterator[Seen]:
    """Every event on CITYFIX_EVENTS, as an outside system subscribed with plain nats-py receives it."""
    received: Seen = []

    async def outside(msg: Msg) -> None:
        received.append((msg.subject, json.loads(msg.data)))

    subscription = await nats_client.jetstream().subscribe(
        "cityfix.events.>", cb=outside, ordered_consumer=True
    )
    yield received
    await subscription.unsubscribe()


async def events_of(seen: Seen, ticket_id: str, count: int) -> list[tuple[str, dict[str, Any]]]:
    def of_ticket() -> list[tuple[str, dict[str, Any]]]:
        return [(subject, e) for subject, e in seen if e["aggregate_id"] == ticket_id]

    async def arrived() -> bool:
        return len(of_ticket()) >= count

    await eventually(arrived, what=f"{count} events of ticket {ticket_id} on CITYFIX_EVENTS")
    return of_ticket()


async def act(w: World, person: str, method: str, path: str, body: Any = None, status: int = 200) -> Any:
    response = await w.http.request(
        method,
        f"/api/v1/tickets/{path}",
        json=body,
        headers={**w.person(person).auth(), "X-Correlation-ID": f"talk-{person}-{path.rsplit('/', 1)[-1]}"},
    )
    assert response.status_code == status, response.text
    return response.json()


async def test_comments_follows_and_support_continue_the_tickets_sequence(world: World, seen: Seen) -> None:
    w = world
    ticket = (await reported(w, "citizen", "A"))["id"]
    await tickets_know_operators(w)
    neighbour, operator = w.person("citizen_2"), w.person("operator_a")

    remark = await act(w, "citizen_2", "POST", f"{ticket}/comments", {"body": "Seen it too."}, 201)
    assert (remark["author_id"], remark["author_name"], remark["visibility"]) == (
        neighbour.id,
        None,
        "public",
    )
    note = {"body": "Crew booked for Tuesday.", "visibility": "internal"}
    internal = await act(w, "operator_a", "POST", f"{ticket}/comments", note, 201)
    assert internal["author_name"] == "Operator A"
    for _ in range(2):  # the second follow changes nothing and emits nothing
        assert (await act(w, "citizen_2", "POST", f"{ticket}/follow"))["following"] is True
    assert (await act(w, "citizen_2", "POST", f"{ticket}/support"))["support_count"] == 1
    await act(w, "citizen_2", "POST", f"{ticket}/support", status=409)
    assert (await act(w, "citizen_2", "DELETE", f"{ticket}/follow"))["following"] is False

    events = await events_of(seen, ticket, 6)
    assert [(e["event_type"], e["sequence"]) for _, e in events] == [
        ("TicketCreated", 1),
        ("CommentAdded", 2),
        ("CommentAdded", 3),
        ("TicketFollowed", 4),
        ("SupportAdded", 5),
        ("TicketUnfollowed", 6),
    ]
    a = w.municipality_a
    assert [subject for subject, _ in events][1:] == [
        f"cityfix.events.{a}.ticket.comment_added",
        f"cityfix.events.{a}.ticket.comment_added",
        f"cityfix.events.{a}.ticket.followed",
        f"cityfix.events.{a}.ticket.support_added",
        f"cityfix.events.{a}.ticket.unfollowed",
    ]
    (_, public), (_, staff) = events[1], events[2]
    assert public["data"] == {
        "ticket_id": ticket,
        "comment_id": remark["id"],
        "author_id": neighbour.id,
        "author_role": "citizen",
        "author_name": None,
        "body": "Seen it too.",
        "visibility": "public",
    }
    assert public["actor"] == {"user_id": neighbour.id, "role": "citizen"}
    assert public["correlation_id"] == "talk-citizen_2-comments"
    assert (staff["data"]["author_name"], staff["data"]["visibility"]) == ("Operator A", "internal")
    assert events[3][1]["data"]["follower_id"] == neighbour.id
    assert events[4][1]["data"] == {"ticket_id": ticket, "supporter_id": neighbour.id, "support_count": 1}
    raw = json.dumps([e for _, e in events])
    for person in ("citizen", "citizen_2"):
        assert w.person(person).email not in raw
    assert "Citizen" not in raw  # no citizen's name either

    anonymous = (await w.http.get(f"/api/v1/tickets/{ticket}/timeline")).json()
    assert [(s["sequence"], s["kind"]) for s in anonymous["data"]] == [
        (1, "created"),
        (2, "comment"),
        (5, "supported"),
    ]
    assert neighbour.id not in json.dumps(anonymous)
    staff_view = await act(w, "manager_a", "GET", f"{ticket}/timeline")
    assert [(s["sequence"], s["kind"]) for s in staff_view["data"]] == [
        (1, "created"),
        (2, "comment"),
        (3, "comment"),
        (5, "supported"),
    ]
    assert staff_view["data"][2]["actor_id"] == operator.id
    comments = await act(w, "citizen", "GET", f"{ticket}/comments")
    assert comments["view"] == "reporter" and [c["body"] for c in comments["data"]] == ["Seen it too."]


async def test_a_duplicates_reporter_follows_the_original(world: World, seen: Seen) -> None:
    w = world
    original = (await reported(w, "citizen_2", "A"))["id"]
    duplicate = (await reported(w, "citizen", "A"))["id"]
    elsewhere = (await reported(w, "citizen_2", "B"))["id"]

    refused = await act(
        w, "manager_a", "POST", f"{duplicate}/status", {"status": "duplicate", "duplicate_of": elsewhere}, 422
    )
    assert refused["error"]["code"] == "original_in_other_municipality"
    marked = await act(
        w, "manager_a", "POST", f"{duplicate}/status", {"status": "duplicate", "duplicate_of": original}
    )
    assert marked["status"] == "duplicate"

    (_, created), (_, followed) = await events_of(seen, original, 2)
    assert (followed["event_type"], followed["sequence"]) == ("TicketFollowed", created["sequence"] + 1)
    assert followed["data"] == {"ticket_id": original, "follower_id": w.person("citizen").id}
    assert followed["actor"] == {"user_id": w.person("manager_a").id, "role": "manager"}
    (_, _), (_, moved) = await events_of(seen, duplicate, 2)
    assert (moved["event_type"], moved["sequence"], moved["data"]["to"]) == ("StatusChanged", 2, "duplicate")
    assert moved["correlation_id"] == followed["correlation_id"]  # one request, one unit of work

    closed = await act(w, "citizen", "POST", f"{duplicate}/comments", {"body": "Any news?"}, 409)
    assert closed["error"]["code"] == "comments_closed" and original in closed["error"]["message"]
    # The reporter now follows the original: unfollowing it is a change, with the original's next sequence.
    assert (await act(w, "citizen", "DELETE", f"{original}/follow"))["following"] is False
    *_, (_, unfollowed) = await events_of(seen, original, 3)
    assert (unfollowed["event_type"], unfollowed["sequence"]) == ("TicketUnfollowed", 3)

    staff = w.runtimes["tickets"].database["staff"]

    async def manager_known() -> bool:
        held = await staff.find_one({"_id": w.person("manager_a").id}) or {}
        return held.get("display_name") == "Manager A"

    await eventually(manager_known, what="tickets knows manager_a's display name")
    history = await act(w, "citizen", "GET", f"{duplicate}/timeline")
    last = history["data"][-1]
    assert (last["kind"], last["from"], last["to"], last["duplicate_of"], last["actor_name"]) == (
        "status_changed",
        "received",
        "duplicate",
        original,
        "Manager A",
    )

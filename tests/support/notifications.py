"""Notifications in the test world: the notifications service learns people from events, so helpers wait
until it knows the world's staff before anything happens that managers must hear of, and wait for the
notifications themselves before reading inboxes."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from services.common.testing import eventually
from tests.support.stack import World
from tests.support.tickets import reported, tickets_know_operators, worked

STAFF = ("manager_a", "operator_a", "manager_b", "operator_b")


async def notifications_know_staff(w: World) -> None:
    """Wait until the notifications service holds the role and municipality of the world's staff."""
    people = w.runtimes["notifications"].database["people"]

    async def known() -> bool:
        for key in STAFF:
            person = w.person(key)
            held = await people.find_one({"_id": person.id}) or {}
            if held.get("role") != person.role or held.get("municipality_id") != person.municipality_id:
                return False
        return True

    await eventually(known, what="notifications knows the world's staff")


async def notifications_of(w: World, key: str) -> list[dict[str, Any]]:
    found = w.runtimes["notifications"].database["notifications"].find({"recipient": w.person(key).id})
    return [n async for n in found]


async def wait_notifications(w: World, expected: dict[str, int]) -> None:
    """Wait until each person (by key) holds at least this many notifications."""

    async def arrived() -> bool:
        for key, count in expected.items():
            if len(await notifications_of(w, key)) < count:
                return False
        return True

    await eventually(arrived, what=f"notifications {expected}")


@dataclass
class Inboxes:
    """A ticket citizen reported in A and one citizen_2 reported in B, each assigned by its manager to its
    operator; everyone's notifications of that, by person."""

    ticket_a: str
    ticket_b: str
    held: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def first(self, key: str) -> str:
        notification_id: str = self.held[key][0]["_id"]
        return notification_id


EXPECTED = {"manager_a": 1, "manager_b": 1, "operator_a": 1, "operator_b": 1, "citizen": 2, "citizen_2": 2}
_inboxes: dict[str, Inboxes] = {}  # by the world's municipality A: one set-up per world


async def inboxes(w: World) -> Inboxes:
    if w.municipality_a in _inboxes:
        return _inboxes[w.municipality_a]
    await notifications_know_staff(w)
    ticket_a = await reported(w, "citizen", "A")
    ticket_b = await reported(w, "citizen_2", "B")
    await tickets_know_operators(w)
    for ticket, side in ((ticket_a, "a"), (ticket_b, "b")):
        body = {"operator_id": w.person(f"operator_{side}").id}
        await worked(w, ticket["id"], f"manager_{side}", "assignment", body)
    await wait_notifications(w, EXPECTED)
    found = Inboxes(ticket_a["id"], ticket_b["id"])
    for key in (*EXPECTED, "admin"):
        found.held[key] = await notifications_of(w, key)
    assert Counter({k: len(v) for k, v in found.held.items() if v}) == Counter(EXPECTED), found.held
    _inboxes[w.municipality_a] = found
    return found


def inboxes_of(w: World) -> Inboxes:
    """The inboxes `inboxes(w)` set up earlier in this world."""
    return _inboxes[w.municipality_a]

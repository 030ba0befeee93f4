"""Lists of tickets through the whole system over HTTP (the `world` fixture): filters as a browser sends
them, pages followed by their cursors, staff kept to their municipality, one's own reports, an operator's
queue, the possible duplicates within the category's radius, input errors that say what to fix, and the
fixed paths (/mine, /assigned, /nearby) answered by their own routes rather than taken for ticket ids."""

from __future__ import annotations

import math
from typing import Any

import httpx

from services.common.testing import eventually
from tests.support.stack import World, world
from tests.support.tickets import POINTS, assigned, reported, tickets_know_world

__all__ = ["world"]


def near(point: dict[str, float], north_m: float = 0, east_m: float = 0) -> dict[str, float]:
    lat = point["lat"] + north_m / 111_195
    return {"lat": lat, "lon": point["lon"] + east_m / (111_195 * math.cos(math.radians(lat)))}


async def get(w: World, path: str, actor: str | None = None, **params: Any) -> httpx.Response:
    headers = w.person(actor).auth() if actor else {}
    return await w.http.get(f"/api/v1/tickets{path}", params=params, headers=headers)


async def listed(w: World, path: str = "", actor: str | None = None, **params: Any) -> list[dict[str, Any]]:
    """Every ticket of the list, following `next_cursor` page by page."""
    tickets: list[dict[str, Any]] = []
    for _ in range(50):
        response = await get(w, path, actor, **params)
        assert response.status_code == 200, response.text
        body = response.json()
        assert set(body) == {"data", "next_cursor"}
        assert len(body["data"]) <= params.get("limit", 20)
        tickets += body["data"]
        if body["next_cursor"] is None:
            return tickets
        params = {**params, "cursor": body["next_cursor"]}
    raise AssertionError("the list did not end within 50 pages")


def ids_of(tickets: list[dict[str, Any]]) -> list[str]:
    return [t["id"] for t in tickets]


async def test_finding_tickets_with_filters_and_pages(world: World) -> None:
    bakery = await reported(world, "citizen", "A", description="Pothole outside the Bäckerei Schulz")
    lamp = await reported(
        world, "citizen", "A", description="Street lamp out", location=near(POINTS["A"], 800)
    )
    bench = await reported(world, "citizen_2", "A", description="Broken bench")
    in_b = await reported(world, "citizen_2", "B", description="Pothole at the market")
    everything = {bakery["id"], lamp["id"], bench["id"], in_b["id"]}

    paged = await listed(world, limit=2)
    assert len(ids_of(paged)) == len(set(ids_of(paged))) and set(ids_of(paged)) == everything
    assert ids_of(paged) == [in_b["id"], bench["id"], lamp["id"], bakery["id"]]  # newest first
    assert ids_of(await listed(world, limit=3, order="asc")) == ids_of(paged)[::-1]

    async def found(**params: Any) -> set[str]:
        return set(ids_of(await listed(world, limit=2, **params)))

    assert await found(status="received,triaged") == everything
    assert await found(status=["closed", "in_progress"]) == set()
    assert await found(status=["closed", "open"]) == everything
    assert await found(q="BACKEREI schulz") == {bakery["id"]}
    assert await found(q="pothole") == {bakery["id"], in_b["id"]}
    assert await found(q=bench["reference"].lower()) == {bench["id"]}
    assert await found(category_id=world.category_b) == {in_b["id"]}
    assert await found(municipality_id=world.municipality_a) == everything - {in_b["id"]}
    a = POINTS["A"]
    assert await found(near=f"{a['lat']},{a['lon']}", radius=300) == {bakery["id"], bench["id"]}
    viewport = f"{a['lon'] - 0.05},{a['lat'] - 0.05},{a['lon'] + 0.05},{a['lat'] + 0.05}"
    assert await found(bbox=viewport) == everything - {in_b["id"]}
    stored = (await get(world, f"/{bench['id']}")).json()["created_at"]  # as the database holds it
    assert await found(created_from=stored) == {bench["id"], in_b["id"]}

    # The citizen sees their own in the reporter view, the rest public; staff of A only A's, as staff.
    views = {t["id"]: t["view"] for t in await listed(world, actor="citizen")}
    assert views == {
        bakery["id"]: "reporter",
        lamp["id"]: "reporter",
        bench["id"]: "public",
        in_b["id"]: "public",
    }
    staff = await listed(world, actor="manager_a", sort="priority")
    assert {t["view"] for t in staff} == {"staff"} and set(ids_of(staff)) == everything - {in_b["id"]}
    other = await get(world, "", "manager_a", municipality_id=world.municipality_b)
    assert other.status_code == 403 and other.json()["error"]["code"] == "other_municipality"


async def test_bad_list_input_says_what_to_fix(world: World) -> None:
    await reported(world, "citizen", "A")
    first = await get(world, "", limit=1)
    assert first.json()["next_cursor"] is None  # one ticket only
    cases: list[tuple[dict[str, Any], str, str]] = [
        ({"bbox": "13.0,52.3,13.2"}, "bbox", "west,south,east,north"),
        ({"bbox": "13.2,52.3,13.0,52.5"}, "bbox", "west < east"),
        ({"near": "52.4"}, "near", "lat,lon"),
        ({"near": "95,13"}, "near.center.lat", "90"),
        ({"radius": "50"}, "radius", "near=lat,lon"),
        ({"near": "52.4,13.06", "radius": "50000"}, "radius", "10000"),
        ({"status": "open,fixed"}, "status", "'fixed' is not one of received, triaged"),
        ({"priority": "asap"}, "priority", "low, normal, high, urgent"),
        ({"limit": "101"}, "limit", "100"),
        ({"sort": "reference"}, "sort", "due_at"),
        ({"created_from": "2025-01-01T00:00:00"}, "created_from", "timezone"),
        ({"created_from": "2025-02-01T00:00:00Z", "created_to": "2025-01-01T00:00:00Z"}, "", "before"),
    ]
    for params, field, hint in cases:
        response = await get(world, "", **params)
        assert response.status_code == 422, (params, response.text)
        error = response.json()["error"]
        assert error["code"] == "validation_failed", params
        fields = [f["field"] for f in error["details"]["fields"]]
        assert any(f.endswith(field) for f in fields), (params, fields)
        assert hint in error["message"] or any(hint in f["problem"] for f in error["details"]["fields"]), (
            params,
            error,
        )
    stale = await get(world, "", cursor="bm90IGEgY3Vyc29y")
    assert stale.status_code == 422 and stale.json()["error"]["code"] == "invalid_cursor"


async def test_mine_assigned_and_nearby_answer_on_their_own_paths(world: World) -> None:
    # Not taken for ticket ids by GET /tickets/{ticket_id}: no `ticket_not_found`, whoever asks.
    for path, actor, status in (
        ("/mine", None, 401),
        ("/assigned", None, 401),
        ("/assigned", "citizen", 403),
        ("/nearby", None, 422),
    ):
        response = await get(world, path, actor)
        assert response.status_code == status, (path, response.text)
        assert response.json()["error"]["code"] != "ticket_not_found"

    work = await assigned(world, "A")
    own = await reported(world, "citizen", "B")
    theirs = await reported(world, "citizen_2", "A", location=near(POINTS["A"], 150))
    mine = await listed(world, "/mine", "citizen", limit=1)
    assert ids_of(mine) == [own["id"], work["id"]] and {t["view"] for t in mine} == {"reporter"}
    assert ids_of(await listed(world, "/mine", "citizen", status="closed")) == []

    queue = await listed(world, "/assigned", "operator_a")
    assert ids_of(queue) == [work["id"]] and queue[0]["view"] == "staff"
    named = await listed(world, "/assigned", "manager_a", operator_id=world.person("operator_a").id)
    assert ids_of(named) == [work["id"]]
    assert ids_of(await listed(world, "/assigned", "operator_b")) == []

    a = POINTS["A"]
    point = {"lat": a["lat"], "lon": a["lon"], "category_id": world.category_a}
    nearby = (await get(world, "/nearby", "citizen", **point)).json()
    assert [(t["id"], t["distance_m"], t["view"]) for t in nearby["data"]] == [(work["id"], 0, "public")]
    assert nearby["data"][0]["reporter_id"] is None and nearby["next_cursor"] is None

    # The category's duplicate radius (50 m by default) reaches the ticket 150 m away once widened.
    await widen_duplicate_radius(world, 200)
    wider = (await get(world, "/nearby", None, **point)).json()["data"]
    assert [(t["id"], t["distance_m"]) for t in wider] == [(work["id"], 0), (theirs["id"], 150)]


async def widen_duplicate_radius(w: World, metres: int) -> None:
    """Change A's category as its manager; wait until the tickets service holds the new radius."""
    await tickets_know_world(w)
    response = await w.http.patch(
        f"/api/v1/municipalities/{w.municipality_a}/categories/{w.category_a}",
        json={"duplicate_radius_m": metres},
        headers=w.person("manager_a").auth(),
    )
    assert response.status_code == 200, response.text
    categories = w.runtimes["tickets"].database["categories"]

    async def projected() -> bool:
        held = await categories.find_one({"_id": w.category_a}) or {}
        return bool(held.get("duplicate_radius_m") == metres)

    await eventually(projected, what="tickets holds the wider duplicate radius")


async def test_hidden_tickets_leave_public_lists_and_a_transfer_keeps_the_old_reference_findable(
    world: World,
) -> None:
    await tickets_know_world(world)
    description = "Hidden report of a broken bench"
    ticket = await reported(world, "citizen", "A", description=description)
    hidden = await world.http.patch(
        f"/api/v1/tickets/{ticket['id']}/moderation",
        json={"hidden": True, "reason": "Names a neighbour"},
        headers=world.person("manager_a").auth(),
    )
    assert hidden.status_code == 200, hidden.text

    def ids(tickets: list[dict[str, Any]]) -> set[str]:
        return {t["id"] for t in tickets}

    assert ticket["id"] not in ids(await listed(world, q="broken bench"))  # anonymous
    assert ticket["id"] not in ids(await listed(world, actor="citizen_2", q="broken bench"))
    nearby = await get(world, "/nearby", "citizen_2", category_id=world.category_a, **POINTS["A"])
    assert nearby.status_code == 200 and ticket["id"] not in {t["id"] for t in nearby.json()["data"]}
    assert ticket["id"] in ids(await listed(world, actor="citizen", q="broken bench"))  # its reporter
    assert ticket["id"] in ids(await listed(world, actor="manager_a", q="broken bench"))  # its staff

    moved = await world.http.post(
        f"/api/v1/tickets/{ticket['id']}/transfer",
        json={"municipality_id": world.municipality_b, "category_id": world.category_b, "note": "Misrouted"},
        headers=world.person("manager_a").auth(),
    )
    assert moved.status_code == 200, moved.text
    found = await listed(world, actor="manager_b", q=ticket["reference"].lower())
    assert [t["id"] for t in found] == [ticket["id"]]
    assert found[0]["reference"].startswith("COT-")

"""The admin service through the whole stack: HTTP → gateway → request/reply → admin → events on the bus.

Municipalities with real Brandenburg boundaries (the world already holds Potsdam and Cottbus), categories
checked against staff learnt from auth's events, and dead letters listed and replayed.
"""

from __future__ import annotations

import json
from typing import Any

import httpx
from nats.js.errors import NotFoundError
from shapely.geometry import mapping, shape

from cityfix_contracts import parse_envelope
from cityfix_contracts.subjects import DLQ_STREAM, EVENTS_STREAM, dlq_subject
from services.common.demo import brandenburg_municipalities
from services.common.testing import eventually
from tests.gateway.conftest import assert_error
from tests.support.stack import World, world

__all__ = ["world"]

BOUNDARIES = brandenburg_municipalities()


async def last_event(w: World, subject: str, sequence: int = 1) -> Any:
    """The last event on `subject`, once one with at least `sequence` is there: the relay publishes after
    the HTTP answer, so right after a change the subject may still hold the one before it."""
    js = w.rpc.connection.jetstream()

    async def published() -> Any:
        try:
            raw = await js.get_last_msg(EVENTS_STREAM, subject)
        except NotFoundError:
            return None
        event = parse_envelope(raw.data)  # type: ignore[arg-type]
        return event if event.sequence >= sequence else None

    return await eventually(published, what=f"an event on {subject} with sequence ≥ {sequence}")


def as_(w: World, actor: str) -> dict[str, str]:
    return w.person(actor).auth()


async def create(w: World, body: dict[str, Any]) -> httpx.Response:
    return await w.http.post("/api/v1/municipalities", json=body, headers=as_(w, "admin"))


async def test_a_municipality_with_a_real_boundary_from_creation_to_change(world: World) -> None:
    w = world
    created = await create(
        w,
        {
            "name": "Werder (Havel)",
            "slug": "werder-havel",
            "reference_prefix": "WER",
            "boundary": BOUNDARIES["Werder (Havel)"],
            "contact_email": "buergerservice@werder-havel.example",
        },
    )
    assert created.status_code == 201, created.text
    view = created.json()
    town = view["id"]
    assert view["timezone"] == "Europe/Berlin" and view["default_locale"] == "de" and view["active"]

    first = await last_event(w, f"cityfix.events.{town}.municipality.created")
    assert (first.event_type, first.aggregate_id, first.municipality_id, first.sequence) == (
        "MunicipalityCreated",
        town,
        town,
        1,
    )
    assert "buergerservice" not in first.model_dump_json()  # staff's contact address stays off the bus
    boundary = await last_event(w, f"cityfix.events.{town}.municipality.boundary_changed", 2)
    assert (boundary.event_type, boundary.sequence) == ("BoundaryChanged", 2)
    assert shape(boundary.data.boundary).equals(shape(BOUNDARIES["Werder (Havel)"]))

    # The public view has the boundary, not the contact address; admins and the town's staff see it.
    public = await w.http.get(f"/api/v1/municipalities/{town}")
    assert public.status_code == 200, public.text
    assert public.json()["boundary"]["type"] == "MultiPolygon"
    assert public.json()["contact_email"] is None and "buergerservice" not in public.text
    other_staff = await w.http.get(f"/api/v1/municipalities/{town}", headers=as_(w, "manager_a"))
    assert "buergerservice" not in other_staff.text
    admin = await w.http.get(f"/api/v1/municipalities/{town}", headers=as_(w, "admin"))
    assert admin.json()["contact_email"] == "buergerservice@werder-havel.example"

    listed = await w.http.get("/api/v1/municipalities")
    entry = next(m for m in listed.json()["data"] if m["id"] == town)
    assert "boundary" not in entry and len(entry["bbox"]) == 4

    renamed = await w.http.patch(
        f"/api/v1/municipalities/{town}", json={"name": "Werder an der Havel"}, headers=as_(w, "admin")
    )
    assert renamed.status_code == 200, renamed.text
    assert renamed.json()["boundary"] is not None  # left out: unchanged
    updated = await last_event(w, f"cityfix.events.{town}.municipality.updated", 3)
    assert (updated.data.name, updated.sequence) == ("Werder an der Havel", 3)

    moved = await w.http.patch(
        f"/api/v1/municipalities/{town}", json={"boundary": BOUNDARIES["Teltow"]}, headers=as_(w, "admin")
    )
    assert moved.status_code == 200, moved.text
    changed = await last_event(w, f"cityfix.events.{town}.municipality.boundary_changed", 4)
    assert changed.sequence == 4 and shape(changed.data.boundary).equals(shape(BOUNDARIES["Teltow"]))

    missing = await w.http.get("/api/v1/municipalities/no-such-town")
    assert_error(missing, 404, "municipality_not_found")


async def test_neighbours_of_potsdam_are_accepted(world: World) -> None:
    for number, name in enumerate(("Werder (Havel)", "Teltow", "Schwielowsee", "Nuthetal", "Michendorf")):
        response = await create(
            world,
            {
                "name": name,
                "slug": f"town-{number}",
                "reference_prefix": f"N{'ABCDE'[number]}",
                "boundary": BOUNDARIES[name],
            },
        )
        assert response.status_code == 201, f"{name}: {response.text}"


async def test_boundaries_a_person_must_fix_are_refused_with_a_reason(world: World) -> None:
    w = world
    base = {"name": "Neustadt", "slug": "neustadt", "reference_prefix": "NEU"}
    potsdam = BOUNDARIES["Potsdam"]

    swapped = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[lat, lon] for lon, lat in ring] for ring in poly] for poly in potsdam["coordinates"]
        ],
    }
    details = assert_error(await create(w, {**base, "boundary": swapped}), 422, "coordinates_swapped")
    assert "bbox" in details

    open_ring = {"type": "Polygon", "coordinates": [[[13.0, 52.0], [13.1, 52.0], [13.1, 52.1], [13.0, 52.1]]]}
    assert_error(await create(w, {**base, "boundary": open_ring}), 422, "ring_not_closed")

    bow_tie = {
        "type": "Polygon",
        "coordinates": [[[13.0, 52.0], [13.1, 52.1], [13.1, 52.0], [13.0, 52.1], [13.0, 52.0]]],
    }
    details = assert_error(await create(w, {**base, "boundary": bow_tie}), 422, "invalid_geometry")
    assert details["repaired"]["type"] == "MultiPolygon"

    too_many = {
        "type": "Polygon",
        "coordinates": [[[13.0 + i * 1e-5, 52.0] for i in range(6000)] + [[13.0, 52.1], [13.0, 52.0]]],
    }
    details = assert_error(await create(w, {**base, "boundary": too_many}), 422, "too_many_vertices")
    assert details["max_vertices"] == 5000

    # The same area twice, or a town inside Potsdam: 409 naming Potsdam.
    details = assert_error(await create(w, {**base, "boundary": potsdam}), 409, "boundary_overlaps")
    assert details["municipality_id"] == w.municipality_a and details["name"] == "Potsdam"
    inside = mapping(shape(potsdam).representative_point().buffer(0.01))
    details = assert_error(await create(w, {**base, "boundary": inside}), 409, "boundary_overlaps")
    assert details["municipality_id"] == w.municipality_a
    moved = await w.http.patch(
        f"/api/v1/municipalities/{w.municipality_b}", json={"boundary": potsdam}, headers=as_(w, "admin")
    )
    assert_error(moved, 409, "boundary_overlaps")

    # Nothing of it was stored.
    listed = await w.http.get("/api/v1/municipalities")
    assert [m["slug"] for m in listed.json()["data"]] == ["cottbus", "potsdam"]


async def test_categories_with_a_default_operator_deactivation_and_tenancy(world: World) -> None:
    w = world
    path = f"/api/v1/municipalities/{w.municipality_a}/categories"
    body = {
        "code": "bench",
        "name": "Broken bench",
        "group": "Parks",
        "keywords": ["Bank", "seat"],
        "sla_hours": 48,
        "default_priority": "low",
        "default_operator_id": w.person("operator_a").id,
        "questions": [
            {
                "code": "material",
                "datatype": "singlevaluelist",
                "description": "What is it made of?",
                "values": [{"key": "wood", "name": "Wood"}, {"key": "metal", "name": "Metal"}],
            }
        ],
    }

    async def created() -> httpx.Response | None:
        # The admin service learns operator_a from auth's events: a moment after the world is seeded.
        response = await w.http.post(path, json=body, headers=as_(w, "manager_a"))
        return response if response.status_code == 201 else None

    category = (await eventually(created, what="category with a default operator")).json()
    assert (
        category["duplicate_radius_m"] == 50 and category["default_operator_id"] == w.person("operator_a").id
    )

    for wrong in (w.person("operator_b").id, w.person("manager_a").id, "nobody"):
        refused = await w.http.post(
            path,
            json={**body, "code": "other", "name": "Other", "default_operator_id": wrong},
            headers=as_(w, "manager_a"),
        )
        assert_error(refused, 422, "not_an_operator")
    assert_error(await w.http.post(path, json=body, headers=as_(w, "manager_a")), 409, "category_exists")

    item = f"{path}/{category['id']}"
    cleared = await w.http.patch(
        item, json={"sla_hours": None, "default_operator_id": None}, headers=as_(w, "manager_a")
    )
    assert cleared.status_code == 200, cleared.text
    assert cleared.json()["sla_hours"] is None and cleared.json()["default_operator_id"] is None
    assert cleared.json()["name"] == "Broken bench"  # left out: unchanged
    assert_error(
        await w.http.patch(item, json={"name": None}, headers=as_(w, "manager_a")), 422, "validation_failed"
    )

    deactivated = await w.http.patch(item, json={"active": False}, headers=as_(w, "manager_a"))
    assert deactivated.status_code == 200 and deactivated.json()["active"] is False
    event = await last_event(w, f"cityfix.events.{w.municipality_a}.category.changed", 3)
    assert event.aggregate_id == category["id"] and event.sequence == 3
    assert event.data.change == "deactivated" and event.data.active is False
    assert (event.data.code, event.data.name, event.data.group) == ("bench", "Broken bench", "Parks")
    assert event.data.questions[0].code == "material"

    public = await w.http.get(path, params={"include_inactive": True})
    assert category["id"] not in public.text  # gone for reporters, even when asked
    staff = await w.http.get(path, params={"include_inactive": True}, headers=as_(w, "manager_a"))
    assert category["id"] in staff.text
    operator = await w.http.get(
        f"/api/v1/municipalities/{w.municipality_a}/categories",
        params={"include_inactive": True},
        headers=as_(w, "operator_a"),
    )
    assert category["id"] not in operator.text

    reactivated = await w.http.patch(item, json={"active": True}, headers=as_(w, "admin"))
    assert reactivated.status_code == 200
    assert (
        await last_event(w, f"cityfix.events.{w.municipality_a}.category.changed", 4)
    ).data.change == "reactivated"

    # A manager of B cannot touch A's category; nor is it reachable under B's path.
    assert_error(
        await w.http.patch(item, json={"active": False}, headers=as_(w, "manager_b")), 403, "forbidden"
    )
    via_b = await w.http.patch(
        f"/api/v1/municipalities/{w.municipality_b}/categories/{category['id']}",
        json={"active": False},
        headers=as_(w, "admin"),
    )
    assert_error(via_b, 404, "category_not_found")


async def test_dead_letters_are_listed_and_replayed_by_admins(world: World) -> None:
    w = world
    js = w.rpc.connection.jetstream()
    original = "cityfix.events.platform.probe.failed"
    body = json.dumps({"event_id": "e-dead-1", "event_type": "ProbeFailed"}).encode()
    ack = await js.publish(
        dlq_subject(original),
        body,
        headers={
            "Cityfix-Original-Subject": original,
            "Cityfix-Error": "ValueError: boom",
            "Cityfix-Delivery-Count": "3",
            "Cityfix-Consumer": "tickets-probe",
        },
    )
    assert ack.stream == DLQ_STREAM

    listed = await w.http.get("/api/v1/admin/dead-letters", headers=as_(w, "admin"))
    assert listed.status_code == 200, listed.text
    [letter] = listed.json()["data"]
    assert letter == {
        "id": ack.seq,
        "original_subject": original,
        "error": "ValueError: boom",
        "delivery_count": 3,
        "consumer": "tickets-probe",
        "event_id": "e-dead-1",
        "event_type": "ProbeFailed",
        "dead_lettered_at": letter["dead_lettered_at"],
    }
    assert_error(
        await w.http.get("/api/v1/admin/dead-letters", headers=as_(w, "manager_a")), 403, "forbidden"
    )

    replayed = await w.http.post(f"/api/v1/admin/dead-letters/{ack.seq}/replay", headers=as_(w, "admin"))
    assert replayed.status_code == 200, replayed.text
    assert replayed.json()["subject"] == original and replayed.json()["stream"] == EVENTS_STREAM
    again = await js.get_last_msg(EVENTS_STREAM, original)
    assert again.data == body
    assert (await w.http.get("/api/v1/admin/dead-letters", headers=as_(w, "admin"))).json()["data"] == []
    gone = await w.http.post(f"/api/v1/admin/dead-letters/{ack.seq}/replay", headers=as_(w, "admin"))
    assert_error(gone, 404, "dead_letter_not_found")

"""Open311 GeoReport v2, the read side, through the whole system over HTTP (the `world` fixture), checked
against the specification (wiki.open311.org/GeoReport_v2): discovery, services, a service definition,
service requests and single requests, in JSON and XML, with the specification's errors."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

from cityfix_contracts.commands.admin import CreateCategory
from cityfix_contracts.events.municipalities import CategoryQuestion
from services.common.testing import eventually
from tests.support.open311 import (
    integrations_know_world,
    json_errors,
    open311_ticket,
    shown,
    xml_errors,
    xml_of,
)
from tests.support.stack import SYSTEM, World, world
from tests.support.tickets import resolved

__all__ = ["world"]

REQUEST_FIELDS = {
    "service_request_id",
    "status",
    "status_notes",
    "service_name",
    "service_code",
    "description",
    "agency_responsible",
    "service_notice",
    "requested_datetime",
    "updated_datetime",
    "expected_datetime",
    "address",
    "address_id",
    "zipcode",
    "lat",
    "long",
    "media_url",
}


def iso_with_timezone(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    assert moment.tzinfo is not None, value
    return moment


async def test_discovery_names_the_endpoint_and_both_formats(world: World) -> None:
    response = await world.http.get("/open311/v2/discovery.json")
    assert response.status_code == 200, response.text
    document = response.json()
    assert set(document) >= {"changeset", "contact", "key_service", "endpoints"}
    (endpoint,) = document["endpoints"]
    assert endpoint["specification"] == "http://wiki.open311.org/GeoReport_v2"
    assert endpoint["url"].endswith("/open311/v2")
    assert set(endpoint["formats"]) == {"application/json", "text/xml"}
    iso_with_timezone(endpoint["changeset"])

    root = xml_of(await world.http.get("/open311/v2/discovery.xml"))
    assert root.tag == "discovery"
    formats = [f.text for f in root.findall("endpoints/endpoint/formats/format")]
    assert set(formats) == {"application/json", "text/xml"}
    assert root.findtext("endpoints/endpoint/specification") == "http://wiki.open311.org/GeoReport_v2"


async def test_services_of_a_jurisdiction_in_json_and_xml(world: World) -> None:
    await integrations_know_world(world)
    response = await world.http.get("/open311/v2/services.json", params={"jurisdiction_id": "potsdam"})
    assert response.status_code == 200, response.text
    services = response.json()
    assert isinstance(services, list)
    assert [s["service_code"] for s in services] == ["pothole"]
    assert set(services[0]) == {
        "service_code",
        "service_name",
        "description",
        "metadata",
        "type",
        "keywords",
        "group",
    }
    assert services[0]["service_name"] == "Pothole"
    assert services[0]["type"] == "realtime" and services[0]["metadata"] is False

    root = xml_of(await world.http.get("/open311/v2/services.xml?jurisdiction_id=cottbus"))
    assert root.tag == "services"
    assert [s.findtext("service_code") for s in root.findall("service")] == ["pothole"]
    assert root.findtext("service/metadata") == "false"


async def test_jurisdiction_is_required_while_two_are_served_and_must_exist(world: World) -> None:
    await integrations_know_world(world)
    missing = await world.http.get("/open311/v2/services.json")
    assert "jurisdiction_id" in json_errors(missing, 400)[0]["description"]
    assert "jurisdiction_id" in xml_errors(await world.http.get("/open311/v2/services.xml"), 400)[0]

    unknown = await world.http.get("/open311/v2/requests.json", params={"jurisdiction_id": "atlantis"})
    assert "atlantis" in json_errors(unknown, 404)[0]["description"]
    xml_errors(await world.http.get("/open311/v2/requests.xml?jurisdiction_id=atlantis"), 404)


async def test_service_definition_is_the_categorys_questions(world: World) -> None:
    await integrations_know_world(world)
    questions = (
        CategoryQuestion(
            code="depth",
            datatype="singlevaluelist",
            required=True,
            order=1,
            description="How deep is it?",
            values=({"key": "shallow", "name": "Shallow"}, {"key": "deep", "name": "Deep"}),  # type: ignore[arg-type]
        ),
        CategoryQuestion(code="width_cm", datatype="number", order=2, description="How wide, in cm?"),
    )
    await world.rpc.call(
        CreateCategory(
            municipality_id=world.municipality_a, code="streetlight", name="Streetlight", questions=questions
        ),
        SYSTEM,
    )

    async def defined() -> Any:
        response = await world.http.get(
            "/open311/v2/services/streetlight.json", params={"jurisdiction_id": "potsdam"}
        )
        return response.json() if response.status_code == 200 else None

    definition = await eventually(defined, what="Open311 defines the new service")
    assert definition["service_code"] == "streetlight"
    depth, width = definition["attributes"]
    assert depth["code"] == "depth" and depth["variable"] is True and depth["required"] is True
    assert depth["datatype"] == "singlevaluelist" and depth["order"] == 1
    assert depth["description"] == "How deep is it?"
    assert depth["values"] == [{"key": "shallow", "name": "Shallow"}, {"key": "deep", "name": "Deep"}]
    assert width["datatype"] == "number" and width["required"] is False

    services = await world.http.get("/open311/v2/services.json", params={"jurisdiction_id": "potsdam"})
    assert {s["service_code"]: s["metadata"] for s in services.json()} == {
        "pothole": False,
        "streetlight": True,
    }

    root = xml_of(await world.http.get("/open311/v2/services/streetlight.xml?jurisdiction_id=potsdam"))
    assert root.tag == "service_definition"
    attributes = root.findall("attributes/attribute")
    assert [a.findtext("code") for a in attributes] == ["depth", "width_cm"]
    assert [v.findtext("key") for v in attributes[0].findall("values/value")] == ["shallow", "deep"]

    # Cottbus has no such service; neither has Potsdam a "graffiti" one.
    cottbus = await world.http.get("/open311/v2/services/streetlight.json?jurisdiction_id=cottbus")
    json_errors(cottbus, 404)
    xml_errors(await world.http.get("/open311/v2/services/graffiti.xml?jurisdiction_id=potsdam"), 404)


async def test_a_reported_ticket_is_a_service_request_in_json_and_xml(world: World) -> None:
    ticket = await open311_ticket(world, "citizen", "A", address="Am Kanal 1, Potsdam")
    reference = ticket["reference"]
    request = await shown(world, "A", reference)
    assert set(request) == REQUEST_FIELDS
    assert request["service_request_id"] == reference
    assert request["status"] == "open"
    assert request["service_code"] == "pothole" and request["service_name"] == "Pothole"
    assert request["description"] == ticket["description"]
    assert request["agency_responsible"] == "Potsdam"
    assert request["address"] == "Am Kanal 1, Potsdam"
    assert (request["lat"], request["long"]) == (ticket["location"]["lat"], ticket["location"]["lon"])
    requested = iso_with_timezone(request["requested_datetime"])
    assert abs(requested - datetime.fromisoformat(ticket["created_at"])) < timedelta(milliseconds=1)
    iso_with_timezone(request["updated_datetime"])
    assert world.person("citizen").id not in str(request)

    one = await world.http.get(
        f"/open311/v2/requests/{reference}.json", params={"jurisdiction_id": "potsdam"}
    )
    assert one.status_code == 200, one.text
    assert one.json() == [request]

    root = xml_of(await world.http.get(f"/open311/v2/requests/{reference}.xml?jurisdiction_id=potsdam"))
    assert root.tag == "service_requests"
    (element,) = root.findall("request")
    assert element.findtext("service_request_id") == reference
    assert element.findtext("status") == "open"
    assert element.findtext("long") == str(request["long"])
    iso_with_timezone(element.findtext("requested_datetime") or "")

    listed = xml_of(await world.http.get("/open311/v2/requests.xml?jurisdiction_id=potsdam"))
    assert reference in [r.findtext("service_request_id") for r in listed.findall("request")]

    # Another jurisdiction has no such request.
    other = await world.http.get(
        f"/open311/v2/requests/{reference}.json", params={"jurisdiction_id": "cottbus"}
    )
    json_errors(other, 404)
    xml_errors(await world.http.get(f"/open311/v2/requests/{reference}.xml?jurisdiction_id=cottbus"), 404)
    listed_b = await world.http.get("/open311/v2/requests.json", params={"jurisdiction_id": "cottbus"})
    assert reference not in listed_b.text


async def test_filters_ids_override_codes_and_status(world: World) -> None:
    first = await open311_ticket(world, "citizen", "A")
    second = await open311_ticket(world, "citizen_2", "A", description="Another hole")
    both = f"{first['reference']},{second['reference']}"
    listed = await world.http.get(
        "/open311/v2/requests.json",
        params={"jurisdiction_id": "potsdam", "service_request_id": both, "status": "closed"},
    )
    assert sorted(r["service_request_id"] for r in listed.json()) == sorted(both.split(","))

    def ids(response: Any) -> set[str]:
        assert response.status_code == 200, response.text
        return {r["service_request_id"] for r in response.json()}

    base = {"jurisdiction_id": "potsdam"}
    assert ids(await world.http.get("/open311/v2/requests.json", params={**base, "status": "open"})) >= {
        first["reference"],
        second["reference"],
    }
    assert not ids(await world.http.get("/open311/v2/requests.json", params={**base, "status": "closed"}))
    assert ids(await world.http.get("/open311/v2/requests.json", params={**base, "service_code": "pothole"}))
    assert not ids(
        await world.http.get("/open311/v2/requests.json", params={**base, "service_code": "graffiti"})
    )
    # Newest first, pages of page_size.
    page_1 = await world.http.get("/open311/v2/requests.json", params={**base, "page_size": "1"})
    page_2 = await world.http.get("/open311/v2/requests.json", params={**base, "page_size": "1", "page": "2"})
    assert [r["service_request_id"] for r in page_1.json()] == [second["reference"]]
    assert [r["service_request_id"] for r in page_2.json()] == [first["reference"]]


async def test_the_date_window_is_at_most_90_days(world: World) -> None:
    ticket = await open311_ticket(world, "citizen", "A")
    created = datetime.fromisoformat(ticket["created_at"])
    base = {"jurisdiction_id": "potsdam"}

    def window(start: datetime, end: datetime) -> dict[str, str]:
        return {**base, "start_date": start.isoformat(), "end_date": end.isoformat()}

    inside = await world.http.get(
        "/open311/v2/requests.json", params=window(created - timedelta(days=1), created + timedelta(days=89))
    )
    assert ticket["reference"] in inside.text
    before = await world.http.get(
        "/open311/v2/requests.json",
        params=window(created - timedelta(days=80), created - timedelta(seconds=1)),
    )
    assert before.status_code == 200 and ticket["reference"] not in before.text

    too_long = window(created - timedelta(days=91), created)
    assert (
        "90 days"
        in json_errors(await world.http.get("/open311/v2/requests.json", params=too_long), 400)[0][
            "description"
        ]
    )
    assert "90 days" in xml_errors(await world.http.get("/open311/v2/requests.xml", params=too_long), 400)[0]
    reversed_ = window(created, created - timedelta(days=1))
    json_errors(await world.http.get("/open311/v2/requests.json", params=reversed_), 400)
    # Exactly 90 days apart is allowed.
    exact = await world.http.get(
        "/open311/v2/requests.json", params=window(created - timedelta(days=90), created)
    )
    assert exact.status_code == 200
    # An offset's "+" sent unencoded (a space once decoded) is still read as the offset.
    unencoded = await world.http.get(
        "/open311/v2/requests.json?jurisdiction_id=potsdam"
        "&start_date=2026-01-01T00:00:00+01:00&end_date=2026-02-01T00:00:00+01:00"
    )
    assert unencoded.status_code == 200, unencoded.text
    # Dates need a timezone.
    naive = await world.http.get(
        "/open311/v2/requests.json", params={**base, "start_date": "2026-01-01T00:00:00"}
    )
    assert "timezone" in json_errors(naive, 400)[0]["description"]
    # A lone start_date covers the 90 days after it: a ticket of today is outside one from a year ago.
    year_ago = (datetime.now(UTC) - timedelta(days=365)).isoformat()
    old = await world.http.get("/open311/v2/requests.json", params={**base, "start_date": year_ago})
    assert old.status_code == 200 and ticket["reference"] not in old.text


async def test_malformed_parameters_and_formats_get_the_specifications_errors(world: World) -> None:
    await integrations_know_world(world)
    base = {"jurisdiction_id": "potsdam"}
    json_errors(await world.http.get("/open311/v2/requests.json", params={**base, "status": "pending"}), 400)
    json_errors(await world.http.get("/open311/v2/requests.json", params={**base, "page_size": "1001"}), 400)
    xml_errors(await world.http.get("/open311/v2/requests.xml", params={**base, "page": "zero"}), 400)
    json_errors(await world.http.get("/open311/v2/services.csv", params=base), 404)
    json_errors(await world.http.get("/open311/v2/nothing-here.json"), 404)
    xml_errors(await world.http.get("/open311/v2/nothing-here.xml"), 404)
    json_errors(await world.http.get("/open311/v2/tokens/no-such-token.json", params=base), 404)


async def test_status_changes_close_a_request_and_are_fixmystreet_updates(world: World) -> None:
    await integrations_know_world(world)
    ticket = await resolved(world, "A")
    reference = ticket["reference"]

    async def closed() -> Any:
        request = await shown(world, "A", reference)
        return request if request["status"] == "closed" else None

    request = await eventually(closed, what="Open311 shows the resolved ticket closed")
    assert request["status_notes"] == "Fixed."

    base = {"jurisdiction_id": "potsdam"}
    response = await world.http.get("/open311/v2/servicerequestupdates.json", params=base)
    assert response.status_code == 200, response.text
    updates = [u for u in response.json() if u["service_request_id"] == reference]
    assert [(u["status"], u["description"]) for u in updates] == [("OPEN", ""), ("FIXED", "Fixed.")]
    assert set(updates[0]) == {
        "update_id",
        "service_request_id",
        "status",
        "updated_datetime",
        "description",
        "media_url",
    }
    assert updates[0]["update_id"] != updates[1]["update_id"]
    assert iso_with_timezone(updates[0]["updated_datetime"]) <= iso_with_timezone(
        updates[1]["updated_datetime"]
    )

    root = xml_of(await world.http.get("/open311/v2/servicerequestupdates.xml", params=base))
    assert root.tag == "service_request_updates"
    statuses = [u.findtext("status") for u in root.findall("request_update")]
    assert statuses == ["OPEN", "FIXED"]

    # Another jurisdiction's updates, and a window before the changes, hold none of them.
    cottbus = await world.http.get(
        "/open311/v2/servicerequestupdates.json", params={"jurisdiction_id": "cottbus"}
    )
    assert cottbus.json() == []
    earlier = iso_with_timezone(updates[0]["updated_datetime"]) - timedelta(seconds=1)
    before = {**base, "end_date": earlier.isoformat()}
    assert (await world.http.get("/open311/v2/servicerequestupdates.json", params=before)).json() == []
    too_long = {
        **base,
        "start_date": (earlier - timedelta(days=91)).isoformat(),
        "end_date": earlier.isoformat(),
    }
    xml_errors(await world.http.get("/open311/v2/servicerequestupdates.xml", params=too_long), 400)

"""Open311 in the test world: the integrations service learns municipalities, categories and tickets from
events, so helpers wait until it holds what a test reads; API keys are created over HTTP by managers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from xml.etree import ElementTree as ET

import httpx

from services.common.testing import eventually
from tests.support.stack import World
from tests.support.tickets import reported

SLUGS = {"A": "potsdam", "B": "cottbus"}


async def integrations_know_world(w: World) -> None:
    """Wait until the integrations service has projected both municipalities and both categories."""
    database = w.runtimes["integrations"].database

    async def projected() -> bool:
        for municipality in (w.municipality_a, w.municipality_b):
            found = await database["municipalities"].find_one({"_id": municipality})
            if not found or not found.get("sequence"):
                return False
        for category in (w.category_a, w.category_b):
            found = await database["categories"].find_one({"_id": category})
            if not found or not found.get("sequence"):
                return False
        return True

    await eventually(projected, what="integrations holds the world's municipalities and categories")


async def shown(w: World, target: str, reference: str, **params: str) -> dict[str, Any]:
    """Wait until GET requests.json of `target`'s jurisdiction lists `reference`; answer that request."""

    async def listed() -> dict[str, Any] | None:
        response = await w.http.get(
            "/open311/v2/requests.json",
            params={"jurisdiction_id": SLUGS[target], "service_request_id": reference, **params},
        )
        assert response.status_code == 200, response.text
        found = [r for r in response.json() if r["service_request_id"] == reference]
        return found[0] if found else None

    request: dict[str, Any] = await eventually(listed, what=f"Open311 lists {reference}")
    return request


async def open311_ticket(w: World, actor: str, target: str, **overrides: Any) -> dict[str, Any]:
    """A ticket reported over /api/v1 by `actor` in `target`, once Open311 shows it (the ticket's view)."""
    await integrations_know_world(w)
    ticket = await reported(w, actor, target, **overrides)
    await shown(w, target, ticket["reference"])
    return ticket


async def api_key(w: World, actor: str, municipality_id: str | None = None) -> dict[str, Any]:
    """A new API key created over HTTP by `actor` (ApiKeyCreated: `api_key` and the `secret`)."""
    await integrations_know_world(w)
    body: dict[str, Any] = {"name": f"Work orders of {actor}"}
    if municipality_id is not None:
        body["municipality_id"] = municipality_id
    response = await w.http.post("/api/v1/integrations/api-keys", json=body, headers=w.person(actor).auth())
    assert response.status_code == 201, response.text
    created: dict[str, Any] = response.json()
    return created


def xml_of(response: httpx.Response) -> ET.Element:
    assert response.headers["content-type"].startswith("text/xml"), response.headers["content-type"]
    assert response.content.startswith(b'<?xml version="1.0" encoding="UTF-8"?>'), response.text[:80]
    return ET.fromstring(response.content)


def json_errors(response: httpx.Response, status: int) -> list[dict[str, Any]]:
    """The specification's error list: a top-level array of {code, description}."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    errors: list[dict[str, Any]] = response.json()
    assert isinstance(errors, list) and errors, errors
    for error in errors:
        assert set(error) == {"code", "description"}, error
        assert error["code"] == status and error["description"], error
    return errors


def xml_errors(response: httpx.Response, status: int) -> list[str]:
    """`<errors><error><code/><description/></error></errors>`: the descriptions."""
    assert response.status_code == status, response.text
    root = xml_of(response)
    assert root.tag == "errors", root.tag
    errors = root.findall("error")
    assert errors
    for error in errors:
        assert error.findtext("code") == str(status)
    return [error.findtext("description") or "" for error in errors]


@dataclass
class Published:
    """A ticket citizen reported in A and one citizen_2 reported in B (both listed by Open311), and an API
    key of each municipality, made by its manager."""

    ticket_a: dict[str, Any]
    ticket_b: dict[str, Any]
    key_a: dict[str, Any]
    key_b: dict[str, Any]

    def ticket(self, target: str) -> dict[str, Any]:
        return self.ticket_a if target == "A" else self.ticket_b

    def key(self, target: str) -> dict[str, Any]:
        return self.key_a if target == "A" else self.key_b


_published: dict[str, Published] = {}  # by the world's municipality A: one set-up per world


async def published(w: World) -> Published:
    if w.municipality_a not in _published:
        ticket_a = await open311_ticket(w, "citizen", "A")
        ticket_b = await open311_ticket(w, "citizen_2", "B")
        key_a = await api_key(w, "manager_a")
        key_b = await api_key(w, "manager_b")
        _published[w.municipality_a] = Published(ticket_a, ticket_b, key_a, key_b)
    return _published[w.municipality_a]


def published_in(w: World) -> Published:
    """What `published(w)` set up earlier in this world."""
    return _published[w.municipality_a]

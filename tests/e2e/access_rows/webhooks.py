"""Access rows: webhook endpoints (managers of their municipality, admins) and their deliveries.

The world holds one endpoint of A (registered by manager_a) and one of B (manager_b), each with one
delivery (a test ping; their URLs point at a closed local port, so the pings fail and stay listed). A
manager sees and changes only their own municipality's; another municipality's endpoint is 404 and its
URL never shows; an admin reaches both; citizens and operators none. No list or view shows a secret.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import httpx

from tests.support.access import Case, headers, row
from tests.support.open311 import integrations_know_world
from tests.support.stack import World

HOOKS = "/api/v1/webhooks"
SECRET = '"secret":"whsec_'


@dataclass
class Hooks:
    endpoint_a: dict[str, Any]
    endpoint_b: dict[str, Any]
    delivery_a: dict[str, Any]
    delivery_b: dict[str, Any]

    def endpoint(self, target: str) -> dict[str, Any]:
        return self.endpoint_a if target == "A" else self.endpoint_b

    def delivery(self, target: str) -> dict[str, Any]:
        return self.delivery_a if target == "A" else self.delivery_b


_hooks: dict[str, Hooks] = {}  # by the world's municipality A: one set-up per world


async def _register(w: World, manager: str, slug: str) -> tuple[dict[str, Any], dict[str, Any]]:
    auth = w.person(manager).auth()
    created = await w.http.post(HOOKS, json={"url": f"http://127.0.0.1:9/hooks/{slug}"}, headers=auth)
    assert created.status_code == 201, created.text
    endpoint: dict[str, Any] = created.json()["endpoint"]
    ping = await w.http.post(f"{HOOKS}/{endpoint['id']}/test", headers=auth)
    assert ping.status_code == 202, ping.text
    delivery: dict[str, Any] = ping.json()
    return endpoint, delivery


async def hooks(w: World) -> Hooks:
    if w.municipality_a not in _hooks:
        await integrations_know_world(w)
        endpoint_a, delivery_a = await _register(w, "manager_a", "potsdam")
        endpoint_b, delivery_b = await _register(w, "manager_b", "cottbus")
        _hooks[w.municipality_a] = Hooks(endpoint_a, endpoint_b, delivery_a, delivery_b)
    return _hooks[w.municipality_a]


def endpoint_of(target: str):  # type: ignore[no-untyped-def]
    """The endpoint's id and URL, as strings a body shows or hides."""

    def strings(w: World) -> list[str]:
        found = _hooks[w.municipality_a].endpoint(target)
        return [found["id"], found["url"]]

    return strings


def url_of(target: str):  # type: ignore[no-untyped-def]
    """The endpoint's URL: a 404 may echo the id asked for, never what is behind it."""

    def strings(w: World) -> list[str]:
        return [_hooks[w.municipality_a].endpoint(target)["url"]]

    return strings


def delivery_of(target: str):  # type: ignore[no-untyped-def]
    def strings(w: World) -> list[str]:
        return [_hooks[w.municipality_a].delivery(target)["id"]]

    return strings


def no_secret(target: str):  # type: ignore[no-untyped-def]
    def strings(w: World) -> list[str]:
        return [*endpoint_of("B" if target == "A" else "A")(w), "whsec_"]

    return strings


def create(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        await hooks(w)
        municipality = w.municipality_a if target == "A" else w.municipality_b
        body = {"url": "http://127.0.0.1:9/hooks/new", "municipality_id": municipality}
        return await w.http.post(HOOKS, json=body, headers=headers(w, actor))

    return send


row(
    "POST",
    HOOKS,
    create,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403),
        Case("operator_a", "A", 403),
        Case("manager_a", "A", 201, shows=lambda w: [w.municipality_a, SECRET]),
        Case("manager_a", "B", 403, hides=lambda w: [w.municipality_b, "whsec_"]),
        Case("admin", "A", 201, shows=lambda w: [w.municipality_a, SECRET]),
        Case("admin", "B", 201, shows=lambda w: [w.municipality_b, SECRET]),
    ],
)


def list_endpoints(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        await hooks(w)
        params = {"municipality_id": w.municipality_b} if target == "B" else {}
        return await w.http.get(HOOKS, params=params, headers=headers(w, actor))

    return send


row(
    "GET",
    HOOKS,
    list_endpoints,
    [
        Case("anonymous", "-", 401),
        Case("citizen", "-", 403, hides=endpoint_of("A")),
        Case("operator_a", "-", 403, hides=endpoint_of("A")),
        Case("manager_a", "-", 200, shows=endpoint_of("A"), hides=no_secret("A")),
        Case("manager_a", "B", 403, hides=endpoint_of("B")),
        Case(
            "admin",
            "-",
            200,
            shows=lambda w: [*endpoint_of("A")(w), *endpoint_of("B")(w)],
            hides=lambda w: ["whsec_"],
        ),
        Case("admin", "B", 200, shows=endpoint_of("B"), hides=no_secret("B")),
    ],
)


def on_endpoint(method: str, suffix: str = "", body: dict[str, Any] | None = None):  # type: ignore[no-untyped-def]
    def build(actor: str):  # type: ignore[no-untyped-def]
        async def send(w: World, target: str) -> httpx.Response:
            held = await hooks(w)
            endpoint_id = "no-such-endpoint" if target == "none" else held.endpoint(target)["id"]
            return await w.http.request(
                method, f"{HOOKS}/{endpoint_id}{suffix}", json=body, headers=headers(w, actor)
            )

        return send

    return build


def endpoint_cases(ok: int, shows_own: bool = True, secret: bool = False) -> list[Case]:
    """Who reaches an endpoint: its municipality's manager and admins; B's is missing for manager_a."""

    def own(target: str):  # type: ignore[no-untyped-def]
        def strings(w: World) -> list[str]:
            shown = endpoint_of(target)(w)[:1] if shows_own else []
            return [*shown, SECRET] if secret else shown

        return strings

    def hidden(target: str):  # type: ignore[no-untyped-def]
        def strings(w: World) -> list[str]:
            return endpoint_of("B" if target == "A" else "A")(w) + ([] if secret else ["whsec_"])

        return strings

    return [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403, hides=endpoint_of("A")),
        Case("operator_a", "A", 403, hides=endpoint_of("A")),
        Case("manager_a", "B", 404, shows=lambda w: ['"webhook_endpoint_not_found"'], hides=url_of("B")),
        Case("manager_a", "none", 404),
        Case("manager_a", "A", ok, shows=own("A"), hides=hidden("A")),
        Case("admin", "B", ok, shows=own("B"), hides=hidden("B")),
    ]


row("GET", f"{HOOKS}/{{webhook_endpoint_id}}", on_endpoint("GET"), endpoint_cases(200))
row(
    "PATCH",
    f"{HOOKS}/{{webhook_endpoint_id}}",
    on_endpoint("PATCH", body={"description": "Work orders"}),
    endpoint_cases(200),
)
row(
    "POST",
    f"{HOOKS}/{{webhook_endpoint_id}}/rotate-secret",
    on_endpoint("POST", "/rotate-secret"),
    endpoint_cases(200, secret=True),
)
row(
    "POST",
    f"{HOOKS}/{{webhook_endpoint_id}}/test",
    on_endpoint("POST", "/test"),
    endpoint_cases(202, shows_own=True),
)
row(
    "DELETE",
    f"{HOOKS}/{{webhook_endpoint_id}}",
    on_endpoint("DELETE"),
    endpoint_cases(204, shows_own=False),
)


def list_deliveries(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        held = await hooks(w)
        endpoint_id = held.endpoint(target)["id"]
        return await w.http.get(f"{HOOKS}/{endpoint_id}/deliveries", headers=headers(w, actor))

    return send


row(
    "GET",
    f"{HOOKS}/{{webhook_endpoint_id}}/deliveries",
    list_deliveries,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403, hides=delivery_of("A")),
        Case("operator_a", "A", 403, hides=delivery_of("A")),
        Case("manager_a", "B", 404, hides=delivery_of("B")),
        Case("manager_a", "A", 200, shows=delivery_of("A"), hides=delivery_of("B")),
        Case("admin", "B", 200, shows=delivery_of("B"), hides=delivery_of("A")),
    ],
)


def replay(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        held = await hooks(w)
        # "AB": A's endpoint with B's delivery (a delivery of another endpoint is missing too)
        endpoint_id = held.endpoint(target[0])["id"]
        delivery_id = held.delivery(target[-1])["id"]
        return await w.http.post(
            f"{HOOKS}/{endpoint_id}/deliveries/{delivery_id}/replay", headers=headers(w, actor)
        )

    return send


row(
    "POST",
    f"{HOOKS}/{{webhook_endpoint_id}}/deliveries/{{delivery_id}}/replay",
    replay,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403, hides=delivery_of("A")),
        Case("operator_a", "A", 403, hides=delivery_of("A")),
        Case("manager_a", "B", 404, hides=delivery_of("B")),
        Case("manager_a", "AB", 404, shows=lambda w: ['"webhook_delivery_not_found"'], hides=url_of("B")),
        Case("manager_a", "A", 202, shows=delivery_of("A"), hides=delivery_of("B")),
        Case("admin", "B", 202, shows=delivery_of("B")),
    ],
)

"""Access rows: API keys (managers of their municipality, admins) and Open311 GeoReport v2.

API keys: the world holds one key of A (made by manager_a) and one of B (manager_b). A manager creates,
lists and revokes only their own municipality's; an admin any; citizens and operators none. No list ever
shows a secret.

Open311 is public to read, whoever asks (a bearer token changes nothing): the target names the
jurisdiction (A: potsdam, B: cottbus) and each answer shows that jurisdiction's service request and hides
the other's and every reporter. Its errors are the specification's list, not the `/api/v1` error shape,
so the 4xx answers (another jurisdiction's request, keys of another municipality) are checked in
tests/services/integrations/. Reporting (POST requests) authenticates by api_key, not by role.
"""

from __future__ import annotations

import httpx

from tests.support.access import ACTORS, Case, headers, row
from tests.support.open311 import SLUGS, integrations_know_world, published, published_in
from tests.support.stack import World

KEYS = "/api/v1/integrations/api-keys"


def key_id(target: str):  # type: ignore[no-untyped-def]
    def ids(w: World) -> list[str]:
        return [published_in(w).key(target)["api_key"]["id"]]

    return ids


def secrets(w: World) -> list[str]:
    held = published_in(w)
    return [held.key_a["secret"], held.key_b["secret"]]


def create_key(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        await published(w)
        municipality = w.municipality_a if target == "A" else w.municipality_b
        body = {"name": "Work orders", "municipality_id": municipality}
        return await w.http.post(KEYS, json=body, headers=headers(w, actor))

    return send


row(
    "POST",
    KEYS,
    create_key,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403),
        Case("operator_a", "A", 403),
        Case("manager_a", "A", 201, shows=lambda w: [w.municipality_a, '"secret":"cfx_']),
        Case("manager_a", "B", 403, hides=lambda w: [w.municipality_b]),
        Case("admin", "A", 201, shows=lambda w: [w.municipality_a, '"secret":"cfx_']),
        Case("admin", "B", 201, shows=lambda w: [w.municipality_b, '"secret":"cfx_']),
    ],
)


def list_keys(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        await published(w)
        params = {"municipality_id": w.municipality_b} if target == "B" else {}
        return await w.http.get(KEYS, params=params, headers=headers(w, actor))

    return send


row(
    "GET",
    KEYS,
    list_keys,
    [
        Case("anonymous", "-", 401),
        Case("citizen", "-", 403),
        Case("operator_a", "-", 403, hides=key_id("A")),
        Case(
            "manager_a",
            "-",
            200,
            shows=key_id("A"),
            hides=lambda w: [*key_id("B")(w), *secrets(w), '"secret"'],
        ),
        Case("manager_a", "B", 403, hides=key_id("B")),
        Case(
            "admin", "-", 200, shows=lambda w: [*key_id("A")(w), *key_id("B")(w)], hides=lambda w: secrets(w)
        ),
        Case("admin", "B", 200, shows=key_id("B"), hides=key_id("A")),
    ],
)


def revoke_key(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        held = await published(w)
        key = "no-such-key" if target == "none" else held.key(target)["api_key"]["id"]
        return await w.http.delete(f"{KEYS}/{key}", headers=headers(w, actor))

    return send


row(
    "DELETE",
    "/api/v1/integrations/api-keys/{api_key_id}",
    revoke_key,
    [
        Case("anonymous", "A", 401),
        Case("citizen", "A", 403),
        Case("operator_a", "A", 403),
        Case("manager_a", "B", 404, shows=lambda w: ['"api_key_not_found"']),
        Case("manager_a", "none", 404),
        Case("manager_a", "A", 200, shows=lambda w: [*key_id("A")(w), '"revoked_at":"'], hides=secrets),
        Case("admin", "B", 200, shows=lambda w: [*key_id("B")(w), '"revoked_at":"']),
    ],
)

# ----- Open311 ------------------------------------------------------------------------------------------


def reference(target: str):  # type: ignore[no-untyped-def]
    def shown(w: World) -> list[str]:
        return [f'"service_request_id":"{published_in(w).ticket(target)["reference"]}"']

    return shown


def other(target: str) -> str:
    return "B" if target == "A" else "A"


def reporters(w: World) -> list[str]:
    return [w.person("citizen").id, w.person("citizen_2").id, w.person("citizen").email]


def public_cases(shows_request: bool) -> list[Case]:
    """Every actor, each jurisdiction: 200, that jurisdiction's request only, no reporter."""
    cases = []
    for actor in ACTORS:
        for target in ("A", "B"):
            cases.append(
                Case(
                    actor,
                    target,
                    200,
                    shows=reference(target) if shows_request else (lambda w: ['"service_code":"pothole"']),
                    hides=lambda w, target=target: [*reference(other(target))(w), *reporters(w)],  # type: ignore[misc]
                )
            )
    return cases


def open311_get(path: str):  # type: ignore[no-untyped-def]
    """GET `path` (formatted with the target's ticket reference and id) in the target's jurisdiction."""

    def build(actor: str):  # type: ignore[no-untyped-def]
        async def send(w: World, target: str) -> httpx.Response:
            held = await published(w)
            ticket = held.ticket(target) if target in ("A", "B") else held.ticket_a
            url = path.format(reference=ticket["reference"], token=ticket["id"])
            params = {"jurisdiction_id": SLUGS[target]} if target in SLUGS else {}
            return await w.http.get(url, params=params, headers=headers(w, actor))

        return send

    return build


row(
    "GET",
    "/open311/v2/discovery.{format}",
    open311_get("/open311/v2/discovery.json"),
    [Case(actor, "-", 200, shows=lambda w: ['"endpoints"']) for actor in ACTORS],
)
row("GET", "/open311/v2/services.{format}", open311_get("/open311/v2/services.json"), public_cases(False))
row(
    "GET",
    "/open311/v2/services/{service_code}.{format}",
    open311_get("/open311/v2/services/pothole.xml"),
    [
        Case(actor, t, 200, shows=lambda w: ["<service_code>pothole</service_code>"])
        for actor in ACTORS
        for t in "AB"
    ],
)
row("GET", "/open311/v2/requests.{format}", open311_get("/open311/v2/requests.json"), public_cases(True))
row(
    "GET",
    "/open311/v2/requests/{service_request_id}.{format}",
    open311_get("/open311/v2/requests/{reference}.json"),
    public_cases(True),
)
row(
    "GET",
    "/open311/v2/tokens/{token}.{format}",
    open311_get("/open311/v2/tokens/{token}.json"),
    public_cases(True),
)

row(
    "GET",
    "/open311/v2/servicerequestupdates.{format}",
    open311_get("/open311/v2/servicerequestupdates.json"),
    [Case(actor, t, 200, hides=lambda w: reporters(w)) for actor in ACTORS for t in "AB"],
)


def open311_report(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        await integrations_know_world(w)
        return await w.http.post("/open311/v2/requests.json", data={}, headers=headers(w, actor))

    return send


row(
    "POST",
    "/open311/v2/requests.{format}",
    open311_report,
    [],
    elsewhere="tests/services/integrations/test_open311_report.py (by api_key: a key reports only into its "
    "own municipality; without a valid key 403 in the specification's error shape)",
)

"""Access rows: one's own notification preferences and area alerts.

Everyone signed in has their own; nobody reads or deletes another person's. DELETE's target "A" is an
alert the actor just created, "B" one citizen_2 created (it reads as one that does not exist).
"""

from __future__ import annotations

from typing import Any

import httpx

from tests.support.access import ACTORS, Case, headers, request, row
from tests.support.stack import World

SIGNED_IN = tuple(a for a in ACTORS if a != "anonymous")


def circle(w: World, target: str) -> dict[str, Any]:
    return {
        "name": "Around the bakery",
        "kind": "radius",
        "center": {"lat": 52.4, "lon": 13.06},
        "radius_m": 300,
    }


row(
    "GET",
    "/api/v1/auth/me/notification-preferences",
    request("GET", lambda w, t: "/api/v1/auth/me/notification-preferences"),
    [
        Case("anonymous", "-", 401),
        *[Case(a, "-", 200, shows=lambda w: ['"email_status_changes":']) for a in SIGNED_IN],
    ],
)
row(
    "PUT",
    "/api/v1/auth/me/notification-preferences",
    request(
        "PUT",
        lambda w, t: "/api/v1/auth/me/notification-preferences",
        lambda w, t: {"email_new_tickets": "daily_digest"},
    ),
    [
        Case("anonymous", "-", 401),
        *[Case(a, "-", 200, shows=lambda w: ['"email_new_tickets":"daily_digest"']) for a in SIGNED_IN],
    ],
)


def create(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        return await w.http.post("/api/v1/auth/me/alerts", json=circle(w, target), headers=headers(w, actor))

    return send


row(
    "POST",
    "/api/v1/auth/me/alerts",
    create,
    [
        Case("anonymous", "-", 401),
        *[Case(a, "-", 201, shows=lambda w: ['"name":"Around the bakery"']) for a in SIGNED_IN],
    ],
)


def listing(actor: str):  # type: ignore[no-untyped-def]
    """Lists after citizen_2 created an alert of their own, named so it can be looked for."""

    async def send(w: World, target: str) -> httpx.Response:
        await w.http.post(
            "/api/v1/auth/me/alerts",
            json={**circle(w, target), "name": "Citizen two's corner"},
            headers=w.person("citizen_2").auth(),
        )
        return await w.http.get("/api/v1/auth/me/alerts", headers=headers(w, actor))

    return send


row(
    "GET",
    "/api/v1/auth/me/alerts",
    listing,
    [
        Case("anonymous", "-", 401),
        *[
            Case(a, "-", 200, shows=lambda w: ['"data":['], hides=lambda w: ["Citizen two"])
            for a in SIGNED_IN
        ],
        Case("citizen_2", "-", 200, shows=lambda w: ["Citizen two's corner"]),
    ],
)


def delete(actor: str):  # type: ignore[no-untyped-def]
    async def send(w: World, target: str) -> httpx.Response:
        owner = "citizen_2" if target == "B" or actor == "anonymous" else actor
        created = await w.http.post(
            "/api/v1/auth/me/alerts", json=circle(w, target), headers=w.person(owner).auth()
        )
        assert created.status_code == 201, created.text
        alert_id = created.json()["alert_id"]
        return await w.http.delete(f"/api/v1/auth/me/alerts/{alert_id}", headers=headers(w, actor))

    return send


row(
    "DELETE",
    "/api/v1/auth/me/alerts/{alert_id}",
    delete,
    [
        Case("anonymous", "B", 401),
        *[Case(a, "A", 204) for a in SIGNED_IN],
        *[Case(a, "B", 404, shows=lambda w: ["alert_not_found"]) for a in SIGNED_IN],
    ],
)

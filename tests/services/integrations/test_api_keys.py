"""API keys over HTTP (the `world` fixture): a manager's are for their own municipality, an admin names
one; the secret is shown once and stored only as a hash; lists never show it and show the last use;
revoking is final and scoped like everything else (DESIGN §5)."""

from __future__ import annotations

from typing import Any

from services.integrations.domain import secret_hash
from tests.support.open311 import api_key, integrations_know_world
from tests.support.stack import World, world

__all__ = ["world"]

KEYS = "/api/v1/integrations/api-keys"


async def keys_of(w: World, actor: str, **params: Any) -> dict[str, Any]:
    response = await w.http.get(KEYS, params=params, headers=w.person(actor).auth())
    assert response.status_code == 200, response.text
    listed: dict[str, Any] = response.json()
    return listed


async def test_a_managers_key_is_for_their_municipality_and_its_secret_is_shown_once(world: World) -> None:
    created = await api_key(world, "manager_a")
    key, secret = created["api_key"], created["secret"]
    assert key["municipality_id"] == world.municipality_a
    assert key["created_by"] == world.person("manager_a").id
    assert key["last_used_at"] is None and key["revoked_at"] is None
    assert secret.startswith(key["prefix"]) and len(secret) > 40

    stored = await world.runtimes["integrations"].database["api_keys"].find_one({"_id": key["id"]})
    assert secret not in str(stored)
    assert stored["secret_hash"] == secret_hash(secret)

    listed = await keys_of(world, "manager_a")
    assert [k["id"] for k in listed["data"]] == [key["id"]]
    assert secret not in str(listed) and "secret" not in listed["data"][0]


async def test_managers_see_and_revoke_only_their_own_municipalitys_keys(world: World) -> None:
    key_a = (await api_key(world, "manager_a"))["api_key"]
    key_b = (await api_key(world, "manager_b"))["api_key"]

    assert [k["id"] for k in (await keys_of(world, "manager_a"))["data"]] == [key_a["id"]]
    assert [k["id"] for k in (await keys_of(world, "manager_b"))["data"]] == [key_b["id"]]
    other = await world.http.get(
        KEYS, params={"municipality_id": world.municipality_b}, headers=world.person("manager_a").auth()
    )
    assert other.status_code == 403 and key_b["id"] not in other.text

    for_b = await world.http.post(
        KEYS,
        json={"name": "Sneaky", "municipality_id": world.municipality_b},
        headers=world.person("manager_a").auth(),
    )
    assert for_b.status_code == 403, for_b.text

    revoke_b = await world.http.delete(f"{KEYS}/{key_b['id']}", headers=world.person("manager_a").auth())
    assert revoke_b.status_code == 404 and revoke_b.json()["error"]["code"] == "api_key_not_found"
    assert (await keys_of(world, "manager_b"))["data"][0]["revoked_at"] is None

    revoked = await world.http.delete(f"{KEYS}/{key_a['id']}", headers=world.person("manager_a").auth())
    assert revoked.status_code == 200 and revoked.json()["revoked_at"] is not None
    again = await world.http.delete(f"{KEYS}/{key_a['id']}", headers=world.person("manager_a").auth())
    assert again.status_code == 200 and again.json()["revoked_at"] == revoked.json()["revoked_at"]


async def test_admins_name_the_municipality_and_see_every_key(world: World) -> None:
    await integrations_know_world(world)
    unnamed = await world.http.post(KEYS, json={"name": "No town"}, headers=world.person("admin").auth())
    assert unnamed.status_code == 422 and unnamed.json()["error"]["code"] == "municipality_required"
    unknown = await world.http.post(
        KEYS, json={"name": "No town", "municipality_id": "nowhere"}, headers=world.person("admin").auth()
    )
    assert unknown.status_code == 404, unknown.text

    key_b = (await api_key(world, "admin", world.municipality_b))["api_key"]
    key_a = (await api_key(world, "manager_a"))["api_key"]
    everything = await keys_of(world, "admin")
    assert [k["id"] for k in everything["data"]] == [key_a["id"], key_b["id"]]  # newest first
    only_b = await keys_of(world, "admin", municipality_id=world.municipality_b)
    assert [k["id"] for k in only_b["data"]] == [key_b["id"]]
    first_page = await keys_of(world, "admin", limit=1)
    assert [k["id"] for k in first_page["data"]] == [key_a["id"]] and first_page["next_cursor"]
    second_page = await keys_of(world, "admin", limit=1, cursor=first_page["next_cursor"])
    assert [k["id"] for k in second_page["data"]] == [key_b["id"]] and second_page["next_cursor"] is None
    assert (
        await world.http.delete(f"{KEYS}/{key_a['id']}", headers=world.person("admin").auth())
    ).status_code == 200


async def test_citizens_operators_and_strangers_have_no_keys(world: World) -> None:
    for actor in ("citizen", "operator_a"):
        response = await world.http.post(KEYS, json={"name": "Mine"}, headers=world.person(actor).auth())
        assert response.status_code == 403, response.text
        assert (await world.http.get(KEYS, headers=world.person(actor).auth())).status_code == 403
    anonymous = await world.http.get(KEYS)
    assert anonymous.status_code == 401 and set(anonymous.json()) == {"error"}

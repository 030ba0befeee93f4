"""The /api/v1 routers flattened onto the app (FlatApiRouter) route and document exactly as nested ones."""

from __future__ import annotations

from typing import Any

import httpx
from fastapi import APIRouter, FastAPI

from gateway.app import FlatApiRouter


def _routers() -> list[APIRouter]:
    plain = APIRouter(tags=["plain"])
    things = APIRouter(prefix="/things", tags=["things"])
    parts = APIRouter(prefix="/things/{thing_id}/parts", tags=["parts"])

    @plain.get("/ping", operation_id="ping")
    async def ping() -> dict[str, str]:
        return {"at": "ping"}

    @things.get("/mine", operation_id="things-mine")
    async def mine() -> dict[str, str]:
        return {"at": "mine"}

    @things.get("/{thing_id}", operation_id="things-get")
    async def get_thing(thing_id: str) -> dict[str, str]:
        return {"at": "thing", "id": thing_id}

    @things.post("/{thing_id}/parts", operation_id="parts-add")
    async def add_part(thing_id: str) -> dict[str, str]:
        return {"at": "add part", "id": thing_id}

    @parts.get("", operation_id="parts-list")
    async def list_parts(thing_id: str) -> dict[str, str]:
        return {"at": "parts", "id": thing_id}

    return [plain, things, parts]


def _app(api: APIRouter) -> FastAPI:
    app = FastAPI()
    for router in _routers():
        api.include_router(router)

    @api.get("/{rest:path}", include_in_schema=False)
    async def not_found(rest: str) -> dict[str, str]:
        return {"at": "catch-all", "rest": rest}

    if isinstance(api, FlatApiRouter):
        api.include_into(app)
    else:
        app.include_router(api)
    return app


async def _answers(app: FastAPI) -> list[tuple[int, Any]]:
    requests = [
        ("GET", "/api/v1/ping"),
        ("GET", "/api/v1/things/mine"),
        ("GET", "/api/v1/things/t-1"),
        ("GET", "/api/v1/things/t-1/parts"),
        ("POST", "/api/v1/things/t-1/parts"),
        ("PUT", "/api/v1/things/t-1"),
        ("GET", "/api/v1/thingsX"),
        ("GET", "/api/v1/nowhere/at/all"),
        ("GET", "/elsewhere"),
    ]
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://cityfix.test") as http:
        answers = []
        for method, path in requests:
            response = await http.request(method, path)
            answers.append((response.status_code, response.json()))
        return answers


async def test_flat_routers_answer_and_document_as_nested_ones() -> None:
    nested, flat = _app(APIRouter(prefix="/api/v1")), _app(FlatApiRouter(prefix="/api/v1"))
    flat_answers = await _answers(flat)
    assert flat_answers == await _answers(nested)
    assert flat_answers[1] == (200, {"at": "mine"})
    assert flat_answers[3] == (200, {"at": "parts", "id": "t-1"})
    assert flat_answers[5][0] == 405  # the path exists, the method does not
    assert flat_answers[6] == (200, {"at": "catch-all", "rest": "thingsX"})
    assert flat.openapi() == nested.openapi()
    assert list(flat.openapi()["paths"]) == list(nested.openapi()["paths"])

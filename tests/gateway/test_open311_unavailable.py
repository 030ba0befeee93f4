"""Open311 answers in its own error shape even when the integrations service cannot be reached: 503 with
the specification's list of {code, description}, in the format the path names."""

from __future__ import annotations

from xml.etree import ElementTree as ET

import httpx
from fastapi import FastAPI

from services.common.nats_server import NatsServer
from services.common.testing import eventually


async def test_open311_is_503_in_its_own_shape_while_nats_is_down(
    app: FastAPI, client: httpx.AsyncClient, nats_server: NatsServer
) -> None:
    async def connected() -> bool:
        connection = app.state.gateway.connection
        return connection is not None and connection.is_connected

    await eventually(connected, what="gateway connected")
    await nats_server.astop()
    try:

        async def disconnected() -> bool:
            return not app.state.gateway.connection.is_connected

        await eventually(disconnected, what="gateway noticed NATS is gone")
        response = await client.get("/open311/v2/services.json", params={"jurisdiction_id": "potsdam"})
        assert response.status_code == 503, response.text
        [error] = response.json()
        assert error["code"] == 503 and "integrations" in error["description"]

        as_xml = await client.get("/open311/v2/requests.xml", params={"jurisdiction_id": "potsdam"})
        assert as_xml.status_code == 503
        root = ET.fromstring(as_xml.content)
        assert root.tag == "errors" and root.findtext("error/code") == "503"
    finally:
        await nats_server.astart()

"""A stand-in for Nominatim on loopback: speaks its /search and /reverse JSON, records what it was asked.

Served by uvicorn in a thread of its own (so any test's event loop, and the access matrix's, can use it);
`SilentServer` accepts connections and never answers, for the timeout path. Nothing here touches the
internet.
"""

from __future__ import annotations

import socket
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from services.common.nats_server import free_port

POTSDAM_TOWN_HALL = {"lat": 52.3999, "lon": 13.0594, "address": "Friedrich-Ebert-Straße 79, 14469 Potsdam"}
NOWHERE = (0.0, 0.0)  # reverse geocoding finds nothing here


def _place(place_id: int, lat: float, lon: float, address: str) -> dict[str, Any]:
    return {
        "place_id": place_id,
        "licence": "Data © OpenStreetMap contributors, ODbL 1.0. https://osm.org/copyright",
        "osm_type": "node",
        "osm_id": place_id,
        "lat": f"{lat:.7f}",
        "lon": f"{lon:.7f}",
        "class": "place",
        "type": "house",
        "importance": 0.5,
        "display_name": address,
        "boundingbox": [
            f"{lat - 0.0001:.7f}",
            f"{lat + 0.0001:.7f}",
            f"{lon - 0.0001:.7f}",
            f"{lon + 0.0001:.7f}",
        ],
    }


@dataclass
class NominatimStandIn:
    host: str = "127.0.0.1"
    port: int = field(default_factory=free_port)
    requests: list[dict[str, Any]] = field(default_factory=list)
    _server: uvicorn.Server | None = None
    _thread: threading.Thread | None = None

    @property
    def url(self) -> str:
        return f"http://{self.host}:{self.port}"

    def asked(self, path: str) -> list[dict[str, Any]]:
        return [r for r in self.requests if r["path"] == path]

    async def _search(self, request: Request) -> JSONResponse:
        self._record(request)
        params = request.query_params
        query = params.get("q", "")
        limit = int(params.get("limit", "10"))
        if "nirgendwo" in query.lower():
            return JSONResponse([])
        town_hall = POTSDAM_TOWN_HALL
        places = [
            _place(
                1000 + i, town_hall["lat"] + i * 0.001, town_hall["lon"], f"{query} {i + 1}, 14469 Potsdam"
            )
            for i in range(min(limit, 3))
        ]
        return JSONResponse(places)

    async def _reverse(self, request: Request) -> JSONResponse:
        self._record(request)
        lat, lon = float(request.query_params["lat"]), float(request.query_params["lon"])
        if (lat, lon) == NOWHERE:
            return JSONResponse({"error": "Unable to geocode"})
        return JSONResponse(_place(7, lat, lon, f"Teststraße {abs(round(lat * 1000)) % 100}, 14469 Potsdam"))

    def _record(self, request: Request) -> None:
        self.requests.append(
            {
                "path": request.url.path,
                "params": dict(request.query_params),
                "user_agent": request.headers.get("user-agent"),
            }
        )

    def start(self) -> None:
        app = Starlette(routes=[Route("/search", self._search), Route("/reverse", self._reverse)])
        config = uvicorn.Config(app, host=self.host, port=self.port, log_level="warning", lifespan="off")
        self._server = uvicorn.Server(config)
        self._thread = threading.Thread(target=self._server.run, name="nominatim-stand-in", daemon=True)
        self._thread.start()
        deadline = time.monotonic() + 20
        while not self._server.started:
            if time.monotonic() > deadline or not self._thread.is_alive():
                raise RuntimeError("the Nominatim stand-in did not start")
            time.sleep(0.01)

    def stop(self) -> None:
        if self._server is not None and self._thread is not None:
            self._server.should_exit = True
            self._thread.join(timeout=10)


class SilentServer:
    """Accepts TCP connections (the kernel does, from the backlog) and never answers a byte."""

    def __init__(self, host: str = "127.0.0.1") -> None:
        self._socket = socket.socket()
        self._socket.bind((host, 0))
        self._socket.listen(64)
        self.url = f"http://{host}:{self._socket.getsockname()[1]}"

    def close(self) -> None:
        self._socket.close()

"""Locator and /geo/locate benchmark (issue 4; DESIGN §6 and §9).

    .venv/bin/python -m bench.locator [--lookups 200000] [--duration 10] [--concurrency 32] [--skip-http]

1. In-process: the shared locator (services.common.locator) holding 500 realistic municipality polygons —
   the 419 bundled Brandenburg boundaries plus 81 of them translated east, beside the state, so they do
   not overlap — answers lookups of points inside municipalities (the common case: a report's pin),
   gated at ≥ 20 000 lookups/s. Lookups of points outside every boundary (not_covered, which also finds
   the nearest municipality and its geodesic distance) and of points spread uniformly over the polygons'
   bounding box are printed beside it, not gated.
2. HTTP: `GET /api/v1/geo/locate` through gateway → NATS → geo, beside a bare FastAPI endpoint doing no
   work, in the same run: nats-server, `cityfix service geo`, `cityfix gateway` and the bare app (uvicorn)
   are each their own process on loopback; the load comes from this process (httpx, `--concurrency`
   requests in flight, closed loop, `--duration` seconds per endpoint). The geo service learns the 500
   boundaries from MunicipalityCreated events this script publishes on JetStream. Locate reads no
   database, so the figure does not depend on the Mongo backend. The gateway's per-address geo rate limit
   is raised for the run (CITYFIX_GEO_REQUESTS_PER_MINUTE, printed below): one client sends everything.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import random
import subprocess
import sys
import tempfile
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import nats
from fastapi import FastAPI
from shapely.affinity import translate
from shapely.geometry import Point, mapping, shape
from shapely.geometry.base import BaseGeometry

from cityfix_contracts import SystemActor, envelope_for
from cityfix_contracts.envelope import envelope_json
from cityfix_contracts.events import MunicipalityCreated
from services.common.demo import brandenburg_municipalities
from services.common.locator import Locator, Municipality
from services.common.nats_server import NatsServer, free_port

TARGET_LOOKUPS_PER_SECOND = 20_000.0
MUNICIPALITIES = 500
REPO = Path(__file__).resolve().parent.parent
CITYFIX = REPO / ".venv" / "bin" / "cityfix"
PYTHON = sys.executable
RATE_LIMIT_FOR_RUN = 10**9

bare_app = FastAPI()


@bare_app.get("/bare")
async def bare(lat: float, lon: float) -> dict[str, Any]:
    """The baseline: the same query parameters and a reply of the same shape, no work."""
    return {"municipality_id": "m0000", "slug": "bare", "name": "Bare"}


def municipalities() -> list[tuple[Municipality, BaseGeometry]]:
    real = sorted(brandenburg_municipalities().items())
    shapes = [(name, shape(b)) for name, b in real]
    west = min(g.bounds[0] for _, g in shapes)
    east = max(g.bounds[2] for _, g in shapes)
    shift = east - west + 0.05
    copies = [
        (f"{name} (copy)", translate(g, xoff=shift)) for name, g in shapes[: MUNICIPALITIES - len(shapes)]
    ]
    return [
        (Municipality(f"m{index:04d}", f"m{index:04d}", name), geometry)
        for index, (name, geometry) in enumerate(shapes + copies)
    ]


def points_inside(
    areas: Sequence[tuple[Municipality, BaseGeometry]], count: int, rng: random.Random
) -> list[tuple[float, float]]:
    found: list[tuple[float, float]] = []
    while len(found) < count:
        _, geometry = rng.choice(areas)
        west, south, east, north = geometry.bounds
        lon, lat = rng.uniform(west, east), rng.uniform(south, north)
        if geometry.contains(Point(lon, lat)):
            found.append((lat, lon))
    return found


def rate(locator: Locator, points: Sequence[tuple[float, float]], lookups: int) -> tuple[float, int]:
    covered = 0
    started = time.perf_counter()
    for i in range(lookups):
        lat, lon = points[i % len(points)]
        if locator.locate(lat, lon).municipality is not None:
            covered += 1
    return lookups / (time.perf_counter() - started), covered


def in_process(lookups: int) -> bool:
    rng = random.Random(20)
    areas = municipalities()
    locator = Locator()
    started = time.perf_counter()
    for municipality, geometry in areas:
        locator.put(municipality, geometry)
    locator.locate(52.4, 13.06)  # builds the index
    build_ms = (time.perf_counter() - started) * 1000
    inside = points_inside(areas, 10_000, rng)
    west = min(g.bounds[0] for _, g in areas)
    south = min(g.bounds[1] for _, g in areas)
    east = max(g.bounds[2] for _, g in areas)
    north = max(g.bounds[3] for _, g in areas)
    uniform = [(rng.uniform(south, north), rng.uniform(west, east)) for _ in range(10_000)]
    outside = [(rng.uniform(south - 2, south - 0.1), rng.uniform(west, east)) for _ in range(2_000)]
    covered_rate, covered = rate(locator, inside, lookups)
    uniform_rate, uniform_covered = rate(locator, uniform, min(lookups, 20_000))
    outside_rate, _ = rate(locator, outside, 2_000)
    verdict = covered_rate >= TARGET_LOOKUPS_PER_SECOND and covered == lookups
    print(
        f"locator: {len(areas)} municipalities ({len(areas) - 419} translated copies), index built in {build_ms:.0f} ms"
    )
    print(
        f"  points inside a municipality : {covered_rate:>10,.0f} lookups/s  ({lookups:,} lookups, all covered: {covered == lookups})"
    )
    print(
        f"  uniform over the bounding box: {uniform_rate:>10,.0f} lookups/s  ({uniform_covered / min(lookups, 20_000):.0%} covered)"
    )
    print(f"  outside everything (nearest) : {outside_rate:>10,.0f} lookups/s")
    print(f"  target ≥ {TARGET_LOOKUPS_PER_SECOND:,.0f} lookups/s inside: {'PASS' if verdict else 'FAIL'}")
    return verdict


@dataclass
class Load:
    name: str
    ok: int
    other: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rate(self) -> float:
        return self.ok / self.seconds

    def pct(self, p: float) -> float:
        ordered = sorted(self.latencies_ms)
        return ordered[min(len(ordered) - 1, int(p * len(ordered)))] if ordered else float("nan")


async def load(
    name: str, url: str, points: Sequence[tuple[float, float]], duration: float, concurrency: int
) -> Load:
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    ok = other = 0
    latencies: list[float] = []
    async with httpx.AsyncClient(limits=limits, timeout=10, trust_env=False) as http:
        for lat, lon in points[:200]:  # warm up
            await http.get(url, params={"lat": lat, "lon": lon})
        stop = time.perf_counter() + duration

        async def worker(offset: int) -> None:
            nonlocal ok, other
            i = offset
            while time.perf_counter() < stop:
                lat, lon = points[i % len(points)]
                i += concurrency
                sent = time.perf_counter()
                response = await http.get(url, params={"lat": lat, "lon": lon})
                latencies.append((time.perf_counter() - sent) * 1000)
                if response.status_code == 200:
                    ok += 1
                else:
                    other += 1

        started = time.perf_counter()
        await asyncio.gather(*(worker(i) for i in range(concurrency)))
        elapsed = time.perf_counter() - started
    return Load(name, ok, other, elapsed, latencies)


def spawn(command: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO)


async def wait_for(url: str, params: dict[str, float], timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    async with httpx.AsyncClient(timeout=2, trust_env=False) as http:
        while time.monotonic() < deadline:
            with contextlib.suppress(httpx.HTTPError):
                if (await http.get(url, params=params)).status_code == 200:
                    return
            await asyncio.sleep(0.2)
    raise RuntimeError(f"{url} did not answer 200 within {timeout} s")


async def publish_boundaries(nats_url: str, areas: Sequence[tuple[Municipality, BaseGeometry]]) -> None:
    connection = await nats.connect(nats_url)
    try:
        js = connection.jetstream()
        acks = []
        for municipality, geometry in areas:
            event = MunicipalityCreated(
                municipality_id=municipality.id,
                name=municipality.name,
                slug=municipality.slug,
                reference_prefix="BEN",
                boundary=dict(mapping(geometry)),
            )
            envelope = envelope_for(
                event,
                aggregate_id=municipality.id,
                sequence=1,
                actor=SystemActor(system="bench"),
                correlation_id="bench-locator",
                municipality_id=municipality.id,
            )
            acks.append(js.publish(envelope.subject, envelope_json(envelope), headers=envelope.headers()))
            if len(acks) >= 64:
                await asyncio.gather(*acks)
                acks = []
        await asyncio.gather(*acks)
    finally:
        await connection.drain()


async def over_http(duration: float, concurrency: int) -> None:
    areas = municipalities()
    points = points_inside(areas, 5_000, random.Random(21))
    processes: dict[str, subprocess.Popen[bytes]] = {}
    with tempfile.TemporaryDirectory(prefix="cityfix-bench-locator-") as tmp_dir:
        tmp = Path(tmp_dir)
        server = NatsServer(tmp / "nats", log_file=tmp / "nats-server.log")
        server.start()
        env = {k: v for k, v in os.environ.items() if not k.startswith("CITYFIX_")}
        env |= {
            "CITYFIX_NATS_URL": server.url,
            "CITYFIX_DATABASE_PREFIX": f"bench_{uuid.uuid4().hex[:8]}_",
            "CITYFIX_GEO_REQUESTS_PER_MINUTE": str(RATE_LIMIT_FOR_RUN),
            "CITYFIX_OUTBOX_POLL_SECONDS": "0.2",
        }
        gateway_port, bare_port = free_port(), free_port()
        try:
            processes["geo"] = spawn([str(CITYFIX), "service", "geo"], tmp / "geo.log", env)
            processes["gateway"] = spawn(
                [str(CITYFIX), "gateway", "--host", "127.0.0.1", "--port", str(gateway_port)],
                tmp / "gateway.log",
                env,
            )
            processes["bare"] = spawn(
                [
                    PYTHON,
                    "-m",
                    "uvicorn",
                    "bench.locator:bare_app",
                    "--host",
                    "127.0.0.1",
                    "--port",
                    str(bare_port),
                    "--log-level",
                    "warning",
                    "--no-access-log",
                ],
                tmp / "bare.log",
                env,
            )
            gateway_url = f"http://127.0.0.1:{gateway_port}/api/v1/geo/locate"
            bare_url = f"http://127.0.0.1:{bare_port}/bare"
            await wait_for(bare_url, {"lat": 52.4, "lon": 13.06})
            # geo creates the streams when it starts: wait for it to answer (404: it holds nothing yet)
            deadline = time.monotonic() + 120
            async with httpx.AsyncClient(timeout=2, trust_env=False) as http:
                while time.monotonic() < deadline:
                    with contextlib.suppress(httpx.HTTPError):
                        if (await http.get(gateway_url, params={"lat": 0.0, "lon": 0.0})).status_code == 404:
                            break
                    await asyncio.sleep(0.2)
            started = time.perf_counter()
            await publish_boundaries(server.url, areas)
            last = points_inside(areas[-1:], 1, random.Random(1))[0]
            first = points_inside(areas[:1], 1, random.Random(1))[0]
            await wait_for(gateway_url, {"lat": last[0], "lon": last[1]})
            await wait_for(gateway_url, {"lat": first[0], "lon": first[1]})
            print(
                f"\nHTTP: geo projected {len(areas)} boundaries from events in {time.perf_counter() - started:.1f} s"
            )
            print(
                f"  gateway's geo rate limit raised for this run: CITYFIX_GEO_REQUESTS_PER_MINUTE={RATE_LIMIT_FOR_RUN}"
            )
            bare_load = await load("bare FastAPI endpoint", bare_url, points, duration, concurrency)
            geo_load = await load("GET /api/v1/geo/locate", gateway_url, points, duration, concurrency)
            print(
                f"  {concurrency} requests in flight, {duration:.0f} s each, closed loop, one client process"
            )
            for result in (bare_load, geo_load):
                print(
                    f"  {result.name:<26} {result.rate:>8,.0f} req/s   p50 {result.pct(0.5):6.1f} ms   "
                    f"p99 {result.pct(0.99):6.1f} ms   non-200: {result.other}"
                )
            print(
                f"  locate / bare: {geo_load.rate / bare_load.rate:.0%} (DESIGN §9's read budget is ≥ 40 %; printed, not gated here)"
            )
        finally:
            for process in processes.values():
                process.terminate()
            for name, process in processes.items():
                try:
                    process.wait(timeout=10)
                except subprocess.TimeoutExpired:
                    process.kill()
                if process.returncode not in (0, -15):
                    print(
                        f"  ({name} exited {process.returncode}; log tail:)",
                        (tmp / f"{name}.log").read_text()[-800:],
                    )
            server.stop()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--lookups", type=int, default=200_000)
    parser.add_argument("--duration", type=float, default=10.0)
    parser.add_argument("--concurrency", type=int, default=32)
    parser.add_argument("--skip-http", action="store_true")
    args = parser.parse_args(argv)
    verdict = in_process(args.lookups)
    if not args.skip_http:
        asyncio.run(over_http(args.duration, args.concurrency))
    return 0 if verdict else 1


if __name__ == "__main__":
    sys.exit(main())

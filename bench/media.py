"""Photo processing benchmark (photos issue; DESIGN §7 and §9).

    .venv/bin/python -m bench.media [--samples 3] [--rate 20] [--duration 20] [--repeats 3]
                                    [--workers 1] [--topology processes|dev] [--link-mbps 0]
                                    [--intake-mbps N] [--json PATH]

Two parts:

1. Processing: the time of `services.media.domain` checking, decoding, turning upright and re-encoding
   one 12 MP JPEG (4000 × 3000, made with Pillow here) into the served photo and its thumbnail, in this
   process with Pillow set up as in the service's workers, `--samples` times (median, min, max).
2. Health under upload load: a stack on free loopback ports (`--topology`: `processes`, the default,
   nats-server and each service and the gateway in its own process as compose runs them; or `dev`,
   `cityfix dev --demo` with everything around one asyncio loop), the media store in JetStream's Object
   Store, with `CITYFIX_MEDIA_PROCESSING_WORKERS=--workers` (default 1: one processing worker process).
   It runs open-loop `GET /api/v1/health` at `--rate` per second for `--duration` s, idle, and again
   while two clients upload that 12 MP photo continuously (each sends the next upload when the previous
   one answers, so two are always in flight; each sends its upload as fast as loopback carries it, or
   at most `--link-mbps` Mbit/s, as a phone's uplink delivers it); the gateway reads all uploads
   together at most at its `media_upload_bytes_per_second` (its default unless `--intake-mbps` sets it;
   0: no limit); `--repeats` pairs of the two phases,
   idle first in odd pairs and loaded first in even ones. The uploading clients run in a process of
   their own, as other people's phones would: in this process they would delay the health client. It
   prints the health p50/p99 of every phase, the uploads done and their p50, and PASS or FAIL against
   the issue's budget: the loaded p99 stays within 1.5 × the idle one (each the median over its phases:
   the p99 of a few hundred requests on two shared cores moves from run to run by more than that
   margin), with no upload refused.

Open loop: health requests leave on a fixed schedule whatever the answers, and latency counts from the
scheduled time. The uploads come from many citizens, as in a city: citizens registered through the API,
each used for at most its hourly limit of uploads (`media_uploads_per_hour`, 100, left at its default),
fresh ones for each loaded phase, signed in just before it (access tokens live 15 minutes), so no
upload is refused. One account uploading everything with the
limit lifted would measure the in-process Mongo engine instead, which serves the stack here (the output
says so): it has no indexes, so an account's upload check reads through all of its photos, 30 ms on the
media service's loop per upload after 1,500 of them, and the loaded p99 then grew pair after pair; a
real MongoDB answers that check from the (owner_id, created_at) index.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import math
import multiprocessing
import secrets
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

import httpx
from PIL import Image

from bench.auth import (
    HEALTH,
    LOGIN,
    Stack,
    Stream,
    open_loop,
    percentile,
    start_stack,
    stop_stack,
    wait_healthy,
)
from gateway.settings import GatewaySettings
from services.media.domain import Limits, inspect, render
from services.media.processing import keep_image_memory
from services.media.settings import MediaSettings

BUDGET_P99_RATIO = 1.5
STACKS = {
    "processes": "nats-server, each service and the gateway in its own process, as compose runs them",
    "dev": "cityfix dev --demo: the gateway and every service around one asyncio loop in one process",
}
UPLOADERS = 2
# Each account's hourly upload limit, at its default.
ACCOUNT_UPLOADS: int = MediaSettings.model_fields["media_uploads_per_hour"].default
PEAK_UPLOADS_PER_S = 15  # per processing worker; one does about 9 a second here: accounts to spare
UPLOAD_LEAD = 3.0  # s of uploading before the loaded phase starts, so two are in flight from its start
PIECE = 64 * 1024  # bytes an uploading client sends at a time when its link speed is set
INTAKE_DEFAULT: int = GatewaySettings.model_fields["media_upload_bytes_per_second"].default


def intake_bytes(intake_mbps: float) -> int:
    """CITYFIX_MEDIA_UPLOAD_BYTES_PER_SECOND for a rate in Mbit/s."""
    return round(intake_mbps * 1e6 / 8)


def intake_note(intake_mbps: float | None) -> str:
    if intake_mbps == 0:
        return "the gateway reads uploads with no limit (CITYFIX_MEDIA_UPLOAD_BYTES_PER_SECOND=0)"
    if intake_mbps is None:
        return (
            f"the gateway reads all uploads together at most at {INTAKE_DEFAULT * 8 / 1e6:g} Mbit/s "
            "(media_upload_bytes_per_second, its default)"
        )
    return (
        f"the gateway reads all uploads together at most at {intake_mbps:g} Mbit/s "
        f"(CITYFIX_MEDIA_UPLOAD_BYTES_PER_SECOND={intake_bytes(intake_mbps)})"
    )


def twelve_megapixels() -> bytes:
    """A 4000 × 3000 JPEG with gradients and noise, about the size a phone writes (a few MB)."""
    width, height = 4000, 3000
    red = Image.linear_gradient("L").resize((width, height))
    green = Image.linear_gradient("L").rotate(90).resize((width, height))
    blue = Image.effect_noise((width, height), 48)
    out = io.BytesIO()
    Image.merge("RGB", (red, green, blue)).save(out, format="JPEG", quality=90)
    return out.getvalue()


def measure_processing(photo: bytes, samples: int) -> dict[str, Any]:
    limits = Limits(max_pixels=40_000_000)
    times = []
    for _ in range(samples):
        started = time.perf_counter()
        rendered = render(photo, inspect(photo, limits), limits)
        times.append(time.perf_counter() - started)
    return {
        "input_bytes": len(photo),
        "photo_bytes": len(rendered.photo.data),
        "thumbnail_bytes": len(rendered.thumbnail.data),
        "median_s": statistics.median(times),
        "min_s": min(times),
        "max_s": max(times),
        "samples": samples,
    }


class Accounts:
    """Citizens' access tokens, each used for at most ACCOUNT_UPLOADS uploads, one account after another."""

    def __init__(self, tokens: list[str]) -> None:
        self.tokens = list(tokens)
        self.used = 0

    def take(self) -> str | None:
        """The token for the next upload, or None when every account has reached its limit."""
        if self.tokens and self.used >= ACCOUNT_UPLOADS:
            self.tokens.pop(0)
            self.used = 0
        if not self.tokens:
            return None
        self.used += 1
        return self.tokens[0]


def multipart(photo: bytes) -> tuple[bytes, str]:
    """The upload's body and its Content-Type, as httpx encodes `files=`."""
    request = httpx.Request("POST", "http://bench/", files={"file": ("bench.jpg", photo, "image/jpeg")})
    return request.read(), request.headers["Content-Type"]


async def at_link_speed(body: bytes, bytes_per_s: float) -> AsyncIterator[bytes]:
    """`body` in PIECE-sized pieces, no faster than `bytes_per_s`, as a phone's uplink delivers it."""
    started = time.perf_counter()
    for offset in range(0, len(body), PIECE):
        delay = started + offset / bytes_per_s - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        yield body[offset : offset + PIECE]


async def upload_continuously(
    http: httpx.AsyncClient,
    photo: bytes,
    accounts: Accounts,
    until: float,
    done: list[float],
    errors: list[str],
    link_mbps: float,
) -> None:
    body, content_type = multipart(photo)
    while time.perf_counter() < until:
        token = accounts.take()
        if token is None:
            errors.append(f"every account of the phase reached its {ACCOUNT_UPLOADS} uploads an hour")
            return
        headers = {"Authorization": f"Bearer {token}", "Content-Type": content_type}
        started = time.perf_counter()
        if link_mbps > 0:
            headers["Content-Length"] = str(len(body))  # as a browser sends it: the size is known
            content: bytes | AsyncIterator[bytes] = at_link_speed(body, link_mbps * 1e6 / 8)
        else:
            content = body
        response = await http.post("/api/v1/media", content=content, headers=headers)
        if response.status_code == 201:
            done.append(time.perf_counter() - started)
        else:
            errors.append(f"HTTP {response.status_code}: {response.text[:200]}")
            await asyncio.sleep(0.5)


def uploaders(
    base_url: str, tokens: list[str], photo: bytes, seconds: float, link_mbps: float
) -> tuple[list[float], list[str]]:
    """UPLOADERS clients uploading continuously for `seconds` with the accounts of `tokens`, each at most
    at `link_mbps` (0: as fast as loopback carries it), run in a process of their own: sending photos
    would otherwise share this process's loop with the health client and delay its requests."""

    async def run() -> tuple[list[float], list[str]]:
        done: list[float] = []
        errors: list[str] = []
        accounts = Accounts(tokens)
        until = time.perf_counter() + seconds
        async with httpx.AsyncClient(base_url=base_url, timeout=120.0) as http:
            await asyncio.gather(
                *(
                    upload_continuously(http, photo, accounts, until, done, errors, link_mbps)
                    for _ in range(UPLOADERS)
                )
            )
        return done, errors

    return asyncio.run(run())


def accounts_per_phase(duration: float, workers: int) -> int:
    return math.ceil(PEAK_UPLOADS_PER_S * workers * (UPLOAD_LEAD + duration) / ACCOUNT_UPLOADS)


async def register_citizens(http: httpx.AsyncClient, count: int) -> list[tuple[str, str]]:
    """`count` new citizen accounts, registered through the API: their emails and passwords."""
    accounts = []
    run = secrets.token_hex(4)
    for n in range(count):
        email, password = f"bench-uploader-{run}-{n}@example.org", secrets.token_urlsafe(18)
        registered = await http.post(
            "/api/v1/auth/register",
            json={"email": email, "password": password, "full_name": f"Bench uploader {n}"},
        )
        if registered.status_code != 201:
            raise RuntimeError(
                f"registering an uploader failed: {registered.status_code} {registered.text[:300]}"
            )
        accounts.append((email, password))
    return accounts


async def sign_in(http: httpx.AsyncClient, accounts: list[tuple[str, str]]) -> list[str]:
    """Fresh access tokens (they live 15 minutes) for `accounts`, just before they upload."""
    tokens = []
    for email, password in accounts:
        login = await http.post(LOGIN, json={"email": email, "password": password})
        login.raise_for_status()
        tokens.append(login.json()["access_token"])
    return tokens


async def health_phase(stack: Stack, name: str, rate: float, duration: float) -> dict[str, Any]:
    limits = httpx.Limits(max_connections=64, max_keepalive_connections=64)
    async with httpx.AsyncClient(base_url=stack.base_url, timeout=30.0, limits=limits) as http:
        stream = Stream(name, rate, duration)
        await open_loop(stream, lambda: http.get(HEALTH), time.perf_counter() + 0.1, 64)
        return stream.summary()


async def loaded_phase(
    stack: Stack,
    clients: ProcessPoolExecutor,
    tokens: list[str],
    photo: bytes,
    rate: float,
    duration: float,
    link_mbps: float,
) -> tuple[dict[str, Any], list[float], list[str]]:
    """Health while UPLOADERS clients upload continuously (from UPLOAD_LEAD s before the phase to its end,
    so two are in flight from its start); returns when their last uploads have answered."""
    uploading = asyncio.get_running_loop().run_in_executor(
        clients, uploaders, stack.base_url, tokens, photo, UPLOAD_LEAD + duration, link_mbps
    )
    await asyncio.sleep(UPLOAD_LEAD)
    loaded = await health_phase(stack, f"health, {UPLOADERS} uploads in flight", rate, duration)
    done, errors = await uploading
    return loaded, done, errors


async def measure_under_load(
    photo: bytes,
    rate: float,
    duration: float,
    workers: int,
    topology: str,
    repeats: int,
    link_mbps: float,
    intake_mbps: float | None,
) -> dict[str, Any]:
    """`repeats` pairs of an idle and a loaded phase on one stack: idle first in odd pairs, loaded first
    in even ones, so a drift over the run favours neither side."""
    idle: list[dict[str, Any]] = []
    loaded: list[dict[str, Any]] = []
    done: list[float] = []
    errors: list[str] = []
    with tempfile.TemporaryDirectory(prefix="bench-media-") as tmp:
        settings = {"CITYFIX_MEDIA_PROCESSING_WORKERS": str(workers)}
        if intake_mbps is not None:
            settings["CITYFIX_MEDIA_UPLOAD_BYTES_PER_SECOND"] = str(intake_bytes(intake_mbps))
        stack = start_stack(topology, Path(tmp), None, settings)
        try:
            await wait_healthy(stack, timeout=180)
            per_phase = accounts_per_phase(duration, workers)
            async with httpx.AsyncClient(base_url=stack.base_url, timeout=120.0) as http:
                citizens = await register_citizens(http, 1 + per_phase * repeats)
                warm = await http.post(
                    "/api/v1/media",
                    files={"file": ("bench.jpg", photo, "image/jpeg")},
                    headers={"Authorization": f"Bearer {(await sign_in(http, [citizens.pop()]))[0]}"},
                )
                if warm.status_code != 201:
                    raise RuntimeError(f"the warm-up upload failed: {warm.status_code} {warm.text[:300]}")
            spawn_context = multiprocessing.get_context("spawn")
            with ProcessPoolExecutor(max_workers=1, mp_context=spawn_context) as clients:
                for pair in range(repeats):
                    for phase in ("idle", "loaded") if pair % 2 == 0 else ("loaded", "idle"):
                        if phase == "idle":
                            idle.append(await health_phase(stack, "health, idle", rate, duration))
                            continue
                        phase_citizens, citizens = citizens[:per_phase], citizens[per_phase:]
                        async with httpx.AsyncClient(base_url=stack.base_url, timeout=120.0) as http:
                            phase_tokens = await sign_in(http, phase_citizens)
                        measured, uploaded, failed = await loaded_phase(
                            stack, clients, phase_tokens, photo, rate, duration, link_mbps
                        )
                        loaded.append(measured)
                        done += uploaded
                        errors += failed
        finally:
            stopped = stop_stack(stack)
    uploads = sorted(done)
    return {
        "stack": f"{STACKS[topology]} ({stack.backend}); CITYFIX_MEDIA_PROCESSING_WORKERS={workers}; "
        f"{stack.environment_note}; uploads from {per_phase} new citizens per loaded phase, each at most "
        f"{ACCOUNT_UPLOADS} (its hourly limit); "
        + (
            f"each client sends at most {link_mbps:g} Mbit/s"
            if link_mbps > 0
            else "each client sends as fast as loopback carries it"
        )
        + f"; {intake_note(intake_mbps)}",
        "stopped": stopped,
        "idle": idle,
        "loaded": loaded,
        "uploads_done": len(uploads),
        "uploads_per_s": len(uploads) / (repeats * (UPLOAD_LEAD + duration)),
        "upload_p50_s": percentile(uploads, 50),
        "upload_errors": errors[:5],
    }


def median_p99(phases: list[dict[str, Any]]) -> float | None:
    values = [phase["p99_ms"] for phase in phases if phase["p99_ms"] is not None]
    return statistics.median(values) if len(values) == len(phases) and values else None


def ms(value: float | None) -> str:
    return "-" if value is None else f"{value:.1f} ms"


async def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--samples", type=int, default=3)
    parser.add_argument("--rate", type=float, default=20.0, help="health requests per second")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per phase")
    parser.add_argument("--repeats", type=int, default=3, help="pairs of an idle and a loaded phase")
    parser.add_argument("--workers", type=int, default=1, help="the media service's processing processes")
    parser.add_argument("--topology", choices=sorted(STACKS), default="processes")
    parser.add_argument(
        "--link-mbps",
        type=float,
        default=0.0,
        help="each uploading client's link speed in Mbit/s (0, the default: as fast as loopback carries it)",
    )
    parser.add_argument(
        "--intake-mbps",
        type=float,
        default=None,
        help="the gateway's upload intake in Mbit/s, all uploads together (0: no limit; default: the "
        "gateway's own default)",
    )
    parser.add_argument("--json", type=Path, default=None)
    args = parser.parse_args()

    photo = twelve_megapixels()
    keep_image_memory()  # as the service's processing workers do
    processing = measure_processing(photo, args.samples)
    print("1. processing one 12 MP JPEG (4000 × 3000) in this process, Pillow set up as in the workers")
    print(
        f"   input {processing['input_bytes'] / 1e6:.1f} MB → photo {processing['photo_bytes'] / 1e3:.0f} kB, "
        f"thumbnail {processing['thumbnail_bytes'] / 1e3:.0f} kB"
    )
    print(
        f"   median {processing['median_s'] * 1000:.0f} ms (min {processing['min_s'] * 1000:.0f}, "
        f"max {processing['max_s'] * 1000:.0f}) over {processing['samples']} runs"
    )

    print(
        f"2. GET {HEALTH} at {args.rate:g}/s, {args.repeats} pair(s) of {args.duration:g} s phases, idle and "
        "under upload load"
    )
    load = await measure_under_load(
        photo,
        args.rate,
        args.duration,
        args.workers,
        args.topology,
        args.repeats,
        args.link_mbps,
        args.intake_mbps,
    )
    print(f"   stack: {load['stack']}")
    for phase in load["idle"] + load["loaded"]:
        print(
            f"   {phase['name']:<32} p50 {ms(phase['p50_ms']):>10}  p99 {ms(phase['p99_ms']):>10}  "
            f"achieved {phase['achieved_rate'] or 0:.1f}/s  errors {phase['errors'] or 'none'}"
        )
    upload_p50 = load["upload_p50_s"]
    print(
        f"   uploads done in the loaded phases and the {UPLOAD_LEAD:g} s before each: {load['uploads_done']} "
        f"(about {load['uploads_per_s']:.1f}/s, p50 {'-' if upload_p50 is None else f'{upload_p50:.2f} s'}); errors: {load['upload_errors'] or 'none'}"
    )
    idle_p99, loaded_p99 = median_p99(load["idle"]), median_p99(load["loaded"])
    verdict = (
        idle_p99 is not None
        and loaded_p99 is not None
        and load["uploads_done"] > 0
        and not load["upload_errors"]
        and loaded_p99 <= BUDGET_P99_RATIO * idle_p99
    )
    ratio = f"{loaded_p99 / idle_p99:.2f}" if idle_p99 and loaded_p99 else "-"
    pairs = ", ".join(
        f"{b['p99_ms'] / a['p99_ms']:.2f}"
        for a, b in zip(load["idle"], load["loaded"], strict=True)
        if a["p99_ms"] and b["p99_ms"]
    )
    print(
        f"   loaded p99 / idle p99 = {ratio} (of the medians over the pairs; budget ≤ {BUDGET_P99_RATIO:g}): "
        f"{'PASS' if verdict else 'FAIL'}; per pair: {pairs}"
    )
    print(f"   {load['stopped']}")
    if args.json is not None:
        args.json.write_text(
            json.dumps({"processing": processing, "under_load": load}, indent=2, default=str)
        )
    return 0 if verdict else 1


if __name__ == "__main__":
    with contextlib.suppress(KeyboardInterrupt):
        raise SystemExit(asyncio.run(main()))

"""Tickets through the gateway: authenticated GET /api/v1/tickets/{id} and POST /api/v1/tickets against a
bare FastAPI endpoint measured in the same run (tickets issue; DESIGN §9).

    .venv/bin/python -m bench.tickets [--duration 10] [--max-duration 5] [--concurrency 16] [--json PATH]
    .venv/bin/python -m bench.tickets --quick           # a quick look, about 30 s

It starts, each as its own process on free loopback ports: nats-server, the tickets service, the
gateway (`cityfix gateway`, uvicorn) and a bare FastAPI app (uvicorn with the gateway's settings). The
tickets service runs on a real MongoDB when `CITYFIX_TEST_MONGO_URL` names one (`cityfix service
tickets`); otherwise on the in-memory repository adapter (services/tickets/memory.py), because the
in-process Mongo engine cannot carry these budgets (DESIGN §9). The output says which.

This process plays the auth and admin services: it publishes MunicipalityCreated (Potsdam's real
boundary), CategoryChanged and UserRegistered (`--citizens` citizens) as they would, answers the
gateway's GetJwks, and signs the citizens' access tokens with that key. Both of the tickets service's
rate limits are raised for the run (each citizen files hundreds of reports, all from 127.0.0.1), and the
output says so.

Measured, each from this process with a small keep-alive HTTP/1.1 client:
- max throughput: a closed loop, `--concurrency` connections each sending back to back;
- latency at a fixed arrival rate: an open loop, requests sent on schedule whatever the answers, latency
  counted from the scheduled time, with the rate actually achieved;
for the bare endpoint (max, and half of it; its max again at the end, to show drift), GET (max, and half
of it), POST (200/s, and max). Verdicts against DESIGN §9: GET ≥ 40 % of the bare endpoint's throughput
and p99 ≤ 25 ms at half its max; POST p99 ≤ 50 ms at 200/s and ≥ 400/s. Exit status 1 on any FAIL.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import platform
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, TextIO

import nats
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from nats.aio.client import Client as NatsClient

from bench.auth import (
    CITYFIX,
    clean_env,
    machine_busy_seconds,
    now,
    percentile,
    proc_cpu_seconds,
    spawn,
)
from cityfix_contracts import Envelope, RpcContext, SystemActor, UserActor, envelope_for
from cityfix_contracts.commands.auth import GetJwks, Jwks
from cityfix_contracts.events import CategoryChanged, MunicipalityCreated, UserRegistered
from cityfix_contracts.rpc import RpcReply, health_subject
from services.common.demo import demo_boundary
from services.common.nats_server import NatsServer, free_port
from services.common.rpc import RpcClient, RpcFailure
from services.common.streams import ensure_streams
from services.common.tokens import TokenIssuer, public_jwk

MONGO_ENV = "CITYFIX_TEST_MONGO_URL"
HOST = "127.0.0.1"

# DESIGN §9
GET_SHARE_BUDGET = 0.40  # of the bare endpoint's throughput
GET_P99_BUDGET_MS = 25.0  # at half GET's max rate
POST_RATE = 200.0
POST_P99_BUDGET_MS = 50.0  # at POST_RATE
POST_MAX_BUDGET = 400.0  # per second
ACHIEVED_SHARE = 0.95  # an open-loop row fails below this share of its target rate

RAISED_LIMIT = 10_000_000  # both report limits, far above the reports one run files
DEFAULT_LIMITS = {"CITYFIX_REPORTS_PER_HOUR": 20, "CITYFIX_REPORTS_PER_ADDRESS_PER_HOUR": 20}

MUNICIPALITY = "m-bench-potsdam"
CATEGORY = "c-bench-pothole"
CITIZEN = "u-bench-citizen-{}"
POINT = {"lat": 52.40, "lon": 13.06}  # in Potsdam
SEEDED_TICKETS = 100  # GET asks for these in turn
STOP_TIMEOUT = 20.0


# ----- a small keep-alive HTTP/1.1 client ------------------------------------------------------------------
# httpx costs several times more CPU per request than the servers measured here; on a shared 2-core box
# the client would be the bottleneck of the bare endpoint and flatter every ratio.


class Connection:
    def __init__(self, port: int) -> None:
        self.port = port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def exchange(self, request: bytes) -> tuple[int, bytes]:
        """Send one request and read its answer (Content-Length bodies, as FastAPI sends them)."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(HOST, self.port)
        assert self.reader is not None
        try:
            self.writer.write(request)
            head = await self.reader.readuntil(b"\r\n\r\n")
            status = int(head[9:12])
            length = 0
            for line in head.split(b"\r\n")[1:]:
                name, _, value = line.partition(b":")
                if name.strip().lower() == b"content-length":
                    length = int(value)
            body = await self.reader.readexactly(length) if length else b""
            return status, body
        except BaseException:
            self.close()
            raise

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


def http_request(
    method: str, path: str, port: int, token: str | None = None, body: bytes | None = None
) -> bytes:
    lines = [f"{method} {path} HTTP/1.1", f"Host: {HOST}:{port}"]
    if token is not None:
        lines.append(f"Authorization: Bearer {token}")
    if body is not None:
        lines += ["Content-Type: application/json", f"Content-Length: {len(body)}"]
    return ("\r\n".join(lines) + "\r\n\r\n").encode() + (body or b"")


# ----- load ---------------------------------------------------------------------------------------------


@dataclass
class Phase:
    """One measured load: closed (max throughput) or open (fixed arrival rate)."""

    name: str
    mode: str
    duration: float
    concurrency: int
    target_rate: float | None = None
    scheduled: int = 0
    skipped: int = 0  # open loop: not sent, the client's backlog bound was full
    ok: int = 0
    errors: Counter[str] = field(default_factory=Counter)
    latencies_ms: list[float] = field(default_factory=list)
    elapsed: float = 0.0
    cpu: dict[str, float | None] = field(default_factory=dict)

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        return {
            "name": self.name,
            "mode": self.mode,
            "duration_s": self.duration,
            "concurrency": self.concurrency,
            "target_rate": self.target_rate,
            "scheduled": self.scheduled,
            "skipped_client_bound": self.skipped,
            "ok": self.ok,
            "errors": dict(self.errors),
            "rate": self.ok / self.elapsed if self.elapsed else None,
            "p50_ms": percentile(lat, 50),
            "p99_ms": percentile(lat, 99),
            "max_ms": lat[-1] if lat else None,
            "cores": self.cpu,
        }


Requests = Callable[[int], bytes]


async def closed_loop(phase: Phase, port: int, requests: Requests, expect: int) -> Phase:
    """`phase.concurrency` connections, each sending its next request as soon as the last is answered."""
    deadline = now() + phase.duration
    counter = iter(range(10**12))

    async def worker() -> None:
        connection = Connection(port)
        try:
            while now() < deadline:
                sent = now()
                try:
                    status, _ = await connection.exchange(requests(next(counter)))
                except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
                    phase.errors[type(exc).__name__] += 1
                    continue
                if status == expect:
                    phase.ok += 1
                    phase.latencies_ms.append((now() - sent) * 1000)
                else:
                    phase.errors[f"HTTP {status}"] += 1
        finally:
            connection.close()

    started = now()
    await asyncio.gather(*(worker() for _ in range(phase.concurrency)))
    phase.elapsed = now() - started
    phase.scheduled = phase.ok + sum(phase.errors.values())
    return phase


async def open_loop(phase: Phase, port: int, requests: Requests, expect: int, backlog: int) -> Phase:
    """`phase.target_rate` requests a second on schedule; latency from the scheduled time. Requests wait
    for one of `phase.concurrency` connections; past `backlog` waiting, a request is skipped (and fails
    the row)."""
    assert phase.target_rate is not None
    rate = phase.target_rate
    pool: asyncio.Queue[Connection] = asyncio.Queue()
    for _ in range(phase.concurrency):
        pool.put_nowait(Connection(port))
    count = max(1, round(rate * phase.duration))
    phase.scheduled = count
    waiting: set[asyncio.Task[None]] = set()
    last_done = 0.0

    async def one(index: int, scheduled: float) -> None:
        nonlocal last_done
        connection = await pool.get()
        try:
            status, _ = await connection.exchange(requests(index))
        except (OSError, asyncio.IncompleteReadError, ValueError) as exc:
            phase.errors[type(exc).__name__] += 1
            return
        finally:
            pool.put_nowait(connection)
            last_done = now()
        if status == expect:
            phase.ok += 1
            phase.latencies_ms.append((now() - scheduled) * 1000)
        else:
            phase.errors[f"HTTP {status}"] += 1

    start = now() + 0.05
    for i in range(count):
        scheduled = start + i / rate
        delay = scheduled - now()
        if delay > 0:
            await asyncio.sleep(delay)
        if len(waiting) >= backlog:
            phase.skipped += 1
            continue
        task = asyncio.create_task(one(i, scheduled))
        waiting.add(task)
        task.add_done_callback(waiting.discard)
    if waiting:
        await asyncio.gather(*waiting)
    while not pool.empty():
        pool.get_nowait().close()
    # The rate achieved: answers over the scheduled span, or until the last answer if that came later.
    phase.elapsed = max(phase.duration, last_done - start)
    return phase


# ----- the stack ----------------------------------------------------------------------------------------


@dataclass
class Stack:
    tmp: Path
    nats: NatsServer
    processes: dict[str, subprocess.Popen[bytes]]
    logs: dict[str, Path]
    gateway_port: int
    bare_port: int
    backend: str
    mongo_url: str | None = None
    database_prefix: str | None = None

    def pids(self) -> dict[str, int]:
        pids = {name: process.pid for name, process in self.processes.items()}
        if self.nats.process is not None:
            pids["nats-server"] = self.nats.process.pid
        return pids

    def exited(self) -> str | None:
        gone = [f"{name} ({p.returncode})" for name, p in self.processes.items() if p.poll() is not None]
        return ", ".join(gone) or None

    def tail(self, lines: int = 8) -> str:
        out = []
        for name, path in self.logs.items():
            with contextlib.suppress(OSError):
                out += [f"[{name}] {line}" for line in path.read_text(errors="replace").splitlines()[-lines:]]
        return "\n".join(out)


def start_stack(tmp: Path, mongo_url: str | None) -> Stack:
    env = clean_env()
    nats_server = NatsServer(tmp / "nats", log_file=tmp / "nats-server.log")
    nats_server.start()
    env["CITYFIX_NATS_URL"] = nats_server.url
    gateway_port, bare_port = free_port(), free_port()
    stack = Stack(tmp, nats_server, {}, {"nats-server": tmp / "nats-server.log"}, gateway_port, bare_port, "")
    tickets_env = {**env, **{name: str(RAISED_LIMIT) for name in DEFAULT_LIMITS}}
    try:
        if mongo_url:
            prefix = f"bench_tickets_{uuid.uuid4().hex[:8]}_"
            tickets_env.update(CITYFIX_MONGO_URL=mongo_url, CITYFIX_DATABASE_PREFIX=prefix)
            stack.mongo_url, stack.database_prefix = mongo_url, prefix
            stack.backend = f"real MongoDB ({MONGO_ENV}; database {prefix}tickets, dropped afterwards)"
            tickets_command = [str(CITYFIX), "service", "tickets"]
        else:
            stack.backend = (
                f"in-memory repository adapter (services/tickets/memory.py), because {MONGO_ENV} is not set: "
                "the same handlers, gateway, NATS and outbox relay, with dicts instead of MongoDB; "
                "NOT the system's speed on a database (the in-process Mongo engine is never measured)"
            )
            tickets_command = [sys.executable, "-m", "bench.tickets", "--serve", "tickets-memory"]
        for name, command, own_env in (
            ("tickets", tickets_command, tickets_env),
            ("gateway", [str(CITYFIX), "gateway", "--host", HOST, "--port", str(gateway_port)], env),
            (
                "bare",
                [sys.executable, "-m", "bench.tickets", "--serve", "bare", "--port", str(bare_port)],
                env,
            ),
        ):
            stack.logs[name] = tmp / f"{name}.log"
            stack.processes[name] = spawn(command, stack.logs[name], own_env)
    except BaseException:
        stop_stack(stack)
        raise
    return stack


def stop_stack(stack: Stack) -> str:
    """SIGTERM the gateway and the bare app, then the tickets service, then nats-server."""
    codes = []
    for group in (("gateway", "bare"), ("tickets",)):
        running = [n for n in group if n in stack.processes and stack.processes[n].poll() is None]
        for name in running:
            stack.processes[name].send_signal(signal.SIGTERM)
        for name in running:
            try:
                codes.append(f"{name} {stack.processes[name].wait(timeout=STOP_TIMEOUT)}")
            except subprocess.TimeoutExpired:
                stack.processes[name].kill()
                stack.processes[name].wait()
                codes.append(f"{name} killed")
    stack.nats.stop()
    if stack.mongo_url and stack.database_prefix:
        from pymongo import MongoClient

        client: MongoClient[dict[str, Any]]
        with MongoClient(stack.mongo_url, serverSelectionTimeoutMS=5000) as client:
            for database in client.list_database_names():
                if database.startswith(stack.database_prefix):
                    client.drop_database(database)
    return ", ".join(codes)


async def answer_jwks(connection: NatsClient, key: Ed25519PrivateKey) -> None:
    """Answer the gateway's GetJwks as the auth service would (the key that signs the citizens' tokens)."""
    reply = RpcReply(ok=True, result=Jwks(keys=[public_jwk(key)]).model_dump(mode="json")).model_dump_json()

    async def respond(msg: Any) -> None:
        await msg.respond(reply.encode())

    await connection.subscribe(GetJwks.subject(), queue="auth", cb=respond)


async def seed_world(connection: NatsClient, citizens: int) -> None:
    """The events the admin and auth services would publish: a municipality, its category, citizens."""
    js = connection.jetstream()
    await ensure_streams(js)
    admin = UserActor(user_id="u-bench-admin", role="admin")
    envelopes: list[Envelope[Any]] = [
        envelope_for(
            MunicipalityCreated(
                municipality_id=MUNICIPALITY,
                name="Potsdam",
                slug="potsdam",
                reference_prefix="POT",
                boundary=demo_boundary(),
            ),
            aggregate_id=MUNICIPALITY,
            sequence=1,
            actor=admin,
            correlation_id="bench-seed",
            municipality_id=MUNICIPALITY,
        ),
        envelope_for(
            CategoryChanged(
                change="created",
                category_id=CATEGORY,
                municipality_id=MUNICIPALITY,
                code="pothole",
                name="Pothole",
                sla_hours=72,
            ),
            aggregate_id=CATEGORY,
            sequence=1,
            actor=admin,
            correlation_id="bench-seed",
            municipality_id=MUNICIPALITY,
        ),
    ]
    for n in range(citizens):
        registered = UserRegistered(user_id=CITIZEN.format(n), role="citizen")
        envelopes.append(
            envelope_for(
                registered,
                aggregate_id=registered.user_id,
                sequence=1,
                actor=SystemActor(system="auth"),
                correlation_id="bench-seed",
            )
        )
    for envelope in envelopes:
        await js.publish(
            envelope.subject, envelope.model_dump_json(by_alias=True).encode(), headers=envelope.headers()
        )


async def until(check: Callable[[], Awaitable[bool]], stack: Stack, what: str, timeout: float = 60.0) -> None:
    deadline = now() + timeout
    while not await check():
        gone = stack.exited()
        if gone:
            raise RuntimeError(f"{gone} exited while waiting for {what}:\n{stack.tail()}")
        if now() > deadline:
            raise RuntimeError(f"no {what} within {timeout:g} s:\n{stack.tail()}")
        await asyncio.sleep(0.2)


async def ready(stack: Stack, connection: NatsClient, tokens: list[str]) -> list[str]:
    """Wait for the tickets service, seed the world, wait until a report is accepted through the gateway
    and the bare app answers; report SEEDED_TICKETS tickets and return their ids."""
    rpc = RpcClient(connection, timeout=2.0)

    async def tickets_up() -> bool:
        try:
            reply = await rpc.request_raw(
                health_subject("tickets"), "tickets", b"{}", RpcContext(correlation_id="bench")
            )
        except RpcFailure:
            return False
        return reply.ok

    await until(tickets_up, stack, "answer from the tickets service")
    await seed_world(connection, len(tokens))
    token = tokens[0]  # the reporter of the tickets GET reads
    body = json.dumps({"category_id": CATEGORY, "location": POINT, "description": "Pothole"}).encode()
    post = http_request("POST", "/api/v1/tickets", stack.gateway_port, token, body)
    gateway = Connection(stack.gateway_port)
    ids: list[str] = []

    async def accepted() -> bool:
        try:
            status, answer = await gateway.exchange(post)
        except (OSError, asyncio.IncompleteReadError):
            return False
        if status == 201:
            ids.append(json.loads(answer)["id"])
        return status == 201

    await until(
        accepted, stack, "report accepted through the gateway (the tickets service projects the seed)"
    )
    while len(ids) < SEEDED_TICKETS:
        status, answer = await gateway.exchange(post)
        if status != 201:
            raise RuntimeError(f"seeding a ticket failed: HTTP {status} {answer[:300]!r}")
        ids.append(json.loads(answer)["id"])
    gateway.close()
    bare = Connection(stack.bare_port)

    async def bare_up() -> bool:
        try:
            return (await bare.exchange(http_request("GET", "/bare/1", stack.bare_port)))[0] == 200
        except (OSError, asyncio.IncompleteReadError):
            return False

    await until(bare_up, stack, "answer from the bare FastAPI app")
    bare.close()
    return ids


# ----- measuring ----------------------------------------------------------------------------------------


@dataclass
class Options:
    duration: float = 10.0  # each open-loop phase
    max_duration: float = 5.0  # each closed-loop phase
    warmup: float = 1.0
    concurrency: int = 16  # closed loop
    citizens: int = 100
    open_connections: int = 64
    backlog: int = 2000
    json_path: Path | None = None
    quick: bool = False


class CpuWatch:
    """Cores used during a phase by each of the stack's processes, this process and everything else."""

    def __init__(self, pids: dict[str, int]) -> None:
        self.pids = {**pids, "bench (load client)": os.getpid()}
        self.cores: dict[str, float | None] = {}

    def __enter__(self) -> CpuWatch:
        self.t0 = now()
        self.machine0 = machine_busy_seconds()
        self.before = {name: proc_cpu_seconds(pid) for name, pid in self.pids.items()}
        return self

    def __exit__(self, *exc: object) -> None:
        wall = now() - self.t0
        known = 0.0
        for name, pid in self.pids.items():
            after, before = proc_cpu_seconds(pid), self.before[name]
            used = None if after is None or before is None else (after - before) / wall
            self.cores[name] = used
            known += used or 0.0
        machine = machine_busy_seconds()
        if machine is not None and self.machine0 is not None:
            self.cores["others on the machine"] = max(0.0, (machine - self.machine0) / wall - known)


async def measure(stack: Stack, tokens: list[str], ids: list[str], opts: Options, out: TextIO) -> list[Phase]:
    """The phases, in order. GET reads citizen 0's tickets as their reporter; POSTs rotate the citizens
    (on a real MongoDB, each account's rate-limit read then stays short)."""
    gp, bp = stack.gateway_port, stack.bare_port
    gets = [http_request("GET", f"/api/v1/tickets/{ticket_id}", gp, tokens[0]) for ticket_id in ids]
    post_body = json.dumps(
        {"category_id": CATEGORY, "location": POINT, "description": "Deep pothole in front of the bakery"}
    ).encode()
    posts = [http_request("POST", "/api/v1/tickets", gp, token, post_body) for token in tokens]
    bare_requests = [http_request("GET", f"/bare/{i}", bp) for i in range(len(ids))]

    def get_request(i: int) -> bytes:
        return gets[i % len(gets)]

    def bare_request(i: int) -> bytes:
        return bare_requests[i % len(bare_requests)]

    def post_request(i: int) -> bytes:
        return posts[i % len(posts)]

    phases: list[Phase] = []

    async def run(phase: Phase, port: int, requests: Requests, expect: int) -> Phase:
        if opts.warmup > 0:  # not counted: connections, caches, the JIT-less interpreter's first paths
            await closed_loop(Phase("warm-up", "closed", opts.warmup, 4), port, requests, expect)
        with CpuWatch(stack.pids()) as watch:
            if phase.mode == "closed":
                await closed_loop(phase, port, requests, expect)
            else:
                await open_loop(phase, port, requests, expect, opts.backlog)
        phase.cpu = watch.cores
        phases.append(phase)
        s = phase.summary()
        print(
            f"  {phase.name:<34} {fmt(s['rate'], 0):>7}/s  p50 {fmt(s['p50_ms'])} ms  p99 {fmt(s['p99_ms'])} ms"
            + (f"  errors {dict(phase.errors)}" if phase.errors else "")
            + (f"  skipped {phase.skipped}" if phase.skipped else ""),
            file=out,
            flush=True,
        )
        gone = stack.exited()
        if gone:
            raise RuntimeError(f"{gone} exited during {phase.name}:\n{stack.tail()}")
        return phase

    c, oc, md, d = opts.concurrency, opts.open_connections, opts.max_duration, opts.duration
    bare_max = await run(Phase("bare: max", "closed", md, c), bp, bare_request, 200)
    half_bare = (bare_max.summary()["rate"] or 1.0) / 2
    await run(Phase("bare: at half its max", "open", d, oc, half_bare), bp, bare_request, 200)
    get_max = await run(Phase("GET: max", "closed", md, c), gp, get_request, 200)
    half_get = (get_max.summary()["rate"] or 1.0) / 2
    await run(Phase("GET: at half its max", "open", d, oc, half_get), gp, get_request, 200)
    await run(Phase(f"POST: at {POST_RATE:g}/s", "open", d, oc, POST_RATE), gp, post_request, 201)
    await run(Phase("POST: max", "closed", md, c), gp, post_request, 201)
    await run(Phase("bare: max (again, at the end)", "closed", md, c), bp, bare_request, 200)
    return phases


@dataclass
class Verdict:
    what: str
    figure: str
    budget: str
    passed: bool


def judge(phases: dict[str, dict[str, Any]]) -> list[Verdict]:
    bare = max(phases["bare: max"]["rate"] or 0.0, phases["bare: max (again, at the end)"]["rate"] or 0.0)
    get_max = phases["GET: max"]["rate"] or 0.0
    verdicts = [
        Verdict(
            "GET throughput ÷ bare endpoint's",
            f"{get_max:.0f}/s ÷ {bare:.0f}/s = {get_max / bare:.0%}" if bare else "n/a",
            f"≥ {GET_SHARE_BUDGET:.0%} (of the higher of the two bare runs)",
            bool(bare) and get_max / bare >= GET_SHARE_BUDGET,
        )
    ]
    for name, budget in (
        ("GET: at half its max", GET_P99_BUDGET_MS),
        (f"POST: at {POST_RATE:g}/s", POST_P99_BUDGET_MS),
    ):
        s = phases[name]
        complete = not s["errors"] and not s["skipped_client_bound"]
        reached = (s["rate"] or 0.0) >= ACHIEVED_SHARE * s["target_rate"]
        p99 = s["p99_ms"]
        verdicts.append(
            Verdict(
                f"{name.split(':')[0]} p99 at {s['target_rate']:.0f}/s",
                f"{fmt(p99)} ms; achieved {fmt(s['rate'], 0)}/s"
                + ("" if complete else f"; errors {s['errors']}, skipped {s['skipped_client_bound']}"),
                f"≤ {budget:g} ms, ≥ {ACHIEVED_SHARE:.0%} of the rate, no errors",
                p99 is not None and p99 <= budget and complete and reached,
            )
        )
    post_max = phases["POST: max"]
    verdicts.append(
        Verdict(
            "POST max throughput",
            f"{fmt(post_max['rate'], 0)}/s"
            + (f"; errors {post_max['errors']}" if post_max["errors"] else ""),
            f"≥ {POST_MAX_BUDGET:g}/s, no errors",
            (post_max["rate"] or 0.0) >= POST_MAX_BUDGET and not post_max["errors"],
        )
    )
    return verdicts


def fmt(value: float | None, digits: int = 1) -> str:
    return "-" if value is None else f"{value:.{digits}f}"


def print_report(results: dict[str, Any], out: TextIO) -> None:
    print(
        "\nResults (closed loop: max throughput; open loop: fixed arrival rate, latency from the scheduled time)",
        file=out,
    )
    header = f"{'phase':<34} {'mode':<6} {'target/s':>9} {'achieved/s':>10} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}  errors"
    print(header, file=out)
    print("-" * len(header), file=out)
    for s in results["phases"]:
        target = fmt(s["target_rate"], 0) if s["target_rate"] else f"c={s['concurrency']}"
        errors = ", ".join(f"{k}: {v}" for k, v in s["errors"].items()) or "-"
        if s["skipped_client_bound"]:
            errors += f"; skipped {s['skipped_client_bound']}"
        print(
            f"{s['name']:<34} {s['mode']:<6} {target:>9} {fmt(s['rate'], 0):>10} {fmt(s['p50_ms']):>7} "
            f"{fmt(s['p99_ms']):>7} {fmt(s['max_ms']):>7}  {errors}",
            file=out,
        )
    print("\nCores in use per phase (CPU seconds ÷ wall seconds, from /proc):", file=out)
    names = list(results["phases"][0]["cores"])
    print(f"{'phase':<34} " + " ".join(f"{n[:12]:>12}" for n in names), file=out)
    for s in results["phases"]:
        print(f"{s['name']:<34} " + " ".join(f"{fmt(s['cores'].get(n), 2):>12}" for n in names), file=out)
    stack = [n for n in names if n in ("tickets", "gateway", "bare", "nats-server")]
    print(
        "\nCPU per answered request (ms: cores ÷ rate), and the rate its busiest process would allow with a "
        "core of its own (an estimate for a quiet machine, no verdict):",
        file=out,
    )
    print(f"{'phase':<34} " + " ".join(f"{n[:12]:>12}" for n in stack) + f" {'ceiling/s':>10}", file=out)
    for s in results["phases"]:
        rate = s["rate"] or 0.0
        per = {n: (s["cores"].get(n) or 0.0) * 1000 / rate if rate else None for n in stack}
        busiest = max((v for v in per.values() if v), default=None)
        ceiling = 1000 / busiest if busiest else None
        print(
            f"{s['name']:<34} "
            + " ".join(f"{fmt(per[n], 3):>12}" for n in stack)
            + f" {fmt(ceiling, 0):>10}",
            file=out,
        )
    print("\nVerdicts against DESIGN §9:", file=out)
    for v in results["verdicts"]:
        print(
            f"  {'PASS' if v['passed'] else 'FAIL'}  {v['what']}: {v['figure']}  (budget {v['budget']})",
            file=out,
        )
    print(f"\nOverall: {'PASS' if all(v['passed'] for v in results['verdicts']) else 'FAIL'}", file=out)


async def run(opts: Options, out: TextIO) -> dict[str, Any]:
    mongo_url = os.environ.get(MONGO_ENV) or None
    key = Ed25519PrivateKey.generate()
    issuer = TokenIssuer(key)
    tokens = [
        issuer.access_token(CITIZEN.format(n), "citizen", None, minutes=120) for n in range(opts.citizens)
    ]
    with tempfile.TemporaryDirectory(prefix="cityfix-bench-tickets-") as tmp_name:
        stack = start_stack(Path(tmp_name), mongo_url)
        try:
            print(f"tickets store: {stack.backend}", file=out)
            limits = ", ".join(f"{name}={RAISED_LIMIT} (default {d})" for name, d in DEFAULT_LIMITS.items())
            print(
                f"rate limits raised for this run: {limits}; {opts.citizens} citizens report in turn, all "
                f"from {HOST}",
                file=out,
            )
            print(
                f"processes: nats-server, tickets service, gateway (`cityfix gateway`, uvicorn), bare FastAPI "
                f"(uvicorn, same settings), this load client; {os.cpu_count()} cores, load average before "
                f"{' '.join(f'{x:.2f}' for x in os.getloadavg())}",
                file=out,
                flush=True,
            )
            connection = await nats.connect(stack.nats.url)
            try:
                await answer_jwks(connection, key)
                ids = await ready(stack, connection, tokens)
                print(
                    f"stack ready; {len(ids)} tickets reported for GET to read in turn. Phases:",
                    file=out,
                    flush=True,
                )
                phases = await measure(stack, tokens, ids, opts, out)
            finally:
                await connection.drain()
        finally:
            stopped = stop_stack(stack)
    summaries = [p.summary() for p in phases]
    verdicts = judge({s["name"]: s for s in summaries})
    return {
        "backend": stack.backend,
        "raised_limits": {name: RAISED_LIMIT for name in DEFAULT_LIMITS},
        "options": {k: (str(v) if isinstance(v, Path) else v) for k, v in asdict(opts).items()},
        "machine": {
            "cores": os.cpu_count(),
            "platform": platform.platform(),
            "python": sys.version.split()[0],
        },
        "phases": summaries,
        "verdicts": [asdict(v) for v in verdicts],
        "stopped": stopped,
        "passed": all(v.passed for v in verdicts),
    }


# ----- the processes this script starts from itself -----------------------------------------------------


async def serve_tickets_memory() -> None:
    """The tickets service on the in-memory adapter, run as `cityfix service tickets` runs it."""
    from services.common.aio import quiet_cancellation_leftovers
    from services.common.logs import configure_logging
    from services.common.service import ServiceRuntime
    from services.common.settings import Settings
    from services.tickets.memory import memory_spec

    configure_logging()
    runtime = ServiceRuntime(memory_spec(), Settings())
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    quiet_cancellation_leftovers(loop)
    for sig in (signal.SIGINT, signal.SIGTERM):
        loop.add_signal_handler(sig, stop.set)
    await runtime.start()
    await stop.wait()
    await runtime.stop()


def serve_bare(port: int) -> None:
    """A bare FastAPI endpoint under uvicorn with the gateway's settings (services/cli/run.py)."""
    import uvicorn
    from fastapi import FastAPI

    app = FastAPI()

    @app.get("/bare/{item_id}")
    async def bare(item_id: str) -> dict[str, str]:
        return {"id": item_id, "status": "received"}

    uvicorn.run(app, host=HOST, port=port, log_config=None, access_log=False, proxy_headers=False)


def parse_args(argv: list[str] | None) -> tuple[Options, argparse.Namespace]:
    parser = argparse.ArgumentParser(prog="python -m bench.tickets", description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of each open-loop phase")
    parser.add_argument("--max-duration", type=float, default=5.0, help="seconds of each closed-loop phase")
    parser.add_argument("--warmup", type=float, default=1.0, help="uncounted seconds before each phase")
    parser.add_argument("--concurrency", type=int, default=16, help="connections of the closed loops")
    parser.add_argument("--citizens", type=int, default=100, help="citizens whose reports POST rotates")
    parser.add_argument("--json", type=Path, default=None, help="also write the figures as JSON here")
    parser.add_argument(
        "--quick", action="store_true", help="short phases (3 s open, 2 s closed, 0.5 s warm-up)"
    )
    parser.add_argument("--serve", choices=("tickets-memory", "bare"), help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    opts = Options(
        duration=args.duration,
        max_duration=args.max_duration,
        warmup=args.warmup,
        concurrency=args.concurrency,
        citizens=max(1, args.citizens),
        json_path=args.json,
        quick=args.quick,
    )
    if args.quick:
        opts.duration, opts.max_duration, opts.warmup = 3.0, 2.0, 0.5
    return opts, args


def main(argv: list[str] | None = None) -> int:
    opts, args = parse_args(argv)
    if args.serve == "tickets-memory":
        asyncio.run(serve_tickets_memory())
        return 0
    if args.serve == "bare":
        serve_bare(args.port)
        return 0
    started = time.time()
    results = asyncio.run(run(opts, sys.stdout))
    print_report(results, sys.stdout)
    print(f"(run took {time.time() - started:.0f} s; the machine is shared: see 'others on the machine')")
    if opts.json_path is not None:
        opts.json_path.write_text(json.dumps(results, indent=2, default=str))
    return 0 if results["passed"] else 1


if __name__ == "__main__":
    sys.exit(main())

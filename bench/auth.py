"""Password hashing and sign-in load benchmark (identity issue; DESIGN §7 and §9).

    .venv/bin/python -m bench.auth [--topology processes|dev|both] [--rate 50] [--duration 20]
                                   [--login-rate 10] [--json PATH] ...

Two parts:

1. Password hashing: the time of one argon2id hash (and one verification) through
   `services.auth.passwords.Passwords`, with the auth service's default parameters, which the output
   reads back from the hash string. It also checks that hashing runs off the event loop, at most
   `password_hash_concurrency` at once, by watching this process's loop while hashes run.
2. Health under sign-in load: it starts the real stack on free loopback ports, a fresh one for each
   repetition (`--one-stack` for one in all), in one of two topologies (`--topology`):
   - `processes` (the default; as in the compose stack and production): this script starts
     nats-server, then `cityfix service <name>` for each of the six services and `cityfix gateway`,
     each its own process with its own event loop, and creates the citizen account with
     `cityfix users create`;
   - `dev`: `cityfix dev --demo`, the gateway and every service around ONE asyncio loop in one process;
   - `both`: the two, alternating stack by stack, each with its own table and verdict.
   On each stack it runs:
   (a) open-loop `GET /api/v1/health` at `--rate` per second;
   (b) the same health load, with open-loop `POST /api/v1/auth/login` of the citizen at
       `--login-rate` per second beside it;
   (c) only with `--contention-control`: the same health load while the sign-ins' argon2id
       verifications run at the same rate in a separate process — the CPU contention alone.
   The order alternates between repetitions (a b, then b a, …). It prints the health p50/p99 of each
   phase (the median over repetitions, and their spread), the sign-in p50/p99, the rates actually
   achieved, the ratio of the health p99s, and PASS or FAIL against "10 sign-ins per second raise the
   health p99 by at most 20 %". It also splits the stack's CPU per sign-in between event-loop threads
   (per process in the `processes` topology) and worker threads (from /proc), and shows what else used
   the machine meanwhile.

Open loop: requests leave on a fixed schedule whatever the answers, and latency counts from the
scheduled time, so a stalled client cannot hide queueing. The load comes from this process (httpx,
bounded connections), which is separate from the stack's processes. Only successful sign-ins are sent:
failed ones would be throttled (DESIGN §7), and throttling counts only failures, so the limits stay at
their defaults.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import ctypes
import json
import math
import os
import platform
import re
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import asdict, dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any, TextIO

import httpx
from prometheus_client.parser import text_string_to_metric_families

from cityfix_contracts.rpc import SERVICES
from services.auth.passwords import Passwords
from services.auth.settings import (
    ARGON2_MIN_MEMORY_KIB,
    ARGON2_MIN_PARALLELISM,
    ARGON2_MIN_TIME_COST,
    AuthSettings,
)
from services.common.demo import DEMO_ACCOUNTS
from services.common.nats_server import NatsServer, free_port

# The budget: 10 sign-ins per second raise GET /api/v1/health's p99 by at most 20 %.
TARGET_LOGIN_RATE = 10.0
TARGET_P99_RISE = 0.20

MONGO_ENV = "CITYFIX_TEST_MONGO_URL"
CITYFIX = Path(sys.executable).parent / "cityfix"
REPO = Path(__file__).resolve().parents[1]
HEALTH = "/api/v1/health"
LOGIN = "/api/v1/auth/login"
LOGIN_EMAIL = next(a.email for a in DEMO_ACCOUNTS if a.role == "citizen")
DEMO_LOGIN_PASSWORD = "cityfix-demo"  # `cityfix dev --demo`'s documented development password
TOPOLOGIES = ("processes", "dev")
STOP_TIMEOUT = 20.0  # seconds a stack's processes get after SIGTERM before they are killed
BENCH_PASSWORD = "correct horse battery staple"  # only hashed here, never stored


def now() -> float:
    return time.perf_counter()


def percentile(sorted_values: list[float], p: float) -> float | None:
    """Nearest-rank percentile of already sorted values."""
    if not sorted_values:
        return None
    rank = max(1, math.ceil(p / 100 * len(sorted_values)))
    return sorted_values[min(rank, len(sorted_values)) - 1]


def auth_default(name: str) -> Any:
    """The auth service's default for a setting: what the stack runs with (its CITYFIX_* are cleared)."""
    return AuthSettings.model_fields[name].default


# ---------------------------------------------------------------------------------------------------
# Part 1: password hashing


class CountingHasher:
    """Wraps the PasswordHasher of a `Passwords`: counts calls running at once and the threads they use."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.lock = threading.Lock()
        self.active = 0
        self.peak = 0
        self.threads: set[int] = set()

    @contextlib.contextmanager
    def _call(self) -> Iterator[None]:
        with self.lock:
            self.active += 1
            self.peak = max(self.peak, self.active)
            self.threads.add(threading.get_ident())
        try:
            yield
        finally:
            with self.lock:
                self.active -= 1

    def hash(self, password: str) -> str:
        with self._call():
            result: str = self.inner.hash(password)
            return result

    def verify(self, stored: str, password: str) -> bool:
        with self._call():
            result: bool = self.inner.verify(stored, password)
            return result

    def check_needs_rehash(self, stored: str) -> bool:
        result: bool = self.inner.check_needs_rehash(stored)
        return result


async def loop_lag_while(work: Callable[[], Awaitable[Any]], tick: float = 0.001) -> tuple[float, float]:
    """Run `work` while a task sleeps `tick` s over and over on this loop; return the task's largest and
    p99 oversleep in ms. A loop blocked by `work` shows as oversleep of about the blocking call's time."""
    lags: list[float] = []
    stop = asyncio.Event()

    async def probe() -> None:
        while not stop.is_set():
            t = now()
            await asyncio.sleep(tick)
            lags.append((now() - t - tick) * 1000)

    task = asyncio.create_task(probe())
    await asyncio.sleep(0.02)
    try:
        await work()
    finally:
        stop.set()
        await task
    lags.sort()
    return (lags[-1] if lags else 0.0), (percentile(lags, 99) or 0.0)


HASH_RE = re.compile(r"^\$(argon2(?:id|i|d))\$v=(\d+)\$m=(\d+),t=(\d+),p=(\d+)\$")


def hash_parameters(encoded: str) -> dict[str, Any]:
    match = HASH_RE.match(encoded)
    if match is None:
        raise ValueError(f"not an argon2 hash string: {encoded[:40]}…")
    variant, version, m, t, p = match.groups()
    return {
        "variant": variant,
        "version": int(version),
        "memory_kib": int(m),
        "time_cost": int(t),
        "parallelism": int(p),
    }


async def measure_hashing(samples: int) -> dict[str, Any]:
    concurrency = auth_default("password_hash_concurrency")
    passwords = Passwords(
        memory_kib=auth_default("password_hash_memory_kib"),
        time_cost=auth_default("password_hash_time_cost"),
        parallelism=auth_default("password_hash_parallelism"),
        concurrency=concurrency,
    )
    counting = CountingHasher(passwords.hasher)
    passwords.hasher = counting  # type: ignore[assignment]  # duck-typed: hash, verify, check_needs_rehash
    encoded = await passwords.hash(BENCH_PASSWORD)  # warm-up (memory, thread pool)

    hash_ms: list[float] = []
    verify_ms: list[float] = []
    for _ in range(samples):
        t = now()
        encoded = await passwords.hash(BENCH_PASSWORD)
        hash_ms.append((now() - t) * 1000)
    for _ in range(samples):
        t = now()
        ok = await passwords.verify(encoded, BENCH_PASSWORD)
        verify_ms.append((now() - t) * 1000)
        assert ok, "Passwords.verify rejected the password it just hashed"
    hash_ms.sort()
    verify_ms.sort()
    params = hash_parameters(encoded)
    owasp_ok = (
        params["variant"] == "argon2id"
        and params["memory_kib"] >= ARGON2_MIN_MEMORY_KIB
        and params["time_cost"] >= ARGON2_MIN_TIME_COST
        and params["parallelism"] >= ARGON2_MIN_PARALLELISM
    )

    # Off the loop, bounded: many verifications at once through Passwords, this loop watched meanwhile.
    burst = max(8, 4 * concurrency)
    counting.peak = 0
    counting.threads.clear()
    idle_max, idle_p99 = await loop_lag_while(lambda: asyncio.sleep(0.3))
    t = now()
    burst_max, burst_p99 = await loop_lag_while(
        lambda: asyncio.gather(*(passwords.verify(encoded, BENCH_PASSWORD) for _ in range(burst)))
    )
    burst_seconds = now() - t
    loop_thread = threading.get_ident()
    off_loop = loop_thread not in counting.threads

    # Contrast: what the loop would see if the same verification ran on it.
    async def on_loop() -> None:
        for _ in range(4):
            counting.inner.verify(encoded, BENCH_PASSWORD)
            await asyncio.sleep(0.005)  # let the sleeper run between two verifications

    blocked_max, _ = await loop_lag_while(on_loop)
    return {
        "samples": samples,
        "hash_ms": {"median": statistics.median(hash_ms), "p95": percentile(hash_ms, 95), "min": hash_ms[0]},
        "verify_ms": {"median": statistics.median(verify_ms), "p95": percentile(verify_ms, 95)},
        "parameters": params,
        "owasp_minimum_met": owasp_ok,
        "concurrency_setting": concurrency,
        "burst": {
            "verifications": burst,
            "seconds": burst_seconds,
            "peak_at_once": counting.peak,
            "threads_used": len(counting.threads),
            "off_loop_thread": off_loop,
            "loop_lag_idle_ms": {"max": idle_max, "p99": idle_p99},
            "loop_lag_during_burst_ms": {"max": burst_max, "p99": burst_p99},
            "loop_lag_if_on_loop_ms": blocked_max,
        },
    }


# ---------------------------------------------------------------------------------------------------
# Part 2: the stack, and open-loop load against it


@dataclass
class Stack:
    """A running stack: its processes by name (`dev` alone, or `gateway` and one per service)."""

    topology: str
    processes: dict[str, subprocess.Popen[bytes]]
    logs: dict[str, Path]
    base_url: str
    password: str  # the citizen's
    backend: str
    environment_note: str
    env: dict[str, str]
    nats: NatsServer | None = None  # started by this script (processes topology)
    metrics_urls: list[str] = field(default_factory=list)  # the services' own /metrics, besides the gateway's
    database_prefix: str | None = None
    mongo_url: str | None = None

    def exited(self) -> str | None:
        """Which of the stack's processes have exited, or None while all run."""
        gone = [f"{name} ({p.returncode})" for name, p in self.processes.items() if p.poll() is not None]
        if self.nats is not None and self.nats.process is not None and self.nats.process.poll() is not None:
            gone.append(f"nats-server ({self.nats.process.returncode})")
        return ", ".join(gone) or None

    def nats_pids(self) -> list[int]:
        if self.nats is not None and self.nats.process is not None:
            return [self.nats.process.pid]
        return [c for p in self.processes.values() for c in child_pids(p.pid)]  # `cityfix dev`'s nats-server


# libc, loaded here rather than in a forked child, where another thread may have held the loader's lock.
LIBC = ctypes.CDLL(None, use_errno=True) if sys.platform.startswith("linux") else None


def die_with_parent() -> None:
    """In a child before exec: SIGTERM when this script dies, even killed outright (Linux prctl
    PR_SET_PDEATHSIG), so no stack outlives it. Popen is called from the main thread only: the signal
    follows the thread that forked."""
    if LIBC is not None:
        LIBC.prctl(1, signal.SIGTERM)


def clean_env() -> dict[str, str]:
    # As tests/support/devstack.py: none of this shell's CITYFIX_* settings reach the stack.
    return {k: v for k, v in os.environ.items() if not k.startswith("CITYFIX_")}


def mongo_settings(env: dict[str, str], mongo_url: str | None, engine: str) -> tuple[str | None, str, str]:
    """Point `env` at the real MongoDB, if any; return (database prefix, backend, environment note)."""
    if not mongo_url:
        note = "no other CITYFIX_* set: every limit and the argon2 parameters at their defaults"
        return None, engine, note
    prefix = f"bench_auth_{uuid.uuid4().hex[:8]}_"
    env["CITYFIX_MONGO_URL"] = mongo_url
    env["CITYFIX_DATABASE_PREFIX"] = prefix
    backend = f"real MongoDB ({MONGO_ENV}, databases {prefix}*, dropped afterwards)"
    note = f"CITYFIX_MONGO_URL={MONGO_ENV}, CITYFIX_DATABASE_PREFIX={prefix}; no other CITYFIX_* set"
    return prefix, backend, note


def spawn(command: list[str], log: Path, env: dict[str, str]) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen(
            command, stdout=out, stderr=subprocess.STDOUT, env=env, cwd=REPO, preexec_fn=die_with_parent
        )


def start_dev_stack(tmp: Path, mongo_url: str | None, settings: dict[str, str] | None = None) -> Stack:
    """`cityfix dev --demo`; `settings` are CITYFIX_* variables given to it (the shell's never are)."""
    port, nats_port = free_port(), free_port()
    tmp.mkdir(parents=True, exist_ok=True)
    env = {**clean_env(), **(settings or {})}
    prefix, backend, note = mongo_settings(
        env, mongo_url, "in-process Mongo engine (mongomock, shared by every service in the stack's process)"
    )
    log = tmp / "dev.log"
    command = [str(CITYFIX), "dev", "--demo", "--port", str(port), "--nats-port", str(nats_port)]
    process = spawn([*command, "--data-dir", str(tmp / "data")], log, env)
    return Stack(
        "dev",
        {"dev": process},
        {"dev": log},
        f"http://127.0.0.1:{port}",
        DEMO_LOGIN_PASSWORD,
        backend,
        note,
        env,
        database_prefix=prefix,
        mongo_url=mongo_url,
    )


def start_process_stack(tmp: Path, mongo_url: str | None, settings: dict[str, str] | None = None) -> Stack:
    """nats-server, then each service and the gateway as its own `cityfix` process, as in compose;
    `settings` are CITYFIX_* variables given to all of them (the shell's never are)."""
    tmp.mkdir(parents=True, exist_ok=True)
    env = {**clean_env(), **(settings or {})}
    prefix, backend, note = mongo_settings(
        env,
        mongo_url,
        "in-process Mongo engine (mongomock), one per process: each service has its own, holding only its "
        "own database (each service has its own database on a real MongoDB too)",
    )
    key = tmp / "jwt-private.pem"
    made = subprocess.run(
        [str(CITYFIX), "keys", "generate", str(key)], env=env, cwd=REPO, capture_output=True, timeout=60
    )
    if made.returncode != 0:
        raise RuntimeError(f"`cityfix keys generate` failed: {made.stderr.decode(errors='replace')[-500:]}")
    # Started here, in the main thread (its death signal follows the thread that forked); it dies with us.
    nats = NatsServer(tmp / "nats", log_file=tmp / "nats-server.log")
    nats.start()
    env["CITYFIX_NATS_URL"] = nats.url
    env["CITYFIX_JWT_PRIVATE_KEY_FILE"] = str(key)
    port = free_port()
    stack = Stack(
        "processes",
        {},
        {"nats-server": tmp / "nats-server.log"},
        f"http://127.0.0.1:{port}",
        f"bench-{uuid.uuid4().hex}",  # the citizen's password, made up for this stack
        backend,
        f"CITYFIX_NATS_URL (the nats-server above), CITYFIX_JWT_PRIVATE_KEY_FILE (from `cityfix keys "
        f"generate`), CITYFIX_METRICS_PORT (services, for their /metrics); {note}",
        env,
        nats=nats,
        database_prefix=prefix,
        mongo_url=mongo_url,
    )
    try:
        for name in SERVICES:
            metrics_port = free_port()
            stack.metrics_urls.append(f"http://127.0.0.1:{metrics_port}/metrics")
            stack.logs[name] = tmp / f"{name}.log"
            own = {**env, "CITYFIX_METRICS_PORT": str(metrics_port)}
            stack.processes[name] = spawn([str(CITYFIX), "service", name], stack.logs[name], own)
        stack.logs["gateway"] = tmp / "gateway.log"
        stack.processes["gateway"] = spawn(
            [str(CITYFIX), "gateway", "--host", "127.0.0.1", "--port", str(port)], stack.logs["gateway"], env
        )
    except BaseException:
        stop_stack(stack)
        with contextlib.suppress(Exception):
            drop_databases(stack)
        raise
    return stack


def start_stack(
    topology: str, tmp: Path, mongo_url: str | None, settings: dict[str, str] | None = None
) -> Stack:
    start = start_process_stack if topology == "processes" else start_dev_stack
    return start(tmp, mongo_url, settings)


def log_tail(stack: Stack, lines: int = 20) -> str:
    tails = []
    for name, path in stack.logs.items():
        try:
            text = path.read_text(errors="replace").splitlines()[-lines:]
        except OSError:
            text = ["(no log)"]
        if len(stack.logs) > 1:
            text = [f"[{name}] {line}" for line in text[-max(3, lines // len(stack.logs)) :]]
        tails.extend(text)
    return "\n".join(tails)


async def wait_healthy(stack: Stack, timeout: float) -> float:
    """Seconds until GET /api/v1/health answers 200 (with --demo: the demo accounts exist)."""
    started = now()
    async with httpx.AsyncClient(base_url=stack.base_url, timeout=5.0) as http:
        while True:
            gone = stack.exited()
            if gone:
                raise RuntimeError(f"the stack exited ({gone}):\n{log_tail(stack)}")
            with contextlib.suppress(httpx.TransportError):
                if (await http.get(HEALTH)).status_code == 200:
                    return now() - started
            if now() - started > timeout:
                raise RuntimeError(f"the stack was not healthy within {timeout:g} s:\n{log_tail(stack)}")
            await asyncio.sleep(0.2)


async def create_citizen(stack: Stack) -> None:
    """The citizen account, with `cityfix users create` against the running stack (processes topology)."""
    command = [str(CITYFIX), "users", "create", "--email", LOGIN_EMAIL, "--role", "citizen"]
    created = await asyncio.create_subprocess_exec(
        *command,
        "--password",
        stack.password,
        env=stack.env,
        cwd=REPO,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.STDOUT,
    )
    try:
        output, _ = await asyncio.wait_for(created.communicate(), 60)
    except TimeoutError:
        created.kill()
        await created.wait()
        raise RuntimeError("`cityfix users create` did not finish within 60 s") from None
    if created.returncode != 0:
        raise RuntimeError(f"`cityfix users create` failed ({created.returncode}): {output.decode()[-500:]}")


def stop_stack(stack: Stack) -> str:
    """SIGTERM and wait: the gateway first (no new requests), then the services, then nats-server; each
    one still running after STOP_TIMEOUT s is killed."""
    order = sorted(stack.processes, key=lambda name: name != "gateway")
    already = [
        f"{n} ({stack.processes[n].returncode})" for n in order if stack.processes[n].poll() is not None
    ]
    killed: list[str] = []
    codes: dict[int, list[str]] = {}
    t = now()
    for group in ([n for n in order if n == "gateway"], [n for n in order if n != "gateway"]):
        running = [n for n in group if stack.processes[n].poll() is None]
        for name in running:
            stack.processes[name].send_signal(signal.SIGTERM)
        deadline = now() + STOP_TIMEOUT
        for name in running:
            process = stack.processes[name]
            try:
                codes.setdefault(process.wait(timeout=max(0.1, deadline - now())), []).append(name)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
                killed.append(name)
    if stack.nats is not None:
        stack.nats.stop()  # SIGTERM, then kill after 10 s
    parts = []
    if codes:
        statuses = []
        for code, names in sorted(codes.items()):
            status = str(code) if len(stack.processes) == 1 else f"{code} ({', '.join(names)})"
            if code == -signal.SIGTERM and "gateway" in names:
                status += ": uvicorn re-raises SIGTERM once its graceful shutdown is done"
            statuses.append(status)
        what = "the stack" if len(stack.processes) == 1 else f"its {len(stack.processes)} processes"
        parts.append(f"{what} stopped by SIGTERM in {now() - t:.1f} s (exit status {'; '.join(statuses)})")
    if already:
        parts.append(f"had already exited: {', '.join(already)}")
    if killed:
        parts.append(f"killed after {STOP_TIMEOUT:g} s: {', '.join(killed)}")
    return "; ".join(parts)


def drop_databases(stack: Stack) -> None:
    if not (stack.mongo_url and stack.database_prefix):
        return
    from pymongo import MongoClient

    client: MongoClient[dict[str, Any]]
    with MongoClient(stack.mongo_url, serverSelectionTimeoutMS=5000) as client:
        for name in client.list_database_names():
            if name.startswith(stack.database_prefix):
                client.drop_database(name)


def proc_cpu_seconds(pid: int, thread: int | None = None) -> float | None:
    """utime + stime of a process (all its threads), or of one of its threads, from /proc; None where
    there is no /proc."""
    path = Path(f"/proc/{pid}/stat") if thread is None else Path(f"/proc/{pid}/task/{thread}/stat")
    try:
        text = path.read_text()
    except OSError:
        return None
    fields = text[text.rfind(")") + 2 :].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def child_pids(pid: int) -> list[int]:
    children: list[int] = []
    with contextlib.suppress(OSError):
        for task in Path(f"/proc/{pid}/task").iterdir():
            children.extend(int(c) for c in (task / "children").read_text().split())
    return children


def machine_busy_seconds() -> float | None:
    """CPU seconds spent on anything but idle and I/O wait by the whole machine (all CPUs), from /proc."""
    try:
        first = Path("/proc/stat").read_text().splitlines()[0].split()
    except OSError:
        return None
    ticks = [int(v) for v in first[1:9]]  # user nice system idle iowait irq softirq steal
    return (sum(ticks) - ticks[3] - ticks[4]) / os.sysconf("SC_CLK_TCK")


@dataclass
class CpuMeter:
    """Cores in use during a phase (CPU seconds ÷ wall seconds): the stack's processes (argon2 threads
    included), its nats-server, this process, and everything else running on the machine.

    Keys: `stack` (all the stack's processes but nats-server), `stack_loop` (their main threads, which
    run their event loops: asyncio.run in `cityfix dev` and `cityfix service`, uvicorn.run in `cityfix
    gateway`), `stack_threads` (the rest: mostly argon2 workers of asyncio.to_thread), `nats`, `bench`,
    `others`; in the processes topology also `gateway`/`gateway_loop`, `auth`/`auth_loop`/`auth_threads`
    and `other_services` (the five other services together)."""

    stack: Stack
    start: dict[str, float] = field(default_factory=dict)

    def read(self) -> dict[str, float]:
        values = {"bench": time.process_time(), "wall": now()}
        totals: dict[str, float] = {}
        loops: dict[str, float] = {}
        for name, process in self.stack.processes.items():
            total = proc_cpu_seconds(process.pid)
            if total is not None:
                totals[name] = total
                loops[name] = proc_cpu_seconds(process.pid, process.pid) or 0.0
        if totals:
            values["stack"] = sum(totals.values())
            values["stack_loop"] = sum(loops.values())
            values["nats"] = sum(proc_cpu_seconds(pid) or 0.0 for pid in self.stack.nats_pids())
            for name in ("gateway", "auth"):
                if name in totals:
                    values[name] = totals[name]
                    values[f"{name}_loop"] = loops[name]
        machine = machine_busy_seconds()
        if machine is not None:
            values["machine"] = machine
        return values

    def begin(self) -> None:
        self.start = self.read()

    def end(self) -> dict[str, float]:
        stop = self.read()
        wall = stop["wall"] - self.start["wall"]
        cores = {k: (stop[k] - self.start[k]) / wall for k in stop if k != "wall" and k in self.start}
        if "stack_loop" in cores:
            cores["stack_threads"] = cores["stack"] - cores["stack_loop"]
        if "auth_loop" in cores:
            cores["auth_threads"] = cores["auth"] - cores["auth_loop"]
        if "gateway" in cores and "auth" in cores:
            cores["other_services"] = cores["stack"] - cores["gateway"] - cores["auth"]
        if "machine" in cores:
            ours = cores.get("stack", 0.0) + cores.get("nats", 0.0) + cores.get("bench", 0.0)
            cores["others"] = max(0.0, cores.pop("machine") - ours)
        order = [*CPU_KEYS, *(k for k in cores if k not in CPU_KEYS)]
        return {k: cores[k] for k in order if k in cores}


CPU_KEYS = (
    "stack",
    "stack_loop",
    "stack_threads",
    "gateway",
    "gateway_loop",
    "auth",
    "auth_loop",
    "auth_threads",
    "other_services",
    "nats",
    "bench",
    "others",
)


async def scrape(http: httpx.AsyncClient, extra: list[str] | None = None) -> dict[str, tuple[float, float]]:
    """(sum, count) of the stack's latency histograms that matter here, from the gateway's /metrics and
    the services' own (`extra`, processes topology), added up."""
    sums: dict[str, float] = {}
    counts: dict[str, float] = {}
    for url in ["/metrics", *(extra or [])]:
        try:
            text = (await http.get(url)).text
        except httpx.HTTPError:
            continue
        for family in text_string_to_metric_families(text):
            if family.name not in (
                "cityfix_handler_duration_seconds",
                "cityfix_http_request_duration_seconds",
            ):
                continue
            for sample in family.samples:
                labels = sample.labels
                if family.name == "cityfix_handler_duration_seconds":
                    key = f"handler {labels.get('service')}.{labels.get('handler')}"
                else:
                    key = f"http {labels.get('method')} {labels.get('route')}"
                if sample.name.endswith("_sum"):
                    sums[key] = sums.get(key, 0.0) + sample.value
                elif sample.name.endswith("_count"):
                    counts[key] = counts.get(key, 0.0) + sample.value
    return {key: (total, counts.get(key, 0.0)) for key, total in sums.items()}


def mean_ms_between(
    before: dict[str, tuple[float, float]], after: dict[str, tuple[float, float]]
) -> dict[str, Any]:
    means: dict[str, Any] = {}
    for key, (total, count) in after.items():
        total0, count0 = before.get(key, (0.0, 0.0))
        n = count - count0
        if n > 0:
            means[key] = {"count": int(n), "mean_ms": (total - total0) / n * 1000}
    return means


@dataclass
class Stream:
    """One open-loop request stream: what was scheduled, sent, answered, and how fast."""

    name: str
    rate: float
    duration: float
    scheduled: int = 0
    sent: int = 0
    skipped: int = 0  # not sent: the stream already had its bound of requests in flight
    ok: int = 0
    errors: dict[str, int] = field(default_factory=dict)
    latencies_ms: list[float] = field(default_factory=list)
    send_lag_ms: list[float] = field(default_factory=list)  # actual send − scheduled (client's own delay)
    started: float = 0.0
    last_done: float = 0.0

    def summary(self) -> dict[str, Any]:
        lat = sorted(self.latencies_ms)
        lag = sorted(self.send_lag_ms)
        span = max(self.duration, self.last_done - self.started) if self.last_done else self.duration
        return {
            "name": self.name,
            "target_rate": self.rate,
            "duration_s": self.duration,
            "scheduled": self.scheduled,
            "sent": self.sent,
            "skipped_client_bound": self.skipped,
            "ok": self.ok,
            "errors": dict(self.errors),
            "achieved_rate": self.ok / span if span > 0 else None,
            "p50_ms": percentile(lat, 50),
            "p99_ms": percentile(lat, 99),
            "max_ms": lat[-1] if lat else None,
            "client_send_lag_p99_ms": percentile(lag, 99),
        }


async def open_loop(
    stream: Stream, send: Callable[[], Awaitable[httpx.Response]], start: float, max_in_flight: int
) -> Stream:
    """Send `stream.rate` requests per second for `stream.duration` s from `start`, on schedule."""
    count = max(1, round(stream.rate * stream.duration))
    stream.scheduled = count
    stream.started = start
    in_flight: set[asyncio.Task[None]] = set()

    async def one(scheduled: float) -> None:
        stream.send_lag_ms.append((now() - scheduled) * 1000)
        try:
            response = await send()
        except httpx.HTTPError as exc:
            stream.errors[type(exc).__name__] = stream.errors.get(type(exc).__name__, 0) + 1
            return
        finally:
            stream.last_done = max(stream.last_done, now())
        if response.status_code == 200:
            stream.ok += 1
            stream.latencies_ms.append((now() - scheduled) * 1000)
        else:
            key = f"HTTP {response.status_code}"
            stream.errors[key] = stream.errors.get(key, 0) + 1

    for i in range(count):
        scheduled = start + i / stream.rate
        delay = scheduled - now()
        if delay > 0:
            await asyncio.sleep(delay)
        if len(in_flight) >= max_in_flight:
            stream.skipped += 1
            continue
        stream.sent += 1
        task = asyncio.create_task(one(scheduled))
        in_flight.add(task)
        task.add_done_callback(in_flight.discard)
    if in_flight:
        await asyncio.gather(*in_flight)
    return stream


@dataclass
class Clients:
    health: httpx.AsyncClient
    login: httpx.AsyncClient
    health_bound: int
    login_bound: int
    password: str

    def get_health(self) -> Awaitable[httpx.Response]:
        return self.health.get(HEALTH)

    def post_login(self) -> Awaitable[httpx.Response]:
        return self.login.post(LOGIN, json={"email": LOGIN_EMAIL, "password": self.password})


# Phase (c), optional: the sign-ins' argon2 work without the sign-ins. The same verifications at the same
# rate run in a separate process, so the stack shares the CPU with them but its loop does nothing more.
BURNER = """
import sys, time
from argon2 import PasswordHasher, Type
m, t, p, rate, seconds = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), float(sys.argv[5])
hasher = PasswordHasher(time_cost=t, memory_cost=m, parallelism=p, type=Type.ID)
stored = hasher.hash("bench")
print("ready", flush=True)
start = time.perf_counter()
for i in range(round(rate * seconds)):
    delay = start + i / rate - time.perf_counter()
    if delay > 0:
        time.sleep(delay)
    hasher.verify(stored, "bench")
"""


async def start_burner(rate: float, seconds: float) -> asyncio.subprocess.Process:
    burner = await asyncio.create_subprocess_exec(
        sys.executable,
        "-c",
        BURNER,
        str(auth_default("password_hash_memory_kib")),
        str(auth_default("password_hash_time_cost")),
        str(auth_default("password_hash_parallelism")),
        str(rate),
        str(seconds),
        stdout=asyncio.subprocess.PIPE,
    )
    assert burner.stdout is not None
    line = await asyncio.wait_for(burner.stdout.readline(), 30)
    if line.strip() != b"ready":
        burner.kill()
        await burner.wait()
        raise RuntimeError("the argon2 process of the contention control did not start")
    return burner


async def stop_burner(burner: asyncio.subprocess.Process) -> None:
    try:
        await asyncio.wait_for(burner.wait(), 10)
    except TimeoutError:
        burner.kill()
        await burner.wait()


PHASES = {
    "a": "health {rate:g}/s",
    "b": "health {rate:g}/s + sign-ins {login_rate:g}/s",
    "c": "health {rate:g}/s + argon2id verifications {login_rate:g}/s in another process",
}


async def phase(
    name: str, kind: str, clients: Clients, opts: Options, stack: Stack, duration: float | None = None
) -> dict[str, Any]:
    """One run: (a) health alone, (b) health + sign-ins, (c) health + the sign-ins' argon2 elsewhere."""
    seconds = opts.duration if duration is None else duration
    meter = CpuMeter(stack)
    before = await scrape(clients.health, stack.metrics_urls)
    burner = await start_burner(opts.login_rate, seconds) if kind == "c" else None
    meter.begin()
    start = now() + 0.05
    health = Stream("health", opts.rate, seconds)
    jobs = [open_loop(health, clients.get_health, start, clients.health_bound)]
    login = Stream("login", opts.login_rate, seconds)
    if kind == "b":
        jobs.append(open_loop(login, clients.post_login, start, clients.login_bound))
    try:
        await asyncio.gather(*jobs)
        cpu = meter.end()
    finally:
        if burner is not None:
            await stop_burner(burner)
    after = await scrape(clients.health, stack.metrics_urls)
    gone = stack.exited()
    if gone:
        raise RuntimeError(f"the stack exited during {name} ({gone}):\n{log_tail(stack)}")
    return {
        "phase": name,
        "kind": kind,
        "with_logins": kind == "b",
        "health": health.summary(),
        "login": login.summary() if kind == "b" else None,
        "cores_used": cpu,
        "stack_mean_ms": mean_ms_between(before, after),
    }


# ---------------------------------------------------------------------------------------------------
# The in-process engine's own cost per sign-in (only a note; see DESIGN §9)


async def engine_sign_in_cost_ms(sessions: int) -> float:
    """What the in-process engine alone spends on one sign-in's writes once `sessions` sign-ins happened.

    A sign-in inserts a session and a refresh token in one transaction, paid on the event loop of the
    process running the auth service. This times that transaction on the engine every process uses
    without CITYFIX_MONGO_URL (services.common.mongo's, with its rollback copy and TTL sweep), with the
    auth service's indexes and documents of the same shape (best of 3)."""
    from services.common.mongo import connect, reset_in_process_engine, transaction

    reset_in_process_engine()
    client = connect(None)
    db = client["cityfix_auth_bench"]
    await db.sessions.create_index([("user_id", 1), ("revoked_at", 1)])
    await db.sessions.create_index("expires_at", expireAfterSeconds=0)
    await db.refresh_tokens.create_index("session_id")
    await db.refresh_tokens.create_index("user_id")
    await db.refresh_tokens.create_index("expires_at", expireAfterSeconds=0)

    def sign_in() -> tuple[dict[str, Any], dict[str, Any]]:
        at = datetime.now(UTC)
        session_id = uuid.uuid4().hex
        session = {
            "_id": session_id,
            "user_id": "bench-user",
            "created_at": at,
            "last_used_at": at,
            "expires_at": at + timedelta(days=90),
            "client_address": "127.0.0.1",
            "revoked_at": None,
            "revoked_reason": None,
        }
        token = {
            "_id": uuid.uuid4().hex * 2,
            "session_id": session_id,
            "user_id": "bench-user",
            "issued_at": at,
            "expires_at": at + timedelta(days=30),
            "rotated_at": None,
        }
        return session, token

    pairs = [sign_in() for _ in range(sessions)]
    if pairs:
        await db.sessions.insert_many([a for a, _ in pairs])
        await db.refresh_tokens.insert_many([b for _, b in pairs])
    best = math.inf
    for _ in range(3):
        session, token = sign_in()
        t = now()
        async with transaction(client) as txn:
            await db.sessions.insert_one(session, session=txn)
            await db.refresh_tokens.insert_one(token, session=txn)
        best = min(best, now() - t)
        await db.sessions.delete_one({"_id": session["_id"]})
        await db.refresh_tokens.delete_one({"_id": token["_id"]})
    reset_in_process_engine()
    return best * 1000


# ---------------------------------------------------------------------------------------------------
# Running it all


@dataclass
class Options:
    rate: float = 50.0
    duration: float = 20.0
    login_rate: float = TARGET_LOGIN_RATE
    repeats: int = 3
    warmup: float = 3.0
    hash_samples: int = 20
    health_connections: int = 32
    login_connections: int = 8
    mongo: str = "auto"
    one_stack: bool = False
    contention_control: bool = False
    skip_load: bool = False
    json_path: Path | None = None
    time_limit: float = 900.0
    topology: str = "processes"

    @property
    def topologies(self) -> list[str]:
        return list(TOPOLOGIES) if self.topology == "both" else [self.topology]


def median_of(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return statistics.median(present) if present else None


def spread(values: list[float | None]) -> tuple[float, float] | None:
    present = [v for v in values if v is not None]
    return (min(present), max(present)) if present else None


def summarize(phases: list[dict[str, Any]], opts: Options) -> dict[str, Any]:
    base = [p for p in phases if p["kind"] == "a"]
    load = [p for p in phases if p["kind"] == "b"]
    control = [p for p in phases if p["kind"] == "c"]

    def collect(rows: list[dict[str, Any]], stream: str, key: str) -> list[float | None]:
        return [r[stream][key] for r in rows if r[stream] is not None]

    summary: dict[str, Any] = {}
    for label, rows in (("baseline", base), ("with_logins", load), ("contention_control", control)):
        if not rows:
            continue
        entry: dict[str, Any] = {}
        for stream in ("health", "login"):
            if stream == "login" and label != "with_logins":
                continue
            for key in ("p50_ms", "p99_ms", "achieved_rate"):
                values = collect(rows, stream, key)
                entry[f"{stream}_{key}"] = {
                    "median": median_of(values),
                    "spread": spread(values),
                    "runs": values,
                }
        summary[label] = entry
    b99 = summary["baseline"]["health_p99_ms"]["median"]
    l99 = summary["with_logins"]["health_p99_ms"]["median"]
    ratio = l99 / b99 if b99 and l99 is not None else None

    def pair_ratios(rows: list[dict[str, Any]]) -> list[float | None]:
        return [
            (lo["health"]["p99_ms"] / ba["health"]["p99_ms"])
            if ba["health"]["p99_ms"] and lo["health"]["p99_ms"] is not None
            else None
            for ba, lo in zip(base, rows, strict=False)
        ]

    if control:
        c99 = summary["contention_control"]["health_p99_ms"]["median"]
        summary["contention_control"]["p99_ratio"] = c99 / b99 if b99 and c99 is not None else None
        summary["contention_control"]["p99_ratio_per_repeat"] = pair_ratios(control)
    failures = sum(sum(p[s]["errors"].values()) for p in phases for s in ("health", "login") if p[s])
    skipped = sum(p[s]["skipped_client_bound"] for p in phases for s in ("health", "login") if p[s])
    login_rate_ok = all(
        (p["login"]["achieved_rate"] or 0) >= 0.95 * opts.login_rate for p in load if p["login"] is not None
    )
    verdict = "FAIL"
    if (
        ratio is not None
        and ratio <= 1 + TARGET_P99_RISE
        and failures == 0
        and skipped == 0
        and login_rate_ok
    ):
        verdict = "PASS"

    # The stack's CPU per sign-in: its extra cores in (b) over (a) of the same pair ÷ sign-ins per second,
    # for the whole process, its loop thread, and its other threads (the argon2 workers).
    def per_sign_in(key: str) -> list[float | None]:
        return [
            (lo["cores_used"][key] - ba["cores_used"][key]) / lo["login"]["achieved_rate"] * 1000
            if key in lo["cores_used"] and key in ba["cores_used"] and lo["login"]["achieved_rate"]
            else None
            for ba, lo in zip(base, load, strict=False)
        ]

    keys = ["stack", "stack_loop", "stack_threads"]
    keys += [
        k
        for k in ("gateway_loop", "auth_loop", "auth_threads", "other_services")
        if any(k in p["cores_used"] for p in load)
    ]
    cpu_per_sign_in = {
        key: {"median": median_of(values), "runs": values} for key in keys for values in [per_sign_in(key)]
    }
    others = [p["cores_used"].get("others") for p in phases if p["kind"] != "c"]  # (c)'s argon2 is "others"
    summary.update(
        {
            "stack_cpu_ms_per_sign_in": cpu_per_sign_in,
            "other_processes_cores": {"median": median_of(others), "spread": spread(others)},
            "p99_ratio": ratio,
            "p99_ratio_per_repeat": pair_ratios(load),
            "requests_failed": failures,
            "requests_skipped": skipped,
            "login_rate_achieved": login_rate_ok,
            "verdict": verdict,
        }
    )
    return summary


PROBLEM = re.compile(r'"level": "(warning|error|critical)"')


def log_sizes(stack: Stack) -> dict[str, int]:
    sizes = {}
    for name, path in stack.logs.items():
        with contextlib.suppress(OSError):
            sizes[name] = path.stat().st_size
    return sizes


def log_problems(stack: Stack, since: dict[str, int]) -> dict[str, Any]:
    """Warnings and errors the stack's processes logged after the bytes `since` of their logs (i.e. once
    the stack was healthy; from the start for a log not in `since`)."""
    lines = []
    for name, path in stack.logs.items():
        try:
            with path.open("rb") as f:
                f.seek(since.get(name, 0))
                text = f.read().decode(errors="replace")
        except OSError:
            continue
        prefix = f"[{name}] " if len(stack.logs) > 1 else ""
        lines += [f"{prefix}{line}" for line in text.splitlines() if PROBLEM.search(line)]
    counts = Counter(m.group(1) for line in lines for m in [PROBLEM.search(line)] if m)
    return {"counts": dict(counts), "last": [line[:300] for line in lines[-3:]]}


async def run_pair_set(
    opts: Options,
    topology: str,
    tmp: Path,
    mongo_url: str | None,
    pairs: list[int],
    phases: list[dict[str, Any]],
    stacks: list[dict[str, Any]],
    out: TextIO,
) -> None:
    """Start one stack, warm it up, run the (a)/(b) phases of `pairs` on it, stop it."""
    stack = start_stack(topology, tmp / f"{topology}-{pairs[0]}", mongo_url)
    info: dict[str, Any] = {"pairs": pairs, "backend": stack.backend, "environment": stack.environment_note}
    stacks.append(info)
    ready_at: dict[str, int] = {}
    try:
        what = (
            "`cityfix dev --demo`"
            if topology == "dev"
            else f"nats-server, `cityfix service` × {len(SERVICES)} and `cityfix gateway` (separate processes)"
        )
        print(f"[{topology}] starting {what} on {stack.base_url} …", file=out, flush=True)
        info["ready_seconds"] = await wait_healthy(stack, timeout=120)
        if topology == "processes":
            await create_citizen(stack)
        ready_at = log_sizes(stack)
        print(f"  healthy after {info['ready_seconds']:.1f} s", file=out, flush=True)
        timeout = httpx.Timeout(10.0)
        health_limits = httpx.Limits(
            max_connections=opts.health_connections, max_keepalive_connections=opts.health_connections
        )
        login_limits = httpx.Limits(
            max_connections=opts.login_connections, max_keepalive_connections=opts.login_connections
        )
        async with (
            httpx.AsyncClient(base_url=stack.base_url, timeout=timeout, limits=health_limits) as health,
            httpx.AsyncClient(base_url=stack.base_url, timeout=timeout, limits=login_limits) as login,
        ):
            # Bound on requests in flight per stream: 4 × its connections (the rest wait for one).
            clients = Clients(
                health, login, 4 * opts.health_connections, 4 * opts.login_connections, stack.password
            )
            probe = await clients.post_login()
            if probe.status_code != 200:
                raise RuntimeError(f"the citizen cannot sign in: HTTP {probe.status_code} {probe.text[:300]}")
            sign_ins = 1
            if opts.warmup > 0:
                print(
                    f"  warm-up: {opts.warmup:g} s of health and sign-ins (not counted) …",
                    file=out,
                    flush=True,
                )
                warm = await phase("warm-up", "b", clients, opts, stack, duration=opts.warmup)
                sign_ins += warm["login"]["ok"]
            for i in pairs:
                # a, b(, c) in odd pairs and the reverse in even ones, so a drift over the run favours no side
                kinds = ["a", "b", "c"] if opts.contention_control else ["a", "b"]
                for kind in kinds if i % 2 else kinds[::-1]:
                    name = f"{kind}{i}"
                    what = PHASES[kind].format(rate=opts.rate, login_rate=opts.login_rate)
                    print(f"  phase {name}: {what} for {opts.duration:g} s …", file=out, flush=True)
                    result = await phase(name, kind, clients, opts, stack)
                    result["sign_ins_before"] = sign_ins
                    if result["login"]:
                        sign_ins += result["login"]["ok"]
                    phases.append(result)
                    line = f"    health p50 {fmt(result['health']['p50_ms'])} p99 {fmt(result['health']['p99_ms'])} ms"
                    if result["login"]:
                        line += f"; login p50 {fmt(result['login']['p50_ms'])} p99 {fmt(result['login']['p99_ms'])} ms"
                    print(line, file=out, flush=True)
            info["sign_ins"] = sign_ins
    finally:
        info["stop"] = stop_stack(stack)
        info["log_problems"] = log_problems(stack, ready_at)
        with contextlib.suppress(Exception):
            drop_databases(stack)


async def run_load(opts: Options, results: dict[str, Any], out: TextIO) -> None:
    """Each topology's pairs on fresh stacks; with both, the topologies alternate stack by stack (in
    turn first), so a drift in the machine's load over the run favours neither."""
    mongo_url = os.environ.get(MONGO_ENV) if opts.mongo == "auto" else None
    loads: dict[str, dict[str, Any]] = {
        topology: {"topology": topology, "phases": [], "stacks": []} for topology in opts.topologies
    }
    results["load"] = loads
    pairs = list(range(1, opts.repeats + 1))
    sets = [pairs] if opts.one_stack else [[i] for i in pairs]
    with tempfile.TemporaryDirectory(prefix="cityfix-bench-auth-") as tmp:
        for n, pair_set in enumerate(sets):
            order = opts.topologies if n % 2 == 0 else opts.topologies[::-1]
            for topology in order:
                load = loads[topology]
                await run_pair_set(
                    opts, topology, Path(tmp), mongo_url, pair_set, load["phases"], load["stacks"], out
                )
    for load in loads.values():
        phases = load["phases"]
        load["summary"] = summarize(phases, opts)
        if not mongo_url:
            loaded = [p for p in phases if p["login"]]
            first = min(p["sign_ins_before"] for p in loaded)
            last = max(p["sign_ins_before"] + p["login"]["ok"] for p in loaded)
            load["engine_sign_in_ms"] = {
                "sessions_from": first,
                "sessions_to": last,
                "ms_from": await engine_sign_in_cost_ms(first),
                "ms_to": await engine_sign_in_cost_ms(last),
            }


def fmt(value: float | None, digits: int = 1) -> str:
    return "—" if value is None else f"{value:.{digits}f}"


def fmt_spread(entry: dict[str, Any], digits: int = 1) -> str:
    s = entry["spread"]
    return "—" if s is None else f"{s[0]:.{digits}f}–{s[1]:.{digits}f}"


def print_hashing(h: dict[str, Any], out: TextIO) -> None:
    p = h["parameters"]
    b = h["burst"]
    print(
        "Password hashing (services.auth.passwords.Passwords, the auth service's default parameters)",
        file=out,
    )
    print(
        f"  parameters read from the hash: {p['variant']} v={p['version']} m={p['memory_kib']} KiB "
        f"({p['memory_kib'] / 1024:g} MiB), t={p['time_cost']}, p={p['parallelism']} — OWASP minimum "
        f"(m ≥ 19 MiB, t ≥ 2, p ≥ 1) {'met' if h['owasp_minimum_met'] else 'NOT MET'}",
        file=out,
    )
    print(
        f"  one hash:         median {h['hash_ms']['median']:.1f} ms, p95 {h['hash_ms']['p95']:.1f} ms "
        f"({h['samples']} hashes one after another)",
        file=out,
    )
    print(
        f"  one verification: median {h['verify_ms']['median']:.1f} ms, p95 {h['verify_ms']['p95']:.1f} ms "
        "(what a sign-in costs)",
        file=out,
    )
    print(
        f"  off the loop: {b['verifications']} verifications at once took {b['seconds'] * 1000:.0f} ms; at most "
        f"{b['peak_at_once']} ran at once (password_hash_concurrency={h['concurrency_setting']}), in "
        f"{b['threads_used']} worker thread(s), {'never' if b['off_loop_thread'] else 'SOMETIMES'} on the "
        "loop's thread",
        file=out,
    )
    print(
        f"  loop lag (1 ms sleeper, max / p99): idle {b['loop_lag_idle_ms']['max']:.1f} / "
        f"{b['loop_lag_idle_ms']['p99']:.1f} ms; during that burst {b['loop_lag_during_burst_ms']['max']:.1f} / "
        f"{b['loop_lag_during_burst_ms']['p99']:.1f} ms; had it run on the loop: "
        f"{b['loop_lag_if_on_loop_ms']:.1f} ms max",
        file=out,
    )


TOPOLOGY_TITLES = {
    "processes": "topology `processes`: gateway and each service in its own process, as in compose",
    "dev": "topology `dev`: `cityfix dev --demo`, gateway and every service on one asyncio loop",
}


def print_load(topology: dict[str, Any], opts: Options, out: TextIO) -> None:
    s = topology["summary"]
    base, load = s["baseline"], s["with_logins"]
    print(file=out)
    print(f"=== {TOPOLOGY_TITLES[topology['topology']]}", file=out)
    print(
        f"GET {HEALTH} with and without sign-ins — open loop; median of {opts.repeats} run(s) of "
        f"{opts.duration:g} s each, (a) and (b) alternating; spread = min–max over runs",
        file=out,
    )
    print(
        f"{'':32} {'p50 ms':>7} {'(spread)':>12} {'p99 ms':>7} {'(spread)':>12} {'achieved/s':>10}",
        file=out,
    )
    rows = [
        (f"(a) health {opts.rate:g}/s alone", base, "health"),
        (f"(b) health {opts.rate:g}/s + sign-ins", load, "health"),
        (f"(b) sign-ins {opts.login_rate:g}/s", load, "login"),
    ]
    control = s.get("contention_control")
    if control:
        rows.append((f"(c) health {opts.rate:g}/s + argon2 elsewhere", control, "health"))
    for label, entry, stream in rows:
        p50, p99, rate = (
            entry[f"{stream}_p50_ms"],
            entry[f"{stream}_p99_ms"],
            entry[f"{stream}_achieved_rate"],
        )
        print(
            f"{label:32} {fmt(p50['median']):>7} {fmt_spread(p50):>12} {fmt(p99['median']):>7} "
            f"{fmt_spread(p99):>12} {fmt(rate['median']):>10}",
            file=out,
        )
    print(file=out)
    per_run = ", ".join(fmt(r, 2) for r in s["p99_ratio_per_repeat"])
    budget = 1 + TARGET_P99_RISE
    caveat = (
        "" if topology.get("engine_sign_in_ms") is None else " (on the in-process Mongo engine: see below)"
    )
    print(
        f"health p99 (b) ÷ (a): {fmt(s['p99_ratio'], 2)} (of the medians); per pair: {per_run}. "
        f"Budget: ≤ {budget:.2f} → {s['verdict']}{caveat}",
        file=out,
    )
    if control:
        per_control = ", ".join(fmt(r, 2) for r in control["p99_ratio_per_repeat"])
        print(
            f"control (c) ÷ (a): {fmt(control['p99_ratio'], 2)}; per pair: {per_control} — the share of CPU "
            "contention from the argon2id work alone (no verdict)",
            file=out,
        )
    if opts.login_rate < TARGET_LOGIN_RATE:
        print(
            f"  (the budget is for {TARGET_LOGIN_RATE:g} sign-ins/s; this run used {opts.login_rate:g}/s)",
            file=out,
        )
    if s["requests_failed"] or s["requests_skipped"]:
        print(
            f"  requests failed: {s['requests_failed']}, skipped at the client's in-flight bound: "
            f"{s['requests_skipped']} (either fails the run)",
            file=out,
        )
    if not s["login_rate_achieved"]:
        print(
            "  the sign-in rate achieved fell below 95 % of the target in some run (this fails the run)",
            file=out,
        )

    print(file=out)
    print("Per run (cores in use = CPU seconds ÷ wall seconds):", file=out)
    for p in topology["phases"]:
        h, lg, cpu = p["health"], p["login"], p["cores_used"]
        line = (
            f"  {p['phase']}: health p50 {fmt(h['p50_ms'])} p99 {fmt(h['p99_ms'])} max {fmt(h['max_ms'])} ms "
            f"({h['ok']}/{h['scheduled']} ok)"
        )
        if lg:
            line += f"; sign-in p50 {fmt(lg['p50_ms'])} p99 {fmt(lg['p99_ms'])} ms ({lg['ok']}/{lg['scheduled']} ok)"
        errors = {**h["errors"], **(lg["errors"] if lg else {})}
        if errors:
            line += f"; errors {errors}"
        print(line, file=out)
        cores = ", ".join(f"{k} {v:.2f}" for k, v in cpu.items())
        means = [
            f"{k.split(' ', 1)[1]} {v['mean_ms']:.1f} ms"
            for k, v in sorted(p["stack_mean_ms"].items())
            if "login" in k.lower() or "health" in k.lower()
        ]
        lag = h["client_send_lag_p99_ms"]
        print(
            f"      cores: {cores}; inside the stack (mean): {'; '.join(means) or '—'}; "
            f"client send lag p99 {fmt(lag)} ms",
            file=out,
        )


def print_notes(results: dict[str, Any], topology: dict[str, Any], opts: Options, out: TextIO) -> None:
    s = topology["summary"]
    stacks = topology.get("stacks", [])
    processes = topology["topology"] == "processes"
    env = results["environment"]
    hashing = results["hashing"]
    first = stacks[0] if stacks else {}
    print(file=out)
    print(f"Where a sign-in's time goes ({topology['topology']} topology):", file=out)
    cpu = s["stack_cpu_ms_per_sign_in"]
    verify = hashing["verify_ms"]["median"]

    def runs(key: str) -> str:
        return ", ".join(fmt(v) for v in cpu[key]["runs"])

    if cpu["stack"]["median"] is not None and processes:
        print(
            f"- the stack's extra CPU per sign-in ((b) − (a) of the same pair, from /proc), gateway and six "
            f"services together: {cpu['stack']['median']:.1f} ms (runs: {runs('stack')}), of which "
            f"{fmt(cpu['stack_threads']['median'])} ms in worker threads (the argon2id verification: "
            f"{verify:.1f} ms alone here; off the loop, as checked above) and {fmt(cpu['stack_loop']['median'])} "
            f"ms on the processes' event-loop threads: the gateway's loop {fmt(cpu['gateway_loop']['median'])} "
            f"ms (runs: {runs('gateway_loop')}; the loop every health request passes through), the auth "
            f"service's loop {fmt(cpu['auth_loop']['median'])} ms (runs: {runs('auth_loop')}; the handler, "
            "token signing, the database), the five other services "
            f"{fmt(cpu['other_services']['median'])} ms in all.",
            file=out,
        )
        print(
            f"- GET {HEALTH} asks all six services over NATS, the auth service included: a sign-in's work on "
            "the auth service's loop is off the gateway's loop here, but it can still delay the auth leg of "
            "every health request that arrives meanwhile, and all processes share the machine's "
            f"{env['cpus']} cores.",
            file=out,
        )
    elif cpu["stack"]["median"] is not None:
        print(
            f"- the stack's extra CPU per sign-in ((b) − (a) of the same pair, from /proc): "
            f"{cpu['stack']['median']:.1f} ms (runs: {runs('stack')}), of "
            f"which {fmt(cpu['stack_threads']['median'])} ms in worker threads (the argon2id verification: "
            f"{verify:.1f} ms alone here; off the loop, as checked above) and "
            f"{fmt(cpu['stack_loop']['median'])} ms on the stack's one event-loop thread (runs: "
            f"{runs('stack_loop')}) — gateway, NATS, the auth handler, "
            "the database — where it delays every health request that shares the loop.",
            file=out,
        )
    control = s.get("contention_control")
    if control and control.get("p99_ratio") is not None and s["p99_ratio"] is not None:
        print(
            f"- control (c): the same argon2id work in another process, nothing more on the stack's loops, "
            f"raised the health p99 by {(control['p99_ratio'] - 1) * 100:+.0f} % against "
            f"{(s['p99_ratio'] - 1) * 100:+.0f} % for the sign-ins themselves: that much of the rise is the "
            f"machine's {env['cpus']} cores being shared, not the event loops.",
            file=out,
        )
    engine = topology.get("engine_sign_in_ms")
    if engine:
        where = "the auth service's loop" if processes else "the loop"
        print(
            f"- of that loop time, the in-process Mongo engine alone spends {engine['ms_from']:.1f} ms per sign-in "
            f"at {engine['sessions_from']} stored sessions and {engine['ms_to']:.1f} ms at {engine['sessions_to']} "
            "(the session + refresh-token transaction timed on services.common.mongo's in-process engine with "
            f"the same indexes, on {where}). Whatever of it grows with the number of sessions grows with every "
            "sign-in; a real MongoDB does this work in its own process. That is why each pair gets a fresh "
            "stack unless --one-stack.",
            file=out,
        )
    print(file=out)
    print(f"How this was measured ({topology['topology']} topology):", file=out)
    others = s["other_processes_cores"]
    sharing = (
        "the stack's seven processes (the gateway and six services, each around its own asyncio loop; the "
        "argon2 worker threads in the auth service's), nats-server ('nats', started by this script)"
        if processes
        else "the stack's one process (gateway, every service and argon2 worker threads around one asyncio "
        "loop), its nats-server ('nats')"
    )
    stack_what = (
        f"nats-server, `cityfix service <name>` for {', '.join(SERVICES)}, and `cityfix gateway`, each its "
        "own process, on loopback; the citizen account made with `cityfix users create` (a random password), "
        "no demo data"
        if processes
        else "`cityfix dev --demo` on loopback, the demo citizen"
    )
    lines = [
        f"Machine: {env['cpus']} CPUs, {env['platform']}, Python {env['python']}. Sharing it: {sharing}, this "
        "load generator ('bench': one process, one loop, httpx), and whatever else runs "
        f"('others': {fmt(others['median'], 2)} cores in the median run, {fmt_spread(others, 2)} over runs"
        + ("; other work on the machine adds noise" if (others["median"] or 0) > 0.2 else "")
        + ").",
        f"Stack: {stack_what}; {'one for all pairs' if opts.one_stack else 'a fresh one per pair'}"
        f"; {first.get('environment', '')}. Database backend: {first.get('backend', '?')}.",
        f"Open loop: requests leave on a fixed schedule; latency counts from the scheduled time. Health: "
        f"{opts.health_connections} connections; sign-ins: {opts.login_connections}; at most 4× that in flight per "
        f"stream (beyond it a request is skipped and counted). 'achieved' = answers with 200 per second. Each "
        f"stack first gets {opts.warmup:g} s of both loads, not counted.",
        f"Sign-ins: POST {LOGIN} as {LOGIN_EMAIL} with the right password, nothing else. Login throttling "
        f"(DESIGN §7) counts failed sign-ins only, per account (login_max_failures="
        f"{auth_default('login_max_failures')}) and per address (login_max_failures_per_address="
        f"{auth_default('login_max_failures_per_address')}) in {auth_default('login_window_seconds')} s, so it "
        "cannot trip here: no limit was raised. A 429 would count as a failed request.",
    ]
    if engine:
        lines.append(
            "DESIGN §9: the in-process Mongo engine is not the system's speed; a sign-in's database work is "
            "part of (b), so the verdict here is indicative, not the system's (the exit status still follows "
            f"it). Set {MONGO_ENV} to a real MongoDB (replica set) to run the stack on one."
        )
    for info in stacks:
        problems = info.get("log_problems", {})
        counts = problems.get("counts")
        tail = f": {' | '.join(problems.get('last', []))}" if counts else ""
        lines.append(
            f"Stack for pair(s) {info['pairs']}: healthy after {fmt(info.get('ready_seconds'))} s; "
            f"{info.get('sign_ins', '?')} sign-ins in all; warnings/errors logged once healthy: "
            f"{counts or 'none'}{tail}; {info.get('stop', '?')}."
        )
    for line in lines:
        print(f"- {line}", file=out)


def print_comparison(results: dict[str, Any], out: TextIO) -> None:
    """With --topology both: the two verdicts side by side."""
    loads = results["load"]
    if len(loads) < 2:
        return
    print(file=out)
    print("Topologies side by side (health p99 (b) ÷ (a), of the medians):", file=out)
    for name, load in loads.items():
        s = load["summary"]
        print(
            f"  {name:10} (a) p99 {fmt(s['baseline']['health_p99_ms']['median'])} ms, (b) p99 "
            f"{fmt(s['with_logins']['health_p99_ms']['median'])} ms → {fmt(s['p99_ratio'], 2)} "
            f"{s['verdict']}; others {fmt(s['other_processes_cores']['median'], 2)} cores",
            file=out,
        )


async def run(opts: Options, out: TextIO) -> dict[str, Any]:
    results: dict[str, Any] = {
        "environment": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        }
    }
    print(f"hashing {opts.hash_samples} passwords …", file=out, flush=True)
    results["hashing"] = await measure_hashing(opts.hash_samples)
    print_hashing(results["hashing"], out)
    if not opts.skip_load:
        print(file=out)
        await run_load(opts, results, out)
    return results


def parse_args(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(
        prog="python -m bench.auth",
        description="Password hashing time, and GET /api/v1/health's p99 with and without sign-in load.",
    )
    parser.add_argument("--rate", type=float, default=50.0, help="health requests per second (open loop)")
    parser.add_argument("--duration", type=float, default=20.0, help="seconds per run")
    parser.add_argument(
        "--login-rate", type=float, default=TARGET_LOGIN_RATE, help="sign-ins per second in (b)"
    )
    parser.add_argument("--repeats", type=int, default=3, help="alternating (a)/(b) pairs")
    parser.add_argument("--warmup", type=float, default=3.0, help="seconds of load first, not counted")
    parser.add_argument("--hash-samples", type=int, default=20, help="single hashes timed")
    parser.add_argument("--health-connections", type=int, default=32)
    parser.add_argument("--login-connections", type=int, default=8)
    parser.add_argument(
        "--mongo",
        choices=["auto", "off"],
        default="auto",
        help=f"auto: run the stack on the real MongoDB named by {MONGO_ENV} when it is set",
    )
    parser.add_argument(
        "--one-stack",
        action="store_true",
        help="run every (a)/(b) pair on one stack (default: a fresh stack per pair, so sessions stored by "
        "earlier sign-ins do not pile up in the in-process engine)",
    )
    parser.add_argument(
        "--contention-control",
        action="store_true",
        help="add phase (c): health load while the sign-ins' argon2id verifications run at --login-rate in a "
        "separate process — the CPU contention alone, without the sign-ins' work on the stack's loop",
    )
    parser.add_argument("--skip-load", action="store_true", help="only time the password hashing")
    parser.add_argument(
        "--json", dest="json_path", type=Path, default=None, help="also write the figures here"
    )
    parser.add_argument(
        "--topology",
        choices=[*TOPOLOGIES, "both"],
        default="processes",
        help="processes: nats-server, each service and the gateway as separate processes, as in compose and "
        "production (default); dev: `cityfix dev --demo`, everything on one asyncio loop; both: the two, "
        "alternating stack by stack",
    )
    parser.add_argument(
        "--time-limit", type=float, default=None, help="hard stop, seconds (default: 900 per topology)"
    )
    args = parser.parse_args(argv)
    if args.time_limit is None:
        args.time_limit = 900.0 * (len(TOPOLOGIES) if args.topology == "both" else 1)
    if (
        args.rate <= 0
        or args.duration <= 0
        or args.login_rate <= 0
        or args.repeats < 1
        or args.hash_samples < 1
    ):
        parser.error("--rate, --duration, --login-rate, --repeats and --hash-samples must be positive")
    return Options(**vars(args))


def main(argv: list[str] | None = None) -> int:
    opts = parse_args(argv)
    out = sys.stdout
    started = time.monotonic()

    async def bounded() -> dict[str, Any]:
        async with asyncio.timeout(opts.time_limit):
            return await run(opts, out)

    try:
        results = asyncio.run(bounded())
    except TimeoutError:
        print(f"stopped: the run exceeded --time-limit {opts.time_limit:g} s", file=out)
        return 2
    except RuntimeError as exc:
        print(f"stopped: {exc}", file=out)
        return 2
    if not opts.skip_load:
        for load in results["load"].values():
            print_load(load, opts, out)
            print_notes(results, load, opts, out)
        print_comparison(results, out)
    print(f"(run took {time.monotonic() - started:.1f} s)", file=out)
    if opts.json_path is not None:
        document = dict(results)
        document["options"] = {k: str(v) if isinstance(v, Path) else v for k, v in asdict(opts).items()}
        document["targets"] = {"login_rate": TARGET_LOGIN_RATE, "health_p99_max_rise": TARGET_P99_RISE}
        opts.json_path.write_text(json.dumps(document, indent=2, default=str) + "\n")
        print(f"figures written to {opts.json_path}", file=out)
    if opts.skip_load:
        return 0
    return 1 if any(load["summary"]["verdict"] == "FAIL" for load in results["load"].values()) else 0


if __name__ == "__main__":
    raise SystemExit(main())

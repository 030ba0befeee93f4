"""Photo renders for tests of the media service's processing pool. They run in the pool's worker
processes, so they report and wait through the file system: `held_render` leaves `entered-<pid>-<n>` in
the gate folder when it starts and renders once `release` exists there; `recorded_render` only leaves
its mark."""

from __future__ import annotations

import itertools
import os
import time
from pathlib import Path

from services.media.domain import Inspection, Limits, Rendered, render

_calls = itertools.count()


def held_render(gate: str, data: bytes, inspection: Inspection, limits: Limits) -> Rendered:
    folder = Path(gate)
    (folder / f"entered-{os.getpid()}-{next(_calls)}").touch()
    deadline = time.monotonic() + 120
    while not (folder / "release").exists() and time.monotonic() < deadline:
        time.sleep(0.01)
    return render(data, inspection, limits)


def recorded_render(gate: str, data: bytes, inspection: Inspection, limits: Limits) -> Rendered:
    (Path(gate) / f"entered-{os.getpid()}-{next(_calls)}").touch()
    return render(data, inspection, limits)


def entered(gate: Path) -> list[int]:
    """The process ids of the renders that have started, one per render."""
    return [int(path.name.split("-")[1]) for path in gate.glob("entered-*")]


def dying_render(data: bytes, inspection: Inspection, limits: Limits) -> Rendered:
    """A render whose worker process dies, as one killed for its memory or crashed in a decoder would."""
    os._exit(1)


def spinning_render(data: bytes, inspection: Inspection, limits: Limits) -> Rendered:
    """A render that keeps the CPU busy for up to a minute, as a decoder on a crafted file would."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        pass
    return render(data, inspection, limits)

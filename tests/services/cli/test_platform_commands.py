"""The shell tools' failures end with an exit status and a line a person can act on."""

from __future__ import annotations

from pathlib import Path

import pytest

from services.cli.nats_users import issue_nats_user
from services.cli.users import create_user
from services.common.nats_server import free_port


async def test_a_command_that_does_not_validate_names_each_field_and_exits_2(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    assert await create_user("not-an-email", "mayor", None, None, "Lantern-Orchard-42") == 2
    err = capsys.readouterr().err
    assert "email:" in err and "role:" in err

    users_file = tmp_path / "nats-users.conf"
    assert await issue_nats_user("potsdam", "Not A Name!", users_file) == 2
    assert "name:" in capsys.readouterr().err
    assert not users_file.exists()


async def test_without_a_running_platform_it_says_so_and_exits_1(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    url = f"nats://127.0.0.1:{free_port()}"  # nothing listens there
    monkeypatch.setenv("CITYFIX_NATS_URL", url)
    assert await create_user("boss@example.org", "admin", None, None, "Lantern-Orchard-42") == 1
    assert f"cannot reach NATS at {url}" in capsys.readouterr().err
    users_file = tmp_path / "nats-users.conf"
    assert await issue_nats_user("potsdam", "potsdam-gis", users_file) == 1
    assert "is CityFix running?" in capsys.readouterr().err
    assert not users_file.exists()

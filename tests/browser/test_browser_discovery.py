"""Without a Chromium the browser tests fail and say how to get one, unless skipped on purpose."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.browser.conftest import require_chromium


@pytest.fixture
def no_chromium(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("PATH", str(tmp_path))  # nothing named chromium on it
    monkeypatch.delenv("CITYFIX_CHROMIUM", raising=False)
    monkeypatch.delenv("CITYFIX_SKIP_BROWSER", raising=False)


@pytest.mark.usefixtures("no_chromium")
def test_without_chromium_the_tests_fail_saying_how_to_install_one() -> None:
    with pytest.raises(pytest.fail.Exception, match=r"No Chromium found.*apt-get install chromium"):
        require_chromium()


@pytest.mark.usefixtures("no_chromium")
def test_a_named_chromium_that_is_not_there_fails_too(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("CITYFIX_CHROMIUM", str(tmp_path / "chromium"))
    with pytest.raises(pytest.fail.Exception, match=r"CITYFIX_CHROMIUM=.* is not an executable Chromium"):
        require_chromium()


@pytest.mark.usefixtures("no_chromium")
def test_skipping_is_a_choice_made_on_purpose(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CITYFIX_SKIP_BROWSER", "1")
    with pytest.raises(pytest.skip.Exception, match="CITYFIX_SKIP_BROWSER=1"):
        require_chromium()


def test_a_chromium_on_the_path_is_found(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    binary = tmp_path / "chromium"
    binary.write_text("#!/bin/sh\n")
    binary.chmod(0o755)
    monkeypatch.setenv("PATH", str(tmp_path))
    monkeypatch.delenv("CITYFIX_CHROMIUM", raising=False)
    assert require_chromium() == str(binary)

"""Keep the developer's machine out of the tests: every XDG folder points into tmp."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

TESTS_DIR = Path(__file__).resolve().parent
SEED_PATH = TESTS_DIR.parent / "seeds" / "000_5e142f96c0527c7e.txt"


@pytest.fixture(autouse=True)
def isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Path]:
    home = tmp_path_factory.mktemp("home")
    for var, sub in (
        ("XDG_CACHE_HOME", "cache"),
        ("XDG_DATA_HOME", "data"),
        ("XDG_CONFIG_HOME", "config"),
        ("XDG_STATE_HOME", "state"),
    ):
        (home / sub).mkdir()
        monkeypatch.setenv(var, str(home / sub))
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.delenv("KBREADER_CONFIG", raising=False)
    yield home


@pytest.fixture
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")

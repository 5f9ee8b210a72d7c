"""Keep the developer's machine out of the tests: every XDG folder points into tmp."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from textual._styles_cache import StylesCache

from tests import pilot_waits


def pytest_configure(config: pytest.Config) -> None:
    pilot_waits.install()


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
    # The app picks readable colours for the terminal's colour system (reader/ui/styling.py):
    # the same true-colour terminal for every run, whatever the machine's own says.
    monkeypatch.setenv("COLORTERM", "truecolor")
    monkeypatch.setenv("TERM", "xterm-256color")
    for var in ("NO_COLOR", "FORCE_COLOR", "TEXTUAL_COLOR_SYSTEM"):
        monkeypatch.delenv(var, raising=False)
    yield home


@pytest.fixture(autouse=True)
def textual_forgets_the_last_test() -> Iterator[None]:
    """Textual's ``StylesCache.get_inner_outer`` is an ``lru_cache`` on a method: it keeps the
    last 1,024 ``StylesCache`` objects alive, each with the strips it rendered (7 caches apiece),
    long after their app closed (Textualize/textual#6665). In a worker that had run 4 app tests,
    81,000 of 215,000 objects were theirs, traversed by every full garbage collection."""
    yield
    StylesCache.get_inner_outer.cache_clear()


@pytest.fixture
def seed_text() -> str:
    return SEED_PATH.read_text(encoding="utf-8")

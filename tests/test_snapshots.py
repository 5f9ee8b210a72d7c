"""Snapshot tests of the real screens (pytest-textual-snapshot).

Regenerate after an intended visual change with ``pytest tests/test_snapshots.py --snapshot-update``
and look at the SVGs in the report before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import ProgressBar

from reader.config import Config
from reader.ui.app import KbReaderApp
from tests.app_support import make_library, wait_for

SEED = "000_5e142f96c0527c7e.txt"


def settled(app: KbReaderApp) -> bool:
    screen = app.main_screen
    return (
        screen.article is not None
        and screen.query_one("#pane").text_layout is not None  # type: ignore[attr-defined]
        and (not screen.facts_visible or screen.facts_for == SEED)
        and not screen.query_one("#sync-progress", ProgressBar).display
        and bool(screen._summary)
    )


@pytest.fixture
def app(tmp_path: Path) -> KbReaderApp:
    return KbReaderApp(make_library(tmp_path / "library"), Config())


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_main_screen(
    snap_compare: Callable[..., bool], app: KbReaderApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_for(pilot, lambda: settled(app), timeout=30)
        await pilot.pause(0.3)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_search_results_and_hit(snap_compare: Callable[..., bool], app: KbReaderApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_for(pilot, lambda: settled(app), timeout=30)
        await pilot.press("slash", *"图日林")
        await wait_for(pilot, lambda: app.main_screen.search_query and app.main_screen._search_hits)
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.main_screen.hits)
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_facts_overlay_at_80_columns(snap_compare: Callable[..., bool], app: KbReaderApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await wait_for(pilot, lambda: settled(app), timeout=30)
        await pilot.press("f")
        await wait_for(pilot, lambda: app.main_screen.facts_for == SEED, timeout=30)
        await pilot.pause(0.2)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)

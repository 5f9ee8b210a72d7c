"""Snapshot tests of the real screens (pytest-textual-snapshot); code blocks per theme are in
tests/test_themes.py.

Regenerate after an intended visual change with ``pytest tests/test_snapshots.py --snapshot-update``
and look at the SVGs in the report before committing them.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from reader.ui.app import KbReaderApp
from tests.app_support import CODE_ARTICLE, make_app, make_library, settle


@pytest.fixture
def app(tmp_path: Path) -> KbReaderApp:
    return make_app(make_library(tmp_path / "library"))


@pytest.mark.parametrize("size", [(80, 24), (160, 48)])
def test_main_screen(
    snap_compare: Callable[..., bool], app: KbReaderApp, size: tuple[int, int]
) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)

    assert snap_compare(app, terminal_size=size, run_before=run_before)


def test_search_results_and_hit(snap_compare: Callable[..., bool], app: KbReaderApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("slash", *"图日林")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_facts_overlay_at_80_columns(snap_compare: Callable[..., bool], app: KbReaderApp) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(app, terminal_size=(80, 24), run_before=run_before)


def test_front_matter_header_and_code(snap_compare: Callable[..., bool], tmp_path: Path) -> None:
    library = tmp_path / "library"
    library.mkdir()
    (library / "code.md").write_text(CODE_ARTICLE, encoding="utf-8")

    async def run_before(pilot: Pilot[Any]) -> None:
        await settle(pilot)

    assert snap_compare(make_app(library), terminal_size=(100, 24), run_before=run_before)

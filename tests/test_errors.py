"""One error path for workers: whatever a task raises becomes a readable status line, the app
stays up, and nothing on screen keeps waiting for the answer that will not come."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from reader.store import Library
from reader.ui.errors import KbReaderError, explain
from reader.ui.facts_panel import FactsPanel
from tests.app_support import make_app, make_library, parts, screen_text, settle, status


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "library")


def broken(*_args: object, **_kwargs: object) -> None:
    raise sqlite3.OperationalError("disk I/O error")


async def test_a_failing_search_says_so_and_the_list_stops_waiting(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Library, "search", broken)
        await pilot.press("slash", *"北京", "enter")
        await settle(pilot)
        assert app.is_running
        assert status(app).startswith("Search failed: disk I/O error")
        _, articles, _, _ = parts(app)
        assert "Searching" not in articles.empty_message
        assert "Search failed" in articles.empty_message


async def test_a_failing_article_load_never_leaves_opening_on_screen(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        monkeypatch.setattr(Library, "article", broken)
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert app.is_running
        assert "Opening" not in status(app)
        assert "The article store failed: disk I/O error" in status(app)


async def test_failing_facts_show_in_the_panel(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(Library, "facts", broken)
    app = make_app(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        facts = app.main_screen.query_one(FactsPanel)
        assert "Facts failed: disk I/O error" in str(facts.options[0].prompt)
        assert "Extracting" not in await screen_text(pilot)


async def test_a_library_that_cannot_open_is_reported(tmp_path: Path) -> None:
    app = make_app(tmp_path / "missing")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.is_running
        shown = await screen_text(pilot)
        assert "Cannot open the library: no such folder" in shown
        assert "Loading" not in shown and "Reading the library" not in shown


def test_errors_are_explained_in_words() -> None:
    assert explain(KbReaderError("x")) == ("Error", "x")
    title, message = explain(sqlite3.DatabaseError("file is not a database"))
    assert title == "The article store failed" and "repaired at the next start" in message
    assert explain(PermissionError(13, "Permission denied", "/x")) == (
        "File error",
        "Permission denied (/x)",
    )
    assert explain(ValueError("bad")) == ("Unexpected error", "ValueError: bad")

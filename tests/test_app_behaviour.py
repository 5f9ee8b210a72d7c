"""Behaviour a demanding user asked for after trying the reader in a real terminal."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from reader.config import Config, load_config
from reader.store import open_library
from reader.ui.app import KbReaderApp
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.facts_panel import FactsPanel
from reader.ui.help_screen import HelpScreen
from tests.app_support import make_library, wait_for

SEED = "000_5e142f96c0527c7e.txt"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "library")


def status(app: KbReaderApp) -> str:
    return str(app.main_screen.query_one("#status", Static).render())


async def test_brackets_step_from_the_open_article_not_the_list_cursor(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.main_screen
        articles = screen.query_one(ArticleList)
        await wait_for(pilot, lambda: len(articles.entries) == 3 and screen.article is not None)
        articles.focus()
        await pilot.press("G")  # cursor on the last row, the first article still open
        await pilot.press("right_square_bracket")
        await wait_for(
            pilot, lambda: screen.article is not None and screen.article.path == "shanghai.md"
        )


async def test_enter_after_a_new_search_opens_the_best_result(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.main_screen
        articles = screen.query_one(ArticleList)
        await wait_for(pilot, lambda: len(articles.entries) == 3 and screen.article is not None)
        articles.focus()
        await pilot.press("G", "enter")  # open the last article
        await wait_for(
            pilot, lambda: screen.article is not None and screen.article.path == "shenzhen.md"
        )
        await pilot.press("slash", *"上海港")
        await wait_for(pilot, lambda: articles.entries and articles.entries[0].snippet)
        await pilot.press("enter")
        await wait_for(
            pilot, lambda: screen.article is not None and screen.article.path == "shanghai.md"
        )


async def test_escape_clears_an_entity_filter_before_old_highlights(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(160, 48)) as pilot:
        screen = app.main_screen
        articles = screen.query_one(ArticleList)
        facts = screen.query_one(FactsPanel)
        await wait_for(pilot, lambda: screen.facts_for == SEED, timeout=30)
        facts.focus()
        facts.highlighted = next(
            i for i, o in enumerate(facts.options) if str(o.prompt).startswith("258位")
        )
        await pilot.press("enter")
        assert screen.hits
        facts.highlighted = next(
            i for i, o in enumerate(facts.options) if str(o.prompt).startswith("北京 ")
        )
        await pilot.press("e")
        await wait_for(pilot, lambda: len(articles.entries) == 1)
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(articles.entries) == 3)


async def test_tiny_terminal_shows_list_and_article_in_turn(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(40, 15)) as pilot:
        screen = app.main_screen
        articles = screen.query_one(ArticleList)
        pane = screen.query_one(ArticleView)
        await wait_for(pilot, lambda: len(articles.entries) == 3 and screen.article is not None)
        assert articles.region.width >= 38 and not pane.region.width
        articles.focus()
        await pilot.press("enter")
        await wait_for(pilot, lambda: app.focused is pane)
        await pilot.pause(0.1)
        assert pane.region.width >= 38 and not articles.region.width
        await pilot.press("escape")
        await wait_for(pilot, lambda: app.focused is articles)
        await pilot.pause(0.1)
        assert articles.region.width >= 38


async def test_position_is_saved_soon_after_scrolling(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main_screen
        pane = screen.query_one(ArticleView)
        await wait_for(pilot, lambda: screen.article is not None and pane.text_layout is not None)
        pane.focus()
        await pilot.press("space", "space")
        await pilot.pause(0.3)
        top = pane.top_offset
        state = open_library(library).state
        await wait_for(pilot, lambda: state.position(SEED) == top, timeout=5)


async def test_help_scrolls_with_the_keys_it_lists(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        await pilot.press("j", "j", "j")
        await pilot.pause(0.1)
        assert body.scroll_y > 0
        await pilot.press("G")
        await pilot.pause(0.1)
        assert body.scroll_y == body.max_scroll_y


async def test_source_url_fits_on_the_status_line(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        screen = app.main_screen
        await wait_for(pilot, lambda: screen.article is not None)
        await pilot.press("o")
        shown = status(app)
        assert shown.startswith("Source: http://digitalpaper.stdaily.com/")


async def test_bookmark_key_acts_on_the_open_article_from_an_empty_list(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen = app.main_screen
        articles = screen.query_one(ArticleList)
        await wait_for(pilot, lambda: len(articles.entries) == 3 and screen.article is not None)
        await pilot.press("apostrophe")  # no bookmarks yet: an empty list has the focus
        await wait_for(pilot, lambda: not articles.entries)
        await pilot.press("B")
        await wait_for(pilot, lambda: [e.path for e in articles.entries] == [SEED])


async def test_bad_key_entries_are_dropped_one_by_one(library: Path, tmp_path: Path) -> None:
    config_file = tmp_path / "config.yaml"
    config_file.write_text("keys:\n  search: ctrl+f\n  quit: '@@@'\n[a]: 1\n", encoding="utf-8")
    config = load_config(config_file)
    assert any("line 4" in e and "plain word" in e for e in config.errors)
    app = KbReaderApp(library, config)
    async with app.run_test(size=(100, 30)) as pilot:
        await wait_for(pilot, lambda: app.main_screen.article is not None)
        assert any("'quit: @@@' is not a key" in e for e in config.errors)
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await pilot.pause(0.3)
        await pilot.press("q")  # quit keeps its default
        await pilot.pause(0.2)
    assert not app.is_running

"""Pilot tests of every binding and flow of the reader."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Static

from reader.config import Config, load_config
from reader.ui.app import KbReaderApp, all_bindings
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.facts_panel import FactsPanel
from reader.ui.help_screen import HelpScreen
from reader.ui.main_screen import MainScreen
from tests.app_support import make_library, wait_for

SEED = "000_5e142f96c0527c7e.txt"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "library")


def parts(app: KbReaderApp) -> tuple[MainScreen, ArticleList, ArticleView, FactsPanel]:
    screen = app.main_screen
    return (
        screen,
        screen.query_one(ArticleList),
        screen.query_one(ArticleView),
        screen.query_one(FactsPanel),
    )


def status(app: KbReaderApp) -> str:
    return str(app.main_screen.query_one("#status", Static).render())


async def test_opens_library_newest_first_and_shows_first_article(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        screen, articles, pane, _ = parts(app)
        await wait_for(pilot, lambda: len(articles.entries) == 3 and screen.article is not None)
        assert [e.path for e in articles.entries] == [SEED, "shanghai.md", "shenzhen.md"]
        assert screen.article is not None and screen.article.path == SEED
        await wait_for(pilot, lambda: pane.text_layout is not None)
        assert any("播撒科创" in line.plain for line in pane.text_layout.lines)  # type: ignore[union-attr]


async def test_search_opens_first_hit_and_n_walks_hits(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        screen, articles, pane, _ = parts(app)
        await wait_for(pilot, lambda: screen.article is not None)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"图日林")
        await wait_for(pilot, lambda: articles.entries and articles.entries[0].snippet)
        assert [e.path for e in articles.entries] == [SEED]
        await pilot.press("enter")
        await wait_for(pilot, lambda: screen.hits and pane.text_layout is not None)
        text = screen.article.text  # type: ignore[union-attr]
        assert all(text[s:e] == "图日林" for s, e in screen.hits)
        assert "hit 1/2" in status(app)
        await pilot.press("n")
        assert "hit 2/2" in status(app)
        await pilot.press("n")
        assert "hit 1/2" in status(app)
        await pilot.press("N")
        assert "hit 2/2" in status(app)
        await pilot.press("escape")  # back to the whole list, the hits stay lit
        await wait_for(pilot, lambda: len(articles.entries) == 3)
        assert screen.hits
        await pilot.press("escape")  # then the highlights go
        assert screen.hits == []


async def test_search_with_no_result_and_hostile_input(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        screen, articles, _, _ = parts(app)
        await wait_for(pilot, lambda: screen.article is not None)
        await pilot.press("slash", *'"AND OR (* NEAR', "quotation_mark")
        await wait_for(pilot, lambda: not articles.entries)
        assert "Nothing found" in articles.empty_message


async def test_fact_jumps_to_its_mention(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(160, 48)) as pilot:
        screen, _, pane, facts = parts(app)
        await wait_for(pilot, lambda: screen.facts_for == SEED, timeout=30)
        index = next(i for i, o in enumerate(facts.options) if str(o.prompt).startswith("258位"))
        facts.focus()
        facts.highlighted = index
        await pilot.press("enter")
        text = screen.article.text  # type: ignore[union-attr]
        [(start, end)] = screen.hits
        assert text[start:end] == "258位"
        await pilot.pause(0.2)
        top, bottom = pane.top_offset, pane.offset_at_row(int(pane.scroll_y) + pane.size.height - 1)
        assert top <= start <= bottom


async def test_entity_filter_and_escape(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        screen, articles, _, facts = parts(app)
        await wait_for(pilot, lambda: len(articles.entries) == 3 and screen.article is not None)
        await pilot.press("f")  # narrow: the overlay opens and takes the focus
        assert facts.display and app.focused is facts
        await wait_for(pilot, lambda: screen.facts_for == SEED, timeout=30)
        index = next(i for i, o in enumerate(facts.options) if str(o.prompt).startswith("北京 "))
        facts.highlighted = index
        await pilot.press("e")
        await wait_for(pilot, lambda: len(articles.entries) == 1)
        assert articles.entries[0].path == SEED
        assert "entity: 北京" in str(screen.query_one("#list-label", Static).render())
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(articles.entries) == 3)


async def test_bookmarks_read_marks_and_article_stepping(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen, articles, _, _ = parts(app)
        await wait_for(pilot, lambda: len(articles.entries) == 3 and screen.article is not None)
        articles.focus()
        await pilot.press("B")
        await wait_for(pilot, lambda: articles.entries[0].bookmarked)
        await pilot.press("apostrophe")
        await wait_for(pilot, lambda: len(articles.entries) == 1)
        await pilot.press("escape")
        await wait_for(pilot, lambda: len(articles.entries) == 3)
        assert articles.entries[0].read  # opened at start
        await pilot.press("m")
        assert not articles.entries[0].read
        await pilot.press("m")
        assert articles.entries[0].read
        await pilot.press("right_square_bracket")
        await wait_for(
            pilot, lambda: screen.article is not None and screen.article.path == "shanghai.md"
        )
        await pilot.press("left_square_bracket")
        await wait_for(pilot, lambda: screen.article is not None and screen.article.path == SEED)
        await pilot.press("j", "enter")
        await wait_for(
            pilot, lambda: screen.article is not None and screen.article.path == "shanghai.md"
        )


async def test_reading_position_and_last_article_survive_a_restart(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        screen, articles, pane, _ = parts(app)
        await wait_for(pilot, lambda: screen.article is not None and pane.text_layout is not None)
        pane.focus()
        await pilot.press("space", "space", "j")
        await pilot.pause(0.1)
        saved = pane.top_offset
        assert saved > 0
        await pilot.press("q")
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        screen, _, pane, _ = parts(app)
        await wait_for(pilot, lambda: screen.article is not None and pane.text_layout is not None)
        await pilot.pause(0.2)
        assert screen.article.path == SEED  # type: ignore[union-attr]
        assert pane.top_offset == saved


async def test_resync_updates_the_list_and_a_vanished_article_is_announced(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(80, 24)) as pilot:
        screen, articles, _, _ = parts(app)
        await wait_for(pilot, lambda: len(articles.entries) == 3 and screen.article is not None)
        (library / "new.md").write_text(
            "# 新文章\n\n日期：2024-01-01\n\n内容。\n", encoding="utf-8"
        )
        (library / SEED).unlink()
        await pilot.press("r")
        await wait_for(
            pilot,
            lambda: [e.path for e in articles.entries] == ["new.md", "shanghai.md", "shenzhen.md"],
        )
        await wait_for(pilot, lambda: screen.article_missing)
        assert "no longer in the library" in status(app)


@pytest.mark.parametrize("size", [(80, 24), (40, 15)])
async def test_every_flow_at_small_sizes(library: Path, size: tuple[int, int]) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(120, 40)) as pilot:
        screen, articles, _, _ = parts(app)
        await wait_for(pilot, lambda: screen.article is not None)
        await pilot.resize_terminal(*size)
        keys = [
            "f",
            "f",
            "tab",
            "j",
            "k",
            "g",
            "G",
            "space",
            "b",
            "shift+tab",
            "slash",
            *"北京",
            "enter",
            "n",
            "N",
            "escape",
            "escape",
            "question_mark",
            "escape",
            "o",
            "right_square_bracket",
            "m",
            "B",
            "apostrophe",
            "escape",
            "f",
            "e",
            "escape",
        ]
        for key in keys:
            await pilot.press(key)
        await pilot.pause(0.2)
        assert app.is_running


async def test_help_lists_every_binding(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(120, 50)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        listed = {binding_id for _, _, binding_id in app.screen.rows}
        assert listed == {b.id for b in all_bindings()}
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_keys_remap_from_config_and_bad_config_starts_with_defaults(
    library: Path, tmp_path: Path
) -> None:
    config_file = tmp_path / "config.yaml"
    config_file.write_text(
        "keys:\n  search: ctrl+f\n  nonsense: x\nreading_width: many\n", encoding="utf-8"
    )
    config = load_config(config_file)
    assert any("line 4" in e and "reading_width" in e for e in config.errors)
    app = KbReaderApp(library, config)
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _, pane, _ = parts(app)
        await wait_for(pilot, lambda: screen.article is not None)
        assert pane.max_width == 88
        assert any("nonsense" in e for e in config.errors)
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input)


async def test_source_url_is_shown_and_copied(library: Path) -> None:
    app = KbReaderApp(library, Config())
    async with app.run_test(size=(100, 30)) as pilot:
        screen, _, _, _ = parts(app)
        await wait_for(pilot, lambda: screen.article is not None)
        await pilot.press("o")
        assert "digitalpaper.stdaily.com" in status(app)
        assert app.clipboard.startswith("http://digitalpaper.stdaily.com/")

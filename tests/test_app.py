"""Pilot tests of every binding and flow of the reader (no clock: see tests/app_support.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from rich.style import Style
from rich.text import Text
from textual.widgets import Input

from reader.config import load_config
from reader.store import open_library
from reader.ui.state import AllArticles, Bookmarks, EntityArticles, ListMode
from tests.app_support import SEED, make_app, make_library, parts, screen_text, settle, status


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "library")


def open_path(app: object) -> str | None:
    article = app.main_screen.state.article  # type: ignore[attr-defined]
    return None if article is None else str(article.path)


async def test_opens_library_newest_first_and_shows_first_article(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen, articles, pane, _ = parts(app)
        assert [e.path for e in articles.entries] == [SEED, "shanghai.md", "shenzhen.md"]
        assert open_path(app) == SEED
        assert pane.text_layout is not None
        assert any("播撒科创" in line.plain for line in pane.text_layout.lines)
        assert "3 articles · 3 new" in (await screen_text(pilot))


async def test_search_opens_first_hit_and_n_walks_hits(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen, articles, pane, _ = parts(app)
        await pilot.press("slash")
        assert isinstance(app.focused, Input)
        await pilot.press(*"图日林")
        await settle(pilot)
        assert [e.path for e in articles.entries] == [SEED] and articles.entries[0].snippet
        await pilot.press("enter")
        await settle(pilot)
        text = screen.state.article.text  # type: ignore[union-attr]
        assert all(text[s:e] == "图日林" for s, e in screen.state.hits.ranges)
        assert "hit 1/2" in status(app)
        await pilot.press("n")
        assert "hit 2/2" in status(app)
        await pilot.press("n")
        assert "hit 1/2" in status(app)
        await pilot.press("N")
        assert "hit 2/2" in status(app)
        await pilot.press("escape")  # back to the whole list, the hits stay lit
        await settle(pilot)
        assert len(articles.entries) == 3 and screen.state.hits
        await pilot.press("escape")  # then the highlights go
        assert not screen.state.hits


async def test_search_with_no_result_and_hostile_input(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _, articles, _, _ = parts(app)
        await pilot.press("slash", *'"AND OR (* NEAR', "quotation_mark")
        await settle(pilot)
        assert not articles.entries
        assert "Nothing found" in articles.empty_message


async def test_fact_jumps_to_its_mention(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen, _, pane, facts = parts(app)
        index = next(i for i, o in enumerate(facts.options) if str(o.prompt).startswith("258位"))
        facts.focus()
        first = facts.highlighted
        assert first is not None and first != index
        facts.highlighted = index
        await pilot.pause()

        def coloured(option: int) -> bool:
            prompt = facts.get_option_at_index(option).prompt
            assert isinstance(prompt, Text)
            return any(Style.parse(str(s.style)).color is not None for s in prompt.spans)

        # The highlighted row in the cursor's colours (tones meant for the panel's background
        # read 1.2:1 on the cursor); the row it left gets its tones back.
        assert not coloured(index) and coloured(first)
        await pilot.press("enter")
        text = screen.state.article.text  # type: ignore[union-attr]
        [(start, end)] = screen.state.hits.ranges
        assert text[start:end] == "258位"
        top = pane.offset_at_row(round(pane.scroll_y))
        bottom = pane.offset_at_row(round(pane.scroll_y) + pane.size.height - 1)
        assert top <= start <= bottom


async def test_entity_filter_and_escape(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen, articles, _, facts = parts(app)
        await pilot.press("f")  # narrow: the overlay opens and takes the focus
        await settle(pilot)
        assert facts.display and app.focused is facts
        facts.highlighted = next(
            i for i, o in enumerate(facts.options) if str(o.prompt).startswith("北京 ")
        )
        await pilot.press("e")
        await settle(pilot)
        mode: ListMode = screen.state.mode
        assert mode == EntityArticles("北京")
        assert [e.path for e in articles.entries] == [SEED]
        assert "entity: 北京 (1)" in (await screen_text(pilot))
        await pilot.press("escape")
        await settle(pilot)
        mode = screen.state.mode
        assert mode == AllArticles() and len(articles.entries) == 3


async def test_bookmarks_read_marks_and_article_stepping(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen, articles, _, _ = parts(app)
        articles.focus()
        await pilot.press("B")
        await settle(pilot)
        assert articles.entries[0].bookmarked
        await pilot.press("apostrophe")
        await settle(pilot)
        assert screen.state.mode == Bookmarks() and [e.path for e in articles.entries] == [SEED]
        await pilot.press("escape")
        await settle(pilot)
        assert len(articles.entries) == 3
        assert articles.entries[0].read  # opened at start
        await pilot.press("m")
        assert not articles.entries[0].read
        await pilot.press("m")
        assert articles.entries[0].read
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert open_path(app) == "shanghai.md"
        await pilot.press("left_square_bracket")
        await settle(pilot)
        assert open_path(app) == SEED
        articles.focus()
        await pilot.press("j", "enter")
        await settle(pilot)
        assert open_path(app) == "shanghai.md"
    state = open_library(library).state
    assert state.bookmarks() == {SEED}
    assert {SEED, "shanghai.md"} <= state.read_paths()


async def test_reading_position_and_last_article_survive_a_restart(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _, articles, pane, _ = parts(app)
        articles.focus()
        await pilot.press("j", "enter")
        await settle(pilot)
        await pilot.press("left_square_bracket")  # back to the seed: last open
        await settle(pilot)
        pane.focus()
        await pilot.press("space", "space", "j")
        saved = pane.top_offset
        assert saved > 0
        await pilot.press("q")
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        _, _, pane, _ = parts(app)
        assert open_path(app) == SEED
        assert pane.top_offset == saved


async def test_resync_updates_the_list_and_a_vanished_article_is_announced(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen, articles, _, _ = parts(app)
        (library / "new.md").write_text(
            "# 新文章\n\n日期：2024-01-01\n\n内容。\n", encoding="utf-8"
        )
        (library / SEED).unlink()
        await pilot.press("r")
        await settle(pilot)
        assert [e.path for e in articles.entries] == ["new.md", "shanghai.md", "shenzhen.md"]
        assert screen.state.missing == SEED
        assert "no longer in the library" in status(app)
        assert "1 new, 1 removed" in (await screen_text(pilot))


# 40x15 only: every other app test already runs at 80x24 or larger.
@pytest.mark.parametrize("size", [(40, 15)])
async def test_every_flow_at_small_sizes(library: Path, size: tuple[int, int]) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.resize_terminal(*size)
        keys = [
            *("f", "f", "tab", "j", "k", "g", "G", "space", "b", "shift+tab", "slash"),
            *("北", "京", "enter", "n", "N", "escape", "escape", "question_mark", "escape"),
            *("o", "right_square_bracket", "m", "B", "apostrophe", "escape", "f", "e"),
            "escape",
        ]
        await pilot.press(*keys)  # as fast as a reader types, workers or not
        await settle(pilot)
        assert app.is_running
        assert "Traceback" not in (await screen_text(pilot))


async def test_keys_remap_from_config_and_bad_config_starts_with_defaults(
    library: Path, tmp_path: Path
) -> None:
    config_file = tmp_path / "config.yaml"
    config_file.write_text(
        "keys:\n  search: ctrl+f\n  nonsense: x\nreading_width: many\n", encoding="utf-8"
    )
    config = load_config(config_file)
    assert any("line 4" in e and "reading_width" in e for e in config.errors)
    app = make_app(library, config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _, _, pane, _ = parts(app)
        assert pane.max_width == 88
        assert any("line 3" in e and "nonsense" in e for e in app.problems)
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input)


async def test_source_url_is_shown_and_copied(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert "digitalpaper.stdaily.com" in status(app)
        assert app.clipboard.startswith("http://digitalpaper.stdaily.com/")

"""Behaviour a demanding user asked for after trying the reader in a real terminal."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual import events
from textual.widgets import Input

from reader.config import load_config
from reader.store import open_library
from reader.store.state import UserState
from reader.ui import tasks
from reader.ui.help_screen import HelpScreen
from tests.app_support import SEED, make_app, make_library, parts, settle, status


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "library")


def open_path(app: object) -> str | None:
    article = app.main_screen.state.article  # type: ignore[attr-defined]
    return None if article is None else str(article.path)


async def test_brackets_step_from_the_open_article_not_the_list_cursor(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _, articles, _, _ = parts(app)
        articles.focus()
        await pilot.press("G")  # cursor on the last row, the first article still open
        await pilot.press("right_square_bracket")
        await settle(pilot)
        assert open_path(app) == "shanghai.md"


async def test_enter_after_a_new_search_opens_the_best_result(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _, articles, _, _ = parts(app)
        articles.focus()
        await pilot.press("G", "enter")  # open the last article
        await settle(pilot)
        assert open_path(app) == "shenzhen.md"
        await pilot.press("slash", *"上海港")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert open_path(app) == "shanghai.md"


async def test_escape_clears_an_entity_filter_before_old_highlights(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        screen, articles, _, facts = parts(app)
        facts.focus()
        facts.highlighted = next(
            i for i, o in enumerate(facts.options) if str(o.prompt).startswith("258位")
        )
        await pilot.press("enter")
        assert screen.state.hits
        facts.highlighted = next(
            i for i, o in enumerate(facts.options) if str(o.prompt).startswith("北京 ")
        )
        await pilot.press("e")
        await settle(pilot)
        assert len(articles.entries) == 1
        await pilot.press("escape")
        await settle(pilot)
        assert len(articles.entries) == 3 and screen.state.hits


async def test_tiny_terminal_shows_list_and_article_in_turn(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(40, 15)) as pilot:
        await settle(pilot)
        _, articles, pane, _ = parts(app)
        assert articles.region.width >= 38 and not pane.region.width
        articles.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert app.focused is pane
        assert pane.region.width >= 38 and not articles.region.width
        await pilot.press("escape")
        await settle(pilot)
        assert app.screen.focused is articles  # (app.focused is narrowed to the pane above)
        assert articles.region.width >= 38


async def test_help_scrolls_with_the_keys_it_lists(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        body = app.screen.query_one("#help-body")
        await pilot.press("j", "j", "j")
        await pilot.pause()
        assert body.scroll_y > 0
        await pilot.press("G")
        await pilot.pause()
        assert body.scroll_y == body.max_scroll_y


async def test_source_url_fits_on_the_status_line(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("o")
        assert status(app).startswith("Source (copied where the terminal allows): http://")


async def test_bookmark_key_acts_on_the_open_article_from_an_empty_list(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _, articles, _, _ = parts(app)
        await pilot.press("apostrophe")  # no bookmarks yet: an empty list has the focus
        await settle(pilot)
        assert not articles.entries
        await pilot.press("B")
        await settle(pilot)
        assert [e.path for e in articles.entries] == [SEED]


async def test_bad_key_entries_are_dropped_one_by_one(library: Path, tmp_path: Path) -> None:
    config_file = tmp_path / "config.yaml"
    config_file.write_text("keys:\n  search: ctrl+f\n  quit: '@@@'\n[a]: 1\n", encoding="utf-8")
    config = load_config(config_file)
    assert any("line 4" in e and "plain word" in e for e in config.errors)
    app = make_app(library, config)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert any("line 3" in e and "'quit: @@@' is not a key" in e for e in app.problems)
        await pilot.press("ctrl+f")
        assert isinstance(app.focused, Input)
        await pilot.press("escape")
        await settle(pilot)
        await pilot.press("q")  # quit keeps its default
    assert not app.is_running


async def test_keys_typed_right_after_slash_are_the_query(library: Path) -> None:
    # All at once, as a fast typist or a paste delivers them: none goes to the list.
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for key, char in (("slash", "/"), *((c, c) for c in "图日林"), ("slash", "/"), ("a", "a")):
            app.post_message(events.Key(key, char))
        await settle(pilot)
        assert isinstance(app.focused, Input) and app.focused.value == "图日林/a"


async def test_a_list_read_before_a_write_lands_keeps_the_mark_just_made(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = threading.Event()
    set_read = UserState.set_read

    def slow_set_read(self: UserState, path: str, read: bool = True) -> None:
        release.wait(30)
        set_read(self, path, read)

    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        _, articles, _, _ = parts(app)
        monkeypatch.setattr(UserState, "set_read", slow_set_read)
        articles.focus()
        await pilot.press("m")  # the seed: unread now, its write held back
        await pilot.press("apostrophe", "escape")  # the list is read again from the store
        await settle(pilot, besides=tasks.WRITES)  # everything but the held write
        try:
            assert len(articles.entries) == 3
            assert not articles.entries[0].read  # the store still says read; the key: unread
        finally:
            release.set()
        await settle(pilot)
        assert not articles.entries[0].read
    assert SEED not in open_library(library).state.read_paths()


async def test_n_to_a_hit_already_on_screen_keeps_the_page_still(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen, _, pane, _ = parts(app)
        await pilot.press("slash", *"北京", "enter")
        await settle(pilot)
        hits = screen.state.hits
        assert len(hits.ranges) > 20
        still = moved = 0
        for _ in range(12):
            target = screen.state.hits.step(1).current[0]
            shown_before = pane._shows(target)
            top_before = pane.scroll_y
            await pilot.press("n")
            await pilot.pause()
            assert pane._shows(target)  # the current hit is always on screen
            if shown_before:
                assert pane.scroll_y == top_before
                still += 1
            else:
                assert pane.scroll_y != top_before
                moved += 1
        assert still and moved  # both cases were met

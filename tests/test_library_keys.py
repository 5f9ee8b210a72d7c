"""The library side of the reading screen: order (S), unread (header, u, M), folder tree (F),
tags (# and #tag), the sidebar's width (< >) and the sync problems (!, and the notice)."""

from __future__ import annotations

import inspect
from pathlib import Path

import pytest

from reader.store import open_library
from reader.ui.app import KbReaderApp
from reader.ui.confirm import ConfirmScreen
from reader.ui.list_view import (
    COLLAPSED_KEY,
    FOLDERS_KEY,
    SORT_KEY,
    ListView,
    list_header,
    sidebar_width,
    view_from,
)
from reader.ui.problems_screen import ProblemsScreen
from reader.ui.state import AllArticles, SearchResults, TaggedArticles
from reader.ui.tag_screen import TagScreen
from tests.app_support import SEED, make_app, make_library, screen_text, settle


def issue(number: int, tags: str) -> str:
    return f"---\ntitle: 周报第{number}期\ntags: [{tags}]\n---\n\n第{number}期的内容。\n"


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """Three dated articles at the top, two undated issues in a folder, one file that is
    not an article (NUL bytes)."""
    root = make_library(tmp_path / "library")
    (root / "issues").mkdir()
    (root / "issues" / "week-2.md").write_text(issue(2, "周报, 科技"), encoding="utf-8")
    (root / "issues" / "week-10.md").write_text(issue(10, "周报"), encoding="utf-8")
    (root / "broken.md").write_bytes(b"# x\x00\x00\x00binary")
    return root


def paths(app: KbReaderApp) -> list[str]:
    return [e.path for e in app.main_screen.article_list.entries]


def header(app: KbReaderApp) -> str:
    return str(app.main_screen.query_one("#list-label").render())


BY_DATE = [SEED, "shanghai.md", "shenzhen.md", "issues/week-10.md", "issues/week-2.md"]
BY_TITLE = [SEED, "shanghai.md", "issues/week-2.md", "issues/week-10.md", "shenzhen.md"]
BY_PATH = [SEED, "issues/week-2.md", "issues/week-10.md", "shanghai.md", "shenzhen.md"]


async def test_s_cycles_the_orders_and_the_choice_outlives_a_restart(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        # Undated issues after the dated articles, the latest issue first (not 10 < 2).
        assert paths(app) == BY_DATE
        assert "by date" in header(app)
        await pilot.press("S")
        await settle(pilot)
        assert paths(app) == BY_TITLE and "by title" in header(app)  # 第2期 before 第10期
        await pilot.press("S")
        await settle(pilot)
        assert paths(app) == BY_PATH and "by path" in header(app)
        await pilot.press("S")
        await settle(pilot)
        # Last read: the one article opened so far first, then the rest by date.
        assert paths(app) == [SEED, *BY_DATE[1:]] and "by last read" in header(app)
        await pilot.press("S", "S")  # round to date, then title again
        await settle(pilot)
        assert paths(app) == BY_TITLE
    again = make_app(library)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.main_screen.state.view.sort == "title" and paths(again) == BY_TITLE


async def test_unread_count_next_unread_and_mark_all_read_after_asking(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        assert header(app).startswith("5 · 4 unread")  # the newest opened at start
        await pilot.press("u")
        await settle(pilot)
        assert screen.state.article is not None and screen.state.article.path == "shanghai.md"
        assert "3 unread" in header(app)
        await pilot.press("u")
        await settle(pilot)
        assert screen.state.article is not None and screen.state.article.path == "shenzhen.md"
        await pilot.press("M")
        await settle(pilot)
        assert isinstance(app.screen, ConfirmScreen)
        assert "2 unread" in str(app.screen.query_one("#confirm-question").render())
        await pilot.press("n")  # no: nothing changes
        await settle(pilot)
        assert not isinstance(app.screen, ConfirmScreen) and "2 unread" in header(app)
        await pilot.press("M", "y")
        await settle(pilot)
        assert "0 unread" in header(app)
        assert all(e.read for e in screen.article_list.entries)
        await pilot.press("u")
        assert "No other unread" in str(screen.query_one("#status").render())
    assert len(open_library(library).state.read_paths()) == 5  # written to user state


async def test_f_groups_by_folder_enter_shuts_a_folder_and_the_tree_is_remembered(
    library: Path,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        articles = app.main_screen.article_list
        await pilot.press("F")
        await settle(pilot)
        entries = articles.entries
        assert entries[0].folder and entries[0].path == "issues" and entries[0].count == 2
        assert [e.path for e in entries[1:3]] == ["issues/week-10.md", "issues/week-2.md"]
        assert entries[1].depth == 1 and not entries[3].folder
        assert "issues/ (2)" in await screen_text(pilot)
        assert header(app).startswith("5 · ")  # folders are not counted as articles
        await pilot.press("r")
        await settle(pilot)
        assert "5 articles" in str(app.main_screen.query_one("#library-status").render())
        articles.focus()
        await pilot.press("g", "enter")  # Enter on the folder: shut it
        await settle(pilot)
        assert [e.path for e in articles.entries if not e.folder] == BY_DATE[:3]
        assert articles.entries[0].shut
        await pilot.press("enter")
        await settle(pilot)
        assert len(articles.entries) == 6
        await pilot.press("j", "enter")  # an article in the folder opens
        await settle(pilot)
        assert app.main_screen.state.article is not None
        assert app.main_screen.state.article.path == "issues/week-10.md"
        await pilot.press("F")
        await settle(pilot)
        assert [e.path for e in app.main_screen.article_list.entries] == BY_DATE
    remembered = open_library(library).state.library_preference
    assert remembered(FOLDERS_KEY) == "0" and remembered(COLLAPSED_KEY) == ""


async def test_tags_from_the_picker_and_typed_in_the_search_bar(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("number_sign")
        await settle(pilot)
        assert isinstance(app.screen, TagScreen)
        text = await screen_text(pilot)
        assert "#周报  (2)" in text and "#科技  (1)" in text
        await pilot.press("down", "enter")  # the second tag: 科技
        await settle(pilot)
        assert app.main_screen.state.mode == TaggedArticles("科技")
        assert paths(app) == ["issues/week-2.md"]
        assert header(app).startswith("tag: 科技 (1)")
        await pilot.press("escape")
        await settle(pilot)
        assert isinstance(app.main_screen.state.mode, AllArticles)
        await pilot.press("slash", *"#周报")
        await settle(pilot)
        assert isinstance(app.main_screen.state.mode, SearchResults)
        assert sorted(paths(app)) == ["issues/week-10.md", "issues/week-2.md"]
        assert app.main_screen.article_list.entries[0].snippet is not None
        assert "#周报" in (app.main_screen.article_list.entries[0].snippet or "")


async def test_sidebar_width_follows_the_terminal_and_keeps_what_is_chosen(
    library: Path,
) -> None:
    assert sidebar_width(60, None) == 24 and sidebar_width(120, None) == 40
    assert sidebar_width(240, None) == 60 and sidebar_width(80, 200) == 50
    app = make_app(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        sidebar = app.main_screen.sidebar
        assert sidebar.outer_size.width == 40
        await pilot.press("greater_than_sign", "greater_than_sign")
        await settle(pilot)
        assert sidebar.outer_size.width == 48
        await pilot.press("less_than_sign")
        await settle(pilot)
        assert sidebar.outer_size.width == 44
        await pilot.press(*["less_than_sign"] * 6)  # 44 → 20, held at 24
        await settle(pilot)
        assert sidebar.outer_size.width == 24  # never below
    again = make_app(library)
    async with again.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        assert again.main_screen.sidebar.outer_size.width == 24  # remembered for this library


async def test_problems_screen_and_the_notice_after_a_sync_with_problems(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        notices = [n.message for n in app._notifications]
        assert "⚠ The sync had 1 file problem: ! lists them" in notices
        assert "1 file problem (! lists them)" in str(
            app.main_screen.query_one("#library-status").render()
        )
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen)
        assert app.screen.problems is not None and [p.path for p in app.screen.problems] == [
            "broken.md"
        ]
        text = await screen_text(pilot)
        assert "broken.md" in text and "1 file problem" in text
        await pilot.press("escape")
        assert not isinstance(app.screen, ProblemsScreen)
        (library / "broken.md").unlink()
        await pilot.press("r")
        await settle(pilot)
        await pilot.press("exclamation_mark")
        await settle(pilot)
        assert isinstance(app.screen, ProblemsScreen) and app.screen.problems == []
        assert "No problems" in await screen_text(pilot)


def test_the_view_rules_are_plain_values() -> None:
    view = ListView()
    orders = [view.sort]
    for _ in range(4):
        view = view.next_sort()
        orders.append(view.sort)
    assert orders == ["date", "title", "path", "last_read", "date"]
    remembered = {SORT_KEY: "path", FOLDERS_KEY: "1", COLLAPSED_KEY: "a\na/b"}
    assert view_from(remembered) == ListView("path", True, frozenset({"a", "a/b"}))
    assert view_from({SORT_KEY: "'; DROP TABLE x"}) == ListView()  # anything else: the default
    assert list_header("", "12", 3, ListView(), ranked=False) == "12 · 3 unread · by date"
    assert list_header("search: 的", "3 of 306", 1, ListView("title"), ranked=True) == (
        "search: 的 (3 of 306) · 1 unread"
    )


async def test_the_palette_offers_the_library_side(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        offered = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Timeline", "Sort", "Filter by tag", "Sync problems", "Mark all read"} <= offered
        run = next(
            c.callback for c in app.get_system_commands(app.screen) if c.title == "Filter by tag"
        )
        ran = run()
        if inspect.isawaitable(ran):  # (the palette awaits what it runs)
            await ran
        await settle(pilot)
        assert isinstance(app.screen, TagScreen)

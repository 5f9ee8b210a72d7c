"""The reading tools, key by key: find in the article, outline, links and going back, where am
I, a file named on the command line, and the editor key."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

import pytest
from textual.pilot import Pilot

from reader.config import Config
from reader.paths import data_dir
from reader.store.state import UserState
from reader.text.outline import outline_of
from reader.ui.app import KbReaderApp
from reader.ui.find_bar import FindBar, FindInput
from reader.ui.links_screen import LinksScreen
from reader.ui.outline_screen import CURRENT_MARK, OutlineScreen
from reader.ui.pace import IMMEDIATE
from reader.ui.percent_prompt import PercentPrompt
from reader.ui.state import AllArticles, SearchResults
from tests.app_support import SEED, make_app, make_library, settle, status

FILLER = "这是一段用来占满屏幕的文字，读者一行一行往下读。"


def section(title: str, paragraphs: int, level: int = 2) -> str:
    body = "\n\n".join(f"{title}第{n}段。{FILLER * 2}" for n in range(1, paragraphs + 1))
    return f"{'#' * level} {title}\n\n{body}\n\n"


GUIDE = (
    "# 阅读指南\n\n日期：2019-05-01\n\n"
    + section("第一部分", 12)
    + "链接：[上海港口](shanghai.md)、[深圳](./shenzhen)、[第二部分](#第二部分)、"
    "[官网](https://example.com/a?b=1)、[不存在](missing.md)、![地图](https://example.com/m.png)\n\n"
    + section("第二部分", 12)
    + section("小节", 12, level=3)
    + section("第三部分", 12)
)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    root = make_library(tmp_path / "library")
    (root / "guide.md").write_text(GUIDE, encoding="utf-8")
    (root / "taiwan.md").write_text("# 台湾新闻\n\n日期：2020-01-01\n\n台湾的消息。\n", "utf-8")
    return root


def opened(app: KbReaderApp) -> str | None:
    article = app.main_screen.state.article
    return None if article is None else article.path


async def open_article(pilot: object, app: KbReaderApp, path: str) -> None:
    screen = app.main_screen
    entry = next(e for e in screen.article_list.entries if e.path == path)
    screen._open(entry.path, entry.title)
    await settle(pilot)  # type: ignore[arg-type]
    assert opened(app) == path


def top_offset(app: KbReaderApp) -> int:
    pane = app.main_screen.pane
    return pane.offset_at_row(round(pane.scroll_y))


def showing(app: KbReaderApp, kind: type) -> bool:
    """(A function, so that mypy does not carry the narrowing of ``app.screen`` past a key.)"""
    return isinstance(app.screen, kind)


def find_count(app: KbReaderApp) -> str:
    return str(app.main_screen.query_one("#find-count").render())


def where(app: KbReaderApp) -> str:
    return str(app.main_screen.query_one("#where").render())


# ---------------------------------------------------------------- find in the article


async def test_find_counts_highlights_and_steps_without_touching_the_list(
    library: Path, seed_text: str
) -> None:
    app = make_app(library)
    async with app.run_test(size=(50, 24)) as pilot:  # tiny: the list and the article in turn
        await settle(pilot)
        screen = app.main_screen
        listing = not screen.body.reading  # (a name: mypy would narrow the attribute)
        assert opened(app) == SEED and listing
        rows = list(screen.article_list.entries)
        await pilot.press("ctrl+f")
        bar = screen.query_one(FindBar)
        assert bar.display and isinstance(app.focused, FindInput)
        assert screen.body.reading  # the bar shows over the article, not behind the list
        await pilot.press(*"北京")
        await settle(pilot)
        total = seed_text.count("北京")
        assert find_count(app) == f"1/{total}"
        hits = screen.state.hits
        assert len(hits.ranges) == total and hits.label == "北京"
        shown = screen.state.article
        assert shown is not None and all(shown.text[a:b] == "北京" for a, b in hits.ranges)
        assert screen.pane._highlights and f"北京 1/{total}" in status(app)
        await pilot.press("enter")
        assert find_count(app) == f"2/{total}"
        await pilot.press("down")
        assert find_count(app) == f"3/{total}"
        await pilot.press("up")
        assert find_count(app) == f"2/{total}"
        screen.pane.focus()
        await pilot.press("n", "n")
        assert find_count(app) == f"4/{total}"
        await pilot.press("N")
        assert find_count(app) == f"3/{total}"
        assert screen.pane.row_of(hits.ranges[2][0]) >= round(screen.pane.scroll_y)
        assert isinstance(screen.state.mode, AllArticles)
        assert list(screen.article_list.entries) == rows


async def test_escape_closes_the_find_and_brings_back_the_search_highlights(
    library: Path,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        await pilot.press("slash", *"图日林", "enter")
        await settle(pilot)
        before = screen.state.hits
        assert before and opened(app) == SEED
        listed = list(screen.article_list.entries)
        await pilot.press("ctrl+f", *"北京")
        await settle(pilot)
        assert screen.state.hits.label == "北京"
        await pilot.press("escape")
        await settle(pilot)
        assert not screen.query_one(FindBar).display
        assert screen.state.finding is None and screen.state.hits == before
        assert isinstance(screen.state.mode, SearchResults)  # the search is still listed
        assert list(screen.article_list.entries) == listed
        # Opened again, the last query is there, selected, and found again.
        await pilot.press("ctrl+f")
        await settle(pilot)
        assert screen.query_one(FindInput).value == "北京" and screen.state.hits.label == "北京"


async def test_find_matches_as_search_does_width_case_and_traditional(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", *"ｉａｓｐ")
        await settle(pilot)
        text = app.main_screen.state.article.text  # type: ignore[union-attr]
        found = {text[a:b] for a, b in app.main_screen.state.hits.ranges}
        assert found == {"IASP"}
        await open_article(pilot, app, "taiwan.md")
        # The bar stays open and finds again in the article now shown.
        assert app.main_screen.query_one(FindBar).display
        await pilot.press("ctrl+f", *"臺灣")  # the query is selected: typing replaces it
        await settle(pilot)
        assert find_count(app) == "1/2"  # the title line and the text: 台湾 twice
        await pilot.press("ctrl+f", *"没有的词")
        await settle(pilot)
        assert find_count(app) == "no match" and "Not found" in status(app)
        # What the reader cannot see is not found: a link's target is hidden, an image's shown.
        await open_article(pilot, app, "guide.md")
        await pilot.press("ctrl+f", *"example.com")
        await settle(pilot)
        assert find_count(app) == "1/1"


async def test_find_needs_an_open_article(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    app = make_app(tmp_path / "empty")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f", "t", "l", "colon")
        assert "Open an article first" in status(app)
        assert not app.main_screen.query_one(FindBar).display


# ---------------------------------------------------------------- outline


async def test_outline_lists_headings_by_level_and_enter_puts_one_at_the_top(
    library: Path,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        commands = {command.title for command in app.get_system_commands(app.screen)}
        assert {"Find", "Outline", "Links", "Back (link)", "Go to %"} <= commands
        await open_article(pilot, app, "guide.md")
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, OutlineScreen)
        rows = [str(prompt) for prompt in app.screen.prompts]
        assert rows == [
            f"{CURRENT_MARK}阅读指南",
            "    第一部分",
            "    第二部分",
            "      小节",
            "    第三部分",
        ]
        await pilot.press("j", "j", "j", "enter")  # 小节
        await settle(pilot)
        assert not showing(app, OutlineScreen)
        heading = outline_of(GUIDE).headings[3]
        assert heading.text == "小节" and top_offset(app) == heading.start
        # The outline marks where the reader is now.
        await pilot.press("t")
        await settle(pilot)
        assert isinstance(app.screen, OutlineScreen)
        assert str(app.screen.prompts[3]) == f"{CURRENT_MARK}    小节"
        await pilot.press("escape")
        assert top_offset(app) == heading.start
        await open_article(pilot, app, "taiwan.md")
        await app.main_screen.run_action("outline")  # what the palette's entry runs
        await settle(pilot)
        assert isinstance(app.screen, OutlineScreen)
        assert [str(p) for p in app.screen.prompts] == [f"{CURRENT_MARK}台湾新闻"]


# ---------------------------------------------------------------- links and history


async def pick_link(pilot: Pilot[None], steps: int) -> None:
    """``l``, then (once the list is up: its links come from a worker) ``j`` ``steps`` times and
    Enter."""
    await pilot.press("l")
    await settle(pilot)
    assert isinstance(pilot.app.screen, LinksScreen)
    await pilot.press(*"j" * steps, "enter")


async def test_links_open_articles_headings_and_copy_urls_and_backspace_comes_back(
    library: Path,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_article(pilot, app, "guide.md")
        await pilot.press("G")
        await settle(pilot)
        left_at = top_offset(app)
        await pilot.press("l")
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        rows = [str(prompt) for prompt in app.screen.prompts]
        assert rows[0].startswith("1  上海港口") and "shanghai.md" in rows[0]
        assert rows[5].startswith("6  image: 地图") and "https://example.com/m.png" in rows[5]
        await pilot.press("enter")
        await settle(pilot)
        assert opened(app) == "shanghai.md" and app.main_screen.pane.scroll_y == 0
        await pilot.press("backspace")
        await settle(pilot)
        assert opened(app) == "guide.md" and top_offset(app) == left_at
        # Typed ahead, as over a slow link: the links were read when the article arrived, so
        # j and Enter reach the list (they went to the reading screen behind it).
        await pilot.press("l", "j", "enter")  # ./shenzhen: no suffix
        await settle(pilot)
        assert opened(app) == "shenzhen.md"
        await pilot.press("H")
        await settle(pilot)
        assert opened(app) == "guide.md"
        await pilot.press("backspace")
        await settle(pilot)
        assert "Nothing to go back to" in status(app)
        await pilot.press("g")
        await pick_link(pilot, 2)  # [第二部分](#第二部分)
        await settle(pilot)
        second = outline_of(GUIDE).headings[2]
        assert opened(app) == "guide.md" and top_offset(app) == second.start
        await pilot.press("backspace")
        await settle(pilot)
        assert app.main_screen.pane.scroll_y == 0
        await pick_link(pilot, 3)
        await settle(pilot)
        assert app.clipboard == "https://example.com/a?b=1"
        assert "https://example.com/a?b=1" in status(app)
        assert any("https://example.com/a?b=1" in n.message for n in app._notifications)
        assert opened(app) == "guide.md" and not app.main_screen.state.history
        await pick_link(pilot, 4)  # missing.md
        await settle(pilot)
        assert "Not followed: no article missing.md" in status(app)


async def test_enter_in_the_pane_follows_the_link_on_the_top_line(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_article(pilot, app, "guide.md")
        screen = app.main_screen
        pane = screen.pane
        pane.focus()
        await pilot.press("enter")  # no link on screen
        await settle(pilot)
        assert "No link on screen" in status(app)
        link_line = GUIDE.index("链接：")
        pane.scroll_to_offset(link_line)
        await pilot.press("enter")  # several links on the top line: the list of just those
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen) and len(app.screen.values) >= 2
        await pilot.press("escape")
        # The line of the current hit is the cursor line: the one link on it is followed.
        await pilot.press("ctrl+f", *"上海港口")
        await settle(pilot)
        pane.focus()
        await pilot.press("enter")
        await settle(pilot)
        assert opened(app) == "shanghai.md"


# ---------------------------------------------------------------- where am I


async def test_the_status_bar_says_where_paging_overlaps_and_percent_jumps(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await open_article(pilot, app, "guide.md")
        pane = app.main_screen.pane
        pane.focus()
        assert where(app).startswith("0% · 1/")
        pages = int(where(app).rsplit("/", 1)[1])
        height = pane.scrollable_content_region.height
        await pilot.press("space")  # a page keeps one line of overlap
        assert round(pane.scroll_y) == height - 1 and where(app).endswith(f" · 2/{pages}")
        await pilot.press("space", "b")
        assert round(pane.scroll_y) == height - 1
        await pilot.press("G")
        await settle(pilot)
        assert where(app) == f"100% · {pages}/{pages}"
        await pilot.press("g", "colon")
        assert isinstance(app.screen, PercentPrompt)
        await pilot.press("5", "0", "enter")
        await settle(pilot)
        assert where(app).startswith("50% · ")
        await pilot.press("percent_sign", *"25%", "enter")
        await settle(pilot)
        assert where(app).startswith("25% · ")
        await pilot.press("colon", *"lots", "enter")
        await settle(pilot)
        assert "Not a percentage: lots" in status(app) and where(app).startswith("25% · ")


# ---------------------------------------------------------------- a file named, the editor


async def test_a_file_named_on_the_command_line_is_the_one_shown(library: Path) -> None:
    state = UserState(data_dir() / "state.sqlite3", str(library.resolve()))
    state.set_last_open(SEED)
    state.close()
    app = KbReaderApp(library, Config(), IMMEDIATE, article="shenzhen.md")
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert opened(app) == "shenzhen.md"
        current = app.main_screen.article_list.current
        assert current is not None and current.path == "shenzhen.md"


async def test_edit_falls_back_to_vi_and_a_missing_editor_is_named(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name in ("EDITOR", "VISUAL"):
        monkeypatch.delenv(name, raising=False)
    ran: list[list[str]] = []

    def run(args: list[str], check: bool) -> None:
        ran.append(args)
        if args[0] != "vi":
            raise FileNotFoundError(args[0])

    monkeypatch.setattr(subprocess, "run", run)
    app = make_app(library)
    monkeypatch.setattr(app, "suspend", contextlib.nullcontext)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("E")  # neither $EDITOR nor $VISUAL: vi
        await settle(pilot)
        assert ran == [["vi", str(library.resolve() / SEED)]]
        monkeypatch.setenv("VISUAL", "no-such-editor-here -w")
        await pilot.press("E")
        assert ran[-1][:2] == ["no-such-editor-here", "-w"]
        assert "No editor no-such-editor-here" in status(app)


async def test_the_reading_keys_can_be_remapped(library: Path) -> None:
    keys = {"find_in_article": "ctrl+g", "outline": "O", "links": "L", "history_back": "ctrl+b"}
    app = make_app(library, Config(keys=keys))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+g")
        assert isinstance(app.focused, FindInput)
        await pilot.press("escape")
        await open_article(pilot, app, "guide.md")
        await pilot.press("t")  # no longer the outline
        await settle(pilot)
        assert not showing(app, OutlineScreen)
        await pilot.press("O")
        await settle(pilot)
        assert isinstance(app.screen, OutlineScreen)
        await pilot.press("escape", "L")
        await settle(pilot)
        assert isinstance(app.screen, LinksScreen)
        await pilot.press("enter")
        await settle(pilot)
        assert opened(app) == "shanghai.md"
        await pilot.press("ctrl+b")
        await settle(pilot)
        assert opened(app) == "guide.md"


async def test_find_closes_the_floating_facts_panel_that_would_cover_its_count(
    library: Path,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.main_screen
        await pilot.press("f")
        assert screen.body.narrow and screen.body.facts_shown
        await pilot.press("ctrl+f", *"北京")
        await settle(pilot)
        assert not screen.body.facts_shown
        assert find_count(app).startswith("1/")
        bar = screen.query_one(FindBar)
        on_top, _ = app.screen.get_widget_at(bar.region.right - 2, bar.region.y)
        assert on_top is bar or bar in on_top.ancestors  # the count shows, nothing over it

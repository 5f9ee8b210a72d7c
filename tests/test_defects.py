"""The defects a new user hit (issue 12), one regression test each (defect 1, code blocks, is in
tests/test_themes.py; the layout ones, defect 6, in tests/test_layout_defects.py).

Each test looks at what the reader sees — the screen, the status line, the list, the store —
so it tells the previous release from this one by behaviour, not by names.
"""

from __future__ import annotations

import json
import re
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from textual.widgets import Input

from reader import cli
from reader.config import load_config
from reader.store import Library, open_library
from reader.store import sync as store_sync
from reader.ui.article_list import ArticleList
from reader.ui.facts_panel import FactsPanel
from reader.ui.help_screen import HelpScreen
from tests.app_support import (
    CODE_ARTICLE,
    SEED,
    hold_searches,
    make_app,
    make_library,
    screen_text,
    settle,
    status,
)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "library")


def option_index(facts: FactsPanel, prefix: str) -> int:
    return next(i for i, o in enumerate(facts.options) if str(o.prompt).startswith(prefix))


# 2 ---------------------------------------------------------------------------------------


async def test_2_enter_acts_on_what_is_typed_not_on_the_last_answer(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "图")
        await settle(pilot)  # the answer for 图 is on screen (four hits in the seed)
        hold_searches(app)
        await pilot.press("日", "林", "enter")  # Enter before any answer for 图日林
        await settle(pilot)
        assert "hit 1/2" in status(app)  # 图日林 twice, not 图's four hits
        article = open_library(library).article(SEED)
        assert article is not None and article.text.count("图日林") == 2


# 3 ---------------------------------------------------------------------------------------


@pytest.fixture
def slow_article(monkeypatch: pytest.MonkeyPatch) -> Iterator[threading.Event]:
    """Reading shanghai.md from the store waits until the test lets it go."""
    release = threading.Event()
    original = Library.article

    def article(self: Library, path: str) -> object:
        if path == "shanghai.md":
            release.wait(30)
        return original(self, path)

    monkeypatch.setattr(Library, "article", article)
    yield release
    release.set()


async def test_3_switching_articles_never_shows_the_previous_facts_or_status(
    library: Path, slow_article: threading.Event
) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "258位" in (await screen_text(pilot))  # the seed's facts
        await pilot.press("right_square_bracket")  # shanghai.md: its load is held back
        await pilot.pause()
        shown = await screen_text(pilot)
        assert "258位" not in shown  # not the seed's facts while the next article comes
        assert SEED not in status(app) and "播撒科创" not in status(app)
        assert "上海港口新闻" in status(app)
        slow_article.set()
        await settle(pilot)
        assert "4700万" in (await screen_text(pilot))
        assert "258位" not in (await screen_text(pilot))


# 4 ---------------------------------------------------------------------------------------


def dated_library(root: Path, count: int) -> Path:
    """a.md (oldest) … read in that order, newest last."""
    root.mkdir(parents=True)
    for index in range(count):
        name = chr(ord("a") + index)
        (root / f"{name}.md").write_text(
            f"# 文章{name}\n\n日期：2020-01-{index + 1:02d}\n\n正文{name}。\n", encoding="utf-8"
        )
    return root


async def test_4_first_sync_opens_the_newest_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_sync, "BATCH", 2)  # the list fills in steps, as a big one does
    library = dated_library(tmp_path / "library", 5)
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "正文e" in (
            await screen_text(pilot)
        )  # e.md: the newest, not the newest of a first batch
        assert "文章e" in status(app)


async def test_4_first_sync_opens_the_last_open_article(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(store_sync, "BATCH", 2)
    library = dated_library(tmp_path / "library", 5)
    open_library(library).state.set_last_open("d.md")
    app = make_app(library)  # an empty cache (a first sync) but a last-open article
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert "正文d" in (await screen_text(pilot))


# 5 ---------------------------------------------------------------------------------------


async def test_5_n_steps_through_the_mentions_of_a_chosen_entity(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        facts = app.main_screen.query_one(FactsPanel)
        facts.focus()
        facts.highlighted = option_index(facts, "北京 ")
        mentions = int(str(facts.options[facts.highlighted].prompt).split("×")[1].split()[0])
        assert mentions > 3
        await pilot.press("enter")
        assert f"北京 1/{mentions}" in status(app)
        await pilot.press("n")
        assert f"北京 2/{mentions}" in status(app)
        await pilot.press("N", "N")
        assert f"北京 {mentions}/{mentions}" in status(app)


# 7 ---------------------------------------------------------------------------------------


async def test_7_front_matter_title_and_details_are_shown(tmp_path: Path) -> None:
    root = tmp_path / "library"
    root.mkdir()
    (root / "code.md").write_text(CODE_ARTICLE, encoding="utf-8")
    app = make_app(root)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        shown = await screen_text(pilot)
        assert "代码示例" in shown  # the front matter's title, above the body's own heading
        assert "张三" in shown and "https://example.com/code" in shown
        assert "#编程" in shown and "#示例" in shown
        assert "代码示例 · 2024-03-01" in status(app)  # the title, not code.md
        assert "code.md" not in status(app)


# 8 ---------------------------------------------------------------------------------------


async def test_8_config_errors_are_one_line_and_each_names_its_line(
    library: Path, tmp_path: Path
) -> None:
    config_file = tmp_path / "config.yaml"
    config_file.write_text(
        "reading_width: many\ntheme: nope\nkeys:\n  search: ctrl+f\n  quit: '@@@'\n  zzz: x\n",
        encoding="utf-8",
    )
    app = make_app(library, load_config(config_file))
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert not app._notifications  # no toasts over the status line
        assert "⚠ 4 problems (?)" in (await screen_text(pilot))
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        inside = [re.search("█(.*)█", row) for row in (await screen_text(pilot)).splitlines()]
        listed = " ".join(" ".join(m.group(1).split()) for m in inside if m)  # the help's text
        for line, what in ((1, "reading_width"), (2, "nope"), (5, "quit"), (6, "zzz")):
            assert re.search(rf"line {line}: [^/]*{what}", listed), (line, what)


# 9 ---------------------------------------------------------------------------------------


async def test_9_palette_and_help_show_keys_as_typed_and_the_facts_panel_keys(
    library: Path,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        commands = {c.title: c.help for c in app.get_system_commands(app.screen)}
        assert commands["Next article"] == "key: ]"
        assert commands["Bookmarks"] == "key: '"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rows = {row[2]: row[0] for section in app.screen.sections for row in section.rows}
        assert rows["next_article"] == "]" and rows["show_bookmarks"] == "'"
        assert {"facts.first", "facts.last", "facts.select", "facts.filter_entity"} <= set(rows)
        assert "Facts panel" in {section.title for section in app.screen.sections}
        shown = await screen_text(pilot)
        assert "right_square_bracket" not in shown and "apostrophe" not in shown


async def test_9_g_G_and_escape_in_the_floating_facts_panel(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        facts = app.main_screen.query_one(FactsPanel)
        await pilot.press("f")
        await settle(pilot)
        assert facts.display and app.focused is facts
        await pilot.press("G")
        assert facts.highlighted == facts.option_count - 1
        await pilot.press("g")
        assert facts.highlighted == next(i for i, o in enumerate(facts.options) if not o.disabled)
        await pilot.press("escape")
        assert not facts.display


async def test_9_tab_into_the_search_bar_keeps_the_query(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", "北", "京", "tab")
        assert not isinstance(app.focused, Input)
        await pilot.press("shift+tab")
        assert isinstance(app.focused, Input)
        await pilot.press("市")
        assert app.focused.value == "北京市"


async def test_9_an_empty_library_says_so_in_full(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    app = make_app(tmp_path / "empty")
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        sidebar = [line[:25] for line in (await screen_text(pilot)).splitlines()]
        assert "Noarticlesinthislibrary" in "".join(sidebar).replace(" ", "")


async def test_9_a_theme_chosen_in_the_palette_survives_a_restart(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        app.theme = "nord"  # what Ctrl+P → Theme does
        await pilot.press("q")
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.theme == "nord"


async def test_9_list_marks_summary_in_words_and_no_stray_glyphs(library: Path) -> None:
    app = make_app(library)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        shown = await screen_text(pilot)
        assert "3 new" in shown and "(+" not in shown  # not "(+3 ~0 -0)"
        foot = shown.splitlines()[-2:]  # the status line and the footer
        assert not any(glyph in line for line in foot for glyph in "▏▕")
        articles = app.main_screen.query_one(ArticleList)
        articles.focus()
        await pilot.press("j", "B")  # shanghai.md: unread, now bookmarked
        await settle(pilot)
        row = next(
            line for line in (await screen_text(pilot)).splitlines() if "上海港口新闻" in line
        )
        assert "●" in row and "★" in row  # the bookmark does not hide the unread mark


def test_9_list_json_dates_are_dates(library: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["list", str(library), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {row["date"] for row in rows} == {"2023-10-19", "2022-01-05", "2021-03-01"}
    seed = next(row for row in rows if row["path"] == SEED)
    assert seed["time"] == "22:02"

"""T: the library's timeline in the app — the seed's dates with their sentences, resolved;
order, text and entity filters; Enter opens the article at the sentence; pages beyond the
first are read as the list needs them."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.store import open_library
from reader.ui import library_tasks, timeline_list
from reader.ui.app import KbReaderApp
from reader.ui.messages import FactsExtracted
from reader.ui.state import EntityArticles
from reader.ui.timeline_list import TimelineList
from reader.ui.timeline_screen import TimelineScreen
from tests.app_support import SEED, make_app, make_library, screen_text, settle


@pytest.fixture
def library(tmp_path: Path) -> Path:
    """The seed and two small articles, their facts extracted (as the background pass does)."""
    root = make_library(tmp_path / "library")
    store = open_library(root)
    store.sync()
    store.close()
    return root


def rows(app: KbReaderApp) -> TimelineList:
    assert isinstance(app.screen, TimelineScreen)
    return app.screen.rows


def shown(app: KbReaderApp) -> list[tuple[str, str]]:
    """(resolved date, date as written) of every loaded row, in order."""
    timeline = rows(app)
    entries = [timeline.entry(index) for index in range(timeline.total)]
    return [(entry.label, entry.text) for entry in entries if entry is not None]


async def test_the_seed_timeline_lists_its_dates_resolved_with_their_sentences(
    library: Path,
) -> None:
    app = make_app(library)
    async with app.run_test(size=(120, 60)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        listed = shown(app)
        for wanted in [
            ("2020-06", "2020年6月"),
            ("2022 autumn", "2022年秋季"),
            ("2023-06", "今年6月"),
            ("2023-09-14", "9月14日"),
            ("2023-09-14", "今年9月14日"),
        ]:
            assert wanted in listed
        whens = [rows(app).entry(i).when for i in range(rows(app).total)]  # type: ignore[union-attr]
        assert whens == sorted(whens, reverse=True)  # newest first
        text = await screen_text(pilot)
        assert "2020年6月，中俄数学中心正式成立。" in text
        assert "2022 autumn" in text and "此前的2022年秋季学期" in text
        assert "今年6月，剑桥大学代表团到访北京清华科技园" in text
        assert "2023-10-19 22:02" in text  # the seed's own date
        assert "2022-01-05" in text  # another article's own date

        await pilot.press("s")  # oldest first
        await settle(pilot)
        assert rows(app).entry(0).when <= rows(app).entry(1).when  # type: ignore[union-attr]
        await pilot.press("s")
        await settle(pilot)

        await pilot.press("slash", *"剑桥")
        await settle(pilot)
        assert shown(app) == [("2023-06", "今年6月")]
        assert "text: 剑桥" in str(app.screen.query_one("#timeline-header").render())
        await pilot.press("enter")  # out of the filter bar, to the rows
        await pilot.press("enter")  # open the article at that sentence
        await settle(pilot)
        assert not isinstance(app.screen, TimelineScreen)
        state = app.main_screen.state
        assert state.article is not None and state.article.path == SEED
        start = state.article.text.index("今年6月，剑桥")
        assert state.hits.ranges == ((start, start + 4),)
        assert state.anchor is not None and state.anchor.offset == start

        await pilot.press("T")
        await settle(pilot)
        await pilot.press("slash", *"不会有的句子")
        await settle(pilot)
        assert rows(app).total == 0
        assert "No dated sentence matches." in await screen_text(pilot)
        await pilot.press("escape", "escape")  # out of the bar, then the filter off
        await settle(pilot)
        assert rows(app).total == len(listed)
        await pilot.press("escape")
        assert not isinstance(app.screen, TimelineScreen)


async def test_e_on_an_entity_then_t_shows_only_its_articles_and_pages_load_as_needed(
    library: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(library_tasks, "PAGE", 4)
    monkeypatch.setattr(timeline_list, "PAGE", 4)
    app = make_app(library)
    async with app.run_test(size=(120, 24)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        everything = rows(app).total
        assert everything > 12 and set(rows(app).pages) <= {0, 1, 2, 3, 4}
        await pilot.press("G")  # the last row: its page is read when the list needs it
        await settle(pilot)
        last = rows(app).current
        assert last is not None and last.label == "2019"
        await pilot.press("escape")
        await settle(pilot)

        screen = app.main_screen
        screen.facts_panel.focus()
        panel = screen.facts_panel
        panel.highlighted = next(
            i for i, o in enumerate(panel.options) if str(o.prompt).startswith("北京 ")
        )
        await pilot.press("e")
        await settle(pilot)
        assert isinstance(screen.state.mode, EntityArticles)
        await pilot.press("T")
        await settle(pilot)
        assert "entity: 北京" in str(app.screen.query_one("#timeline-header").render())
        await pilot.press("G")
        await settle(pilot)
        timeline = rows(app)
        paths = {entry.path for entry in map(timeline.entry, range(timeline.total)) if entry}
        assert paths == {SEED} and timeline.total < everything  # 上海 and 深圳 left out


async def test_an_open_timeline_takes_in_the_dates_of_the_background_pass(
    tmp_path: Path,
) -> None:
    root = make_library(tmp_path / "library")  # synced without facts: no dates but the own
    app = make_app(root)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await settle(pilot)
        before = rows(app).total
        header = str(app.screen.query_one("#timeline-header").render())
        assert before == 3 and "articles' facts not extracted yet" in header  # three own dates
        store = open_library(root)  # the background pass, done elsewhere
        store.update_facts()
        store.close()
        app.main_screen.post_message(FactsExtracted())
        await settle(pilot)
        assert rows(app).total > before
        assert "not extracted" not in str(app.screen.query_one("#timeline-header").render())

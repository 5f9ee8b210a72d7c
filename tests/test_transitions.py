"""The reading state's rules, without a terminal."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from reader.store import Article, SyncReport, open_library
from reader.ui.article_list import ListEntry
from reader.ui.messages import ArticleLoaded, Listed, SyncProgress, TaskFailed
from reader.ui.state import (
    AllArticles,
    Bookmarks,
    FactsIdle,
    FactsLoading,
    Hits,
    LibraryStatus,
    ReaderState,
    SearchResults,
    library_line,
    list_label,
    status_line,
    sync_summary,
)
from reader.ui.transitions import (
    article_loaded,
    fact_chosen,
    first_to_open,
    listed,
    step_hit,
    sync_progress,
    task_failed,
    wanted,
)
from tests.app_support import SEED, make_library

ROWS = [ListEntry("c.md", "丙"), ListEntry("b.md", "乙"), ListEntry("a.md", "甲")]


@pytest.fixture
def seed(tmp_path: Path) -> Article:
    library = open_library(make_library(tmp_path / "library"))
    library.sync(facts=False)
    article = library.article(SEED)
    assert article is not None
    return article


def test_the_first_article_is_the_last_open_else_the_newest_once_the_list_is_complete() -> None:
    assert first_to_open(ROWS, "b.md", complete=False) == ROWS[1]
    assert first_to_open(ROWS, None, complete=False) is None  # a first sync is still reading
    assert first_to_open(ROWS, "gone.md", complete=True) == ROWS[0]
    assert first_to_open([], None, complete=True) is None


def test_an_answer_to_an_older_request_is_dropped(seed: Article) -> None:
    state = wanted(ReaderState(), SEED, "seed", (), facts=True)
    first = state.wanted
    state = wanted(state, "other.md", "other", (), facts=True)
    assert state.facts == FactsLoading("other.md")
    assert "Opening other" in status_line(state).text
    assert first is not None
    assert article_loaded(state, ArticleLoaded(first.request, SEED, seed, 10)) is state


def test_an_article_opens_at_its_first_hit_else_where_it_was_left(seed: Article) -> None:
    state = wanted(ReaderState(), SEED, "seed", ((40, 43), (90, 93)), facts=False)
    assert state.wanted is not None
    opened = article_loaded(state, ArticleLoaded(state.wanted.request, SEED, seed, 500))
    assert opened.anchor is not None and opened.anchor.offset == 40 and opened.anchor.context
    assert "hit 1/2" in status_line(opened).text
    state = wanted(ReaderState(), SEED, "seed", (), facts=False)
    assert state.wanted is not None
    opened = article_loaded(state, ArticleLoaded(state.wanted.request, SEED, seed, 500))
    assert opened.position == 500 and opened.anchor is not None and opened.anchor.offset == 500


def test_a_fact_chosen_again_goes_to_its_next_mention_and_n_steps_its_mentions() -> None:
    mentions = ((10, 12), (50, 52), (90, 92))
    state = fact_chosen(ReaderState(), mentions, "北京")
    assert state.hits == Hits(mentions, 0, "北京")
    state = fact_chosen(state, mentions, "北京")
    assert state.hits.index == 1 and status_line(state).text.startswith("北京 2/3")
    state = step_hit(step_hit(state, 1), 1)
    assert state.hits.index == 0
    assert state.anchor is not None and state.anchor.offset == 10


def test_a_list_answer_for_another_mode_or_query_is_dropped() -> None:
    state = ReaderState(mode=SearchResults("北京"))
    stale = Listed(SearchResults("北", "北"), ROWS, frozenset(), frozenset())
    assert listed(state, stale) is None
    assert listed(state, Listed(Bookmarks(), ROWS, frozenset(), frozenset())) is None
    fresh = listed(state, Listed(SearchResults("北京", "北京"), ROWS, frozenset(), frozenset()))
    assert fresh is not None and fresh.mode == SearchResults("北京", "北京") and fresh.listed == 3


@pytest.mark.parametrize(
    ("waiting_for", "field", "value"),
    [
        ("list", "list_error", "Search failed: boom"),
        ("article", "wanted", None),
        ("facts", "facts", FactsIdle("Search failed: boom")),
        ("library-open", "listed", 0),
    ],
)
def test_a_failed_task_is_said_and_not_waited_for(
    waiting_for: str, field: str, value: object
) -> None:
    state = wanted(ReaderState(mode=AllArticles()), SEED, "seed", (), facts=True)
    failed = task_failed(state, TaskFailed("x", "Search failed", "boom"), waiting_for)
    assert getattr(failed, field) == value
    assert failed.notice is not None and failed.notice.error
    assert status_line(failed).text == "Search failed: boom"


def test_the_sync_summary_is_in_words() -> None:
    assert sync_summary(SyncReport(added=1), 1) == "1 article · 1 new"
    assert sync_summary(SyncReport(), 3) == "3 articles · up to date"
    report = SyncReport(added=2, updated=1, removed=3, skipped=1)
    assert sync_summary(report, 9) == "9 articles · 2 new, 1 changed, 3 removed, 1 skipped"


def test_progress_shows_while_it_runs_and_the_summary_comes_back_after() -> None:
    state = ReaderState(library=LibraryStatus(sync_summary(SyncReport(added=60), 60)))
    state = sync_progress(state, SyncProgress("facts", 5, 60))
    assert library_line(state) == "Extracting facts: 5/60"
    state = replace(state, library=replace(state.library, progress=None))  # extraction done
    assert library_line(state) == "60 articles · 60 new"


def test_the_list_label_says_when_a_search_shows_only_its_best_results() -> None:
    searching = ReaderState(mode=SearchResults("的", "的"))
    answered = listed(
        searching, Listed(SearchResults("的", "的"), ROWS, frozenset(), frozenset(), total=306)
    )  # noqa: E501
    assert answered is not None and list_label(answered) == "search: 的 (3 of 306)"
    assert list_label(replace(answered, matches=3)) == "search: 的 (3)"
    assert list_label(ReaderState(mode=Bookmarks(), listed=None)) == "bookmarks (…)"
    assert list_label(ReaderState()) == ""


def test_the_status_says_how_many_escapes_clear_the_highlights() -> None:
    mentions = ((10, 12), (50, 52))
    in_all = fact_chosen(ReaderState(), mentions, "北京")
    assert status_line(in_all).text.endswith("n/N next/previous, Esc clears")
    # A search narrows the list: the first Esc brings back every article, the second clears.
    searched = fact_chosen(ReaderState(mode=SearchResults("北京", "北京")), mentions, "北京")
    assert status_line(searched).text.endswith("n/N next/previous, Esc twice clears")


def test_a_find_that_failed_says_so_in_its_bar_instead_of_waiting() -> None:
    from reader.ui.find_bar import count_label
    from reader.ui.state import Finding

    state = replace(ReaderState(), finding=Finding("北京", 0, Hits()))
    assert count_label(state) == "…"  # awaited
    failed = task_failed(state, TaskFailed("find", "Find failed", "boom"), "find")
    assert count_label(failed) == "failed"
    assert status_line(failed).text == "Find failed: boom"

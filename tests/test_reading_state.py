"""The reading tools' rules as pure functions: find (stale answers, Esc), the history."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

from reader.store import Article
from reader.ui import finding
from reader.ui.find_bar import count_label
from reader.ui.history import HISTORY_LIMIT, History, Place
from reader.ui.state import Hits, ReaderState

TEXT = "---\ntitle: 北京\n---\n北京市，北京大学；南京不是北京。"


def article(path: str = "a.md", text: str = TEXT) -> Article:
    return Article(
        id=1,
        path=path,
        title="北京",
        date=dt.date(2024, 1, 1),
        source=None,
        author=None,
        tags=(),
        body_start=text.index("---\n", 4) + 4,
        _load_text=lambda _id: text,
    )


def reading(**changes: object) -> ReaderState:
    return replace(ReaderState(article=article(), position=0), **changes)  # type: ignore[arg-type]


def test_matches_in_the_front_matter_are_not_found() -> None:
    found = finding.find_task(article(), "北京", 1, variants=True)
    body = TEXT.index("北京市")
    assert found.matches and all(start >= body for start, _ in found.matches)
    assert len(found.matches) == 3


def test_the_first_match_is_the_one_after_where_the_reader_was() -> None:
    a = article()
    second = a.text.index("北京大学")
    state = finding.opened(reading(position=second - 1))
    state = finding.typed(state, "北京")
    assert count_label(state) == "…"
    state = finding.found(state, finding.find_task(a, "北京", state.finding.request, variants=True))  # type: ignore[union-attr]
    assert state.hits.index == 1 and count_label(state) == "2/3"
    assert state.anchor is not None and state.anchor.offset == second
    assert count_label(finding.stepped(state, 1)) == "3/3"
    assert count_label(finding.stepped(state, -2)) == "3/3"  # wraps around


def test_a_stale_answer_is_dropped() -> None:
    state = finding.typed(finding.opened(reading()), "北")
    state = finding.typed(state, "北京")
    old = finding.Found("a.md", "北", state.finding.request - 1, ((0, 1),))  # type: ignore[union-attr]
    assert finding.found(state, old) == state
    elsewhere = replace(old, path="b.md", query="北京", request=state.finding.request)  # type: ignore[union-attr]
    assert finding.found(state, elsewhere) == state


def test_no_match_says_so_and_an_empty_query_shows_nothing() -> None:
    state = finding.typed(finding.opened(reading()), "上海")
    state = finding.found(state, finding.Found("a.md", "上海", state.finding.request, ()))  # type: ignore[union-attr]
    assert count_label(state) == "no match" and not state.hits
    assert state.notice is not None and "Not found" in state.notice.text
    state = finding.typed(state, "  ")
    assert count_label(state) == "" and not state.hits


def test_escape_brings_back_the_highlights_from_before() -> None:
    before = Hits(((40, 42),), 0, "hit")
    state = finding.opened(reading(hits=before))
    state = finding.typed(state, "北京")
    state = finding.found(state, finding.Found("a.md", "北京", state.finding.request, ((30, 32),)))  # type: ignore[union-attr]
    assert state.hits.label == "北京"
    closed = finding.closed(state)
    assert closed.finding is None and closed.hits == before


def test_history_goes_back_place_by_place_and_is_bounded() -> None:
    history = History()
    assert history.back() == (None, history)
    a, b = Place("a.md", "A", 10), Place("b.md", "B", 0)
    history = history.push(a).push(a).push(b)
    assert len(history) == 2  # the same place twice is one step
    place, history = history.back()
    assert place == b
    place, history = history.back()
    assert place == a and not history
    for n in range(HISTORY_LIMIT + 5):
        history = history.push(Place("a.md", "A", n))
    assert len(history) == HISTORY_LIMIT and history.places[0].offset == 5

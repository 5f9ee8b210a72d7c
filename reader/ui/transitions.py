"""How the reading state changes: pure functions from one ``ReaderState`` to the next.

The screen calls them from its handlers and then does what cannot be pure (start a task, move
the focus); keeping the rules here makes each one testable without a terminal.
"""

from __future__ import annotations

import dataclasses
from dataclasses import replace

from reader.store import Library
from reader.text.sanitize import visible
from reader.ui.article_list import ListEntry
from reader.ui.messages import ArticleLoaded, FactsLoaded, Listed, SyncProgress, TaskFailed
from reader.ui.state import (
    NO_HITS,
    Anchor,
    FactsIdle,
    FactsLoading,
    FactsReady,
    Hits,
    LibraryStatus,
    Notice,
    Range,
    ReaderState,
    SearchResults,
    Wanted,
    same_listing,
)


def anchor(
    state: ReaderState, offset: int, *, context: bool = False, if_hidden: bool = False
) -> Anchor:
    """A new request to show ``offset`` (new even when it is the same place again)."""
    serial = state.anchor.serial + 1 if state.anchor is not None else 1
    return Anchor(offset, context, serial, if_hidden)


def first_to_open(
    entries: list[ListEntry], last_open: str | None, *, complete: bool
) -> ListEntry | None:
    """At start: the article open last time; else, once the list is complete, the newest
    (while a first sync fills the list, its first rows are not the newest yet)."""
    articles = [entry for entry in entries if not entry.folder]
    last = next((entry for entry in articles if entry.path == last_open), None)
    if last is None and complete and articles:
        return articles[0]
    return last


def wanted(
    state: ReaderState,
    path: str,
    title: str,
    hits: tuple[Range, ...],
    facts: bool,
    reread: bool = False,
) -> ReaderState:
    """An article asked for: the status line and facts panel speak of it at once (a re-read
    of the open one, after a sync, keeps both as they are until it comes)."""
    request = state.requests + 1
    article, position = state.article, state.position
    again = article is not None and article.path == path
    panel = state.facts if again else FactsLoading(path) if facts else FactsIdle()
    asked = Wanted(path, title, request, hits, quiet=again, reread=reread)
    left_at = state.left_at
    if article is not None and position is not None and not again:
        # Its write may still be queued when it is opened again: remember it here too.
        left_at = {**left_at, article.path: position}
    return replace(state, wanted=asked, requests=request, notice=None, facts=panel, left_at=left_at)


def listed(state: ReaderState, message: Listed) -> ReaderState | None:
    """Rows for ``message.mode``; None when the list shows something else now (another mode,
    or a newer query is on its way). Read marks and bookmarks stay the state's: a list read
    from the store just before a write has landed must not undo a key just pressed."""
    if not same_listing(message.mode, state.mode):
        return None
    if message.view != state.view and not isinstance(state.mode, SearchResults):
        return None  # listed in an order or grouping the reader has changed since
    mode = message.mode if isinstance(message.mode, SearchResults) else state.mode
    return replace(
        state,
        mode=mode,
        listed=sum(1 for entry in message.entries if not entry.folder),
        matches=message.total,
        list_error=None,
        results=message.hits,
    )


def flagged(state: ReaderState, entries: list[ListEntry]) -> list[ListEntry]:
    """``entries`` with the state's read marks and bookmarks."""
    read, marks = state.read, state.bookmarks
    return [
        e
        if e.read == (e.path in read) and e.bookmarked == (e.path in marks)
        else dataclasses.replace(e, read=e.path in read, bookmarked=e.path in marks)
        for e in entries
    ]


def article_loaded(state: ReaderState, message: ArticleLoaded) -> ReaderState:
    """The answer to a request: open it at its first search hit, else where the reader left
    it (a re-read of the open article keeps the place). An older request's answer is dropped."""
    asked, article = state.wanted, message.article
    if asked is None or message.request != asked.request:
        return state
    if article is None:
        no_facts = FactsIdle("No article open.")
        return replace(state, wanted=None, missing=message.path, hits=NO_HITS, facts=no_facts)
    again = state.article is not None and state.article.path == article.path
    position = state.position if again else state.left_at.get(article.path, message.position)
    position = position if asked.at is None else asked.at  # a link's target
    unchanged = again and state.article is not None and state.article.text == article.text
    facts = state.facts if unchanged else FactsIdle()  # (the screen asks for new ones)
    hits = Hits(asked.hits) if asked.hits else NO_HITS
    target: Anchor | None
    if unchanged and asked.reread and asked.hits == state.hits.ranges:
        hits, target = state.hits, state.anchor  # re-read after a sync: stay where it was
    elif hits:
        target = anchor(state, hits.current[0], context=True)
    else:
        target = anchor(state, position) if position is not None else None
    return replace(
        state,
        article=article,
        missing=None,
        wanted=None,
        hits=hits,
        anchor=target,
        position=position,
        read=state.read | {article.path},
        facts=facts,
    )


def facts_loaded(state: ReaderState, message: FactsLoaded) -> ReaderState:
    """The facts of the open article, if they are the ones awaited and of the text shown."""
    article, facts = state.article, state.facts
    waiting = isinstance(facts, FactsLoading) and facts.path == message.path
    if waiting and article is not None and article.text == message.text:
        return replace(state, facts=FactsReady(message.path, message.facts, message.context))
    return state


def show_hit(state: ReaderState, hits: Hits) -> ReaderState:
    place = anchor(state, hits.current[0], context=True, if_hidden=True)
    return replace(state, hits=hits, anchor=place, notice=None)


def fact_chosen(state: ReaderState, ranges: tuple[Range, ...], label: str) -> ReaderState:
    """A fact's mentions become the hits, so n/N step through them; Enter again on the same
    fact goes to its next mention."""
    same = state.hits.ranges == ranges and state.hits.label == label
    return show_hit(state, state.hits.step(1) if same else Hits(ranges, 0, label))


def step_hit(state: ReaderState, by: int) -> ReaderState:
    if not state.hits:
        return replace(state, notice=Notice("No hits in this article (search with /)."))
    return show_hit(state, state.hits.step(by))


ROW_FLAGS = {"read": "read", "bookmarks": "bookmarked"}  # state field → list row field


def marked(state: ReaderState, entry: ListEntry, kind: str, on: bool) -> ReaderState:
    """``kind`` is "read" (m) or "bookmarks" (B)."""
    marks: frozenset[str] = getattr(state, kind)
    marks = marks | {entry.path} if on else marks - {entry.path}
    if kind == "read":
        text = f"Marked {'read' if on else 'unread'}: {visible(entry.title)}"
        return replace(state, read=marks, notice=Notice(text))
    text = "Bookmarked (' lists bookmarks)" if on else "Bookmark removed"
    return replace(state, bookmarks=marks, notice=Notice(text))


def write_mark(library: Library, kind: str, path: str, on: bool) -> None:
    """(In the write queue's worker.)"""
    if kind == "read":
        library.state.set_read(path, on)
    elif (path in library.state.bookmarks()) != on:
        library.state.toggle_bookmark(path)


def sync_progress(state: ReaderState, message: SyncProgress) -> ReaderState:
    done, total = message.done, message.total
    if total == 0 or (total < 50 and message.phase == "read"):
        return state  # a small library syncs faster than a progress bar could say so
    what = "Reading articles" if message.phase == "read" else "Extracting facts"
    return replace(state, library=replace(state.library, progress=(done, total), doing=what))


FIND_FAILED = -1  # Finding.count of a find that raised: the bar says so instead of "…"


def task_failed(state: ReaderState, message: TaskFailed, waiting_for: str) -> ReaderState:
    """A task raised: say so in the status line and stop waiting for what it would have
    brought (``waiting_for`` is what it was: "list", "article", "facts", "library" — a sync —
    or "library-open", after which nothing will come)."""
    text = f"{message.title}: {message.message}"
    state = replace(state, notice=Notice(text, error=True))
    if waiting_for == "list":
        return replace(state, listed=0, list_error=text)
    if waiting_for == "article":
        return replace(state, wanted=None)
    if waiting_for == "facts":
        return replace(state, facts=FactsIdle(text))
    if waiting_for == "library":
        return replace(state, library=LibraryStatus(text), listed=state.listed or 0)
    if waiting_for == "library-open":
        return replace(state, library=LibraryStatus(text), listed=0, list_error=text)
    if waiting_for == "find" and state.finding is not None:
        return replace(state, finding=replace(state.finding, count=FIND_FAILED))
    return state

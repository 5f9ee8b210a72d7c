"""Work done off the UI thread, and the one way to start it.

A task is a plain function of the library and plain values — never a widget, never the
screen's state — that returns the message carrying its answer. :func:`start` runs it in a
thread worker (``exclusive``: a newer request of the same group supersedes the older;
``exit_on_error=False``: whatever it raises reaches the app's one ``Worker.StateChanged``
handler as a readable message, never a crash) and posts the answer to the widget that asked.

Convention, checked by ``tests/test_architecture.py``: ``run_worker`` is called here and
nowhere else in ``reader.ui``, and no ``@work`` decorator is used.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from textual.message import Message
from textual.message_pump import MessagePump
from textual.worker import Worker, get_current_worker

from reader.facts.markup import prose_only
from reader.store import Library, LibraryError, open_library
from reader.store.listing import sort_articles, tag_query
from reader.text import segment
from reader.ui.article_list import ListEntry
from reader.ui.errors import FactsFailed, LibraryUnavailable, SearchFailed, SyncFailed
from reader.ui.list_view import (
    COLLAPSED_KEY,
    FOLDERS_KEY,
    SIDEBAR_KEY,
    SORT_KEY,
    ListView,
    chosen_width,
    entries_for,
    view_from,
)
from reader.ui.messages import (
    ArticleLoaded,
    DictionaryLoaded,
    FactsExtracted,
    FactsLoaded,
    LibraryOpened,
    Listed,
    SyncFinished,
    SyncProgress,
)
from reader.ui.state import (
    AllArticles,
    Bookmarks,
    EntityArticles,
    ListMode,
    SearchResults,
    TaggedArticles,
)

Post = Callable[[Message], object]

# Worker groups: one per kind of answer the screen waits for.
OPEN, LIST, SEARCH, ARTICLE, FACTS, SYNC, WRITES, LAYOUT, WARM_UP = (
    "open-library",
    "list",
    "search",
    "article",
    "facts",
    "sync",
    "user-state",
    "layout",
    "warm-up",
)
# What the screen stops waiting for when a task of a group fails (``transitions.task_failed``).
WAITING_FOR = {
    OPEN: "library-open",
    SYNC: "library",
    LIST: "list",
    SEARCH: "list",
    ARTICLE: "article",
    FACTS: "facts",
    "find": "find",  # reader.ui.reading_tools.FIND
}
SEARCH_RESULTS = 100  # more than a sidebar shows; each extra result costs ranking time


def start(requester: MessagePump, work: Callable[[], Message | None], group: str) -> Worker[None]:
    """Run ``work`` in a thread; post its answer to ``requester`` unless superseded."""

    def run() -> None:
        answer = work()
        if answer is not None and not get_current_worker().is_cancelled:
            requester.post_message(answer)

    return requester.app.run_worker(
        run, name=group, group=group, thread=True, exclusive=True, exit_on_error=False
    )


def _marks(library: Library) -> tuple[frozenset[str], frozenset[str]]:
    return frozenset(library.state.read_paths()), frozenset(library.state.bookmarks())


def open_library_task(path: Path | None) -> LibraryOpened:
    try:
        library = open_library(path)
    except (LibraryError, OSError) as error:
        raise LibraryUnavailable(str(error)) from error
    last_open = library.state.last_open()
    width = chosen_width({SIDEBAR_KEY: library.state.library_preference(SIDEBAR_KEY)})
    listed = list_articles(library)
    return LibraryOpened(library, list(library.notices), last_open, listed, width)


def remembered_view(library: Library) -> ListView:
    """The list's order and grouping as last chosen for this library."""
    preference = library.state.library_preference
    return view_from({key: preference(key) for key in (SORT_KEY, FOLDERS_KEY, COLLAPSED_KEY)})


def list_articles(
    library: Library, mode: ListMode | None = None, view: ListView | None = None
) -> Listed:
    """``mode``'s rows in ``view``'s order (None: as last chosen, what a sync lists by)."""
    read, marks = _marks(library)
    view = view if view is not None else remembered_view(library)
    if isinstance(mode, EntityArticles):
        opened = library.state.opened_times() if view.sort == "last_read" else None
        articles = sort_articles(library.articles_mentioning(mode.name), view.sort, opened=opened)
    elif isinstance(mode, TaggedArticles):
        articles = library.articles(view.sort, tag=mode.tag)
    elif isinstance(mode, Bookmarks):
        articles = [a for a in library.articles(view.sort) if a.path in marks]
    else:  # all articles; a blank search lists everything too
        assert mode is None or isinstance(mode, (AllArticles, SearchResults))
        articles = library.articles(view.sort)
    entries = entries_for(articles, view, read, marks)
    return Listed(mode or AllArticles(), entries, read, marks, view=view)


def search(library: Library, query: str, read: frozenset[str], marks: frozenset[str]) -> Listed:
    tag = tag_query(query)
    if tag is not None:  # #tag: the articles carrying it, newest first, their tags below
        tagged = [
            ListEntry(
                a.path,
                a.title,
                a.date,
                read=a.path in read,
                bookmarked=a.path in marks,
                snippet=" ".join(f"#{own}" for own in a.tags),
            )
            for a in library.articles(tag=tag)
        ]
        return Listed(SearchResults(query, query), tagged, read, marks, total=len(tagged))
    try:
        results = library.search(query, limit=SEARCH_RESULTS)
    except Exception as error:
        raise SearchFailed(str(error)) from error
    entries = [
        ListEntry(
            r.path,
            r.title,
            r.date,
            read=r.path in read,
            bookmarked=r.path in marks,
            snippet=r.snippet,
            snippet_hits=tuple(r.snippet_hits),
        )
        for r in results
    ]
    hits = {r.path: tuple(r.hits) for r in results}
    apart = bool(results) and not any(r.contiguous for r in results)
    mode = SearchResults(query, query, apart)
    return Listed(mode, entries, read, marks, hits, total=results.total)


def load_article(library: Library, path: str, request: int) -> ArticleLoaded:
    article = library.article(path)
    if article is None:
        return ArticleLoaded(request, path, None, None)
    article.text  # noqa: B018 - loaded here, off the UI thread (the property caches it)
    position = library.state.position(path)
    library.state.set_read(path)
    library.state.set_last_open(path)
    return ArticleLoaded(request, path, article, position)


def load_facts(library: Library, path: str) -> FactsLoaded | None:
    article = library.article(path)
    if article is None:
        return None  # gone meanwhile: the sync's answer reports it
    try:
        facts = library.facts(path)
    except KeyError:
        return None
    except Exception as error:
        raise FactsFailed(str(error)) from error
    # Context snippets come from the prose only: no ** or URLs around a number.
    return FactsLoaded(path, article.text, facts, prose_only(article.text))


def sync(library: Library, post: Post, list_every: float) -> SyncFinished:
    """Sync the folder; while it reads, post the growing list every ``list_every`` seconds."""
    last_post = last_list = 0.0

    def progress(phase: str, done: int, total: int, _path: str) -> None:
        nonlocal last_post, last_list
        now = time.monotonic()
        if now - last_post > 0.1 or done == total:
            last_post = now
            post(SyncProgress(phase, done, total))
        if phase == "read" and now - last_list >= list_every:
            last_list = now
            post(replace(list_articles(library), complete=False))

    try:
        report = library.sync(progress, facts=False)
    except Exception as error:
        raise SyncFailed(str(error)) from error
    listed = list_articles(library)
    post(listed)
    return SyncFinished(report, sum(1 for entry in listed.entries if not entry.folder))


def extract_facts(library: Library, post: Post, stop: threading.Event) -> FactsExtracted:
    """The facts of every article not extracted yet, in a child process; ``stop`` (a re-sync
    was asked for, or the app is quitting) ends it early."""
    worker = get_current_worker()

    def progress(phase: str, done: int, total: int, _path: str) -> None:
        post(SyncProgress(phase, done, total))

    try:
        library.update_facts(
            progress,
            should_stop=lambda: stop.is_set() or worker.is_cancelled,
            in_subprocess=True,
        )
    except Exception as error:
        raise FactsFailed(str(error)) from error
    return FactsExtracted()


def load_dictionary() -> DictionaryLoaded:
    """jieba's dictionary (most of a second): loaded once the list is on screen, so the
    first search and the facts panel do not wait for it."""
    segment.tokenizer()
    return DictionaryLoaded(list(segment.user_dictionary_errors))

"""The one screen that mediates between sidebar, reading pane, facts panel and search bar.

Widgets never touch the store: the screen runs every store call in a thread worker and the
answer comes back as a message (``reader.ui.messages``). Exclusive worker groups mean a new
request (another article, another keystroke in the search bar) supersedes the old one, and a
generation counter drops any answer that arrives after it stopped mattering.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import time
from typing import TYPE_CHECKING, ClassVar

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.events import DescendantFocus, Resize
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer, Input, ProgressBar, Static
from textual.worker import get_current_worker

from reader.facts.markup import prose_only
from reader.store import Article, Library, open_library
from reader.text.sanitize import clipboard_url, visible
from reader.ui.article_list import ArticleList, ListEntry
from reader.ui.article_view import ArticleView
from reader.ui.facts_panel import FactsPanel
from reader.ui.messages import (
    ArticleChanged,
    ArticleLoaded,
    ArticlesLoaded,
    FactsLoaded,
    LibraryOpened,
    SearchFinished,
    SyncFinished,
    SyncProgress,
)

if TYPE_CHECKING:
    from pathlib import Path

    from reader.config import Config

NARROW = 110  # below this many columns the facts panel becomes an overlay
TINY = 60  # below this, the list and the article take the whole width in turn
SEARCH_DEBOUNCE = 0.15
SEARCH_RESULTS = 100  # more than a sidebar shows; each extra result costs ranking time
POSITION_SAVE_DELAY = 1.5  # seconds after scrolling stops
RELOAD_EVERY = 1.0  # seconds between list refreshes while a first sync fills the library


class MainScreen(Screen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("slash", "search", "Search", id="search"),
        Binding("escape", "back", "Back", id="back"),
        Binding("n", "next_hit", "Next hit", id="next_hit"),
        Binding("N", "previous_hit", "Prev hit", show=False, id="previous_hit"),
        Binding("f", "toggle_facts", "Facts", id="toggle_facts"),
        Binding(
            "left_square_bracket",
            "previous_article",
            "Prev article",
            show=False,
            id="previous_article",
        ),
        Binding(
            "right_square_bracket", "next_article", "Next article", show=False, id="next_article"
        ),
        Binding("m", "toggle_read", "Read/unread", show=False, id="toggle_read"),
        Binding("B", "toggle_bookmark", "Bookmark", id="toggle_bookmark"),
        Binding("apostrophe", "show_bookmarks", "Bookmarks", show=False, id="show_bookmarks"),
        Binding("r", "resync", "Re-sync", show=False, id="resync"),
        Binding("o", "show_source", "Source URL", show=False, id="show_source"),
        Binding("E", "edit", "Edit", show=False, id="edit"),
    ]

    def __init__(self, library_path: Path | None, config: Config) -> None:
        super().__init__()
        self.library_path = library_path
        self.config = config
        self.library: Library | None = None
        self.article: Article | None = None
        self.article_missing = False
        self.hits: list[tuple[int, int]] = []
        self.hit_index = 0
        self.search_query = ""
        self.list_label = ""
        self.list_generation = 0
        self.facts_visible = config.facts_panel
        self.facts_for: str | None = None
        self._search_timer: Timer | None = None
        self._search_hits: dict[str, list[tuple[int, int]]] = {}
        self._article_request = 0
        self._facts_request = 0
        self._syncing = False
        self._resync_pending = False
        self._announce_sync = False
        self._position_timer: Timer | None = None
        self.last_open: str | None = None
        self._summary = ""
        self._facts_text = ""
        self._last_reload = 0.0
        self._read: set[str] = set()
        self._bookmarks: set[str] = set()

    # ------------------------------------------------------------------ layout

    def compose(self) -> ComposeResult:
        with Horizontal(id="body"):
            with Vertical(id="sidebar"):
                yield Input(placeholder="Search… (Esc: back)", id="search")
                yield Static("", id="list-label")
                yield ArticleList(id="articles")
            with Vertical(id="reader"):
                yield ArticleView(
                    id="pane",
                    max_width=self.config.reading_width,
                    ambiguous_width=self.config.ambiguous_width,
                )
            yield FactsPanel(id="facts")
        yield ProgressBar(id="sync-progress", show_eta=False)
        with Horizontal(id="status-bar"):
            yield Static("", id="status")
            yield Static("Opening the library…", id="library-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#search", Input).display = False
        self.query_one("#sync-progress", ProgressBar).display = False
        self.query_one("#facts", FactsPanel).show_message("Open an article to see its facts.")
        self._show_facts_panel(self.config.facts_panel)
        self._apply_width(self.size.width)
        self.query_one(ArticleList).empty_message = "Loading…"
        self.query_one(ArticleList).focus()
        self.watch(self.query_one("#pane", ArticleView), "scroll_y", self._scrolled, init=False)
        # Start the library only once the first frame is on screen: its work competes for the GIL.
        self.call_after_refresh(self.open_library_worker)

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # On a tiny terminal the sidebar shows while the list or search bar has the focus,
        # the article otherwise.
        self.set_class(isinstance(event.widget, (ArticleView, FactsPanel)), "-reading")

    def on_resize(self, event: Resize) -> None:
        self._apply_width(event.size.width)

    def _apply_width(self, width: int) -> None:
        self.set_class(width < TINY, "-tiny")
        narrow = width < NARROW
        if narrow != self.has_class("-narrow"):
            self.set_class(narrow, "-narrow")
            # The overlay starts closed on a narrow terminal; the column follows the config.
            self._show_facts_panel(False if narrow else self.config.facts_panel)

    def _show_facts_panel(self, visible_: bool) -> None:
        self.facts_visible = visible_
        facts = self.query_one("#facts", FactsPanel)
        facts.display = visible_
        if visible_ and self.article is not None and self.facts_for != self.article.path:
            self.load_facts(self.article.path)
        if not visible_ and facts.has_focus:
            self._focus_reader()

    # ------------------------------------------------------------------ workers

    @work(thread=True, exclusive=True, group="library")
    def open_library_worker(self) -> None:
        try:
            library = open_library(self.library_path)
        except Exception as error:  # noqa: BLE001 - shown to the user, app stays up
            self.post_message(SyncFinished(None, f"Cannot open the library: {error}"))
            return
        self.library = library
        self.post_message(
            LibraryOpened(str(library.root), list(library.notices), library.state.last_open())
        )
        self._post_articles(library, "")
        self._sync(library)

    def _sync(self, library: Library) -> None:
        self._syncing = True
        try:
            while True:
                self._resync_pending = False
                self._sync_now(library)
                if not self._resync_pending:
                    break
        finally:
            self._syncing = False
        if self._resync_pending:  # asked for in the instant between the check and now
            self.app.call_from_thread(self.action_resync)

    def _sync_now(self, library: Library) -> None:
        worker = get_current_worker()
        last_post = 0.0

        def progress(phase: str, done: int, total: int, _path: str) -> None:
            nonlocal last_post
            now = time.monotonic()
            if now - last_post > 0.1 or done == total:
                last_post = now
                self.post_message(SyncProgress(phase, done, total))
            if phase == "read" and now - self._last_reload > RELOAD_EVERY and self.list_label == "":
                self._last_reload = now
                self._post_articles(library, "")

        try:
            report = library.sync(progress, facts=False)
            if report.changed and self.list_label == "":
                self._post_articles(library, "")
            current = self.article
            if report.changed and current is not None:
                fresh = library.article(current.path)
                if fresh is None or fresh.text != current.text:
                    self.post_message(ArticleChanged(current.path))
            self.post_message(SyncFinished(report, count=library.count()))
            # A re-sync asked for meanwhile interrupts fact extraction; it resumes afterwards.
            library.update_facts(
                progress,
                should_stop=lambda: worker.is_cancelled or self._resync_pending,
                in_subprocess=True,
            )
            self.post_message(SyncProgress("done", 0, 0))
        except Exception as error:  # noqa: BLE001
            self.post_message(SyncFinished(None, f"Sync failed: {error}"))

    @work(thread=True, exclusive=True, group="library")
    def resync_worker(self) -> None:
        if self.library is not None:
            self._sync(self.library)

    def _post_articles(
        self,
        library: Library,
        label: str,
        articles: list[Article] | None = None,
        generation: int | None = None,
    ) -> None:
        articles = library.articles() if articles is None else articles
        read = library.state.read_paths()
        marks = library.state.bookmarks()
        self._read, self._bookmarks = read, marks
        entries = [
            ListEntry(a.path, a.title, a.date, read=a.path in read, bookmarked=a.path in marks)
            for a in articles
        ]
        generation = self.list_generation if generation is None else generation
        self.post_message(ArticlesLoaded(entries, label, generation))

    def load_list(self, label: str, entity: str | None = None, bookmarks: bool = False) -> None:
        self.list_generation += 1
        self.list_label = label
        self._load_list(self.list_generation, label, entity, bookmarks)

    @work(thread=True, exclusive=True, group="list")
    def _load_list(self, generation: int, label: str, entity: str | None, bookmarks: bool) -> None:
        library = self.library
        if library is None:
            return
        articles = library.articles()
        if entity is not None:
            articles = library.articles_mentioning(entity)
        elif bookmarks:
            marks = library.state.bookmarks()
            articles = [a for a in articles if a.path in marks]
        self._post_articles(library, label, articles, generation)

    def load_article(
        self, path: str, hits: list[tuple[int, int]], focus_offset: int | None = None
    ) -> None:
        """Open ``path``; only the newest request is shown (thread workers cannot be stopped)."""
        self._article_request += 1
        self._load_article(self._article_request, path, hits, focus_offset)

    @work(thread=True, exclusive=True, group="article")
    def _load_article(
        self, request: int, path: str, hits: list[tuple[int, int]], focus_offset: int | None
    ) -> None:
        library = self.library
        if library is None:
            return
        article = library.article(path)
        if request != self._article_request:
            return
        if article is None:
            self.post_message(ArticleLoaded(None, path, "", None, [], None, request))
            return
        text = article.text
        position = library.state.position(path)
        if request != self._article_request:
            return  # superseded: neither the read mark nor "last open" belong to it
        library.state.set_read(path)
        library.state.set_last_open(path)
        self.post_message(ArticleLoaded(article, path, text, position, hits, focus_offset, request))

    def load_facts(self, path: str) -> None:
        self._facts_request += 1
        self._load_facts(self._facts_request, path)

    @work(thread=True, exclusive=True, group="facts")
    def _load_facts(self, request: int, path: str) -> None:
        library = self.library
        if library is None:
            return
        try:
            facts = library.facts(path)
            article = library.article(path)
            # Context snippets come from the prose only: no ** or URLs around a number.
            context = prose_only(article.text) if article else ""
            message = FactsLoaded(path, facts, context, request=request)
        except KeyError:
            message = FactsLoaded(path, None, "", "The article is gone.", request)
        except Exception as error:  # noqa: BLE001
            message = FactsLoaded(path, None, "", f"Facts failed: {error}", request)
        self.post_message(message)

    @work(thread=True, exclusive=True, group="search")
    def run_search(self, query: str) -> None:
        library = self.library
        if library is None or not query.strip():
            self.post_message(SearchFinished(query, [], {}))
            return
        try:
            results = library.search(query, limit=SEARCH_RESULTS)
        except Exception as error:  # noqa: BLE001 - the search bar must never crash the app
            self.post_message(SearchFinished(query, [], {}, f"Search failed: {error}"))
            return
        read = self._read
        marks = self._bookmarks
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
        hits = {r.path: list(r.hits) for r in results}
        apart = bool(results) and not any(r.contiguous for r in results)
        self.post_message(
            SearchFinished(query, entries, hits, words_apart=apart, total=results.total)
        )

    @work(thread=True, group="state")
    def save_position(self, path: str, offset: int) -> None:
        if self.library is not None:
            self.library.state.set_position(path, offset)

    @work(thread=True, group="state")
    def set_read(self, path: str, read: bool) -> None:
        if self.library is not None:
            self.library.state.set_read(path, read)

    @work(thread=True, group="state")
    def toggle_bookmark_worker(self, path: str) -> None:
        if self.library is not None:
            marked = self.library.state.toggle_bookmark(path)
            self.app.call_from_thread(self._bookmark_toggled, path, marked)

    # ------------------------------------------------------------------ messages

    def on_library_opened(self, message: LibraryOpened) -> None:
        self.last_open = message.last_open
        for notice in message.notices:
            self.notify(visible(notice), severity="warning", timeout=10, markup=False)
        self._library_status(f"Library: {message.root}")
        self.query_one(ArticleList).empty_message = "Reading the library…"
        self.query_one(ArticleList).refresh()

    def on_articles_loaded(self, message: ArticlesLoaded) -> None:
        if self.search_query or message.generation != self.list_generation:
            return  # the list shows search results, or a newer list is on its way
        articles = self.query_one(ArticleList)
        first_fill = not articles.entries
        if message.label:
            articles.empty_message = "No articles match."
        elif self._summary:  # a sync has finished: the library really is empty
            articles.empty_message = "No articles in this library."
        articles.set_entries(message.entries)
        self._set_list_label(message.label, len(message.entries))
        if first_fill and message.entries and self.article is None and message.label == "":
            self._restore_last_article()
            self.call_after_refresh(self.app.warm_up)  # type: ignore[attr-defined]

    def _restore_last_article(self) -> None:
        last = self.last_open
        articles = self.query_one(ArticleList)
        if last and any(entry.path == last for entry in articles.entries):
            articles.select_path(last)
            self.load_article(last, [])
        elif articles.current is not None:
            self.load_article(articles.current.path, [])

    def on_article_loaded(self, message: ArticleLoaded) -> None:
        if message.request != self._article_request:
            return
        pane = self.query_one("#pane", ArticleView)
        self._remember_position()
        if message.article is None:
            self.article_missing = True
            self._status(f"{visible(message.path)} — no longer in the library")
            pane.load(f"*This article is no longer in the library:* `{message.path}`")
            self.query_one("#facts", FactsPanel).show_message("No article open.")
            return
        article = message.article
        self.article = article
        self.article_missing = False
        self.hits = message.hits
        self.hit_index = 0
        start = message.focus_offset
        if start is None and self.hits:
            start = self.hits[0][0]
        position = start if start is not None else message.position
        pane.load(
            message.text[article.body_start :], base_offset=article.body_start, offset=position
        )
        if self.hits:
            pane.set_highlights(self.hits, current=0)
            if start is not None:
                pane.scroll_to_offset(start, center=True)
            self._status_hits()
        else:
            self._status(self._article_status(article))
        self.query_one(ArticleList).update_entry(article.path, read=True)
        self._read.add(article.path)
        if self.facts_for == article.path and self._facts_text == message.text:
            return
        self.facts_for = None
        self._facts_text = message.text
        if self.facts_visible:
            self.query_one("#facts", FactsPanel).show_message("Extracting facts…")
            self.load_facts(article.path)

    def on_reading_pane_laid_out(self, message: ArticleView.LaidOut) -> None:
        if self.hits and self.article is not None:
            message.pane.set_highlights(self.hits, current=self.hit_index)

    def on_facts_loaded(self, message: FactsLoaded) -> None:
        panel = self.query_one("#facts", FactsPanel)
        if message.request != self._facts_request or self.article is None:
            return
        if message.facts is None:
            panel.show_message(message.error or "No facts.")
            return
        self.facts_for = message.path
        panel.show_facts(message.facts, message.text)

    def on_search_finished(self, message: SearchFinished) -> None:
        if message.query != self.search_query:
            return  # a newer query is on its way
        self._search_hits = message.hits
        articles = self.query_one(ArticleList)
        articles.empty_message = message.error or f"Nothing found for {message.query!r}."
        articles.set_entries(message.entries, snippets=True, keep="")  # the best result first
        apart = " · words apart" if message.words_apart else ""
        self._set_list_label(f"search: {message.query}{apart}", len(message.entries), message.total)

    def on_sync_progress(self, message: SyncProgress) -> None:
        bar = self.query_one("#sync-progress", ProgressBar)
        if message.phase == "done" or message.total == 0:
            bar.display = False
            self._library_status(self._summary)
            return
        if message.total < 50 and message.phase == "read":
            return
        bar.display = True
        bar.update(total=message.total, progress=message.done)
        what = "Reading articles" if message.phase == "read" else "Extracting facts"
        self._library_status(f"{what}: {message.done}/{message.total}")

    def on_sync_finished(self, message: SyncFinished) -> None:
        if message.error:
            self.notify(visible(message.error), severity="error", timeout=10, markup=False)
            self._library_status(message.error)
            self.query_one(ArticleList).empty_message = message.error
            self.query_one(ArticleList).refresh()
            return
        report = message.report
        if report is None:
            return
        summary = (
            f"{message.count} article{'' if message.count == 1 else 's'}"
            f" (+{report.added} ~{report.updated} -{report.removed}"
            + (f", {report.skipped} skipped" if report.skipped else "")
            + ")"
        )
        if report.problems:
            summary += f"; {len(report.problems)} problem(s): kbreader index shows them"
        self._summary = summary
        self._library_status(summary)
        if self._announce_sync:
            self._announce_sync = False
            self.notify(f"Synced: {summary}", timeout=4, markup=False)
        if (
            not self.query_one(ArticleList).entries
            and not self.list_label
            and not self.search_query
        ):
            self.query_one(ArticleList).empty_message = "No articles in this library."
            self.query_one(ArticleList).refresh()

    def on_article_changed(self, message: ArticleChanged) -> None:
        """The open article was edited or removed on disk: show what is there now."""
        if self.article is not None and self.article.path == message.path:
            top = self.query_one("#pane", ArticleView).top_offset
            self.load_article(message.path, [], focus_offset=top)

    # ------------------------------------------------------------------ widget events

    @on(ArticleList.Opened)
    def open_from_list(self, message: ArticleList.Opened) -> None:
        hits = self._search_hits.get(message.entry.path, []) if self.search_query else []
        self.load_article(message.entry.path, hits)
        self._focus_reader()

    @on(Input.Changed, "#search")
    def search_changed(self, event: Input.Changed) -> None:
        self.search_query = event.value
        if self._search_timer is not None:
            self._search_timer.stop()
        if not event.value.strip():
            self.search_query = ""
            self.load_list("")
            return
        self._search_timer = self.set_timer(SEARCH_DEBOUNCE, lambda: self.run_search(event.value))

    @on(Input.Submitted, "#search")
    def search_submitted(self, event: Input.Submitted) -> None:
        articles = self.query_one(ArticleList)
        if event.value != self.search_query or not articles.entries:
            self.search_query = event.value
            self.run_search(event.value)
            return
        if articles.current is not None:
            articles.action_open()

    @on(FactsPanel.FactChosen)
    def fact_chosen(self, message: FactsPanel.FactChosen) -> None:
        pane = self.query_one("#pane", ArticleView)
        self.hits = [(message.start, message.end)]
        self.hit_index = 0
        pane.set_highlights(self.hits, current=0)
        pane.scroll_to_offset(message.start, center=True)
        if self.has_class("-narrow"):
            # The overlay would hide the very sentence we scrolled to; f brings it back.
            self._show_facts_panel(False)
            self._focus_reader()
        self._status(f"{visible(message.label)} — Esc clears the highlight, f facts")

    @on(FactsPanel.EntityFilter)
    def entity_filter(self, message: FactsPanel.EntityFilter) -> None:
        self._leave_search()
        self._clear_hits()
        self.load_list(f"entity: {message.name}", entity=message.name)
        self.query_one(ArticleList).focus()

    # ------------------------------------------------------------------ actions

    def action_search(self) -> None:
        search = self.query_one("#search", Input)
        search.display = True
        search.focus()

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        # One step back per Esc: the search, then a filtered list, then the highlights.
        if self.search_query or search.display:
            self._leave_search()
            self.load_list("")
            self.query_one(ArticleList).focus()
            return
        if self.list_label:
            self.load_list("")
            return
        if self.hits:
            self._clear_hits()
            return
        if self.screen.focused is not self.query_one(ArticleList):
            self.query_one(ArticleList).focus()

    def _focus_reader(self) -> None:
        # On a tiny terminal the article is hidden until it is the pane being read.
        self.add_class("-reading")
        self.call_after_refresh(self.query_one("#pane", ArticleView).focus)

    def _clear_hits(self) -> None:
        if self.hits:
            self.hits = []
            self.query_one("#pane", ArticleView).clear_highlights()
            self._status(self._article_status(self.article) if self.article else "")

    def _leave_search(self) -> None:
        search = self.query_one("#search", Input)
        self.search_query = ""
        with search.prevent(Input.Changed):
            search.value = ""
        search.display = False

    def action_next_hit(self) -> None:
        self._step_hit(1)

    def action_previous_hit(self) -> None:
        self._step_hit(-1)

    def _step_hit(self, step: int) -> None:
        if not self.hits:
            self.app.bell()
            self._status("No hits in this article (search with /).")
            return
        self.hit_index = (self.hit_index + step) % len(self.hits)
        pane = self.query_one("#pane", ArticleView)
        pane.set_highlights(self.hits, current=self.hit_index)
        pane.scroll_to_offset(self.hits[self.hit_index][0], center=True)
        self._status_hits()

    def action_toggle_facts(self) -> None:
        self._show_facts_panel(not self.facts_visible)
        if self.facts_visible and self.has_class("-narrow"):
            self.query_one("#facts", FactsPanel).focus()

    def action_previous_article(self) -> None:
        self._step_article(-1)

    def action_next_article(self) -> None:
        self._step_article(1)

    def _step_article(self, step: int) -> None:
        articles = self.query_one(ArticleList)
        if not articles.entries:
            return
        open_path = self.article.path if self.article is not None else None
        here = next((i for i, e in enumerate(articles.entries) if e.path == open_path), None)
        articles.cursor = (articles.cursor if here is None else here) + step
        entry = articles.current
        if entry is not None:
            hits = self._search_hits.get(entry.path, []) if self.search_query else []
            self.load_article(entry.path, hits)

    def action_toggle_read(self) -> None:
        entry = self._target_entry()
        if entry is None:
            return
        read = entry.path not in self._read
        (self._read.add if read else self._read.discard)(entry.path)
        self.query_one(ArticleList).update_entry(entry.path, read=read)
        self.set_read(entry.path, read)
        self._status(f"Marked {'read' if read else 'unread'}: {visible(entry.title)}")

    def action_toggle_bookmark(self) -> None:
        entry = self._target_entry()
        if entry is not None:
            self.toggle_bookmark_worker(entry.path)

    def _bookmark_toggled(self, path: str, marked: bool) -> None:
        (self._bookmarks.add if marked else self._bookmarks.discard)(path)
        self.query_one(ArticleList).update_entry(path, bookmarked=marked)
        if self.list_label == "bookmarks":
            self.load_list("bookmarks", bookmarks=True)
        self._status("Bookmarked (' lists bookmarks)" if marked else "Bookmark removed")

    def action_show_bookmarks(self) -> None:
        self._leave_search()
        self.load_list("bookmarks", bookmarks=True)
        self.query_one(ArticleList).focus()

    def action_resync(self) -> None:
        self._announce_sync = True
        self._library_status("Syncing…")
        if self._syncing:
            self._resync_pending = True  # the running sync goes round once more
            return
        self.resync_worker()

    def action_show_source(self) -> None:
        if self.article is None or self.article_missing:
            return
        source = self.article.source
        if not source:
            self._status("This article names no source URL.")
            return
        url = clipboard_url(source)
        if url is None:
            # A control character could end the OSC 52 sequence and talk to the terminal.
            self._status(f"Not copied (not a plain URL): {visible(source)}")
            return
        self.app.copy_to_clipboard(url)  # OSC 52: the terminal decides; nothing is fetched
        self.notify(url, title="Source (copied where the terminal allows)", timeout=8, markup=False)
        self._status(f"Source: {url}")

    def action_edit(self) -> None:
        if self.article is None or self.library is None or self.article_missing:
            return
        editor = os.environ.get("VISUAL") or os.environ.get("EDITOR")
        if not editor:
            self.notify("Set $EDITOR to open articles in your editor.", severity="warning")
            return
        path = self.library.root / self.article.path
        try:
            with self.app.suspend():
                subprocess.run([*shlex.split(editor), str(path)], check=False)
        except Exception as error:  # noqa: BLE001 - e.g. suspend unsupported in this driver
            self.notify(
                visible(f"Could not start the editor: {error}"), severity="error", markup=False
            )
            return
        self.action_resync()

    def _target_entry(self) -> ListEntry | None:
        """The article a key acts on: the list cursor's when the list has focus, else the open one."""
        articles = self.query_one(ArticleList)
        if articles.has_focus and articles.current is not None:
            return articles.current
        if self.article is not None and not self.article_missing:
            listed = next((e for e in articles.entries if e.path == self.article.path), None)
            return listed or ListEntry(self.article.path, self.article.title, self.article.date)
        return articles.current

    # ------------------------------------------------------------------ status

    def _library_status(self, text: str) -> None:
        self.query_one("#library-status", Static).update(_one_line(text))

    def _status(self, text: str) -> None:
        self.query_one("#status", Static).update(_one_line(text))

    def _status_hits(self) -> None:
        count = len(self.hits)
        self._status(f"hit {self.hit_index + 1}/{count} — n/N next/previous, Esc clears")

    def _article_status(self, article: Article) -> str:
        date = article.date.isoformat().replace("T", " ") if article.date else "undated"
        return f"{visible(article.path)} · {date}"

    def _set_list_label(self, label: str, count: int, total: int = 0) -> None:
        widget = self.query_one("#list-label", Static)
        if label:
            # "100 of 306": a list cut short always says so.
            shown = f"{count} of {total}" if total > count else str(count)
            widget.update(_one_line(f"{visible(label)} ({shown})"))
            widget.display = True
        else:
            widget.update("")
            widget.display = False

    def _scrolled(self, _old: float, _new: float) -> None:
        if self._position_timer is not None:
            self._position_timer.stop()
        self._position_timer = self.set_timer(POSITION_SAVE_DELAY, self._remember_position)

    def _remember_position(self) -> None:
        if self.article is not None and not self.article_missing:
            pane = self.query_one("#pane", ArticleView)
            if pane.text_layout is not None:
                self.save_position(self.article.path, pane.top_offset)

    def save_state_now(self) -> None:
        """On quit: write the reading position synchronously so nothing is lost."""
        if self.article is not None and self.library is not None and not self.article_missing:
            pane = self.query_one("#pane", ArticleView)
            if pane.text_layout is not None:
                self.library.state.set_position(self.article.path, pane.top_offset)


def _one_line(text: str) -> Text:
    """Status text: plain (never markup), one line, cut with an ellipsis where it overflows."""
    return Text(visible(text), no_wrap=True, overflow="ellipsis", end="")

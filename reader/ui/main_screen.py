"""The reading screen: one ``ReaderState``, changed only here, in message and key handlers.

Widgets follow the state through ``data_bind`` (sidebar, status bar, reading pane, facts
panel); store work runs in ``reader.ui.tasks`` and answers with messages. An answer that no
longer matches the state (another article, another query) is dropped by its handler.

To add a list mode: a dataclass in ``state.py``, a branch in ``tasks.list_articles``, an action
here that calls ``_list(mode)``. To add a key: see ``keys.py``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.actions import SkipAction
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.reactive import reactive

from reader.store import Library
from reader.text.sanitize import visible
from reader.ui import keys, messages, tasks, transitions
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.body import ReaderBody
from reader.ui.facts_panel import FactsPanel
from reader.ui.find_bar import FindBar
from reader.ui.footer import ReaderFooter
from reader.ui.library_keys import LibraryKeys
from reader.ui.library_sync import LibrarySync
from reader.ui.reading_tools import ReadingTools
from reader.ui.sidebar import Sidebar
from reader.ui.state import (
    NO_HITS,
    AllArticles,
    Bookmarks,
    EntityArticles,
    FactsIdle,
    FactsLoading,
    FactsReady,
    LibraryStatus,
    ListMode,
    Range,
    ReaderState,
    SearchResults,
    sync_summary,
)
from reader.ui.status_bar import StatusBar
from reader.ui.writes import PositionKeeper, Write, WriteQueue

if TYPE_CHECKING:
    from pathlib import Path

    from reader.config import Config
    from reader.ui.pace import Pace


class MainScreen(LibraryKeys, ReadingTools):  # the library's keys; the article's tools
    BINDINGS: ClassVar[list[BindingType]] = keys.SCREEN

    state: reactive[ReaderState] = reactive(ReaderState, always_update=True, init=False)

    def __init__(
        self, library_path: Path | None, config: Config, pace: Pace, article: str | None = None
    ) -> None:
        super().__init__()
        self.library_path, self.config, self.pace = library_path, config, pace
        self.first_article = article  # `kbreader FILE.md`: this one opens, not the last read
        self.library: Library | None = None  # the store, once the open task answers
        self.writes = WriteQueue(self)
        self.positions = PositionKeeper(self, self.writes, pace.position_save_delay)
        self.sync = LibrarySync(self, pace)
        self._last_open: str | None = None

    def compose(self) -> ComposeResult:
        with ReaderBody(facts_panel=self.config.facts_panel, id="body"):
            yield Sidebar(debounce=self.pace.search_debounce, id="sidebar").data_bind(
                MainScreen.state
            )
            with Vertical(id="reader"):
                yield FindBar(id="find-bar").data_bind(MainScreen.state)
                yield ArticleView(
                    id="pane",
                    max_width=self.config.reading_width,
                    ambiguous_width=self.config.ambiguous_width,
                ).data_bind(MainScreen.state)
            yield FactsPanel(id="facts").data_bind(MainScreen.state)
        yield StatusBar(id="status-bar").data_bind(MainScreen.state)
        yield ReaderFooter()

    @property
    def body(self) -> ReaderBody:
        return self.query_one(ReaderBody)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def facts_panel(self) -> FactsPanel:
        return self.query_one(FactsPanel)

    def update(self, **changes: Any) -> None:
        """Change the state (UI thread only): every bound widget redraws what changed."""
        self.state = replace(self.state, **changes)

    def on_mount(self) -> None:
        self.article_list.focus()
        # The library opens only once the first frame is on screen: its work competes for the GIL.
        work = partial(tasks.open_library_task, self.library_path)
        self.call_after_refresh(tasks.start, self, work, tasks.OPEN)

    def on_reader_body_facts_shown(self, message: ReaderBody.FactsShown) -> None:
        if not message.shown:
            self.update(facts=FactsIdle())
        elif self.state.article is not None and self.state.missing is None:
            self._load_facts()

    # ------------------------------------------------------------ the library and its lists

    def on_library_opened(self, message: messages.LibraryOpened) -> None:
        self.library, self._last_open = message.library, self.first_article or message.last_open
        for notice in message.notices:
            self.notify(visible(notice), severity="warning", timeout=10, markup=False)
        marks = {"read": message.listed.read, "bookmarks": message.listed.bookmarks}
        status = LibraryStatus(f"Library: {message.library.root}")
        self.update(library=status, view=message.listed.view, **marks)
        if message.listed.entries:  # a first sync lists the library as it reads it
            self.on_listed(message.listed)
        self.sync.start(message.library)
        self.call_after_refresh(tasks.start, self.app, tasks.load_dictionary, tasks.WARM_UP)

    def _list(self, mode: ListMode) -> None:
        self.update(mode=mode, listed=None, list_error=None)
        if self.library is not None:
            work = partial(tasks.list_articles, self.library, mode, self.state.view)
            tasks.start(self, work, tasks.LIST)

    def on_listed(self, message: messages.Listed) -> None:
        """Rows for a mode, if the list still shows it; at start, the first article opens."""
        state, mode = transitions.listed(self.state, message), message.mode
        if state is None:
            return
        self.state, search = state, isinstance(mode, SearchResults)
        entries = transitions.flagged(state, message.entries)
        self.sidebar.show_entries(entries, keep="" if search else None)
        if search and self.state.open_first_result and entries:
            self.update(open_first_result=False)
            self.article_list.action_open()
        elif isinstance(mode, AllArticles) and not (self.state.article or self.state.wanted):
            first = transitions.first_to_open(entries, self._last_open, complete=message.complete)
            if first is not None:
                self.article_list.select_path(first.path)
                self._open(first.path, first.title)

    @on(Sidebar.Query)
    def search(self, message: Sidebar.Query) -> None:
        mode, text = self.state.mode, message.text
        shown = mode.shown if isinstance(mode, SearchResults) else None
        if not text.strip():
            self._list(SearchResults(text))
        elif self.library is not None:
            self.update(mode=SearchResults(text, shown), open_first_result=message.submitted)
            read, marks = self.state.read, self.state.bookmarks
            tasks.start(self, partial(tasks.search, self.library, text, read, marks), tasks.SEARCH)

    # ------------------------------------------------------------ syncing

    def on_sync_progress(self, message: messages.SyncProgress) -> None:
        self.state = transitions.sync_progress(self.state, message)

    def on_sync_finished(self, message: messages.SyncFinished) -> None:
        summary = sync_summary(message.report, message.count)
        self.update(library=LibraryStatus(summary), synced=True)
        if self.sync.announce_once():
            self.notify(f"Synced: {summary}", timeout=4, markup=False)
        state = self.state
        if message.report.changed and not isinstance(state.mode, (AllArticles, SearchResults)):
            self._list(state.mode)
        elif message.report.changed and isinstance(state.mode, SearchResults):
            self.search(Sidebar.Query(state.mode.typed, submitted=False))
        if message.report.changed and state.article is not None:
            # Edited or removed on disk: show what is there now, at the same place.
            self._open(state.article.path, state.article.title, state.hits.ranges, again=True)
        if self.library is not None and not self.sync.synced(self.library):
            self._sync_idle()

    def on_facts_extracted(self, message: messages.FactsExtracted) -> None:
        self._sync_idle()

    def _sync_idle(self) -> None:
        self.update(library=replace(self.state.library, progress=None))
        self.sync.idle(self.library)

    def action_resync(self) -> None:
        if self.library is not None:
            self.update(library=replace(self.state.library, text="Syncing…"))
            self.sync.resync(self.library)

    def on_task_failed(self, message: messages.TaskFailed) -> None:
        """A task raised (the app has logged it): say so, and stop waiting for its answer."""
        waiting_for = tasks.WAITING_FOR.get(message.group, "")
        self.state = transitions.task_failed(self.state, message, waiting_for)
        if message.group == tasks.SYNC:
            self._sync_idle()

    # ------------------------------------------------------------ the open article

    def _open(
        self, path: str, title: str, hits: tuple[Range, ...] = (), again: bool = False
    ) -> None:
        """Ask for ``path``; until it comes, the status line and the facts panel speak of it."""
        if not again:
            self.positions.flush()  # the article being left, as it is now
        self.state = transitions.wanted(self.state, path, title, hits, self.body.facts_shown, again)
        if self.library is not None:
            work = partial(tasks.load_article, self.library, path, self.state.requests)
            tasks.start(self, work, tasks.ARTICLE)

    def on_article_loaded(self, message: messages.ArticleLoaded) -> None:
        before, self.state = self.state, transitions.article_loaded(self.state, message)
        self.article_arrived(before)
        if self.state.article is message.article and message.article is not None:
            self.article_list.update_entry(message.path, read=True)
            if self.body.facts_shown:
                self._load_facts()

    def _load_facts(self) -> None:
        article, facts = self.state.article, self.state.facts
        shown = isinstance(facts, FactsReady) and article is not None and facts.path == article.path
        if article is not None and self.library is not None and not shown:
            self.update(facts=FactsLoading(article.path))
            tasks.start(self, partial(tasks.load_facts, self.library, article.path), tasks.FACTS)

    def on_facts_loaded(self, message: messages.FactsLoaded) -> None:
        self.state = transitions.facts_loaded(self.state, message)

    @on(ArticleList.Opened)
    def open_from_list(self, message: ArticleList.Opened) -> None:
        entry = message.entry
        self._open(entry.path, entry.title, self.state.hits_for(entry.path))
        self.body.read()

    @on(FactsPanel.FactChosen)
    def fact_chosen(self, message: FactsPanel.FactChosen) -> None:
        self.state = transitions.fact_chosen(self.state, message.ranges, message.label)
        if self.body.narrow:
            self.body.facts_shown = False  # the overlay would hide that sentence; f brings it back

    @on(FactsPanel.EntityFilter)
    def entity_filter(self, message: FactsPanel.EntityFilter) -> None:
        self._list(EntityArticles(message.name))
        self.article_list.focus()

    @on(ArticleView.Moved)
    def moved(self, message: ArticleView.Moved) -> None:
        if self.state.article is not None and self.state.article.path == message.path:
            self.update(position=message.top)
            self.positions.moved(self._position_write(), by_hand=message.by_hand)

    def _position_write(self) -> Write:
        article, position, library = self.state.article, self.state.position, self.library
        if article is None or position is None or library is None:
            return lambda: None
        return partial(library.state.set_position, article.path, position)

    def save_now(self) -> None:
        """On quit or hang-up, at once: the position as the pane has it now (its last move's
        message may still be queued), then every queued write."""
        self.sync.stop(self.library)
        if self.state.article is not None and self.state.missing is None:
            self.update(position=self.query_one(ArticleView).top_offset)
        self.positions.moved(self._position_write(), by_hand=False)
        self.writes.drain()

    # ------------------------------------------------------------ keys

    def action_search(self) -> None:
        if self.focused is self.sidebar.search_bar:  # (has_focus lags: it follows an event)
            raise SkipAction  # / is part of the query
        if not isinstance(self.state.mode, SearchResults):
            self.update(mode=SearchResults(""), open_first_result=False)
        self.set_focus(self.sidebar.search_bar)

    def action_back(self) -> None:
        """One step back per Esc: the floating facts panel when it has the focus, the find bar,
        the search, a filtered list, the highlights, the floating panel, then the list."""
        floating = self.body.narrow and self.body.facts_shown
        if floating and self.facts_panel.has_focus:
            self.body.facts_shown = False
        elif self.state.finding is not None:
            self.close_find()
        elif not isinstance(self.state.mode, AllArticles):
            self._list(AllArticles())
            self.set_focus(self.article_list)
        elif self.state.hits:
            self.update(hits=NO_HITS, notice=None)
        elif floating:
            self.body.facts_shown = False
        elif self.focused is not self.article_list:
            self.set_focus(self.article_list)

    def action_step_hit(self, by: int) -> None:
        if not self.state.hits:
            self.app.bell()
        self.state = transitions.step_hit(self.state, by)

    def action_toggle_facts(self) -> None:
        self.body.facts_shown = not self.body.facts_shown
        if self.body.facts_shown and self.body.narrow:
            self.facts_panel.focus()

    def action_step_article(self, by: int) -> None:
        """The article before or after the open one in the list (not the list's cursor)."""
        article = self.state.article
        entry = self.article_list.step_from(article.path if article else None, by)
        if entry is not None:
            self._open(entry.path, entry.title, self.state.hits_for(entry.path))

    def action_toggle_mark(self, kind: str) -> None:
        """m ("read") and B ("bookmarks"): on the list cursor's row when the list has focus,
        else on the open article."""
        article = self.state.article if self.state.missing is None else None
        entry, library = self.article_list.target(article), self.library
        if entry is None or library is None:
            return
        on = entry.path not in getattr(self.state, kind)
        self.state = transitions.marked(self.state, entry, kind, on)
        self.article_list.update_entry(entry.path, **{transitions.ROW_FLAGS[kind]: on})
        self.writes.put(partial(transitions.write_mark, library, kind, entry.path, on))
        if kind == "bookmarks" and isinstance(self.state.mode, Bookmarks):
            self.update(listed=None)  # listed again behind the write, in the same queue:
            self.writes.put(partial(tasks.list_articles, library, Bookmarks()))

    def action_show_bookmarks(self) -> None:
        self._list(Bookmarks())
        self.article_list.focus()

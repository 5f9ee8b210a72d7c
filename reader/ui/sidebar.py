"""The sidebar: the search bar, the list's label and the article list, fed by the screen's state.

It owns only what typing needs: the debounce between keystrokes and searches. Everything
else — which rows, what the label says, whether the search bar shows — follows
``MainScreen.state`` through ``data_bind``.
"""

from __future__ import annotations

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.message import Message
from textual.reactive import reactive
from textual.timer import Timer
from textual.widgets import Input, Static

from reader.text.sanitize import visible
from reader.ui.article_list import ArticleList, ListEntry
from reader.ui.list_view import list_header, unread_in
from reader.ui.state import (
    AllArticles,
    Bookmarks,
    EntityArticles,
    ReaderState,
    SearchResults,
    TaggedArticles,
    list_count,
)


class SearchBar(Input):
    """The query as typed. Focus never selects it, so a key after Tab adds to the query."""


class ListLabel(Static):
    pass


class Sidebar(Vertical):
    state: reactive[ReaderState] = reactive(ReaderState, always_update=True, init=False)

    class Query(Message):
        """Search for ``text`` (``submitted``: Enter was pressed, open the best result)."""

        def __init__(self, text: str, submitted: bool) -> None:
            super().__init__()
            self.text, self.submitted = text, submitted

    def __init__(self, *, debounce: float, id: str | None = None) -> None:
        super().__init__(id=id)
        self.debounce = debounce
        self._timer: Timer | None = None
        self._label: str | None = None
        self._unread: tuple[int, frozenset[str], int] | None = None  # rows, read marks, count

    def compose(self) -> ComposeResult:
        yield SearchBar(placeholder="Search… (Esc: back)", id="search", select_on_focus=False)
        yield ListLabel("", id="list-label")
        yield ArticleList(id="articles")

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    def show_entries(self, entries: list[ListEntry], *, keep: str | None = None) -> None:
        self.article_list.set_entries(
            entries, keep=keep, snippets=isinstance(self.state.mode, SearchResults)
        )
        self.watch_state(self.state)  # the header counts the new rows

    # ------------------------------------------------------------ typing

    @on(Input.Changed, "#search")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        if self.debounce <= 0:
            self.post_message(self.Query(event.value, submitted=False))
        else:
            value = event.value
            self._timer = self.set_timer(
                self.debounce, lambda: self.post_message(self.Query(value, submitted=False))
            )

    @on(Input.Submitted, "#search")
    def _submitted(self, event: Input.Submitted) -> None:
        """Enter acts on what is typed: the best result when the list shows its answer, else
        a search now (not after the debounce) whose best result opens when it comes."""
        event.stop()
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        mode, best = self.state.mode, self.article_list.current
        answered = isinstance(mode, SearchResults) and mode.shown == event.value
        if answered and best is not None:
            self.post_message(ArticleList.Opened(best))
        else:
            self.post_message(self.Query(event.value, submitted=True))

    # ------------------------------------------------------------ following the state

    def watch_state(self, new: ReaderState) -> None:
        searching = isinstance(new.mode, SearchResults)
        bar = self.search_bar
        if bar.display != searching:
            bar.display = searching
        if not searching and bar.value:
            with bar.prevent(Input.Changed):
                bar.value = ""
        text = self._header(new)
        if text != self._label:
            self._label = text
            label = self.query_one(ListLabel)
            label.display = bool(text)
            label.update(Text(visible(text), no_wrap=True, overflow="ellipsis"))
        self.article_list.show_message(empty_message(new))

    def _header(self, state: ReaderState) -> str:
        """The line above the list; its unread count is counted again only when the rows or
        the read marks change (not on every scroll)."""
        if state.listed is None:
            unread = None
        else:
            entries = self.article_list.entries
            if self._unread is None or self._unread[:2] != (id(entries), state.read):
                self._unread = (id(entries), state.read, unread_in(entries, state.read))
            unread = self._unread[2]
        ranked = isinstance(state.mode, SearchResults)
        return list_header(state.mode.label, list_count(state), unread, state.view, ranked)


def empty_message(state: ReaderState) -> str:
    """What the list says when it has no rows."""
    mode = state.mode
    if state.list_error is not None:
        return state.list_error
    if state.listed is None:
        return "Loading…" if state.library.progress is None else "Reading the library…"
    if isinstance(mode, SearchResults):
        if mode.shown is None or mode.shown != mode.typed:
            return "Searching…"
        return f"Nothing found for {visible(mode.shown)!r}."
    if isinstance(mode, Bookmarks):
        return "No bookmarks yet: B bookmarks the open article."
    if isinstance(mode, (EntityArticles, TaggedArticles)):
        return "No articles match."
    assert isinstance(mode, AllArticles)
    if state.library.progress is not None or not state.synced:
        return "Reading the library…"
    return "No articles in this library: add .md or .txt files to its folder, then press r."

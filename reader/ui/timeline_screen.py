"""T: every dated fact of the library, and each article's own date, on one axis.

The screen owns its query (order, entity, text) and asks the store through tasks: the first
page and the row count when the query changes, further pages as the list needs them. Enter
answers with the chosen entry (``dismiss``): the reading screen opens it at that sentence.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Input, Static

from reader.store import Library
from reader.store.timeline import Timeline, TimelineEntry
from reader.text.sanitize import visible
from reader.ui import keys, tasks
from reader.ui.footer import ReaderFooter
from reader.ui.library_tasks import (
    TIMELINE,
    TIMELINE_PAGE,
    TimelineOpened,
    TimelinePage,
    TimelineQuery,
    open_timeline,
    timeline_page,
)
from reader.ui.messages import TaskFailed
from reader.ui.timeline_list import TimelineList


class TimelineScreen(Screen[TimelineEntry | None]):
    BINDINGS: ClassVar[list[BindingType]] = keys.TIMELINE

    def __init__(self, library: Library, *, entity: str | None, debounce: float) -> None:
        super().__init__()
        self.library, self.debounce = library, debounce
        self.query_now = TimelineQuery(entity=entity)
        self.serial = 0
        self.timeline: Timeline | None = None
        self.total: int | None = None
        self.without_facts = 0
        self.error: str | None = None
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        yield Static("", id="timeline-header")
        yield Input(placeholder="Filter by text… (/)", id="timeline-filter", select_on_focus=False)
        yield TimelineList(id="timeline-list")
        yield ReaderFooter()

    @property
    def rows(self) -> TimelineList:
        return self.query_one(TimelineList)

    @property
    def filter_bar(self) -> Input:
        return self.query_one("#timeline-filter", Input)

    def on_mount(self) -> None:
        self.rows.focus()
        self._ask(self.query_now)

    # ------------------------------------------------------------ asking the store

    def _ask(self, query: TimelineQuery) -> None:
        self.query_now, self.serial, self.total, self.error = query, self.serial + 1, None, None
        self._show_header()
        work = partial(open_timeline, self.library, query, self.serial)
        tasks.start(self, work, TIMELINE)

    def read_again(self) -> None:
        """The same query again (the library has more dates now)."""
        self._ask(self.query_now)

    def on_timeline_opened(self, message: TimelineOpened) -> None:
        if message.serial != self.serial:
            return  # an older query's answer
        self.timeline, self.total = message.timeline, message.total
        self.without_facts = message.without_facts
        self.rows.show_message(self._empty_message())
        self.rows.show(message.total, message.first)
        self._show_header()

    @on(TimelineList.NeedPage)
    def need_page(self, message: TimelineList.NeedPage) -> None:
        if self.timeline is not None:
            work = partial(timeline_page, self.timeline, message.number, self.serial)
            tasks.start(self, work, f"{TIMELINE_PAGE}-{message.number}")

    def on_timeline_page(self, message: TimelinePage) -> None:
        if message.serial == self.serial:
            self.rows.add_page(message.number, message.entries)

    def on_task_failed(self, message: TaskFailed) -> None:
        if message.group.startswith(TIMELINE):
            self.error = f"{message.title}: {message.message}"
            self.total = self.total or 0
            self.rows.show_message(self.error)
            self._show_header()

    # ------------------------------------------------------------ what it says

    def _show_header(self) -> None:
        query = self.query_now
        count = "…" if self.total is None else f"{self.total:,}"
        parts = [f"Timeline · {count} dated" if self.total != 1 else "Timeline · 1 dated"]
        parts.append("newest first" if query.newest_first else "oldest first")
        if query.entity:
            parts.append(f"entity: {query.entity}")
        if query.text.strip():
            parts.append(f"text: {query.text.strip()}")
        if self.without_facts:
            parts.append(f"{self.without_facts:,} articles' facts not extracted yet")
        header = Text(visible(" · ".join(parts)), no_wrap=True, overflow="ellipsis")
        self.query_one("#timeline-header", Static).update(header)

    def _empty_message(self) -> str:
        if self.query_now.text.strip() or self.query_now.entity:
            return "No dated sentence matches."
        if self.without_facts:
            return "No dates yet: the facts of the library are still being extracted."
        return "No dates in this library's articles."

    # ------------------------------------------------------------ keys and typing

    @on(Input.Changed, "#timeline-filter")
    def typed(self, event: Input.Changed) -> None:
        event.stop()
        if self._timer is not None:
            self._timer.stop()
        value = event.value
        if self.debounce <= 0:
            self._filter(value)
        else:
            self._timer = self.set_timer(self.debounce, lambda: self._filter(value))

    def _filter(self, text: str) -> None:
        if text != self.query_now.text:
            self._ask(replace(self.query_now, text=text))

    @on(Input.Submitted, "#timeline-filter")
    def submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._filter(event.value)
        self.rows.focus()

    @on(TimelineList.Chosen)
    def chosen(self, message: TimelineList.Chosen) -> None:
        self.dismiss(message.entry)

    def action_filter(self) -> None:
        self.filter_bar.focus()

    def action_order(self) -> None:
        self._ask(replace(self.query_now, newest_first=not self.query_now.newest_first))

    def action_back(self) -> None:
        """Esc: out of the filter bar, then the filter off, then back to the article."""
        if self.focused is self.filter_bar:
            self.rows.focus()
        elif self.filter_bar.value:
            self.filter_bar.value = ""  # (its Changed message asks again)
        else:
            self.dismiss(None)

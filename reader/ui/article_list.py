"""The sidebar: a virtualised article list on the Line API (10,000+ rows scroll instantly).

Rows are plain data (:class:`ListEntry`); only the rows on screen are rendered, and rendered
strips are cached until the entries, the width or the cursor change.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.text.sanitize import visible


@dataclass(frozen=True)
class ListEntry:
    path: str
    title: str
    date: dt.date | dt.datetime | None = None
    read: bool = False
    bookmarked: bool = False
    snippet: str | None = None
    snippet_hits: tuple[tuple[int, int], ...] = field(default=())


class ArticleList(ScrollView, can_focus=True):
    """Articles (or search results, two rows each: title and snippet)."""

    COMPONENT_CLASSES = {
        "article-list--cursor",
        "article-list--unread",
        "article-list--date",
        "article-list--snippet",
        "article-list--hit",
        "article-list--bookmark",
        "article-list--empty",
    }
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "cursor_down", "Down", show=False, id="list.down"),
        Binding("k,up", "cursor_up", "Up", show=False, id="list.up"),
        Binding("g,home", "first", "First", show=False, id="list.first"),
        Binding("G,end", "last", "Last", show=False, id="list.last"),
        Binding("pagedown,space", "page_down", "Page down", show=False, id="list.page_down"),
        Binding("pageup,b", "page_up", "Page up", show=False, id="list.page_up"),
        Binding("enter", "open", "Open", id="list.open"),
    ]

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    class Opened(Message):
        def __init__(self, entry: ListEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.entries: list[ListEntry] = []
        self.empty_message = "No articles."
        self._row_height = 1
        self._cache: LRUCache[tuple[int, int, int, bool], Strip] = LRUCache(1024)

    # data
    def set_entries(
        self, entries: list[ListEntry], *, keep: str | None = None, snippets: bool = False
    ) -> None:
        """Replace the rows; the cursor stays on ``keep`` (a path) when it is still listed."""
        current = keep if keep is not None else (self.current.path if self.current else None)
        self.entries = entries
        self._row_height = 2 if snippets else 1
        self._cache.clear()
        self.virtual_size = Size(self.size.width, max(1, len(entries) * self._row_height))
        index = (
            next((i for i, e in enumerate(entries) if e.path == current), None) if current else None
        )
        self.cursor = index if index is not None else 0
        self.refresh()

    def update_entry(self, path: str, **changes: object) -> None:
        for index, entry in enumerate(self.entries):
            if entry.path == path:
                self.entries[index] = ListEntry(**{**entry.__dict__, **changes})
                self._cache.clear()
                self.refresh()
                return

    @property
    def current(self) -> ListEntry | None:
        return self.entries[self.cursor] if 0 <= self.cursor < len(self.entries) else None

    def select_path(self, path: str) -> None:
        for index, entry in enumerate(self.entries):
            if entry.path == path:
                self.cursor = index
                return

    # cursor
    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, len(self.entries) - 1)) if self.entries else 0

    def watch_cursor(self, old: int, new: int) -> None:
        self._cache.clear()
        self.refresh()
        region = Region(0, new * self._row_height, max(1, self.size.width), self._row_height)
        self.scroll_to_region(region, animate=False, immediate=False)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = len(self.entries) - 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.size.height // self._row_height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.size.height // self._row_height - 1)

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Opened(self.current))

    def on_click(self, event: object) -> None:
        y = getattr(event, "y", None)
        if isinstance(y, int):
            index = (y + self.scroll_offset.y) // self._row_height
            if 0 <= index < len(self.entries):
                self.cursor = index
                self.action_open()

    def on_resize(self) -> None:
        self._cache.clear()
        self.virtual_size = Size(self.size.width, max(1, len(self.entries) * self._row_height))

    # rendering
    def _part(self, name: str) -> Style:
        # partial=True: only what the class sets, so a row's colours never hide the cursor bar.
        return self.get_component_rich_style(f"article-list--{name}", partial=True)

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if not self.entries:
            if y == 0:
                text = Text(self.empty_message, style=self._part("empty"))
                return self._strip(text, width, self.rich_style)
            return Strip.blank(width, self.rich_style)
        index, sub = divmod(row, self._row_height)
        if index >= len(self.entries):
            return Strip.blank(width, self.rich_style)
        key = (index, sub, width, index == self.cursor and self.has_focus)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        entry = self.entries[index]
        base = self.rich_style
        text = self._title_line(entry, width) if sub == 0 else self._snippet_line(entry, width)
        if index == self.cursor:
            # On top of the row's own colours: the cursor bar must read the same on every row,
            # in 16 colours and with NO_COLOR too.
            cursor = self.get_component_rich_style("article-list--cursor", partial=True)
            base = base + cursor
            text.stylize(cursor)
        strip = self._strip(text, width, base)
        self._cache[key] = strip
        return strip

    def _title_line(self, entry: ListEntry, width: int) -> Text:
        mark = Text("★" if entry.bookmarked else ("●" if not entry.read else " "))
        if entry.bookmarked:
            mark.stylize(self._part("bookmark"))
        title_style = Style() if entry.read else self._part("unread")
        date = entry.date.strftime("%Y-%m-%d") if entry.date else ""
        show_date = bool(date) and width >= 34
        room = width - 2 - (cell_len(date) + 1 if show_date else 0)
        title = Text(visible(entry.title), style=title_style)
        title.truncate(max(1, room), overflow="ellipsis", pad=True)
        line = Text.assemble(mark, " ", title)
        if show_date:
            line.append(" ")
            line.append(date, style=self._part("date"))
        return line

    def _snippet_line(self, entry: ListEntry, width: int) -> Text:
        raw = visible(entry.snippet or "")
        hits = list(entry.snippet_hits)
        # A narrow sidebar shows only the snippet's start: shift it so the first hit shows.
        if hits and cell_len(raw[: hits[0][1]]) > width - 4:
            shift = max(0, hits[0][0] - max(2, (width - 4) // 3))
            raw = "…" + raw[shift + 1 :]
            hits = [(start - shift, end - shift) for start, end in hits if start - shift > 0]
        snippet = Text("  " + raw, style=self._part("snippet"))
        hit_style = self._part("hit")
        for start, end in hits:
            snippet.stylize(hit_style, start + 2, end + 2)
        return snippet

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        segments = list(text.render(self.app.console))
        strip = Strip(segments).crop_extend(0, width, base).apply_style(base)
        return strip.simplify()

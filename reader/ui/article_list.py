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
from textual.binding import BindingType
from textual.cache import LRUCache
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from reader.store import Article
from reader.text.sanitize import visible
from reader.ui import keys
from reader.ui.row_list import RowList


@dataclass(frozen=True)
class ListEntry:
    path: str
    title: str
    date: dt.date | dt.datetime | None = None
    read: bool = False
    bookmarked: bool = False
    snippet: str | None = None
    snippet_hits: tuple[tuple[int, int], ...] = field(default=())
    depth: int = 0  # in the folder tree (F): how deep the row sits
    folder: bool = (
        False  # a folder's header in the tree; ``path`` is the folder's, ``title`` its name
    )
    count: int = 0  # a folder's articles (and its sub-folders')
    shut: bool = False  # a folder whose rows are hidden (Enter opens it again)


class ArticleList(RowList):
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
    COMPONENT_PREFIX = "article-list"
    BINDINGS: ClassVar[list[BindingType]] = keys.LIST

    class Opened(Message):
        def __init__(self, entry: ListEntry) -> None:
            super().__init__()
            self.entry = entry

    class FolderToggled(Message):
        """Enter on a folder's header in the tree: shut it, or open it again."""

        def __init__(self, path: str) -> None:
            super().__init__()
            self.path = path

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
            if entry.path == path and not entry.folder:
                self.cursor = index
                return

    def step_from(self, path: str | None, by: int) -> ListEntry | None:
        """Move the cursor ``by`` rows from ``path``'s row (from the cursor if not listed)."""
        if not self.entries:
            return None
        here = next((i for i, e in enumerate(self.entries) if e.path == path), self.cursor)
        index = here + by
        while 0 <= index < len(self.entries) and self.entries[index].folder:
            index += 1 if by > 0 else -1  # a folder's header is not an article
        if not 0 <= index < len(self.entries):
            return None
        self.cursor = index
        return self.current

    def target(self, open_article: Article | None) -> ListEntry | None:
        """The row a key like m or B acts on: the cursor's while the list has the focus, else
        the open article's (listed or not)."""
        current = self.current if self.current is not None and not self.current.folder else None
        if (self.has_focus and current is not None) or open_article is None:
            return current
        listed = next(
            (e for e in self.entries if e.path == open_article.path and not e.folder), None
        )
        return listed or ListEntry(open_article.path, open_article.title, open_article.date)

    # cursor
    @property
    def row_count(self) -> int:
        return len(self.entries)

    @property
    def row_height(self) -> int:
        return self._row_height

    def watch_cursor(self, new: int) -> None:
        self._cache.clear()  # the cursor row is drawn apart
        super().watch_cursor(new)

    def action_open(self) -> None:
        if self.current is not None and self.current.folder:
            self.post_message(self.FolderToggled(self.current.path))
        elif self.current is not None:
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

    def show_message(self, message: str) -> None:
        """What the list says while it has no rows (wrapped to the sidebar's width)."""
        if message != self.empty_message:
            self.empty_message = message
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    # rendering
    def _base_style(self) -> Style:
        """The list's own colours (computed once per style change, not for every row)."""
        return self._part("")

    def render_line(self, y: int) -> Strip:
        row = y + self.scroll_offset.y
        width = self.scrollable_content_region.width
        if not self.entries:
            lines = Text(self.empty_message, style=self._part("empty")).wrap(
                self.app.console, max(width - 1, 1)
            )
            if y < len(lines):
                return self._strip(Text(" ").append_text(lines[y]), width, self._base_style())
            return Strip.blank(width, self._base_style())
        index, sub = divmod(row, self._row_height)
        if index >= len(self.entries):
            return Strip.blank(width, self._base_style())
        key = (index, sub, width, index == self.cursor and self.has_focus)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        entry = self.entries[index]
        base = self._base_style()
        text = self._title_line(entry, width) if sub == 0 else self._snippet_line(entry, width)
        if index == self.cursor:
            # On top of the row's own colours: the cursor bar must read the same on every row,
            # in 16 colours and with NO_COLOR too.
            cursor = self._part("cursor")
            base = base + cursor
            text.stylize(cursor)
        strip = self._strip(text, width, base)
        self._cache[key] = strip
        return strip

    def _title_line(self, entry: ListEntry, width: int) -> Text:
        indent = "  " * entry.depth
        if entry.folder:
            shut = "▸" if entry.shut else "▾"
            name = Text(f"{indent}{shut} {visible(entry.title)}/ ({entry.count})", style="bold")
            name.truncate(max(1, width), overflow="ellipsis", pad=True)
            return name
        # Both marks have a column: a bookmark never hides that the article is unread.
        mark = Text.assemble(
            "●" if not entry.read else " ",
            ("★", self._part("bookmark")) if entry.bookmarked else " ",
        )
        title_style = Style() if entry.read else self._part("unread")
        date = entry.date.strftime("%Y-%m-%d") if entry.date else ""
        show_date = bool(date) and width >= 34
        room = width - 3 - len(indent) - (cell_len(date) + 1 if show_date else 0)
        title = Text(visible(entry.title), style=title_style)
        title.truncate(max(1, room), overflow="ellipsis", pad=True)
        line = Text.assemble(indent, mark, " ", title)
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

"""The timeline's rows: a virtual list on the Line API, as toolong shows its logs.

It knows how many rows the timeline has and holds the pages read so far; a line whose page
is not here yet shows "…" and asks for it (``NeedPage``) — the screen reads it in a worker,
never this widget. Each entry takes two lines: its resolved date and article title, then its
sentence with the date as written marked.
"""

from __future__ import annotations

from typing import ClassVar

from rich.cells import cell_len
from rich.style import Style
from rich.text import Text
from textual.binding import BindingType
from textual.geometry import Size
from textual.message import Message
from textual.strip import Strip

from reader.store.timeline import TimelineEntry
from reader.text.sanitize import visible
from reader.ui import keys
from reader.ui.library_tasks import PAGE
from reader.ui.row_list import RowList

ROW_HEIGHT = 2
DATE_WIDTH = 18  # "2023-10-19 22:02" and "2022 autumn" with room to spare


class TimelineList(RowList):
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "timeline-list--cursor",
        "timeline-list--date",
        "timeline-list--title",
        "timeline-list--mark",
        "timeline-list--sentence",
        "timeline-list--empty",
    }
    COMPONENT_PREFIX = "timeline-list"
    BINDINGS: ClassVar[list[BindingType]] = keys.TIMELINE_LIST

    class NeedPage(Message):
        def __init__(self, number: int) -> None:
            super().__init__()
            self.number = number

    class Chosen(Message):
        def __init__(self, entry: TimelineEntry) -> None:
            super().__init__()
            self.entry = entry

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.total = 0
        self.pages: dict[int, list[TimelineEntry]] = {}
        self.empty_message = "Reading the timeline…"
        self._asked: set[int] = set()

    # ------------------------------------------------------------ data

    def show(self, total: int, first: list[TimelineEntry]) -> None:
        """A new answer (another filter or order): its row count and first page."""
        self.total, self.pages, self._asked = total, {0: first}, {0}
        self.virtual_size = Size(self.size.width, max(1, total * ROW_HEIGHT))
        self.cursor = 0
        self.scroll_home(animate=False, immediate=True)
        self.refresh()

    def add_page(self, number: int, entries: list[TimelineEntry]) -> None:
        self.pages[number] = entries
        self.refresh()

    def show_message(self, message: str) -> None:
        if message != self.empty_message:
            self.empty_message = message
            self.refresh()

    def entry(self, index: int) -> TimelineEntry | None:
        page = self.pages.get(index // PAGE)
        if page is None or index % PAGE >= len(page):
            return None
        return page[index % PAGE]

    @property
    def current(self) -> TimelineEntry | None:
        return self.entry(self.cursor) if self.total else None

    # ------------------------------------------------------------ the cursor

    @property
    def row_count(self) -> int:
        return self.total

    @property
    def row_height(self) -> int:
        return ROW_HEIGHT

    def action_open(self) -> None:
        if self.current is not None:
            self.post_message(self.Chosen(self.current))

    def on_resize(self) -> None:
        self.virtual_size = Size(self.size.width, max(1, self.total * ROW_HEIGHT))

    # ------------------------------------------------------------ drawing

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        base = self._part("")
        if not self.total:
            if y == 0:
                return self._strip(Text(" " + self.empty_message, self._part("empty")), width, base)
            return Strip.blank(width, base)
        index, sub = divmod(y + self.scroll_offset.y, ROW_HEIGHT)
        if index >= self.total:
            return Strip.blank(width, base)
        entry = self.entry(index)
        if entry is None:
            self._ask(index // PAGE)
            text = Text("  …" if sub == 0 else "", self._part("empty"))
        else:
            text = self._heading(entry, width) if sub == 0 else self._sentence(entry, width)
        if index == self.cursor:
            cursor = self._part("cursor")
            base = base + cursor
            text.stylize(cursor)
        return self._strip(text, width, base)

    def _ask(self, number: int) -> None:
        if number not in self._asked:
            self._asked.add(number)
            self.post_message(self.NeedPage(number))

    def _heading(self, entry: TimelineEntry, width: int) -> Text:
        date = Text(f" {visible(entry.label)}", self._part("date"))
        date.truncate(DATE_WIDTH, pad=True)
        title = Text(visible(entry.title), self._part("title"))
        title.truncate(max(1, width - DATE_WIDTH - 1), overflow="ellipsis")
        return Text.assemble(date, " ", title)

    def _sentence(self, entry: TimelineEntry, width: int) -> Text:
        if entry.source == "article":  # its sentence is its title, shown above already
            text = Text("   the article's own date", self._part("sentence"))
            text.truncate(max(1, width), overflow="ellipsis")
            return text
        sentence, (start, end) = visible(entry.sentence), entry.mark
        room = width - 4
        # Keep the marked date in sight: cut the sentence's start when the date is further in.
        if cell_len(sentence[:end]) > room and start > 0:
            shift = max(0, start - max(2, room // 3))
            sentence, start, end = "…" + sentence[shift + 1 :], start - shift, end - shift
        text = Text("   " + sentence, self._part("sentence"))
        if 0 <= start < end:
            text.stylize(self._part("mark"), start + 3, end + 3)
        text.truncate(max(1, width), overflow="ellipsis")
        return text

    def _strip(self, text: Text, width: int, base: Style) -> Strip:
        segments = list(text.render(self.app.console))
        return Strip(segments).crop_extend(0, width, base).apply_style(base).simplify()

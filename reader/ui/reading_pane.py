"""The reading pane: a Line API view of an article laid out by ``reader.text.layout``.

Public API (for the app):

``ReadingPane(markdown="", *, base_offset=0, max_width=88, ambiguous_width=1, ...)``
    ``base_offset`` is added to every offset the pane reports or accepts, so the app can pass
    the article body (text after the front matter) and still speak in whole-article offsets.

``load(markdown, *, base_offset=0, offset=None, header=None)``
    Show another article; ``offset`` (whole-article) is put at the top once laid out (use it to
    restore a saved reading position); ``header`` (``reader.text.layout.ArticleHeader``) is set
    above the text. Articles up to ``SYNC_LIMIT`` characters are laid out at once; longer ones
    in a thread worker, so a 5 MB article never freezes the UI.

``top_offset`` (property)
    Offset of the first character shown on the top row: save it as the reading position.

``scroll_to_offset(offset, *, animate=False, context=False)``
    Bring the row showing ``offset`` to the top (with ``context``: a few rows below the top, so
    the lines leading to it show; the top row's offset is the position saved, and it still
    shows ``offset`` on a narrower pane).

``set_highlights(ranges, current=None)`` / ``clear_highlights()``
    Highlight ``(start, end)`` offset ranges (search hits, a selected fact); ``current`` is the
    index into ``ranges`` drawn with the distinct "current" style. Does not scroll.

``offset_at_row(row) -> int`` and ``row_of(offset) -> int``
    Map between virtual rows (0 = first laid-out line) and offsets.

``max_width`` / ``ambiguous_width`` (reactives)
    Reading width in cells (centred on wider panes) and the width of East Asian ambiguous
    characters (1 or 2, to match the terminal). Changing either re-lays out, keeping the top.
    Caveat: Rich and Textual always measure ambiguous characters as one cell, so with 2 the
    lines break correctly for such a terminal but Textual pads them as if they were shorter;
    leave it at 1 unless the whole app is known to run on such a terminal.

``text_layout`` (property): the current ``reader.text.layout.Layout`` or ``None`` while laying out.

``where`` (reactive): ``reader.text.position.Position`` — how far the article is scrolled and
the page ("37% · 4/11"), None while laying out. ``go_to_percent(percent)`` jumps there; paging
(``action_page_down`` / ``action_page_up``) keeps the last row of one screen on the next.
``shows(offset)``: whether that character is drawn at all (a link's target is not).

``top_moved(top, by_hand)`` (hook): called whenever the offset at the top row changes, with
``by_hand`` False when the pane moved itself (a load, a jump, a re-layout); override it to keep
the reading position.

Messages: ``ReadingPane.LaidOut(pane, layout)`` is posted after each (re-)layout is shown, so
the app can re-apply highlights or scroll. Styles are component classes (see
``COMPONENT_CLASSES``) themed in ``styles/reading.tcss``; translucent and ``auto`` colours are
resolved over the pane's background (``reader.ui.styling``).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from functools import partial

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.events import Resize
from textual.geometry import Size
from textual.message import Message
from textual.reactive import reactive
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.worker import get_current_worker

from reader.text import position as reading_position
from reader.text.layout import NO_OFFSET, ArticleHeader, Layout, LayoutCancelled, lay_out
from reader.ui import tasks
from reader.ui.styling import layered_style

# Layout names (from reader.text.layout spans) that have a component class of their own.
STYLE_NAMES = (
    "heading-1",
    "heading-2",
    "heading-3",
    "heading-4",
    "heading-5",
    "heading-6",
    "strong",
    "em",
    "code",
    "link",
    "image",
    "image-url",
    "quote",
    "rule",
    "table",
    "table-header",
    "code-block",
    "fold",
    "marker",
    "control",
    "footnote-ref",
    "header-title",
    "header-meta",
)
HIGHLIGHT = "highlight"
CURRENT = "current-highlight"
LAYING_OUT = "排版中……"
CONTEXT_ROWS = 3
"""Rows shown above the target of a jump (fewer on a short pane)."""
SYNC_LIMIT = 100_000
"""Articles up to this many characters are laid out on the spot (well under 100 ms)."""


class ReadingPane(ScrollView, can_focus=True):
    """Shows one article; scrolls by keyboard; knows which source offset is where."""

    COMPONENT_CLASSES = {f"reading-pane--{name}" for name in (*STYLE_NAMES, HIGHLIGHT, CURRENT)}

    max_width: reactive[int] = reactive(88)
    ambiguous_width: reactive[int] = reactive(1)
    where: reactive[reading_position.Position | None] = reactive(None, init=False)

    class LaidOut(Message):
        """A new layout is on screen."""

        def __init__(self, pane: ReadingPane, layout: Layout) -> None:
            super().__init__()
            self.pane = pane
            self.layout = layout

        @property
        def control(self) -> ReadingPane:
            return self.pane

    class LayoutReady(Message):
        """A layout made in a thread (long articles)."""

        def __init__(self, generation: int, layout: Layout) -> None:
            super().__init__()
            self.generation, self.layout = generation, layout

    def __init__(
        self,
        markdown: str = "",
        *,
        base_offset: int = 0,
        max_width: int = 88,
        ambiguous_width: int = 1,
        name: str | None = None,
        id: str | None = None,  # noqa: A002 - Textual's own parameter name
        classes: str | None = None,
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._markdown = markdown
        self._base_offset = base_offset
        self._header: ArticleHeader | None = None
        self._layout: Layout | None = None
        self._generation = 0
        self._moving_itself: str | None = None  # "jump" or "relayout" while the pane scrolls
        self._position: int | None = None  # the text offset at the top (see top_offset)
        self._highlights: list[tuple[int, int]] = []
        self._current: int | None = None
        self._strips: LRUCache[int, Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self.set_reactive(ReadingPane.max_width, max_width)
        self.set_reactive(ReadingPane.ambiguous_width, ambiguous_width)

    # ----------------------------------------------------------------- public API

    @property
    def text_layout(self) -> Layout | None:
        return self._layout

    @property
    def base_offset(self) -> int:
        return self._base_offset

    def load(
        self,
        markdown: str,
        *,
        base_offset: int = 0,
        offset: int | None = None,
        header: ArticleHeader | None = None,
    ) -> None:
        """Show ``markdown``; put whole-article ``offset`` at the top once it is laid out."""
        self._markdown = markdown
        self._base_offset = base_offset
        self._header = header
        self._layout = None
        self._highlights = []
        self._current = None
        self._position = None if offset is None else offset - base_offset
        with self._moving(relayout=True):
            self.scroll_to(0, 0, animate=False, force=True, immediate=True)
        self._relayout()
        self._update_where()

    @property
    def top_offset(self) -> int:
        """The reading position: the offset at the top row (or the one asked for while the
        article is laid out). A re-layout for another width keeps it, so it does not drift."""
        if self._position is not None:
            return self._position + self._base_offset
        return self.offset_at_row(round(self.scroll_y))

    def offset_at_row(self, row: int) -> int:
        if self._layout is None or not len(self._layout):
            return self._base_offset
        return self._layout.offset_at(row, 0) + self._base_offset

    def row_of(self, offset: int) -> int:
        if self._layout is None:
            return 0
        return self._layout.position_of(offset - self._base_offset)[0]

    def scroll_to_offset(
        self, offset: int, *, animate: bool = False, context: bool = False, if_hidden: bool = False
    ) -> None:
        if self._layout is None:
            self._position = offset - self._base_offset
            return
        if if_hidden and self._shows(offset):
            return
        row = self._top_row(self._layout, offset - self._base_offset)
        if context:
            row = max(row - min(CONTEXT_ROWS, self.scrollable_content_region.height // 4), 0)
        with self._moving():
            self.scroll_to(y=row, animate=animate, immediate=not animate, force=True)
        # The row asked for, not the one shown: near the end the view stops short of it, and
        # the position must still lead to the target on a taller or narrower pane.
        self._moved_to(row, by_hand=False)

    def _shows(self, offset: int) -> bool:
        """Whether the row holding ``offset`` is on screen now."""
        assert self._layout is not None
        row = self._layout.position_of(offset - self._base_offset)[0]
        top = round(self.scroll_y)
        return top <= row < top + self.scrollable_content_region.height

    @staticmethod
    def _top_row(layout: Layout, offset: int) -> int:
        """The row to put at the top for ``offset``: the very first row (the header) when
        ``offset`` is the start of the text."""
        row = layout.position_of(offset)[0]
        return 0 if row <= layout.first_content_row and offset <= layout.first_offset else row

    @contextmanager
    def _moving(self, *, relayout: bool = False) -> Iterator[None]:
        """Scrolls made inside are the pane's own: a jump, or (``relayout``) keeping the
        position while the text is laid out again, which must not change it."""
        before = self._moving_itself
        self._moving_itself = "relayout" if relayout else "jump"
        try:
            yield
        finally:
            self._moving_itself = before

    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        self._update_where()
        layout, row = self._layout, round(new_value)
        if layout is None or self._moving_itself:
            return  # the pane's own move: it reports the position itself
        if self._position is not None:
            shown = min(self._top_row(layout, self._position), round(self.max_scroll_y))
            if row == shown:
                return  # Textual keeping the view in range (a resize), not the reader moving
        self._moved_to(row, by_hand=True)

    def _moved_to(self, row: int, *, by_hand: bool) -> None:
        assert self._layout is not None
        position = self._layout.offset_at(row, 0) if len(self._layout) else 0
        if position != self._position:
            self._position = position
            self.top_moved(position + self._base_offset, by_hand=by_hand)

    def top_moved(self, top: int, *, by_hand: bool) -> None:
        """The reading position changed (override to keep it)."""

    def set_highlights(self, ranges: Sequence[tuple[int, int]], current: int | None = None) -> None:
        base = self._base_offset
        self._highlights = sorted((start - base, end - base) for start, end in ranges)
        self._current = None
        if current is not None and 0 <= current < len(ranges):
            start, end = ranges[current]
            self._current = self._highlights.index((start - base, end - base))
        self._strips.clear()
        self.refresh()

    def clear_highlights(self) -> None:
        self.set_highlights([])

    # ----------------------------------------------------------------- where am I

    def _rows_and_height(self) -> tuple[int, int] | None:
        if self._layout is None or not self._markdown:
            return None
        return len(self._layout), max(self.scrollable_content_region.height, 1)

    def _update_where(self) -> None:
        geometry = self._rows_and_height()
        if geometry is None:
            self.where = None
        else:
            self.where = reading_position.position(round(self.scroll_y), *geometry)

    def shows(self, offset: int) -> bool:
        """Is the character at whole-article ``offset`` on screen somewhere (not Markdown
        syntax, not a link's hidden target)? True while the article is being laid out."""
        layout, local = self._layout, offset - self._base_offset
        if layout is None or not len(layout):
            return True
        row = layout.position_of(local)[0]
        return local in layout.lines[row].offsets

    def go_to_percent(self, percent: float) -> bool:
        """Put the row that shows ``percent`` at the top (a jump: the position is saved at
        once); False while the article is being laid out."""
        geometry = self._rows_and_height()
        if geometry is None:
            return False
        row = reading_position.top_for_percent(percent, *geometry)
        with self._moving():
            self.scroll_to(y=row, animate=False, immediate=True, force=True)
        self._moved_to(row, by_hand=False)
        return True

    def action_page_down(self) -> None:
        geometry = self._rows_and_height()
        if geometry is not None:
            self.scroll_to(
                y=reading_position.page_down(round(self.scroll_y), *geometry), animate=False
            )

    def action_page_up(self) -> None:
        geometry = self._rows_and_height()
        if geometry is not None:
            self.scroll_to(
                y=reading_position.page_up(round(self.scroll_y), *geometry), animate=False
            )

    # ----------------------------------------------------------------- layout

    def _text_width(self) -> int:
        available = self.scrollable_content_region.width or self.size.width
        return max(1, min(self.max_width, available))

    def _relayout(self) -> None:
        """Lay out again at the current width, keeping the reading position at the top."""
        self._generation += 1
        if not self.is_mounted or self.size.width == 0:
            return
        lay = partial(
            lay_out,
            self._markdown,
            self._text_width(),
            ambiguous_width=self.ambiguous_width,
            header=self._header,
        )
        if len(self._markdown) <= SYNC_LIMIT:
            self._install(lay())
        else:
            tasks.start(self, partial(_lay_out_in_thread, lay, self._generation), tasks.LAYOUT)

    def on_reading_pane_layout_ready(self, message: ReadingPane.LayoutReady) -> None:
        message.stop()
        # A resize or another article may have started a newer layout meanwhile.
        if message.generation == self._generation:
            self._install(message.layout)

    def _install(self, layout: Layout) -> None:
        self._layout = layout
        self._strips.clear()
        self.virtual_size = Size(self.scrollable_content_region.width, len(layout))
        if self._position is not None:
            with self._moving(relayout=True):
                row = self._top_row(layout, self._position)
                self.scroll_to(y=row, animate=False, immediate=True, force=True)
        self._update_where()
        self.refresh()
        self.post_message(self.LaidOut(self, layout))

    def on_mount(self) -> None:
        super().on_mount()  # type: ignore[no-untyped-call]
        self._relayout()

    def on_resize(self, event: Resize) -> None:
        if self._layout is not None and self._layout.width == self._text_width():
            self.virtual_size = Size(self.scrollable_content_region.width, len(self._layout))
            self._strips.clear()
            self._update_where()  # another height: other pages
            return
        self._relayout()

    def watch_max_width(self) -> None:
        if self.is_mounted:
            self._relayout()

    def watch_ambiguous_width(self) -> None:
        if self.is_mounted:
            self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()
        self._strips.clear()

    def _base_style(self) -> Style:
        """The pane's own colours (computed once per style change, not for every line)."""
        return self._style("")

    # ----------------------------------------------------------------- drawing

    def render_line(self, y: int) -> Strip:
        scroll_x, scroll_y = self.scroll_offset
        width = self.scrollable_content_region.width
        row = scroll_y + y
        strip = self._strips.get(row)
        if strip is None:
            strip = self._render_row(row)
            self._strips[row] = strip
        return strip.crop_extend(scroll_x, scroll_x + width, self._base_style())

    def _style(self, names: str) -> Style:
        style = self._styles.get(names)
        if style is None:
            style = layered_style(self, [f"reading-pane--{name}" for name in names.split()])
            self._styles[names] = style
        return style

    def _render_row(self, row: int) -> Strip:
        layout = self._layout
        base = self._base_style()
        if layout is None:
            # A long article is still being laid out in a worker: say so on the first row.
            if row == 0 and self._markdown:
                return Strip([Segment(LAYING_OUT, self._style("marker"))], len(LAYING_OUT) * 2)
            return Strip.blank(0, base)
        if row >= len(layout):
            return Strip.blank(0, base)
        line = layout.lines[row]
        names = [""] * len(line.plain)
        for start, end, style in line.spans:
            for index in range(start, min(end, len(names))):
                names[index] = f"{names[index]} {style}"
        self._mark_highlights(line.offsets, names)
        margin = max((self.scrollable_content_region.width - layout.width) // 2, 0)
        segments = [Segment(" " * margin, base)] if margin else []
        start = 0
        for index in range(1, len(names) + 1):
            if index == len(names) or names[index] != names[start]:
                segments.append(Segment(line.plain[start:index], self._style(names[start])))
                start = index
        return Strip(segments, margin + line.cells)

    def _mark_highlights(self, offsets: Sequence[int], names: list[str]) -> None:
        if not self._highlights:
            return
        shown = [offset for offset in offsets if offset != NO_OFFSET]
        if not shown:
            return
        low, high = min(shown), max(shown)
        first = max(bisect_left(self._highlights, (low, low)) - 1, 0)
        for index in range(first, len(self._highlights)):
            start, end = self._highlights[index]
            if start > high:
                break
            if end <= low:
                continue
            name = CURRENT if index == self._current else HIGHLIGHT
            for position, offset in enumerate(offsets):
                if offset != NO_OFFSET and start <= offset < end:
                    names[position] = f"{names[position]} {name}"


def _lay_out_in_thread(
    lay: Callable[..., Layout], generation: int
) -> ReadingPane.LayoutReady | None:
    worker = get_current_worker()
    try:
        layout = lay(cancelled=lambda: worker.is_cancelled)
    except LayoutCancelled:
        return None  # superseded (resize, another article) or the app is quitting
    return ReadingPane.LayoutReady(generation, layout)

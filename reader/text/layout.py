"""CJK line layout of Markdown, every shown character mapped to its source offset.

``lay_out(markdown, width)`` parses with markdown-it-py (``markdown_blocks``), breaks lines the
way a Chinese typesetter would (``linebreak``) and measures in terminal cells (``cells``).
The result is plain data, no Textual: the reading pane draws it, the app maps search hits and
facts (source offsets) to rows with ``position_of`` and back with ``offset_at``.

Offsets are code-point offsets into the string given to ``lay_out``. Decoration that has no
source (indentation, bullets, quote bars, table borders, fold markers) maps to ``NO_OFFSET``.
"""

from __future__ import annotations

from array import array
from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate

from reader.text.cells import WidthTable
from reader.text.linebreak import break_lines
from reader.text.markdown_blocks import (
    NO_OFFSET,
    CodeBlock,
    Inline,
    Placed,
    RuleBlock,
    TableBlock,
    TextBlock,
    parse_blocks,
)

__all__ = ["NO_OFFSET", "ArticleHeader", "Layout", "LayoutCancelled", "Line", "Span", "lay_out"]

Span = tuple[int, int, str]
"""(start, end, style) over a line's characters; ``style`` is space-separated names such as
``"heading-2 strong"``, ``"link"``, ``"code"``, ``"image image-url"``, ``"control"``."""

Wrapped = tuple[str, "array[int]", list[Span], int, bool]
"""One wrapped line before decoration: text, offsets, spans, cells, forced."""
EMPTY_PIECE: Wrapped = ("", array("q"), [], 0, False)
FOLD_MARKER = "↩"
RULE = "─"
# Table borders: box drawing is East Asian ambiguous, so where ambiguous characters take two
# cells (and the grid could no longer line up) tables are drawn in ASCII.
BOX = "│─┌┬┐├┼┤└┴┘"
ASCII_BOX = "|-+++++++++"


@dataclass(slots=True)
class Line:
    plain: str
    """The line's text as shown, decoration included."""
    offsets: array[int]
    """Source offset of each character of ``plain`` (``NO_OFFSET`` for decoration)."""
    spans: list[Span]
    indent: int
    """How many leading characters are added indentation or decoration."""
    cells: int
    """Width in terminal cells."""
    forced: bool = False
    """Broken without a proper opportunity (a token wider than the line)."""

    @property
    def first_offset(self) -> int:
        for offset in self.offsets:
            if offset != NO_OFFSET:
                return offset
        return NO_OFFSET


def _decoration(text: str) -> array[int]:
    return array("q", [NO_OFFSET]) * len(text)


@dataclass(frozen=True)
class ArticleHeader:
    """What front matter says about an article, set above its text: the title (left out when
    the text opens with the same heading) and a line of details (date, author, source, tags).
    None of it is part of the text, so none of it has an offset."""

    title: str
    details: tuple[str, ...] = ()


class _Builder:
    def __init__(self, width: int, ambiguous_width: int) -> None:
        self.width = max(width, 1)
        self.cells = WidthTable(ambiguous_width)
        self.box = BOX if self.cells.width(BOX) == len(BOX) else ASCII_BOX
        self.lines: list[Line] = []
        self.text_parts: list[str] = []
        self.text_offsets: array[int] = array("q")
        self.links: list[tuple[int, int, str]] = []

    def emit(
        self,
        prefix: str,
        body: str,
        offsets: array[int],
        spans: list[Span],
        cells: int,
        forced: bool = False,
    ) -> None:
        if not prefix:  # most lines: nothing to shift
            self.lines.append(Line(body, offsets, spans, 0, cells, forced))
            return
        shift = len(prefix)
        shifted = [(start + shift, end + shift, style) for start, end, style in spans]
        if prefix.strip():
            shifted.insert(0, (0, shift, "marker"))
        self.lines.append(
            Line(
                prefix + body,
                _decoration(prefix) + offsets,
                shifted,
                shift,
                self.cells.width(prefix) + cells,
                forced,
            )
        )

    def record(self, text: str, offsets: array[int]) -> None:
        self.text_parts.append(text)
        self.text_offsets.extend(offsets)

    def header_lines(self, text: str, style: str) -> None:
        inline = Inline(text, _decoration(text), [(0, len(text), style)] if text else [])
        wrapped = self.wrap(inline, self.width, self.width, content=False)
        for body, offsets, spans, cells, forced in wrapped:
            self.emit("", body, offsets, spans, cells, forced)

    def fit_prefix(self, prefix: str) -> str:
        """Deep nesting on a narrow pane: drop outer decoration so two cells (one wide
        character) are always left for the text itself."""
        while prefix and self.cells.width(prefix) > self.width - 2:
            prefix = prefix[1:]
        return prefix

    def place(self, placed: Placed) -> None:
        if placed.gap_before is not None:
            self.emit(self.fit_prefix(placed.gap_before), "", array("q"), [], 0)
        block = placed.block
        first_prefix = self.fit_prefix(placed.first_prefix)
        rest_prefix = self.fit_prefix(placed.rest_prefix)
        if isinstance(block, TextBlock):
            self.text(block.inline, first_prefix, rest_prefix)
        elif isinstance(block, CodeBlock):
            self.code(block, first_prefix, rest_prefix)
        elif isinstance(block, RuleBlock):
            room = self.width - self.cells.width(first_prefix)
            rule = RULE * max(room // self.cells.width(RULE), 1)  # ─ is ambiguous-width
            self.emit(
                first_prefix,
                rule,
                _decoration(rule),
                [(0, len(rule), "rule")],
                self.cells.width(rule),
            )
        else:
            self.table(block, first_prefix, rest_prefix)

    def wrap(
        self, inline: Inline, first_width: int, rest_width: int, *, content: bool = True
    ) -> list[Wrapped]:
        """Lines of one inline run: (text, offsets, spans, cells, forced)."""
        text = inline.text
        if content:
            self.record(text, inline.offsets)
        for start, end, url in inline.links:
            if end > start:
                self.links.append((inline.offsets[start], inline.offsets[end - 1] + 1, url))
        widths = self.cells.widths(text)
        styles = sorted(inline.styles)
        style_index = 0
        out: list[Wrapped] = []
        bounds = [0, *inline.breaks, len(text)]
        for seg_start, seg_end in zip(bounds, bounds[1:], strict=False):
            segment = text[seg_start:seg_end]
            seg_widths = widths[seg_start:seg_end]
            cumulative = list(accumulate(seg_widths, initial=0))
            room_first = first_width if not out else rest_width
            for brk in break_lines(segment, seg_widths, cumulative, room_first, rest_width):
                a, b = seg_start + brk.start, seg_start + brk.end
                while style_index < len(styles) and styles[style_index][1] <= a:
                    style_index += 1
                spans: list[Span] = []
                for s_start, s_end, style in styles[style_index:]:
                    if s_start >= b:
                        if s_start > b + 1:
                            break
                        continue
                    if s_end > a:
                        spans.append((max(s_start, a) - a, min(s_end, b) - a, style))
                cells = cumulative[brk.end] - cumulative[brk.start]
                out.append((text[a:b], inline.offsets[a:b], spans, cells, brk.forced))
        return out

    def text(self, inline: Inline, first_prefix: str, rest_prefix: str) -> None:
        first_room = self.width - self.cells.width(first_prefix)
        rest_room = self.width - self.cells.width(rest_prefix)
        wrapped = self.wrap(inline, first_room, rest_room)
        if not wrapped:
            self.emit(first_prefix, "", array("q"), [], 0)
        for index, (body, offsets, spans, cells, forced) in enumerate(wrapped):
            self.emit(
                first_prefix if index == 0 else rest_prefix, body, offsets, spans, cells, forced
            )

    def code(self, block: CodeBlock, first_prefix: str, rest_prefix: str) -> None:
        """Code keeps its lines; a line too long for the pane folds, marked with ↩. Every line
        is padded to the block's width, so its background reads as one box."""
        marker = self.cells.width(FOLD_MARKER)
        room = max(self.width - self.cells.width(rest_prefix), 2)
        box = min(max((self.cells.width(text) for text, _ in block.lines), default=0), room)
        prefix = first_prefix
        for text, offsets in block.lines:
            self.record(text, offsets)
            widths = self.cells.widths(text)
            cumulative = list(accumulate(widths, initial=0))
            start = 0
            while True:
                room = max(self.width - self.cells.width(prefix), 2)
                rest = cumulative[-1] - cumulative[start]
                if rest <= room:
                    pad = " " * max(min(box, room) - rest, 0)
                    body = text[start:] + pad
                    spans: list[Span] = [(0, len(body), "code-block")]
                    self.emit(
                        prefix, body, offsets[start:] + _decoration(pad), spans, rest + len(pad)
                    )
                    prefix = rest_prefix
                    break
                limit = max(room - marker, 1)
                end = bisect_right(cumulative, cumulative[start] + limit, start) - 1
                while start < end < len(text) and widths[end] == 0:
                    end -= 1  # a combining mark stays with its base character
                forced = end <= start  # one character wider than the room: show it anyway
                if forced:
                    end = start + 1
                used = cumulative[end] - cumulative[start]
                pad = " " * max(room - marker - used, 0)
                body = text[start:end] + pad + FOLD_MARKER
                self.emit(
                    prefix,
                    body,
                    offsets[start:end] + _decoration(pad + FOLD_MARKER),
                    [(0, end - start + len(pad), "code-block"), (len(body) - 1, len(body), "fold")],
                    used + len(pad) + marker,
                    forced,
                )
                prefix = rest_prefix
                start = end

    def table(self, block: TableBlock, first_prefix: str, rest_prefix: str) -> None:
        columns = max((len(row) for row in block.rows), default=0)
        room = self.width - self.cells.width(rest_prefix)
        overhead = 3 * columns + 1  # "│ " before each cell, " " after, closing "│"
        if columns == 0 or room - overhead < 2 * columns:
            # Too narrow for a grid: one cell after another, nothing dropped.
            for row in block.rows:
                for cell in row:
                    self.text(cell, first_prefix, rest_prefix)
                    first_prefix = rest_prefix
            return
        natural = [2] * columns
        for row in block.rows:
            for index, cell in enumerate(row):
                natural[index] = max(natural[index], self.cells.width(cell.text))
        widths = list(natural)
        while sum(widths) > room - overhead:
            widest = max(range(columns), key=widths.__getitem__)
            widths[widest] -= 1
        box = self.box
        self._border(first_prefix, widths, box[2:5])
        for row_index, row in enumerate(block.rows):
            if row_index == block.header_rows and block.header_rows:
                self._border(rest_prefix, widths, box[5:8])
            style = "table-header" if row_index < block.header_rows else ""
            cells = [self.wrap(cell, w, w) for cell, w in zip(row, widths, strict=False)]
            height = max((len(wrapped) for wrapped in cells), default=0) or 1
            for line_index in range(height):
                self._table_line(
                    rest_prefix, widths, cells, line_index, style, overhead, block.alignments
                )
        self._border(rest_prefix, widths, box[8:11])

    def _table_line(
        self,
        prefix: str,
        widths: list[int],
        cells: list[list[Wrapped]],
        line_index: int,
        style: str,
        overhead: int,
        alignments: list[str],
    ) -> None:
        """One screen line of a table row: each cell's ``line_index``-th line, padded to the
        column's alignment."""
        bar = self.box[0]
        body, offsets, spans = bar, _decoration(bar), [(0, 1, "table")]
        for column, width in enumerate(widths):
            wrapped = cells[column] if column < len(cells) else []
            text, piece_offsets, piece_spans, piece_cells, _ = (
                wrapped[line_index] if line_index < len(wrapped) else EMPTY_PIECE
            )
            room = width - piece_cells
            align = alignments[column] if column < len(alignments) else "left"
            before = room if align == "right" else room // 2 if align == "center" else 0
            head = " " + " " * before
            at = len(body) + len(head)
            if style and text:
                spans.append((at, at + len(text), style))
            spans.extend((at + start, at + end, name) for start, end, name in piece_spans)
            tail = " " * (room - before) + " " + bar
            body += head + text + tail
            offsets += _decoration(head) + piece_offsets + _decoration(tail)
            spans.append((len(body) - 1, len(body), "table"))
        self.emit(prefix, body, offsets, spans, sum(widths) + overhead)

    def _border(self, prefix: str, widths: list[int], corners: str) -> None:
        left, middle, right = corners[0], corners[1], corners[2]
        body = left + middle.join(self.box[1] * (w + 2) for w in widths) + right
        self.emit(prefix, body, _decoration(body), [(0, len(body), "table")], len(body))


class Layout:
    """Lines of a laid-out article and the mapping between rows and source offsets."""

    def __init__(
        self,
        lines: list[Line],
        width: int,
        ambiguous_width: int,
        text: str,
        text_offsets: array[int],
        links: list[tuple[int, int, str]],
    ) -> None:
        self.lines = lines
        self.width = width
        self.ambiguous_width = ambiguous_width
        self.text = text
        """Every content character, in order, before line breaking (the text as rendered)."""
        self.text_offsets = text_offsets
        self.links = sorted(links)
        self._link_starts = [start for start, _, _ in self.links]
        self._cells = WidthTable(ambiguous_width)
        # Row lookup by offset: each row's first content offset, made non-decreasing so that
        # bisect works even where a table row interleaves its cells' offsets.
        self._row_keys: list[int] = []
        self._content_rows: list[int] = []
        highest = NO_OFFSET
        for row, line in enumerate(lines):
            first = line.first_offset
            if first != NO_OFFSET:
                highest = max(highest, first)
                self._row_keys.append(highest)
                self._content_rows.append(row)

    def __len__(self) -> int:
        return len(self.lines)

    @property
    def first_content_row(self) -> int:
        """The first row showing text (rows above it are a header or decoration)."""
        return self._content_rows[0] if self._content_rows else 0

    @property
    def first_offset(self) -> int:
        return self._row_keys[0] if self._row_keys else 0

    def cell_widths(self, row: int) -> list[int]:
        return self._cells.widths(self.lines[row].plain)

    def position_of(self, offset: int) -> tuple[int, int]:
        """(row, cell column) where ``offset`` is shown; for an offset that is not shown
        (Markdown syntax, a space dropped at a break) the next character that is."""
        if not self._row_keys:
            return (0, 0)
        index = max(bisect_right(self._row_keys, offset) - 1, 0)
        if self._row_keys[index] == offset:
            index = bisect_left(self._row_keys, offset)  # the first row showing it
        for candidate in (index, index + 1):
            if candidate >= len(self._content_rows):
                break
            row = self._content_rows[candidate]
            offsets = self.lines[row].offsets
            best = -1
            for position, at in enumerate(offsets):
                if at != NO_OFFSET and at >= offset and (best < 0 or at < offsets[best]):
                    best = position
            if best >= 0:
                return (row, sum(self.cell_widths(row)[:best]))
        row = self._content_rows[index]
        last = max(i for i, at in enumerate(self.lines[row].offsets) if at != NO_OFFSET)
        return (row, sum(self.cell_widths(row)[:last]))

    def offset_at(self, row: int, column: int = 0) -> int:
        """The source offset of what is shown at (row, cell column): the nearest content
        character on that row (the next one for decoration), or of the next row with content."""
        if not self.lines:
            return 0
        row = min(max(row, 0), len(self.lines) - 1)
        line = self.lines[row]
        widths = self.cell_widths(row)
        used, index = 0, 0
        while index < len(widths) - 1 and used + widths[index] <= column:
            used += widths[index]
            index += 1
        for position in (*range(index, len(line.offsets)), *range(index - 1, -1, -1)):
            found: int = line.offsets[position]
            if found != NO_OFFSET:
                return found
        following = bisect_right(self._content_rows, row)
        if following < len(self._content_rows):
            return self.lines[self._content_rows[following]].first_offset
        return self.lines[self._content_rows[-1]].first_offset if self._content_rows else 0

    def link_at(self, offset: int) -> str | None:
        """The URL of the link or image shown at ``offset``, if any."""
        # Links never overlap, so only the last one starting at or before ``offset`` can hold it.
        index = bisect_right(self._link_starts, offset) - 1
        if index >= 0:
            start, end, url = self.links[index]
            if start <= offset < end:
                return url
        return None


def _opens_with(blocks: list[Placed], title: str) -> bool:
    """Does the text open with a heading that says ``title``?"""
    if not blocks or not isinstance(blocks[0].block, TextBlock):
        return False
    first = blocks[0].block
    return first.style.startswith("heading") and first.inline.text.strip() == title.strip()


def _place_header(builder: _Builder, header: ArticleHeader, blocks: list[Placed]) -> None:
    opens_with_title = _opens_with(blocks, header.title)
    if opens_with_title:
        builder.place(blocks[0])  # the text's own heading, with its offsets, then the details
    elif header.title:
        builder.header_lines(header.title, "header-title")
    if header.details:
        builder.header_lines(" · ".join(header.details), "header-meta")
    if blocks and not opens_with_title:  # (after the heading, the next block brings its gap)
        builder.emit("", "", array("q"), [], 0)


class LayoutCancelled(Exception):
    """``lay_out`` stopped because its ``cancelled`` callback said so."""


def lay_out(
    markdown: str,
    width: int,
    *,
    ambiguous_width: int = 1,
    cancelled: Callable[[], bool] | None = None,
    header: ArticleHeader | None = None,
) -> Layout:
    """Lay out ``markdown`` in lines no wider than ``width`` cells, below ``header``.

    ``cancelled`` is polled between blocks (a worker passes its cancellation flag) so that a
    layout made obsolete by a resize, another article or quitting stops early by raising
    ``LayoutCancelled``.
    """
    builder = _Builder(width, ambiguous_width)
    blocks = parse_blocks(markdown)
    if header is not None:
        _place_header(builder, header, blocks)
        blocks = blocks[1:] if _opens_with(blocks, header.title) else blocks
    for index, placed in enumerate(blocks):
        if cancelled is not None and index % 64 == 0 and cancelled():
            raise LayoutCancelled
        builder.place(placed)
    return Layout(
        builder.lines,
        width,
        ambiguous_width,
        "".join(builder.text_parts),
        builder.text_offsets,
        builder.links,
    )

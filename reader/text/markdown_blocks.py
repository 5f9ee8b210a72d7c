"""Markdown (via markdown-it-py) to display blocks of styled text mapped to source offsets.

markdown-it gives each block its source lines (``token.map``) and each inline token its content,
but no columns. We recover offsets by finding each piece of content in the source, moving a
cursor forward through the block's lines: contiguous content (the common case) is found with
one ``str.find``; content changed by escapes or entities falls back to a character-by-character
search, and a character that cannot be found (a decoded entity) maps to the cursor.

Every displayed character is sanitised (control characters become visible symbols of the same
length, tabs become spaces) before it reaches a block.
"""

from __future__ import annotations

import html
import re
from array import array
from dataclasses import dataclass, field
from functools import lru_cache

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from reader.text.linebreak import CJK_PUNCTUATION
from reader.text.sanitize import has_controls, visible
from reader.text.source_cursor import SourceCursor

NO_OFFSET = -1
IMAGE_LABEL = "[图片] "
# Footnote definitions stay where the source has them ("footnote_tail" would move them to the
# end, out of offset order); inline footnotes ^[...] stay literal text.
_PARSER = (
    MarkdownIt("commonmark")
    .enable("table")
    .use(footnote_plugin)
    .disable(["footnote_tail", "footnote_inline"])
)
# Block structure first, inline content one block at a time: the inline tokens of a block die
# as soon as it is rendered, so a 5 MB article never holds all its inline tokens at once.
_BLOCK_PARSER = (
    MarkdownIt("commonmark")
    .enable("table")
    .use(footnote_plugin)
    .disable(["inline", "footnote_tail", "footnote_inline"])
)
_TASK = re.compile(r"\[([ xX])\][ \t]")
TASK_MARKERS = {" ": "☐ ", "x": "☑ ", "X": "☑ "}
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")
_HTML_PIECE = re.compile(r"<!--.*?-->|<[^>]*>|[^<]+|<", re.DOTALL)
_BLOCK_TAG = re.compile(r"</?(p|div|br|li|tr|h[1-6]|ul|ol|table|blockquote|pre)\b", re.I)


def offsets_range(start: int, length: int) -> array[int]:
    return array("q", range(start, start + length))


def is_cjk(char: str) -> bool:
    """Chinese for the purpose of joining hard-wrapped lines without a space."""
    return char >= "\u2e80" or char in CJK_PUNCTUATION


@dataclass
class Inline:
    """A run of inline text: what is shown, where each character came from, and its styles."""

    text: str = ""
    offsets: array[int] = field(default_factory=lambda: array("q"))
    # (start, end, style) over ``text``; ``style`` is space-separated component names.
    styles: list[tuple[int, int, str]] = field(default_factory=list)
    links: list[tuple[int, int, str]] = field(default_factory=list)
    # Indices into ``text`` where a hard line break falls.
    breaks: list[int] = field(default_factory=list)


class InlineBuilder:
    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.offsets: array[int] = array("q")
        self.styles: list[tuple[int, int, str]] = []
        self.links: list[tuple[int, int, str]] = []
        self.breaks: list[int] = []

    @property
    def last_char(self) -> str:
        return self._parts[-1][-1] if self._parts else ""

    def add(self, text: str, offsets: array[int], style: str) -> None:
        if not text:
            return
        shown = visible(text.replace("\t", " "))
        start = self._length
        self._parts.append(shown)
        self._length += len(shown)
        self.offsets.extend(offsets)
        if style:
            if self.styles and self.styles[-1][1] == start and self.styles[-1][2] == style:
                self.styles[-1] = (self.styles[-1][0], self._length, style)
            else:
                self.styles.append((start, self._length, style))
        if has_controls(text):
            for index, (raw, seen) in enumerate(zip(text, shown, strict=True)):
                if raw != seen and raw != "\t":
                    self.styles.append((start + index, start + index + 1, "control"))

    def hard_break(self) -> None:
        if self._length and (not self.breaks or self.breaks[-1] != self._length):
            self.breaks.append(self._length)

    def build(self) -> Inline:
        return Inline("".join(self._parts), self.offsets, self.styles, self.links, self.breaks)

    def __len__(self) -> int:
        return self._length


@dataclass
class TextBlock:
    inline: Inline
    style: str = ""


@dataclass
class CodeBlock:
    lines: list[tuple[str, array[int]]]


@dataclass
class RuleBlock:
    offset: int


@dataclass
class TableBlock:
    rows: list[list[Inline]]
    header_rows: int
    alignments: list[str] = field(default_factory=list)
    """Per column: "left", "center" or "right" (from the delimiter row's colons)."""


@dataclass
class Placed:
    """A block with its container decoration: prefix of its first line, of the other lines."""

    block: TextBlock | CodeBlock | RuleBlock | TableBlock
    first_prefix: str
    rest_prefix: str
    gap_before: str | None
    """The decoration of a blank line before the block, or None for no blank line."""


@dataclass
class _Container:
    """A block quote or list item: the decoration of its first line and of the others."""

    first: str
    rest: str
    quote: bool = False
    used: bool = False


class _Locator(SourceCursor):
    """Finds content in the source as code-point offsets, moving forward only."""

    @property
    def here(self) -> int:
        """The cursor as an offset of an existing character (the cursor may sit at the end)."""
        return max(min(self.cursor, self.limit - 1, len(self.source) - 1), 0)

    def take(self, content: str) -> array[int]:
        found = self.find(content)
        if found >= 0:
            self.cursor = found + len(content)
            return offsets_range(found, len(content))
        result: array[int] = array("q")
        for char in content:
            at = self.find(char)
            if at < 0:
                result.append(self.here)
            else:
                result.append(at)
                self.cursor = at + 1
        return result

    def skip_past(self, text: str) -> int:
        """Move past the next ``text``; return where it started (the cursor if absent)."""
        at = self.find(text)
        if at < 0:
            return self.here
        self.cursor = at + len(text)
        return at


def _file_name(url: str) -> str:
    path = url.split("?", 1)[0].split("#", 1)[0].rstrip("/")
    return path.rsplit("/", 1)[-1] or url


def _first_char_after(children: list[Token], index: int) -> str:
    """The first character shown after ``children[index]`` (emphasis marks show nothing)."""
    for token in children[index + 1 :]:
        if token.type in ("text", "code_inline") and token.content:
            return token.content[0]
        if token.type not in (
            "text",
            "strong_open",
            "strong_close",
            "em_open",
            "em_close",
            "link_open",
        ):
            return "<" if token.type == "html_inline" else ""
    return ""


class _InlineRenderer:
    def __init__(self, locator: _Locator, base_style: str) -> None:
        self.loc = locator
        self.out = InlineBuilder()
        self.stack: list[str] = [base_style] if base_style else []
        self.link_stack: list[tuple[int, str]] = []

    @property
    def style(self) -> str:
        return " ".join(self.stack)

    def image(self, alt: str, url: str, at: int, url_offsets: array[int] | None) -> None:
        out = self.out
        out.hard_break()
        style = " ".join([*self.stack, "image"])
        out.add(IMAGE_LABEL, array("q", [at] * len(IMAGE_LABEL)), style)
        label = alt or _file_name(url)
        out.add(label, array("q", [at] * len(label)), style)
        if url:
            start = len(out)
            offsets = url_offsets or array("q", [at] * (len(url) + 1))
            out.add(" " + url, offsets, style + " image-url")
            out.links.append((start + 1, len(out), url))
        out.hard_break()

    def run(self, children: list[Token]) -> InlineBuilder:
        loc, out = self.loc, self.out
        for index, token in enumerate(children):
            kind = token.type
            if kind == "text":
                out.add(token.content, loc.take(token.content), self.style)
            elif kind == "code_inline":
                out.add(token.content, loc.take(token.content), " ".join([*self.stack, "code"]))
                loc.skip_past(token.markup)
            elif kind == "softbreak":
                self._softbreak(_first_char_after(children, index))
            elif kind == "hardbreak":
                loc.skip_past("\n")
                out.hard_break()
            elif kind in ("strong_open", "em_open"):
                self.stack.append("strong" if kind == "strong_open" else "em")
            elif kind in ("strong_close", "em_close"):
                self._pop("strong" if kind == "strong_close" else "em")
            elif kind == "link_open":
                self.link_stack.append((len(out), str(token.attrs.get("href", ""))))
                self.stack.append("link")
            elif kind == "link_close":
                self._pop("link")
                if self.link_stack:
                    start, href = self.link_stack.pop()
                    out.links.append((start, len(out), href))
                loc.skip_link_tail()
            elif kind == "image":
                self._image(token)
            elif kind == "html_inline":
                self.html_inline(token.content)
            elif kind == "footnote_ref":
                self._footnote_ref(str(token.meta.get("label", "")))
        return out

    def _footnote_ref(self, label: str) -> None:
        """``[^label]`` shows as ``[label]``, each character mapped to its source."""
        at = self.loc.skip_past(f"[^{label}]")
        offsets = array("q", [at, *range(at + 2, at + 2 + len(label)), at + 2 + len(label)])
        self.out.add(f"[{label}]", offsets, " ".join([*self.stack, "footnote-ref"]))

    def _pop(self, name: str) -> None:
        for index in range(len(self.stack) - 1, -1, -1):
            if self.stack[index] == name:
                del self.stack[index]
                return

    def _softbreak(self, following: str) -> None:
        """``following`` is the first character after the break as markdown-it sees it: the
        source would show a quote's ``>`` or a list's indent there instead."""
        loc, out = self.loc, self.out
        newline = loc.skip_past("\n")
        while loc.cursor < loc.limit and loc.source[loc.cursor] in " \t":
            loc.cursor += 1
        # Chinese files are often hard-wrapped: two CJK characters join without a space.
        if not (is_cjk(out.last_char) and is_cjk(following)):
            out.add(" ", array("q", [newline]), self.style)

    def _image(self, token: Token) -> None:
        loc = self.loc
        at = loc.source.find("![", loc.cursor, loc.limit)
        if at >= 0:
            loc.cursor = at + 2
        else:
            at = loc.here
        url = str(token.attrs.get("src", ""))
        if token.content:
            loc.take(token.content)
        tail_start = loc.cursor
        loc.skip_link_tail()
        found = loc.source.find(url, tail_start, loc.cursor) if url else -1
        offsets = offsets_range(found - 1, len(url) + 1) if found > 0 else None
        self.image(token.content, url, at, offsets)

    def html_inline(self, content: str) -> None:
        at = self.loc.skip_past(content)
        tag = content[1:].lstrip("/").lower()
        if tag.startswith("br"):
            self.out.hard_break()
        elif tag.startswith("img"):
            attributes = {k.lower(): v.strip("'\"") for k, v in _ATTRIBUTE.findall(content)}
            self.image(
                html.unescape(attributes.get("alt", "")),
                html.unescape(attributes.get("src", "")),
                at,
                None,
            )


class BlockCollector:
    """Walks markdown-it's block tokens, keeping track of quotes and lists for decoration."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.line_starts = [0, *(match.end() for match in re.finditer("\n", source))]
        self.line_starts.append(len(source))
        self.loc = _Locator(source)
        self.env: dict[str, object] = {}  # link reference definitions, from the block pass
        self.blocks: list[Placed] = []
        self.containers: list[_Container] = []
        self.list_numbers: list[int | None] = []
        self.pending_gap = False
        self.task_marker = False  # the next paragraph starts with a task's [ ] or [x]

    def _line_offset(self, line: int) -> int:
        return self.line_starts[min(line, len(self.line_starts) - 1)]

    def _focus(self, token: Token) -> None:
        if token.map is not None:
            self.loc.focus(token.map)

    def _place(self, block: TextBlock | CodeBlock | RuleBlock | TableBlock, hidden: bool) -> None:
        first = "".join(c.rest if c.used else c.first for c in self.containers)
        rest = "".join(c.rest for c in self.containers)
        # The blank line before a block belongs to the containers it is already inside of:
        # a quote's bar starts with its first block, not on the blank line above it.
        gap_prefix = "".join(c.rest for c in self.containers if c.used).rstrip()
        for container in self.containers:
            container.used = True
        gap = bool(self.blocks) and (not hidden or self.pending_gap)
        self.pending_gap = False
        self.blocks.append(Placed(block, first, rest, gap_prefix if gap else None))

    def collect(self, tokens: list[Token]) -> list[Placed]:
        index = 0
        while index < len(tokens):
            index = self._one(tokens, index)
        return self.blocks

    def _inline(self, token: Token, style: str) -> Inline:
        self._focus(token)
        if any(container.quote for container in self.containers):
            style = f"{style} quote".strip()
        children = token.children
        content = token.content
        if self.task_marker:
            self.task_marker = False
            self.loc.skip_past(content[:4])  # shown as the item's ☐ / ☑ instead
            content, children = content[4:], None
        if not children and content:
            children = _PARSER.parseInline(content, self.env)[0].children
        return _InlineRenderer(self.loc, style).run(children or []).build()

    def _one(self, tokens: list[Token], index: int) -> int:
        token = tokens[index]
        kind = token.type
        if kind == "heading_open":
            level = int(token.tag[1:]) if token.tag[1:].isdigit() else 1
            inline = self._inline(tokens[index + 1], f"heading-{level}")
            self._place(TextBlock(inline, f"heading-{level}"), False)
            return index + 3
        if kind == "paragraph_open":
            self._place(TextBlock(self._inline(tokens[index + 1], "")), token.hidden)
            return index + 3
        if kind == "blockquote_open":
            self.containers.append(_Container("▌ ", "▌ ", quote=True))
        elif kind == "blockquote_close":
            self.containers.pop()
        elif kind in ("bullet_list_open", "ordered_list_open"):
            if not self.list_numbers:
                self.pending_gap = bool(self.blocks)
            start = token.attrs.get("start", 1) if kind == "ordered_list_open" else None
            self.list_numbers.append(int(start) if start is not None else None)
        elif kind in ("bullet_list_close", "ordered_list_close"):
            self.list_numbers.pop()
        elif kind == "list_item_open":
            number = self.list_numbers[-1] if self.list_numbers else None
            task = self._task_mark(tokens, index)
            if task is not None and number is None:
                marker = TASK_MARKERS[task]
                self.task_marker = True
            elif number is None:
                marker = "• " if len(self.list_numbers) % 2 else "◦ "
            else:
                marker = f"{number}{token.markup or '.'} "
                self.list_numbers[-1] = number + 1
            self.containers.append(_Container(marker, " " * len(marker)))
        elif kind == "list_item_close":
            self.containers.pop()
        elif kind == "footnote_reference_open":
            marker = f"[{token.meta.get('label', '')}] "
            self.containers.append(_Container(marker, " " * len(marker)))
        elif kind == "footnote_reference_close":
            self.containers.pop()
        elif kind in ("fence", "code_block"):
            self._focus(token)
            self._place(self._code(token.content), False)
        elif kind == "hr":
            self._focus(token)
            self._place(RuleBlock(self.loc.cursor), False)
        elif kind == "html_block":
            self._focus(token)
            self._place(TextBlock(self._html_block(token.content)), False)
        elif kind == "table_open":
            return self._table(tokens, index)
        return index + 1

    @staticmethod
    def _task_mark(tokens: list[Token], index: int) -> str | None:
        """`` `` or ``x`` when the list item starts with a task box ``[ ]`` / ``[x]``."""
        if index + 2 < len(tokens) and tokens[index + 1].type == "paragraph_open":
            match = _TASK.match(tokens[index + 2].content)
            if match:
                return match.group(1)
        return None

    def _code(self, content: str) -> CodeBlock:
        lines: list[tuple[str, array[int]]] = []
        for raw in content.split("\n")[:-1] if content.endswith("\n") else content.split("\n"):
            offsets = self.loc.take(raw + "\n")[:-1] if raw else array("q")
            if not raw:
                self.loc.skip_past("\n")
            lines.append(self._expand_tabs(raw, offsets))
        return CodeBlock(lines)

    @staticmethod
    def _expand_tabs(raw: str, offsets: array[int]) -> tuple[str, array[int]]:
        if "\t" not in raw:
            return visible(raw), offsets
        text: list[str] = []
        mapped: array[int] = array("q")
        for char, offset in zip(raw, offsets, strict=False):
            count = 4 - len(mapped) % 4 if char == "\t" else 1
            text.append(" " * count if char == "\t" else char)
            mapped.extend([offset] * count)
        return visible("".join(text)), mapped

    def _html_block(self, content: str) -> Inline:
        """The text content of raw HTML: tags dropped, <br> and block tags break lines."""
        renderer = _InlineRenderer(self.loc, "")
        out = renderer.out
        for match in _HTML_PIECE.finditer(content):
            piece = match.group()
            if piece.startswith("<!--"):
                self.loc.skip_past(piece)
            elif piece.startswith("<") and len(piece) > 1:
                if piece[1:].lower().startswith("img"):
                    renderer.html_inline(piece)
                else:
                    self.loc.skip_past(piece)
                    if _BLOCK_TAG.match(piece):
                        out.hard_break()
            else:
                self._html_text(renderer, piece)
        return out.build()

    def _html_text(self, renderer: _InlineRenderer, piece: str) -> None:
        out = renderer.out
        for word in re.finditer(r"\s+|[^\s]+", piece):
            chunk = word.group()
            if chunk.isspace():
                offset = self.loc.here
                self.loc.cursor = min(self.loc.limit, self.loc.cursor + len(chunk))
                if len(out) and not (is_cjk(out.last_char) and "\n" in chunk):
                    out.add(" ", array("q", [offset]), "")
            else:
                text = html.unescape(chunk)
                out.add(text, self.loc.take(text), "")

    def _table(self, tokens: list[Token], index: int) -> int:
        rows: list[list[Inline]] = []
        alignments: list[str] = []
        header_rows = 0
        in_head = False
        while index < len(tokens) and tokens[index].type != "table_close":
            token = tokens[index]
            if token.type == "thead_open":
                in_head = True
            elif token.type == "thead_close":
                in_head = False
            elif token.type == "tr_open":
                rows.append([])
                header_rows += in_head
            elif token.type in ("th_open", "td_open") and len(rows) == 1:
                style = str(token.attrs.get("style", ""))
                alignments.append(style.removeprefix("text-align:") or "left")
            elif token.type == "inline":
                rows[-1].append(self._inline(token, ""))
            index += 1
        self._place(TableBlock(rows, header_rows, alignments), False)
        return index + 1


@lru_cache(maxsize=2)
def parse_blocks(source: str) -> list[Placed]:
    """The display blocks of ``source`` (already newline-normalised).

    Parsing does not depend on the width, so re-laying out the same article after a resize
    reuses it (the blocks are never modified after parsing)."""
    # Same length as the source, so offsets found in it are offsets into the source.
    parseable = source.replace("\r", "\n").replace("\0", "\ufffd")
    collector = BlockCollector(parseable)
    tokens = _BLOCK_PARSER.parse(parseable, collector.env)
    blocks = collector.collect(tokens)
    if "\0" in source:
        _show_nul(blocks, source)
    return blocks


def _with_nul_symbols(text: str, offsets: array[int], source: str) -> tuple[str, list[int]]:
    """Where the source had NUL (parsed as U+FFFD, as CommonMark asks), show ␀ like the other
    control characters; also say where, for the "control" style."""
    chars = list(text)
    changed = []
    for index, char in enumerate(chars):
        at = offsets[index]
        if char == "\ufffd" and 0 <= at < len(source) and source[at] == "\0":
            chars[index] = visible("\0")
            changed.append(index)
    return "".join(chars), changed


def _show_nul(blocks: list[Placed], source: str) -> None:
    inlines: list[Inline] = []
    for placed in blocks:
        block = placed.block
        if isinstance(block, TextBlock):
            inlines.append(block.inline)
        elif isinstance(block, TableBlock):
            inlines.extend(cell for row in block.rows for cell in row)
        elif isinstance(block, CodeBlock):
            block.lines = [
                (_with_nul_symbols(text, offsets, source)[0], offsets)
                for text, offsets in block.lines
            ]
    for inline in inlines:
        inline.text, changed = _with_nul_symbols(inline.text, inline.offsets, source)
        inline.styles.extend((index, index + 1, "control") for index in changed)

"""An article's headings and links as plain data: the outline and links views, and anchors.

markdown-it-py finds the structure (the same CommonMark + tables the reading pane renders, so
what is a heading or a link here is one there). It gives each block its source lines but no
columns, so each link is found in its block's lines by moving a cursor forward through the
text markdown-it reports; every offset is a code-point offset into the string parsed (plus
``base_offset``, for a body parsed after its front matter).

Anchors: a heading answers to the slug GitHub makes (github-slugger: lower case; letters,
marks, numbers, ``_``, ``-`` and spaces kept; spaces become ``-``; repeats get ``-1``, ``-2``)
and to markdown-it-anchor's (lower case, runs of white space become ``-``, nothing removed),
so links written for either resolve; Chinese headings keep their characters in both.
"""

from __future__ import annotations

import html
import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Literal
from urllib.parse import unquote

from markdown_it import MarkdownIt
from markdown_it.token import Token

from reader.text.source_cursor import SourceCursor

_PARSER = MarkdownIt("commonmark").enable("table")
_IMG_TAG = re.compile(r"<img\b[^>]*>", re.I)
_ATTRIBUTE = re.compile(r"""([\w-]+)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)""")

LinkKind = Literal["link", "image"]


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    """The heading as read: Markdown marks dropped, code and link text kept."""
    start: int
    """Offset of the heading's first character of text (what the reading pane shows first)."""
    end: int
    slug: str
    """Its anchor as GitHub makes it, unique within the article."""


@dataclass(frozen=True)
class Link:
    kind: LinkKind
    text: str
    """The link's text, or an image's alt text (may be empty)."""
    url: str
    """The destination as markdown-it normalises it (percent-encoded: a valid URL)."""
    start: int
    """Offset of the link's first character in the source (``[``, ``![``, ``<``)."""
    end: int

    @property
    def shown_url(self) -> str:
        """The destination for reading: percent-escapes of text decoded (中文.md, not %E4…)."""
        return str(_PARSER.normalizeLinkText(self.url))


@dataclass(frozen=True)
class Outline:
    headings: tuple[Heading, ...] = ()
    links: tuple[Link, ...] = ()
    _anchors: dict[str, int] = field(default_factory=dict, repr=False, compare=False)

    def heading_at(self, offset: int) -> int | None:
        """Index of the heading ``offset`` lies under (the last one starting at or before it)."""
        index = bisect_right([heading.start for heading in self.headings], offset) - 1
        return index if index >= 0 else None

    def links_in(self, start: int, end: int) -> list[Link]:
        """The links that begin or end within ``[start, end)``: those on a row of the reading
        pane (its first and last offsets + 1), to follow one from the cursor line."""
        return [link for link in self.links if link.start < end and link.end > start]

    def anchor(self, fragment: str) -> Heading | None:
        """The heading a URL fragment (``二政策``, ``%E4%BA%8C…``, ``Intro-1``) names, if any."""
        key = _fold_anchor(fragment)
        index = self._anchors.get(key)
        return None if index is None else self.headings[index]


def outline_of(markdown: str, *, base_offset: int = 0) -> Outline:
    """Headings and links of ``markdown``; offsets shifted by ``base_offset``."""
    headings, links = _collect(markdown)
    if base_offset:
        headings = [
            Heading(h.level, h.text, h.start + base_offset, h.end + base_offset, h.slug)
            for h in headings
        ]
        links = [
            Link(k.kind, k.text, k.url, k.start + base_offset, k.end + base_offset) for k in links
        ]
    return Outline(tuple(headings), tuple(links), _anchor_table(headings))


def github_slug(text: str) -> str:
    """GitHub's anchor for a heading's text, before repeats are numbered."""
    kept = []
    for char in text.lower():
        if char == " ":
            kept.append("-")
        elif char == "-" or _slug_keeps(char):
            kept.append(char)
    return "".join(kept)


def _slug_keeps(char: str) -> bool:
    category = unicodedata.category(char)
    return category[0] in "LMN" or category == "Pc"  # letters, marks, numbers, _ and kin


def markdown_it_anchor_slug(text: str) -> str:
    """markdown-it-anchor's default anchor (before percent-encoding), before repeats."""
    return re.sub(r"\s+", "-", text.strip().lower())


def _fold_anchor(fragment: str) -> str:
    return unicodedata.normalize("NFC", unquote(fragment.removeprefix("#"))).lower()


def _unique(slugs: list[str]) -> list[str]:
    """Number repeats the way both slug makers do: ``a``, ``a-1``, ``a-2``."""
    seen: set[str] = set()
    counts: dict[str, int] = {}
    out = []
    for slug in slugs:
        candidate = slug
        while candidate in seen:
            counts[slug] = counts.get(slug, 0) + 1
            candidate = f"{slug}-{counts[slug]}"
        seen.add(candidate)
        out.append(candidate)
    return out


def _anchor_table(headings: list[Heading]) -> dict[str, int]:
    """Every name a heading answers to → its index; the first heading wins a clash."""
    table: dict[str, int] = {}
    texts = [heading.text for heading in headings]
    for names in (
        [heading.slug for heading in headings],
        _unique([markdown_it_anchor_slug(text) for text in texts]),
        [text.strip() for text in texts],
    ):
        for index, name in enumerate(names):
            table.setdefault(_fold_anchor(name), index)
    return table


@lru_cache(maxsize=4)
def _collect(markdown: str) -> tuple[list[Heading], list[Link]]:
    walker = _Walker(markdown)
    tokens = _PARSER.parse(markdown)
    raw_headings: list[tuple[int, str, int, int]] = []
    for index, token in enumerate(tokens):
        if token.type == "inline" and token.map is not None:
            walker.focus(token.map)
            parent = tokens[index - 1] if index else None
            heading = parent is not None and parent.type == "heading_open"
            text, start, end = walker.inline(token.children or [])
            if heading and parent is not None and text.strip():
                level = int(parent.tag[1:]) if parent.tag[1:].isdigit() else 1
                start, end = walker.heading_span(token, start, end)
                raw_headings.append((level, text.strip(), start, end))
        elif token.type == "html_block" and token.map is not None:
            walker.focus(token.map)
            walker.html_images(token.content)
    slugs = _unique([github_slug(text) for _, text, _, _ in raw_headings])
    headings = [
        Heading(level, text, start, end, slug)
        for (level, text, start, end), slug in zip(raw_headings, slugs, strict=True)
    ]
    return headings, walker.links


class _Walker(SourceCursor):
    """Finds inline pieces in the source as spans, recording links on the way."""

    def __init__(self, source: str) -> None:
        super().__init__(source)
        self.links: list[Link] = []

    def take(self, content: str) -> tuple[int, int]:
        """Move past ``content``; its [start, end) in the source (best effort when escapes or
        entities changed it: as far as its characters can be followed)."""
        found = self.find(content)
        if found >= 0:
            self.cursor = found + len(content)
            return found, self.cursor
        start = -1
        for char in content:
            at = self.find(char)
            if at >= 0:
                start = at if start < 0 else start
                self.cursor = at + 1
        return (start if start >= 0 else self.cursor), self.cursor

    def skip_to(self, text: str) -> int:
        """Where the next ``text`` starts (the cursor if absent); the cursor moves past it."""
        found = self.find(text)
        if found < 0:
            return self.cursor
        self.cursor = found + len(text)
        return found

    def heading_span(self, token: Token, start: int, end: int) -> tuple[int, int]:
        """The heading's text in the source: from where its content starts on its line."""
        first_line = token.content.split("\n", 1)[0]
        line_start = self.line_start(token.map[0]) if token.map else 0
        at = self.source.find(first_line, line_start, self.limit) if first_line else -1
        if at < 0:
            return start, max(end, start)
        return at, max(end, at + len(first_line))

    def inline(self, children: list[Token]) -> tuple[str, int, int]:
        """Walk one inline run, recording its links; its plain text and source span."""
        parts: list[str] = []
        first, last = -1, self.cursor
        open_links: list[tuple[int, str, list[str]]] = []

        def seen(start: int, end: int) -> None:
            nonlocal first, last
            first = start if first < 0 else first
            last = max(last, end)

        for child in children:
            kind = child.type
            if kind in ("text", "code_inline"):
                start, end = self.take(child.content)
                if kind == "code_inline":
                    self.skip_to(child.markup)
                seen(start, end)
                parts.append(child.content)
                for _, _, text in open_links:
                    text.append(child.content)
            elif kind in ("softbreak", "hardbreak"):
                parts.append(" ")
                for _, _, text in open_links:
                    text.append(" ")
            elif kind == "link_open":
                at = self.skip_to("<" if child.markup == "autolink" else "[")
                seen(at, at + 1)
                open_links.append((at, str(child.attrs.get("href", "")), []))
            elif kind == "link_close" and open_links:
                self.skip_link_tail()
                start, href, text = open_links.pop()
                self.links.append(Link("link", "".join(text).strip(), href, start, self.cursor))
                seen(start, self.cursor)
            elif kind == "image":
                at = self.skip_to("![")
                if child.content:
                    self.take(child.content)
                self.skip_link_tail()
                url = str(child.attrs.get("src", ""))
                self.links.append(Link("image", child.content, url, at, self.cursor))
                seen(at, self.cursor)
            elif kind == "html_inline":
                at = self.skip_to(child.content)
                if _IMG_TAG.fullmatch(child.content):
                    self._html_image(child.content, at)
        return "".join(parts), (first if first >= 0 else self.cursor), last

    def html_images(self, content: str) -> None:
        for match in _IMG_TAG.finditer(content):
            at = self.skip_to(match.group())
            self._html_image(match.group(), at)

    def _html_image(self, tag: str, at: int) -> None:
        attributes = {k.lower(): v.strip("'\"") for k, v in _ATTRIBUTE.findall(tag)}
        src = html.unescape(attributes.get("src", ""))
        if src:
            url = str(_PARSER.normalizeLink(src))
            alt = html.unescape(attributes.get("alt", ""))
            self.links.append(Link("image", alt, url, at, at + len(tag)))

"""Blank out everything in an article that is not prose, keeping every offset.

Facts must come from what a reader reads, not from front matter, URLs, image syntax, code or
Markdown punctuation; yet their offsets must index the full raw text. So each such region is
replaced by spaces of the same length (newlines kept), and extraction runs on the result.
markdown-it-py finds the block-level regions (code, HTML) when a text can hold any (most news
cannot: no fence, no "<", no indented line); inline syntax is simple enough for regular
expressions.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from markdown_it import MarkdownIt

_FRONT_MATTER = re.compile(r"\A(?:\ufeff)?---[ \t]*\n.*?\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.S)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Inline regions blanked entirely. Order matters only for readability: they are applied in turn.
_INLINE_BLANK = (
    re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"),  # images, alt text included
    re.compile(r"\[(?=[^\]\n]*\]\()"),  # the "[" of a link's text (the text itself stays)
    re.compile(r"\]\([^)\n]*\)"),  # link destinations: keep the link text, drop "](url)"
    re.compile(r"`+[^`\n]*`+"),  # code spans
    re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>"),  # autolinks
    re.compile(r"</?[A-Za-z][^>\n]*>"),  # inline HTML tags
    # Bare URLs and e-mail addresses: up to whitespace or CJK text/punctuation.
    re.compile(r"(?:https?://|ftp://|www\.)[^\s\u3000-\u9fff\uff00-\uffef]+"),
    _EMAIL,
    # Terminal escape sequences (CSI, OSC) and stray control characters: never prose.
    re.compile(
        r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
    ),
)
# Markdown punctuation blanked where it stands: emphasis, headings, quotes, list markers, tables.
_MARKUP = (
    re.compile(r"\*{1,3}|_{2,3}|~~"),
    re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t]|$)", re.M),
    re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M),
    re.compile(r"^[ \t]*(?:[-+*]|\d{1,9}[.)])(?=[ \t])", re.M),
    re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M),
    re.compile(r"\|"),
    re.compile(r"^\[[^\]\n]+\]:[^\n]*$", re.M),  # link reference definitions
)

_BLOCK_TYPES = {"fence", "code_block", "html_block"}
# A fence, an HTML block and indented code need one of these (indentation inside a list or a
# quote too: four columns of spaces or a tab); without any, markdown-it would find no block.
_BLOCK_SIGNS = re.compile(r"```|~~~|<|\t| {4}")


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only for the texts that need it: its import is slow

    return MarkdownIt("commonmark")


def _blank(chars: list[str], start: int, end: int) -> None:
    for index in range(start, end):
        if chars[index] != "\n":
            chars[index] = " "


def _blank_matches(text: str, chars: list[str], pattern: re.Pattern[str]) -> bool:
    found = False
    for match in pattern.finditer(text):
        _blank(chars, match.start(), match.end())
        found = True
    return found


def _blank_blocks(body: str, body_start: int, chars: list[str]) -> None:
    """Blank markdown-it's code and HTML blocks of ``body`` (which starts at ``body_start``)."""
    line_starts = [body_start]
    for match in re.finditer("\n", body):
        line_starts.append(body_start + match.end())
    line_starts.append(body_start + len(body))
    for token in _parser().parse(body):
        if token.type in _BLOCK_TYPES and token.map:
            first, last = token.map
            _blank(chars, line_starts[first], line_starts[min(last, len(line_starts) - 1)])


def prose_only(text: str) -> str:
    """``text`` with non-prose regions replaced by spaces: same length, same line breaks."""
    chars = list(text)
    body_start = 0
    front = _FRONT_MATTER.match(text)
    if front:
        body_start = front.end()
        _blank(chars, 0, body_start)

    body = text[body_start:]
    if _BLOCK_SIGNS.search(body):
        _blank_blocks(body, body_start, chars)

    current = "".join(chars)
    for pattern in (*_INLINE_BLANK, *_MARKUP):
        if pattern is _EMAIL and "@" not in current:
            continue  # the pattern tries every run of letters, and Chinese text is one long run
        if _blank_matches(current, chars, pattern):
            current = "".join(chars)  # later patterns see what earlier ones blanked
    return current

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
# Inline regions blanked entirely, each with what a text must hold for it to match (None:
# nothing cheaper to ask than the pattern). A pattern that cannot begin with a known
# character is tried at every position of the text, which costs more than the C scan of a
# sign; most news holds no code, HTML, quote or control character at all. Where a pattern
# can be written to begin with a character (`+ as ``*), it is, for the same reason.
_INLINE_BLANK: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = (
    (re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)"), None),  # images, alt text included
    (re.compile(r"\[(?=[^\]\n]*\]\()"), None),  # the "[" of a link's text (the text itself stays)
    (re.compile(r"\]\([^)\n]*\)"), None),  # link destinations: keep the link text, drop "](url)"
    (re.compile(r"``*[^`\n]*`+"), None),  # code spans
    (re.compile(r"<(?:https?|ftp|mailto):[^>\s]*>"), None),  # autolinks
    (re.compile(r"</?[A-Za-z][^>\n]*>"), None),  # inline HTML tags
    # Bare URLs and e-mail addresses: up to whitespace or CJK text/punctuation.
    (re.compile(r"(?:https?://|ftp://|www\.)[^\s\u3000-\u9fff\uff00-\uffef]+"), None),
    # (The e-mail pattern tries every run of letters, and Chinese text is one long run.)
    (_EMAIL, re.compile("@")),
    # Terminal escape sequences (CSI, OSC) and stray control characters: never prose.
    (
        re.compile(
            r"\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?|[\x00-\x08\x0b-\x1f\x7f-\x9f]"
        ),
        re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]"),
    ),
)
# Markdown punctuation blanked where it stands: emphasis, headings, quotes, list markers, tables.
_MARKUP: tuple[tuple[re.Pattern[str], re.Pattern[str] | None], ...] = (
    (re.compile(r"\*\*{0,2}|__{1,2}|~~"), None),
    (re.compile(r"^[ \t]{0,3}#{1,6}(?=[ \t]|$)", re.M), re.compile("#")),
    (re.compile(r"^[ \t]*(?:>[ \t]?)+", re.M), re.compile(">")),
    (re.compile(r"^[ \t]*(?:[-+*]|\d{1,9}[.)])(?=[ \t])", re.M), re.compile(r"[-+*.)][ \t]")),
    (re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$", re.M), re.compile(r"[-*_](?:[ \t]*[-*_]){2}")),
    (re.compile(r"\|"), None),
    # Link reference definitions.
    (re.compile(r"^\[[^\]\n]+\]:[^\n]*$", re.M), re.compile(r"\]:")),
)

_BLOCK_TYPES = {"fence", "code_block", "html_block"}
# A fence, an HTML block and indented code need one of these (indentation inside a list or a
# quote too: four columns of spaces or a tab); without any, markdown-it would find no block.
_BLOCK_SIGNS = ("```", "~~~", "<", "\t", " " * 4)


@lru_cache(maxsize=1)
def _parser() -> MarkdownIt:
    from markdown_it import MarkdownIt  # only for the texts that need it: its import is slow

    return MarkdownIt("commonmark")


_NOT_NEWLINE = re.compile("[^\n]")


def _blanked(text: str) -> str:
    return _NOT_NEWLINE.sub(" ", text)


def _blanked_match(match: re.Match[str]) -> str:
    found = match.group()
    # (Nearly every match is on one line: its spaces are made without a pattern.)
    return _blanked(found) if "\n" in found else " " * len(found)


def _blank_blocks(text: str, body_start: int) -> str:
    """``text`` with markdown-it's code and HTML blocks of its body (from ``body_start``)
    blanked."""
    body = text[body_start:]
    line_starts = [body_start]
    for match in re.finditer("\n", body):
        line_starts.append(body_start + match.end())
    line_starts.append(len(text))
    for token in _parser().parse(body):
        if token.type in _BLOCK_TYPES and token.map:
            first, last = token.map
            start, end = line_starts[first], line_starts[min(last, len(line_starts) - 1)]
            text = text[:start] + _blanked(text[start:end]) + text[end:]
    return text


def prose_only(text: str) -> str:
    """``text`` with non-prose regions replaced by spaces: same length, same line breaks."""
    current = text
    front = _FRONT_MATTER.match(text)
    body_start = front.end() if front else 0
    if front:
        current = _blanked(text[:body_start]) + text[body_start:]
    if any(text.find(sign, body_start) >= 0 for sign in _BLOCK_SIGNS):  # (C scans, no pattern)
        # (markdown-it reads the body as written: blocks are found in the raw text.)
        current = current[:body_start] + _blank_blocks(text, body_start)[body_start:]
    # Later patterns see what earlier ones blanked.
    for pattern, sign in (*_INLINE_BLANK, *_MARKUP):
        if sign is None or sign.search(current):
            current = pattern.sub(_blanked_match, current)
    return current

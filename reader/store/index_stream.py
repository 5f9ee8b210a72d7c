"""What an engine indexes: one token per character of the normalised text.

The engine's tokenizer only splits on ASCII whitespace (tantivy's ``whitespace``, an
OpenSearch ``whitespace`` tokenizer), so the stream is the normalised text with a space after
every character. Three kinds of token, none of which a query can fake:

- a character of prose: itself (``北``, ``a``, ``，``);
- a character inside a web address: ``URL_MARK`` + the character, so a hit only inside a
  link can be told from one in prose, and ranked below it;
- a run of whitespace: ``SPACE`` (a noncharacter; text holding one folds it to a space), so
  "ab" never matches "a b" and a quoted "a b" matches any run of whitespace.

A term is then a phrase of tokens, exact by construction: any substring of the normalised
text finds its article, whatever jieba thinks.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from reader.store.search_query import Term

SPACE = "\ufdd0"
URL_MARK = "\ufdd1"
EDGE = "\ufdd2"
TITLE_BREAK = "\ufdd3"  # between a title put in front of the body and the body

# Characters a web address runs on (after case folding). Brackets, quotes and * are left out
# so that a bold or bracketed address ends where the reader sees it end.
URL_CHARS = r"a-z0-9\-._~:/?#@!$&+,;=%"
_URL = re.compile(rf"https?://[{URL_CHARS}]+")
_IS_URL_CHAR = re.compile(rf"[{URL_CHARS}]")
_URL_RUN = re.compile(rf"[{URL_CHARS}]+")
_URL_START = re.compile(r"https?://")
ADDRESS_CHARS = "".join(filter(_IS_URL_CHAR.fullmatch, map(chr, range(128))))


@dataclass(frozen=True)
class Stream:
    """What the engine indexes for one normalised text."""

    tokens: str  # space-separated, one per position
    edges: str  # where prose meets a web address (see :func:`edge`)
    prose: list[str]  # the pieces of prose (whitespace runs as SPACE), in order
    addresses: list[str]  # the web addresses, in order


def url_spans(normalised: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every web address in normalised text."""
    if "://" not in normalised:
        return []
    # An address starts where the run of address characters starts: "xhttp://" is no address.
    return [
        match.span()
        for match in _URL.finditer(normalised)
        if match.start() == 0 or not _IS_URL_CHAR.match(normalised, match.start() - 1)
    ]


def token_stream(normalised: str) -> Stream:
    """The engine's input for normalised text."""
    pieces = []
    edges = []
    prose = []
    addresses = []
    done = 0
    for start, end in url_spans(normalised):
        prose.append(_plain(normalised[done:start]))
        pieces.append(_spaced(prose[-1]))
        addresses.append(normalised[start:end])
        pieces.append(URL_MARK + f" {URL_MARK}".join(addresses[-1]) + " ")
        if start > 0:
            edges.append(edge(normalised[start - 1], normalised[start]))
        if end < len(normalised):
            edges.append(edge(normalised[end - 1], normalised[end]))
        done = end
    prose.append(_plain(normalised[done:]))
    pieces.append(_spaced(prose[-1]))
    return Stream("".join(pieces), " ".join(edges), prose, addresses)


def edge(before: str, after: str) -> str:
    """A token for where prose meets a web address (the characters either side).

    Phrases that cross into or out of an address would otherwise be as slow as the most
    common characters they hold (every article has 2s and 0s in its addresses); an article
    must hold the edge too, and few do.
    """
    return EDGE + (SPACE if before.isspace() else before) + (SPACE if after.isspace() else after)


def _plain(text: str) -> str:
    """Every run of whitespace as one SPACE. str.split() finds the runs in C (and takes the
    same characters for whitespace as the query parser's \\s); the text's edges keep theirs."""
    inner = SPACE.join(text.split())
    if text[:1].isspace():
        inner = SPACE + inner if inner else SPACE
    if text[-1:].isspace() and inner != SPACE:
        inner += SPACE
    return inner


def _spaced(text: str) -> str:
    """``" ".join(text) + " "``, five times faster: " ".join makes an object per character;
    this interleaves the UTF-32 code units with slice assignments instead."""
    raw = text.encode("utf-32-le")
    spaced = bytearray(2 * len(raw))
    for byte in range(4):
        spaced[byte::8] = raw[byte::4]
    spaced[4::8] = b" " * len(text)
    return spaced.decode("utf-32-le")


def term_tokens(term: Term) -> Iterator[tuple[list[str], bool, list[str]]]:
    """Token sequences the term can appear as, each with whether it touches prose and the
    address edges (see :func:`edge`) it crosses.

    Inside the term, a run of address characters after some other character is a web
    address exactly when it is http:// or https:// and more (the index marks addresses the
    same way). A run at the very start of the term may be the tail of an address that began
    before it, and a run at its end that is http:// or the start of it ("htt") may go on in
    the text into one: those are tried both ways (so at most four sequences).
    """
    text = term.text
    decided: list[tuple[int, int]] = []
    undecided: list[tuple[int, int]] = []
    for match in _URL_RUN.finditer(text):
        start, end = match.span()
        if start == 0:
            undecided.append((start, end))
            continue
        scheme = _URL_START.match(text, start)
        if scheme is not None and end > scheme.end():
            decided.append((start, end))
        elif end == len(text) and _may_become_address(text[start:]):
            undecided.append((start, end))
    for choice in itertools.product((False, True), repeat=len(undecided)):
        chosen = [span for span, is_url in zip(undecided, choice, strict=True) if is_url]
        yield _tokens(text, sorted(decided + chosen))


def _may_become_address(tail: str) -> bool:
    """A run at the end of a term that the text may continue into an address ("htt")."""
    return "http://".startswith(tail) or "https://".startswith(tail) or tail in _SCHEMES


_SCHEMES = ("http://", "https://")


def _tokens(text: str, spans: list[tuple[int, int]]) -> tuple[list[str], bool, list[str]]:
    tokens: list[str] = []
    edges: list[str] = []
    prose = False
    done = 0
    for start, end in [*spans, (len(text), len(text))]:
        plain = _plain(text[done:start])
        tokens.extend(plain)
        prose = prose or bool(plain)
        tokens.extend(URL_MARK + char for char in text[start:end])
        if start < end:
            if start > 0:
                edges.append(edge(text[start - 1], text[start]))
            if end < len(text):
                edges.append(edge(text[end - 1], text[end]))
        done = end
    return tokens, prose, edges

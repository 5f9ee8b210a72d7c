"""Pair tokens for the commonest characters (Lucene's CommonGrams), so that a phrase made
only of them is quick.

A phrase of characters found in nearly every article (``2020年``, ``7月19日``) makes the
engine compare the long position lists of each of its characters in thousands of articles.
So, besides one token per character (reader.store.index_stream), two more fields hold pairs:

- ``pairs``: every two neighbouring characters of prose that are both in ``COMMON``;
- ``link_pairs``: every two neighbouring characters inside a web address (addresses are
  short, and their characters are the commonest of all: every article's address holds its
  date).

A pair is far rarer than either of its characters, so a term made only of common characters
(or only of address characters) is looked up as a phrase of pairs instead: ``2020年`` as
``20`` ``20`` ``0年`` at offsets 0, 2, 3. That is exact: the pairs of one run of common
characters sit at consecutive positions, and runs are kept apart by ``GAP`` (a noncharacter,
so no text holds it), whose own pairs the engine drops (``stop_words``) while keeping their
positions. Every other term is looked up in the characters, as before.

The set was chosen by measurement (benchmarks/RESULTS-search.md): digits, 年 月 日, the
commonest punctuation and hanzi of Chinese news, Latin letters. Changing it changes the index: bump
reader.store.tantivy_index.FORMAT.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from reader.store.index_stream import URL_MARK

# Latin letters (folded to lower case) too: they are few in Chinese prose (pairs of them add
# a twentieth to this field), but the words they make (GDP, ChatGPT) are in most articles.
COMMON = "0123456789年月日。,、一的国人大中“”《》不是在会有新发全abcdefghijklmnopqrstuvwxyz"
GAP = "\ufdd4"

PAIRS_FIELD = "pairs"
LINK_PAIRS_FIELD = "link_pairs"

_COMMON = frozenset(COMMON)
_RUNS = re.compile("[{0}][{0}]+".format(re.escape(COMMON)))


def stop_words(chars: str) -> list[str]:
    """The pairs that only mark where a run ends (a character and GAP): dropped by the
    engine's analyzer, their positions kept as gaps."""
    return [char + GAP for char in chars] + [GAP + char for char in chars]


def prose_pairs(pieces: Iterable[str]) -> str:
    """The ``pairs`` field's input for pieces of prose (whitespace already one token each):
    space-separated pairs, run by run."""
    runs = [run for piece in pieces for run in _RUNS.findall(piece)]
    return _pairs(GAP.join(runs) + GAP) if runs else ""


def link_pairs(addresses: Sequence[str]) -> str:
    """The ``link_pairs`` field's input: the pairs of every web address."""
    return _pairs(GAP.join(addresses) + GAP) if addresses else ""


def _pairs(joined: str) -> str:
    """``" ".join(a + b for a, b in zip(joined, joined[1:])) + " "``, without an object per
    character: the UTF-32 code units interleaved with slice assignments."""
    raw = joined.encode("utf-32-le")
    count = len(joined) - 1
    first, second = raw[:-4], raw[4:]
    out = bytearray(12 * count)
    for byte in range(4):
        out[byte::12] = first[byte::4]
        out[4 + byte :: 12] = second[byte::4]
    out[8::12] = b" " * count
    return out.decode("utf-32-le")


PairPhrase = tuple[str, list[tuple[int, str]]]  # a field, and pairs with their offsets


def pair_phrase(tokens: Sequence[str]) -> PairPhrase | None:
    """The pairs that find exactly these tokens, when they all pair up: two or more common
    prose characters, or two or more characters of a web address. None otherwise.

    The pairs cover the term with steps of at most two (0, 2, 4 … and the last), which is
    still exact: between two pairs found two apart the engine's positions leave no room
    for a gap.
    """
    if len(tokens) < 2:
        return None
    kinds = {_kind(token) for token in tokens}
    if len(kinds) != 1 or None in kinds:
        return None
    field = kinds.pop()
    assert field is not None
    chars = [token[-1] for token in tokens]
    offsets = list(range(0, len(chars) - 1, 2))
    if offsets[-1] != len(chars) - 2:
        offsets.append(len(chars) - 2)
    return field, [(offset, chars[offset] + chars[offset + 1]) for offset in offsets]


def pair_runs(tokens: Sequence[str]) -> list[PairPhrase]:
    """For tokens that do not all pair up: the phrases of pairs of each stretch of two or
    more that do (``7月19日`` in ``7月19日一``). Each is a necessary condition, far cheaper
    to test than the tokens' own phrase, which then only has to be checked where it holds."""
    runs: list[PairPhrase] = []
    start = 0
    while start < len(tokens):
        kind = _kind(tokens[start])
        end = start + 1
        while end < len(tokens) and kind is not None and _kind(tokens[end]) == kind:
            end += 1
        if end - start >= 2:
            phrase = pair_phrase(tokens[start:end])
            assert phrase is not None
            runs.append(phrase)
        start = end
    return runs


def _kind(token: str) -> str | None:
    """Which pair field holds pairs of this token, if any."""
    if token in _COMMON:
        return PAIRS_FIELD
    if len(token) == 2 and token[0] == URL_MARK:
        return LINK_PAIRS_FIELD
    return None

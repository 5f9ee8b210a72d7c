"""Search normalisation: NFKC plus case folding, with a map back to the original offsets.

Search compares text "after NFKC and case folding" (ＩＡＳＰ, Iasp and iasp are one term), but
every offset the reader shows must point into the original text. NFKC can change length
(ﬁ → fi, ㍱ → hpa) and combine characters (e + U+0301 → é), so :func:`fold` returns, for each
normalised character, the original ``[start, end)`` it came from.

The normalisation is done per *cluster* (a character with the combining marks after it), which
is what lets us map offsets at all; for all but contrived text it equals whole-string NFKC, and
queries are folded the same way, so matching stays consistent either way.
"""

from __future__ import annotations

import bisect
import functools
import json
import re
import unicodedata
from dataclasses import dataclass, field


def fold_char(text: str) -> str:
    """NFKC, case fold, NFKC again (case folding can un-normalise, e.g. U+0345)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on demand: each character's own fold, computed once."""

    def __missing__(self, code: int) -> str:
        folded = _COMMON_FOLDS.get(chr(code)) or fold_char(chr(code))
        self[code] = folded
        return folded


_JOINS = "\x7f"
_SIMPLE = "\x01"


class _KindTable(dict[int, str]):
    """Translate table giving each character's kind as one character, so that finding the
    few characters that need care is a regex search instead of a Python loop: ``_SIMPLE``
    (folds to exactly one character), ``_JOINS`` (belongs to the previous character's
    cluster) or ``chr(n)`` (folds to ``n`` characters, n < 127)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        kind = _JOINS if _joins_previous(char) else chr(min(len(_TABLE[code]), 0x7E))
        self[code] = kind
        return kind


_TABLE = _FoldTable()
_KINDS = _KindTable()
# A cluster that needs care: anything followed by combining marks, or a lone odd character.
_CAREFUL_CLUSTER = re.compile(f".{_JOINS}+|[^{_SIMPLE}]", re.DOTALL)


# One cluster whose fold moved offsets: normalised [start, end) came from original [start, end).
Cluster = tuple[int, int, int, int]


@dataclass(frozen=True)
class Folded:
    """Normalised ``text`` and how to find its characters in the original.

    Outside the listed ``clusters`` characters map one to one, shifted by whatever the
    clusters before them added or removed; no clusters means the identity map (the common
    case). Compact enough to store next to the index as JSON.
    """

    text: str
    clusters: tuple[Cluster, ...] = ()
    # Every character was folded on its own by the one-for-one tables (full-width forms,
    # capitals, traditional forms): a term's hits can then be found in the original text
    # itself (:func:`original_pattern`), without folding it.
    by_table: bool = field(default=False, compare=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original code-point range covering normalised ``[start, end)`` (``start < end``)."""
        if not self.clusters:
            return start, end
        return self._span_of(start)[0], self._span_of(end - 1)[1]

    def _span_of(self, index: int) -> tuple[int, int]:
        position = bisect.bisect_right(self._starts, index) - 1
        if position < 0:
            return index, index + 1
        n_start, n_end, o_start, o_end = self.clusters[position]
        if index < n_end:
            return o_start, o_end
        shifted = index + o_end - n_end
        return shifted, shifted + 1

    @functools.cached_property
    def _starts(self) -> list[int]:
        return [cluster[0] for cluster in self.clusters]

    def clusters_json(self) -> str | None:
        return json.dumps(self.clusters, separators=(",", ":")) if self.clusters else None

    @classmethod
    def from_json(cls, text: str, clusters: str | None) -> Folded:
        if not clusters:
            return cls(text)
        return cls(text, tuple((a, b, c, d) for a, b, c, d in json.loads(clusters)))


def fold(text: str, *, variants: bool = False) -> Folded:
    """Normalise ``text`` for search, keeping the offset map.

    ``variants``: also fold traditional and simplified forms together (reader.text.variants).

    Whole-text NFKC costs about 0.3 µs a character once a text holds a single full-width
    comma, which Chinese text always does. So one regex scan finds the characters that need
    anything: the ones Chinese text is full of (ASCII capitals, full-width forms, the
    ideographic space, the ellipsis), traditional forms, and letters that case folding
    changes. The first two are rewritten with a ``str.replace`` each; if what is left is
    NFKC already (``unicodedata.is_normalized``, a quick check) that is the answer. Anything
    else takes the careful path, cluster by cluster.
    """
    global _folds
    _folds += 1
    folded = text
    if _folds > _SCAN_AFTER:
        # The full-width punctuation of every Chinese text first, one str.replace each
        # whether present or not: the scanner then meets a few characters, not hundreds.
        for char, everyday in _EVERYDAY:
            folded = folded.replace(char, everyday)
        found = set(_scanner(variants).findall(folded))
        case_checked = True
    else:
        # The scanner takes 0.1 s to compile: a command that folds a few texts does without.
        found = set(text)
        case_checked = False
    expanding = False
    common: list[tuple[str, str]] = []
    traditional: list[tuple[str, str]] = []
    table = _variant_table() if variants else {}
    for char in found:
        replacement = _COMMON_FOLDS.get(char)
        if replacement is not None:
            if len(replacement) == 1:
                common.append((char, replacement))
            else:
                expanding = True
        elif char in table:
            traditional.append((char, table[char]))
        elif case_checked and char.casefold() != char:
            return _fold_clusters(text, variants)
    folded = _replace(folded, common)
    clusters: tuple[Cluster, ...] = ()
    if expanding:
        folded, clusters = _expand(folded)
    if not unicodedata.is_normalized("NFKC", folded) or (
        not case_checked and folded.casefold() != folded
    ):
        return _fold_clusters(text, variants)
    # Like the careful path: traditional/simplified folding comes after NFKC and case folding.
    return Folded(_replace(folded, traditional), clusters, by_table=not clusters)


_folds = 0
_SCAN_AFTER = 64


def _replace(text: str, changes: list[tuple[str, str]]) -> str:
    """Each one-for-one change applied: a replace per character, or one translate for many
    (traditional text, say)."""
    if len(changes) > _REPLACE_LIMIT:
        return text.translate({ord(char): to for char, to in changes})
    for char, replacement in changes:
        text = text.replace(char, replacement)
    return text


def _expand(text: str) -> tuple[str, tuple[Cluster, ...]]:
    """Rewrite the common characters that fold to several (… → ...), recording clusters."""
    pieces: list[str] = []
    clusters: list[Cluster] = []
    done = 0
    shift = 0  # normalised minus original length so far
    for match in _COMMON_EXPANDING.finditer(text):
        start = match.start()
        replacement = _COMMON_FOLDS[match.group()]
        pieces += (text[done:start], replacement)
        clusters.append((start + shift, start + shift + len(replacement), start, start + 1))
        shift += len(replacement) - 1
        done = start + 1
    pieces.append(text[done:])
    return "".join(pieces), tuple(clusters)


def _fold_variants(text: str) -> str:
    table = _variant_table()
    found = {c for c in set(_scanner(True).findall(text)) if c in table}
    return _replace(text, [(char, table[char]) for char in found])


# Above this many distinct characters to change (traditional text, say), one translate pass
# beats a replace per character.
_REPLACE_LIMIT = 64


def _common_folds() -> dict[str, str]:
    chars = [chr(code) for code in range(0xFF01, 0xFF5F)]  # full-width ASCII
    chars += [chr(code) for code in range(ord("A"), ord("Z") + 1)]
    chars += ["\u3000", "\u2026", "\u2025"]  # ideographic space, … and ‥
    folds = {char: fold_char(char) for char in chars}
    # Noncharacters fold to a space: search uses them as markers in the index's token stream,
    # so text holding them must not be able to match those markers.
    folds.update((chr(code), " ") for code in range(0xFDD0, 0xFDF0))
    return {char: folded for char, folded in folds.items() if folded != char}


_COMMON_FOLDS = _common_folds()
_EVERYDAY = tuple((char, _COMMON_FOLDS[char]) for char in "，：；！？（）％")
_COMMON_EXPANDING = re.compile(
    "[" + "".join(re.escape(c) for c, f in _COMMON_FOLDS.items() if len(f) != 1) + "]"
)


def _fold_clusters(text: str, variants: bool) -> Folded:
    kinds = text.translate(_KINDS)
    careful = list(_CAREFUL_CLUSTER.finditer(kinds))
    pieces: list[str] = []
    clusters: list[Cluster] = []
    done = 0
    length = 0  # of the normalised text so far
    for match in careful:
        start, end = match.span()
        plain = text[done:start].translate(_TABLE)
        folded = fold_char(text[start:end])
        pieces += (plain, folded)
        length += len(plain)
        if len(folded) != 1 or end - start != 1:
            clusters.append((length, length + len(folded), start, end))
        length += len(folded)
        done = end
    pieces.append(text[done:].translate(_TABLE))
    normalised = "".join(pieces)
    if variants:
        normalised = _fold_variants(normalised)
    return Folded(normalised, tuple(clusters))


@functools.cache
def _variant_table() -> dict[str, str]:
    from reader.text.variants import variant_table

    return variant_table()


@functools.cache
def _case_changing() -> frozenset[str]:
    """Non-ASCII characters that case folding changes (Ä, ß, Σ, Ꭰ…): about 1,400, found
    once in some 15 ms (no cased script lies past U+1E943)."""
    return frozenset(char for char in map(chr, range(0x80, 0x1E944)) if char.casefold() != char)


@functools.cache
def _scanner(variants: bool) -> re.Pattern[str]:
    """One character class for everything fold() may have to change."""
    chars = set(_COMMON_FOLDS) | _case_changing()
    if variants:
        chars |= _variant_table().keys()
    # A class of BMP characters compiles to a bitmap; one holding any astral character would
    # be searched linearly at every position, so astral ones are matched as a range and
    # sorted out afterwards.
    bmp = "".join(re.escape(c) for c in sorted(chars) if ord(c) <= 0xFFFF)
    return re.compile(f"[{bmp}]|[\\U00010000-\\U0010ffff]")


@functools.lru_cache(maxsize=256)
def original_pattern(needle: str, *, variants: bool = False, runs: bool = True) -> re.Pattern[str]:
    """Where normalised ``needle`` occurs in a text whose fold was ``by_table``, found in that
    text itself: each character stands for every character the tables fold to it (a for
    a, A, ａ and Ａ; 后 for 后 and 後). A space stands for any run of whitespace when
    ``runs`` (as a query term matches, see reader.store.search_query), else for one
    character that folds to a space. The same non-overlapping matches, at the same offsets,
    as in the normalised text, for a fraction of the cost of folding it."""
    sources = _sources(variants)
    space = "[\\s\ufdd0-\ufdef]+" if runs else _class_of(" ", sources.get(" "))
    parts = []
    for word in needle.split(" "):
        parts.append("".join(_class_of(char, sources.get(char)) for char in word))
    return re.compile(space.join(parts))


def _class_of(char: str, sources: str | None) -> str:
    if not sources:
        return re.escape(char)
    return "[" + re.escape(char) + "".join(re.escape(source) for source in sources) + "]"


@functools.cache
def _sources(variants: bool) -> dict[str, str]:
    """For each character, the other characters the one-for-one tables fold to it."""
    found: dict[str, str] = {}
    pairs = [(char, to) for char, to in _COMMON_FOLDS.items() if len(to) == 1]
    if variants:
        pairs += [(char, to) for char, to in _variant_table().items() if char not in _COMMON_FOLDS]
    for char, to in pairs:
        if char != to:
            found[to] = found.get(to, "") + char
    return found


def fold_query(text: str, *, variants: bool = False) -> str:
    """Normalise a query the same way as article text (no offsets needed)."""
    return fold(text, variants=variants).text


def _joins_previous(char: str) -> bool:
    # Combining marks, and Hangul vowel/final jamo (starters that still compose with the
    # syllable before them), belong to the previous character's cluster.
    return unicodedata.combining(char) != 0 or "\u1160" <= char <= "\u11ff"

"""Search normalisation: NFKC plus case folding, with a map back to the original offsets.

Search compares text "after NFKC and case folding" (ＩＡＳＰ, Iasp and iasp are one term), but
every offset the reader shows must point into the original text. NFKC can change length
(ﬁ → fi, ㍱ → hpa) and combine characters (e + U+0301 → é), so :func:`fold` returns, for each
normalised character, the original ``[start, end)`` it came from.

The normalisation is done per *cluster* (a starter with the combining marks after it), which is
what lets us map offsets at all; for all but pathological text this equals whole-string NFKC.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass


def fold_char(text: str) -> str:
    """NFKC, case fold, NFKC again (case folding can un-normalise, e.g. U+0345)."""
    return unicodedata.normalize("NFKC", unicodedata.normalize("NFKC", text).casefold())


class _FoldTable(dict[int, str]):
    """``str.translate`` table filled on demand: each character's own fold, computed once."""

    def __missing__(self, code: int) -> str:
        folded = fold_char(chr(code))
        self[code] = folded
        return folded


_TABLE = _FoldTable()


@dataclass(frozen=True)
class Folded:
    """Normalised ``text`` and where each of its characters came from in the original.

    ``starts[i]``/``ends[i]`` are the original ``[start, end)`` of normalised char ``i``;
    ``None`` means the identity map (the common case, kept cheap).
    """

    text: str
    original_length: int
    starts: list[int] | None = None
    ends: list[int] | None = None

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Original code-point range covering normalised ``[start, end)`` (``start < end``)."""
        if self.starts is None or self.ends is None:
            return start, end
        return self.starts[start], self.ends[end - 1]


def fold(text: str) -> Folded:
    """Normalise ``text`` for search, keeping the offset map."""
    fast = text.translate(_TABLE)
    whole = fold_char(text)
    if fast == whole and len(fast) == len(text):
        # No character changed length (none maps to "") and nothing composed across
        # characters, so normalised offsets are original offsets.
        return Folded(fast, len(text))
    return _fold_by_cluster(text)


def fold_query(text: str) -> str:
    """Normalise a query the same way as article text (no offsets needed)."""
    return fold(text).text


def _fold_by_cluster(text: str) -> Folded:
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    cluster_start = 0
    for index in range(1, len(text) + 1):
        if index < len(text) and _joins_previous(text[index]):
            continue
        folded = fold_char(text[cluster_start:index])
        pieces.append(folded)
        starts.extend([cluster_start] * len(folded))
        ends.extend([index] * len(folded))
        cluster_start = index
    return Folded("".join(pieces), len(text), starts, ends)


def _joins_previous(char: str) -> bool:
    # Combining marks, and Hangul vowel/final jamo (starters that still compose with the
    # syllable before them), belong to the previous character's cluster.
    return unicodedata.combining(char) != 0 or "\u1160" <= char <= "\u11ff"

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

import re
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


_JOINS = "J"
_SIMPLE = "\x01"


class _KindTable(dict[int, str]):
    """Translate table giving each character's kind as one character, so that finding the
    few characters that need care is a regex search instead of a Python loop: ``_SIMPLE``
    (folds to exactly one character), ``_JOINS`` (belongs to the previous character's
    cluster) or ``chr(n)`` (folds to ``n`` characters)."""

    def __missing__(self, code: int) -> str:
        char = chr(code)
        if _joins_previous(char):
            kind = _JOINS
        else:
            kind = chr(len(fold_char(char)))
        self[code] = kind
        return kind


_TABLE = _FoldTable()
_KINDS = _KindTable()
# A cluster that needs care: anything followed by combining marks, or a lone odd character.
_CAREFUL_CLUSTER = re.compile(f".{_JOINS}+|[^{_SIMPLE}]", re.DOTALL)


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
    kinds = text.translate(_KINDS)
    careful = list(_CAREFUL_CLUSTER.finditer(kinds))
    if not careful:
        # Every character folds to exactly one on its own: offsets do not move.
        return Folded(text.translate(_TABLE), len(text))
    pieces: list[str] = []
    starts: list[int] = []
    ends: list[int] = []
    done = 0
    for match in careful:
        start, end = match.span()
        pieces.append(text[done:start].translate(_TABLE))
        starts.extend(range(done, start))
        ends.extend(range(done + 1, start + 1))
        folded = fold_char(text[start:end])
        pieces.append(folded)
        starts.extend([start] * len(folded))
        ends.extend([end] * len(folded))
        done = end
    pieces.append(text[done:].translate(_TABLE))
    starts.extend(range(done, len(text)))
    ends.extend(range(done + 1, len(text) + 1))
    return Folded("".join(pieces), len(text), starts, ends)


def fold_query(text: str) -> str:
    """Normalise a query the same way as article text (no offsets needed)."""
    return fold(text).text


def _joins_previous(char: str) -> bool:
    # Combining marks, and Hangul vowel/final jamo (starters that still compose with the
    # syllable before them), belong to the previous character's cluster.
    return unicodedata.combining(char) != 0 or "\u1160" <= char <= "\u11ff"

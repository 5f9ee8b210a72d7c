"""Terminal cell widths of characters, from the Unicode database (no hand-written table).

East Asian Wide and Fullwidth characters take two cells, combining marks and other zero-width
format characters none, and East Asian Ambiguous characters (“ ” … · — and friends) one or two
cells depending on the terminal, so the caller chooses with ``ambiguous_width``.
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache

_ZERO_WIDTH_CATEGORIES = frozenset({"Mn", "Me", "Cf"})


@lru_cache(maxsize=65536)
def _width(char: str, ambiguous_width: int) -> int:
    if unicodedata.category(char) in _ZERO_WIDTH_CATEGORIES:
        return 0
    east_asian = unicodedata.east_asian_width(char)
    if east_asian in ("W", "F"):
        return 2
    if east_asian == "A":
        return ambiguous_width
    return 1


def char_width(char: str, ambiguous_width: int = 1) -> int:
    """Cells taken by one (already sanitised, printable) character."""
    if char < "\u00a0":  # printable ASCII and Latin-1 controls' pictures never get here wide
        return 1
    return _width(char, ambiguous_width)


class WidthTable:
    """Per-character widths for one ``ambiguous_width`` setting, memoised in a plain dict.

    A dict lookup per character is what keeps laying out a megabyte fast; ``lru_cache`` alone
    costs several times more per call.
    """

    def __init__(self, ambiguous_width: int = 1) -> None:
        self.ambiguous_width = ambiguous_width
        self._known: dict[str, int] = {chr(code): 1 for code in range(0x20, 0x7F)}

    def widths(self, text: str) -> list[int]:
        known = self._known
        try:
            return [known[char] for char in text]
        except KeyError:
            for char in set(text) - known.keys():
                known[char] = char_width(char, self.ambiguous_width)
            return [known[char] for char in text]

    def width(self, text: str) -> int:
        if text.isascii():
            return len(text)
        return sum(self.widths(text))

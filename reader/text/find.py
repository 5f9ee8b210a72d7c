"""Find in the open article: every match of a query, as code-point ranges of the text.

It matches the way library search does: both sides go through the search fold (NFKC, case
folding, and traditional/simplified where search uses it), so ＩＡＳＰ finds iasp and what
search found in an article is found again here. Beyond that it reads like a find bar: the
query is literal text, a run of spaces in it matches any run of white space, and a line
break inside a hard-wrapped paragraph (which the reading pane joins) never hides a match.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from reader.text.normalize import Folded, fold

# Beyond this many characters a query is matched as plain folded text (no line-break
# tolerance): the pattern would grow with it, and nobody types such a query by hand.
_TOLERANT_QUERY = 256
# A soft line break as Markdown files have them: the reading pane joins the lines.
_SOFT_BREAK = r"(?:[ \t]*\n[ \t]*)?"


def fold_for_search(text: str, *, variants: bool = False) -> Folded:
    """Text folded exactly as library search folds it, with the map back to offsets.

    The one place find-in-article reaches the search fold: ``variants`` asks for
    traditional/simplified blindness (reader.text.normalize gains it with search v2)."""
    if variants:
        return fold(text, variants=True)  # type: ignore[call-arg, unused-ignore]
    return fold(text)


def find_matches(text: str, query: str, *, variants: bool = False) -> list[tuple[int, int]]:
    """Every non-overlapping match of ``query`` in ``text``, in order, as ``[start, end)``
    code-point ranges of ``text``. An empty or all-space query matches nothing."""
    wanted = fold_for_search(query, variants=variants).text
    if not wanted.strip():
        return []
    folded = fold_for_search(text, variants=variants)
    matches: list[tuple[int, int]] = []
    for start, end in _spans(folded.text, wanted):
        original = folded.to_original(start, end)
        # Two folded matches can fall in one original character (iﬁf folds to "ifif", and
        # both "if" touch ﬁ): the second then starts inside the first and is left out.
        if matches and original[0] < matches[-1][1]:
            continue
        matches.append(original)
    return matches


def _spans(haystack: str, needle: str) -> list[tuple[int, int]]:
    if len(needle) > _TOLERANT_QUERY:
        spans, at = [], haystack.find(needle)
        while at >= 0:
            spans.append((at, at + len(needle)))
            at = haystack.find(needle, at + len(needle))
        return spans
    return [match.span() for match in _pattern(needle).finditer(haystack) if match.end() > 0]


def _pattern(needle: str) -> re.Pattern[str]:
    pieces: list[str] = []
    for word in re.split(r"(\s+)", needle.strip()):
        if not word:
            continue
        if word.isspace():
            pieces.append(r"\s+")
        else:
            pieces.append(_SOFT_BREAK.join(re.escape(char) for char in word))
    return re.compile("".join(pieces))


def match_after(matches: list[tuple[int, int]], offset: int, step: int = 1) -> int | None:
    """Index of the match to go to from ``offset`` (the cursor, or the current match's start):
    the first one starting after it for ``step`` 1 (n), the last one starting before it for
    -1 (N), wrapping around the article; None when there are none."""
    if not matches:
        return None
    starts = [start for start, _ in matches]
    if step >= 0:
        index = bisect_right(starts, offset)
        return index % len(matches)
    index = bisect_left(starts, offset) - 1
    return index % len(matches)

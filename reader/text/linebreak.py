"""Where a line of Chinese (and mixed) text may break, and greedy filling of lines.

Rules, in order of preference:

1. Break between CJK characters, between CJK and Latin, and at spaces — but never so that a
   line starts with closing punctuation or ends with opening punctuation (kinsoku), never
   inside —— or ……, never inside a Latin word or number, never before a combining mark.
2. Only if a line has no such opportunity at all (one token wider than the line): break a long
   URL or path after / ? & = - _.
3. Only if that fails too: cut at the width (``forced``), still never before a combining mark.

Kinsoku is resolved by moving characters to the next line, never by exceeding the width.
Work per line is bounded by the line's width, so filling is linear in the text's length.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

# No line may start with these (closing punctuation, ASCII kin included, and the signs that
# follow a number: 16.5％ and 10℃ stay whole).
CLOSING = frozenset("，。、；：！？）」』】》〕〉”’…%·〗〙〛｝］｠｡､・ー～〜‼⁇⁈⁉,.;:!?)]}％‰‱℃℉°′″")
# No line may end with these (opening punctuation).
OPENING = frozenset("（「『【《〔〈“‘〖〘〚｛［｟([{")
# Doubled, these form one mark (——, ……) that must not be split across lines.
PAIRED = frozenset("—…⋯")
URL_BREAK_AFTER = frozenset("/?&=-_")
# Between two numbers these make a range (6—10℃, 3～5年) that must not be split.
RANGE_MARKS = frozenset("—–～〜~－")
# Characters that count as Chinese for joining hard-wrapped source lines, besides wide ones.
CJK_PUNCTUATION = CLOSING.union(OPENING, PAIRED) - frozenset(",.;:!?)]}([{%")


@dataclass(frozen=True, slots=True)
class Break:
    """One output line: ``text[start:end]`` is shown; the next line starts at ``next_start``
    (spaces between ``end`` and ``next_start`` are the break itself and are not shown)."""

    start: int
    end: int
    next_start: int
    forced: bool = False


def _glued(prev: str, cur: str, prev_width: int, cur_width: int) -> bool:
    """Inside a Latin word, number or URL: two narrow characters, neither one of the CJK marks
    that kinsoku governs (so "3.14", "e.g." and "a/b" stay whole)."""
    return (
        prev_width == 1
        and cur_width == 1
        and prev not in CJK_PUNCTUATION
        and cur not in CJK_PUNCTUATION
    )


def _allowed(text: str, widths: list[int], b: int) -> bool:
    """May a line end just before ``text[b]`` (rule 1)?"""
    cur = text[b]
    prev = text[b - 1]
    if cur == " ":
        # A break at a run of spaces: judge by the characters either side of the run.
        if prev == " ":
            return False
        after = b
        while after < len(text) and text[after] == " ":
            after += 1
        if after == len(text):
            return True
        return text[after] not in CLOSING and prev not in OPENING
    if prev == " ":
        return False  # the same break is taken at the start of the space run
    if widths[b] == 0 or cur in CLOSING or prev in OPENING:
        return False
    if prev == cur and cur in PAIRED:
        return False
    if _in_range(text, b):
        return False
    return not _glued(prev, cur, widths[b - 1], widths[b])


def _in_range(text: str, b: int) -> bool:
    """Is ``b`` inside a numeric range such as 6—10 (before or after its dash)?"""
    prev, cur = text[b - 1], text[b]
    if cur in RANGE_MARKS:
        return prev.isdigit() and b + 1 < len(text) and text[b + 1].isdigit()
    return prev in RANGE_MARKS and cur.isdigit() and b >= 2 and text[b - 2].isdigit()


def _url_allowed(text: str, widths: list[int], b: int) -> bool:
    return text[b - 1] in URL_BREAK_AFTER and widths[b] != 0 and text[b] not in CLOSING


def break_lines(
    text: str, widths: list[int], cumulative: list[int], first_width: int, rest_width: int
) -> list[Break]:
    """Fill lines greedily. ``cumulative[i]`` is the width of ``text[:i]`` (len(text)+1 items)."""
    n = len(text)
    lines: list[Break] = []
    pos = 0
    while pos < n and text[pos] == " ":
        pos += 1
    width = first_width
    while pos < n:
        width = max(width, 1)
        limit = bisect_right(cumulative, cumulative[pos] + width, pos) - 1
        if limit >= n:
            end = n
            while end > pos and text[end - 1] == " ":
                end -= 1
            lines.append(Break(pos, end, n))
            break
        cut, forced = _choose_break(text, widths, pos, limit)
        end = cut
        while end > pos and text[end - 1] == " ":
            end -= 1
        following = cut
        while following < n and text[following] == " ":
            following += 1
        lines.append(Break(pos, end, following, forced))
        pos = following
        width = rest_width
    return lines


def _choose_break(text: str, widths: list[int], pos: int, limit: int) -> tuple[int, bool]:
    """The break for a line starting at ``pos`` whose characters up to ``limit`` fit."""
    # A space right after the last fitting character is a free break (the space is dropped).
    for b in range(limit, pos, -1):
        if _allowed(text, widths, b):
            return b, False
    for b in range(limit, pos, -1):
        if _url_allowed(text, widths, b):
            return b, False
    cut = limit
    while cut > pos + 1 and widths[cut] == 0:
        cut -= 1
    if cut <= pos:
        # Not even one character fits (a wide character on a 1-cell line): show it anyway,
        # with its combining marks, rather than loop forever.
        cut = pos + 1
        while cut < len(text) and widths[cut] == 0:
            cut += 1
    return cut, True


def fill(text: str, width: int) -> list[str]:
    """``text`` (one paragraph, sanitised) as lines of at most ``width`` cells, by the rules
    above: a URL breaks after / ? & = - _, never inside a number."""
    from itertools import accumulate

    from reader.text.cells import WidthTable

    widths = WidthTable().widths(text)
    cumulative = list(accumulate(widths, initial=0))
    return [
        text[line.start : line.end] for line in break_lines(text, widths, cumulative, width, width)
    ]

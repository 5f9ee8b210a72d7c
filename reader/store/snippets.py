"""Snippets as the reader shows the text: Markdown marks gone, link text kept, hits exact.

A snippet is cut from a window of the article around its best hit. In that window the marks
the reading pane never shows are dropped — ``#`` of headings, ``>`` of quotes, ``**`` and
``*`` of emphasis, backticks, and the ``[`` ``](target)`` around a link's text — while a map
keeps every shown character's offset in the article, so hits stay exact code-point ranges.
A result whose hits are all inside a web address (nothing of them is shown as prose) gets a
snippet of the address itself, introduced by ``LINK_LABEL``.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Sequence

from rich.cells import cell_len

from reader.text.sanitize import visible

SNIPPET_CELLS = 80
LINK_LABEL = "in a link: "
_LEAD_CELLS = 20  # context kept before the best hit
_WINDOW_BEFORE = 60  # raw characters: the lead's 20 cells, and marks among them
_WINDOW_AFTER = 240

# Marks at the start of a line: heading hashes, quote arrows, list bullets.
_LINE_MARKS = re.compile(r"(?m)^[ \t]{0,3}(?:#{1,6}[ \t]+|(?:>[ \t]?)+|[-*+][ \t]+)")
# Inline: images and links (target dropped, text kept), emphasis and code marks.
_INLINE = re.compile(r"!?\[(?P<label>[^\]\n]*)\]\((?P<target>[^)\n]*)\)|\*+|~~|`+|__")


def displayed(text: str, start: int, end: int) -> tuple[str, list[int]]:
    """The shown characters of ``text[start:end]`` and each one's offset in ``text``."""
    window = text[start:end]
    hidden: list[tuple[int, int]] = [m.span() for m in _LINE_MARKS.finditer(window)]
    for match in _INLINE.finditer(window):
        if match.group("label") is None:
            hidden.append(match.span())
        else:
            hidden.append((match.start(), match.start("label")))
            hidden.append((match.end("label"), match.end()))
    pieces: list[str] = []
    offsets: list[int] = []
    done = 0
    for hide_start, hide_end in sorted(hidden):
        if hide_start > done:
            pieces.append(window[done:hide_start])
            offsets.extend(range(start + done, start + hide_start))
        done = max(done, hide_end)
    pieces.append(window[done:])
    offsets.extend(range(start + done, end))
    return _one_line("".join(pieces)), offsets


def make_snippet(
    text: str,
    hits: Sequence[tuple[int, int]],
    cells: int = SNIPPET_CELLS,
    *,
    in_link: bool = False,
) -> tuple[str, list[tuple[int, int]]]:
    """At most ``cells`` terminal cells around the best hit, and the hits in it.

    The best hit is the one with the most other hits close after it; some context of its
    line comes first. ``in_link``: the hits are inside a web address, which is shown as it
    is (it has no prose to show) after ``LINK_LABEL``. Control characters become visible
    symbols; a leading or trailing "…" marks a cut.
    """
    if not text:
        return "", []
    anchor = _best_hit(hits)
    begin = anchor[0] if anchor else 0
    window_start = max(text.rfind("\n", 0, begin) + 1, begin - _WINDOW_BEFORE)
    window_end = min(len(text), begin + _WINDOW_AFTER)
    if in_link:
        shown = _one_line(text[window_start:window_end])
        offsets = list(range(window_start, window_end))
        label = LINK_LABEL
    else:
        shown, offsets = displayed(text, window_start, window_end)
        label = ""
    # Where the anchor is in the shown text (the first shown character at or after it).
    at = bisect.bisect_left(offsets, begin)
    before = shown[max(0, at - _LEAD_CELLS) : at]  # (a character takes at least one cell)
    lead_widths = list(itertools.accumulate(map(_width, reversed(before))))
    first = at - bisect.bisect_right(lead_widths, _LEAD_CELLS)
    cut_before = first > 0 or window_start > 0
    lead = label + ("…" if cut_before else "")
    budget = cells - cell_len(lead)
    rest = shown[first : first + cells]
    widths = list(itertools.accumulate(map(_width, rest)))
    count = bisect.bisect_right(widths, budget)
    more = first + count < len(shown) or window_end < len(text)
    if more:
        count = bisect.bisect_right(widths, budget - 1)  # room for the trailing "…"
    snippet = lead + rest[:count] + ("…" if more else "")
    kept = offsets[first : first + count]
    marks: list[tuple[int, int]] = []
    if not kept:
        return snippet, marks
    # Only hits that can overlap the snippet: from the last one starting before it.
    for start, end in hits[max(0, bisect.bisect_left(hits, (kept[0],)) - 1) :]:
        if start > kept[-1]:
            break
        if end <= kept[0]:
            continue
        low = bisect.bisect_left(kept, start)
        high = bisect.bisect_left(kept, end)
        if low < high:
            marks.append((len(lead) + low, len(lead) + high))
    return snippet, marks


def _one_line(text: str) -> str:
    """Line breaks and tabs as spaces, controls as visible symbols; offsets stay 1:1.
    (str.replace: str.translate costs a dictionary lookup per character.)"""
    return visible(text.replace("\n", " ").replace("\t", " ").replace("\r", " "))


@functools.lru_cache(maxsize=16384)
def _width(char: str) -> int:
    return cell_len(char)


def _best_hit(hits: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    if not hits:
        return None
    best, best_count = hits[0], 0
    following = 0
    for index, (start, _end) in enumerate(hits[:100]):
        following = max(following, index)
        while following + 1 < len(hits) and hits[following + 1][0] < start + 40:
            following += 1
        count = following - index
        if count > best_count:
            best, best_count = hits[index], count
    return best

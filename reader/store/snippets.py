"""Snippets as the reader shows the text: Markdown marks gone, link text kept, hits exact.

A snippet is cut from a window of the article around its best hit. In that window the marks
the reading pane never shows are dropped — ``#`` of headings, ``>`` of quotes, ``**`` and
``*`` of emphasis, backticks, and the ``[`` ``](target)`` around a link's text — while a map
keeps every shown character's offset in the article, so hits stay exact code-point ranges.
Tables show their cells apart (no pipes, no alignment rows), task items their ☐ / ☑, and the
front matter (the ``---`` YAML head, which the reader shows as the article's header) its
``key: value`` lines without fences, brackets or quotes; a hit in the body is preferred to one
there. Runs of spaces show as one.
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
# A task item's box, shown as the reader's ☐ / ☑ (markdown_blocks.TASK_MARKERS).
_TASK = re.compile(r"(?m)^[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?P<box>\[(?P<done>[ xX])\])(?=[ \t])")
_BOXES = {" ": "☐", "x": "☑", "X": "☑"}
# A table's alignment row (|:--|--:|): never shown.
_ALIGNMENT_ROW = re.compile(r"[ \t]*\|?(?:[ \t]*:?-+:?[ \t]*\|)+(?:[ \t]*:?-+:?)?[ \t]*")
# Front matter as documents.parse reads it: "---" first, up to the next "---" or "..." line.
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.M)
_YAML_MARKS = re.compile(r"[\[\]{}\"]")
_SPACES = re.compile(r" {2,}")


def displayed(
    text: str, start: int, end: int, head: tuple[int, int] | None = None
) -> tuple[str, list[int]]:
    """The shown characters of ``text[start:end]`` and each one's offset in ``text``
    (``head``: ``front_matter(text)``, when it is known already)."""
    window = text[start:end]
    # (start, end, shown instead) over the window; what is shown instead is never longer.
    changes: list[tuple[int, int, str]] = [(*m.span(), "") for m in _LINE_MARKS.finditer(window)]
    for match in _INLINE.finditer(window):
        if match.group("label") is None:
            changes.append((*match.span(), ""))
        else:
            changes.append((match.start(), match.start("label"), ""))
            changes.append((match.end("label"), match.end(), ""))
    for match in _TASK.finditer(window):
        changes.append((*match.span("box"), _BOXES[match.group("done")]))
    if "|" in window:
        changes += _table_changes(window)
    fence, body_start = head or front_matter(text)
    if start < body_start:
        changes += _front_matter_changes(window, start, fence, body_start)
    pieces: list[str] = []
    offsets: list[int] = []
    done = 0
    for change_start, change_end, instead in sorted(changes):
        if change_start < done:  # overlaps what an earlier change covers
            done = max(done, change_end) if not instead else done
            continue
        pieces.append(window[done:change_start])
        offsets.extend(range(start + done, start + change_start))
        if instead:
            pieces.append(instead)
            offsets.extend(range(start + change_start, start + change_start + len(instead)))
        done = change_end
    pieces.append(window[done:])
    offsets.extend(range(start + done, end))
    return _single_spaces(_one_line("".join(pieces)), offsets)


def front_matter(text: str) -> tuple[int, int]:
    """Where the front matter's closing fence starts and the body starts ((0, 0): none)."""
    if not text.startswith("---\n"):
        return 0, 0
    end = _FRONT_MATTER_END.search(text, 4)
    if end is None:
        return 0, 0  # an opening rule without a closing one is just a thematic break
    body_start = end.end() + (text[end.end() : end.end() + 1] == "\n")
    return end.start(), body_start


def _front_matter_changes(
    window: str, start: int, fence: int, body_start: int
) -> list[tuple[int, int, str]]:
    """The fences and YAML's brackets and quotes, hidden (the header shows none of them)."""
    changes: list[tuple[int, int, str]] = []
    if start < 4:
        changes.append((0, 4 - start, ""))
    head_end = min(len(window), fence - start)
    changes += [(m.start(), m.end(), "") for m in _YAML_MARKS.finditer(window, 0, head_end)]
    if head_end < len(window):
        changes.append((head_end, body_start - start, ""))
    return changes


def _table_changes(window: str) -> list[tuple[int, int, str]]:
    """A table's pipes as spaces and its alignment row hidden: rows of lines with a pipe that
    hold an alignment row (or begin the window: the table's head may be before it)."""
    changes: list[tuple[int, int, str]] = []
    row: list[tuple[int, int]] = []
    position = 0
    for line in window.split("\n"):
        span = (position, position + len(line))
        position = span[1] + 1
        if "|" in line:
            row.append(span)
            if position <= len(window):
                continue
        if row and (row[0][0] == 0 or any(_is_alignment(window, *each) for each in row)):
            for line_start, line_end in row:
                if _is_alignment(window, line_start, line_end):
                    changes.append((line_start, line_end, ""))
                    continue
                for index in range(line_start, line_end):
                    if window[index] == "|" and (index == 0 or window[index - 1] != "\\"):
                        changes.append((index, index + 1, " "))
        row = []
    return changes


def _is_alignment(window: str, start: int, end: int) -> bool:
    return "-" in window[start:end] and _ALIGNMENT_ROW.fullmatch(window, start, end) is not None


def _single_spaces(shown: str, offsets: list[int]) -> tuple[str, list[int]]:
    """Runs of spaces (line breaks, cells apart, dropped marks) shown as one."""
    if "  " not in shown:
        return shown, offsets
    pieces: list[str] = []
    kept: list[int] = []
    done = 0
    for match in _SPACES.finditer(shown):
        pieces.append(shown[done : match.start() + 1])
        kept.extend(offsets[done : match.start() + 1])
        done = match.end()
    pieces.append(shown[done:])
    kept.extend(offsets[done:])
    return "".join(pieces), kept


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
    head = front_matter(text)
    body_start = head[1]
    # A hit in the body before one in the front matter, whatever the front matter holds.
    in_body = bisect.bisect_left(hits, (body_start,)) if body_start else 0
    anchor = _best_hit(hits[in_body:]) or _best_hit(hits)
    begin = anchor[0] if anchor else body_start
    window_start = max(text.rfind("\n", 0, begin) + 1, begin - _WINDOW_BEFORE)
    window_end = min(len(text), begin + _WINDOW_AFTER)
    if in_link:
        shown = _one_line(text[window_start:window_end])
        offsets = list(range(window_start, window_end))
        label = LINK_LABEL
    else:
        shown, offsets = displayed(text, window_start, window_end, head)
        label = ""
    # Where the anchor is in the shown text (the first shown character at or after it).
    at = bisect.bisect_left(offsets, begin)
    # Less context before a long hit, so that all of it shows when it can ("…" both sides).
    hit_cells = (
        sum(map(_width, shown[at : bisect.bisect_left(offsets, anchor[1])])) if anchor else 0
    )
    lead_cells = max(0, min(_LEAD_CELLS, cells - cell_len(label) - 2 - hit_cells))
    before = shown[max(0, at - lead_cells) : at]  # (a character takes at least one cell)
    lead_widths = list(itertools.accumulate(map(_width, reversed(before))))
    first = at - bisect.bisect_right(lead_widths, lead_cells)
    if first < at:  # the context starts after a hit it would cut, and after spaces
        cut = bisect.bisect_left(hits, (offsets[first],)) - 1
        if cut >= 0 and hits[cut][1] > offsets[first]:
            first = min(at, bisect.bisect_left(offsets, hits[cut][1]))
        first += len(shown[first:at]) - len(shown[first:at].lstrip(" "))
    cut_before = first > 0 or window_start > 0
    lead = label + ("…" if cut_before else "")
    budget = cells - cell_len(lead)
    rest = shown[first : first + cells]
    widths = list(itertools.accumulate(map(_width, rest)))
    count = bisect.bisect_right(widths, budget)
    more = first + count < len(shown) or window_end < len(text)
    if more:
        count = bisect.bisect_right(widths, budget - 1)  # room for the trailing "…"
        count = _before_cut_hit(hits, offsets, first, count, begin)
    count = len(rest[:count].rstrip(" "))
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


def _before_cut_hit(
    hits: Sequence[tuple[int, int]], offsets: list[int], first: int, count: int, begin: int
) -> int:
    """``count``, or fewer so that the snippet ends before a hit it would cut (one after the
    best hit, which starts at ``begin``: that one is cut only when it does not fit)."""
    if count == 0 or first + count >= len(offsets):
        return count
    last, following = offsets[first + count - 1], offsets[first + count]
    index = bisect.bisect_left(hits, (last + 1,)) - 1  # the last hit starting by ``last``
    while index >= 0 and hits[index][0] > begin:
        if hits[index][1] > following:
            return bisect.bisect_left(offsets, hits[index][0]) - first
        index -= 1
    return count


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

"""What a timeline row says: a normalised date's place on the axis, its reading, its sentence.

Pure functions over strings; ``reader.store.timeline`` keeps the rows.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable

# Characters of a sentence kept on each side of its fact.
SENTENCE_REACH = 60


# --- dates ------------------------------------------------------------------------------------

_ISO = re.compile(
    r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2})(?:T([0-9]{2}):([0-9]{2})(?::[0-9]{2})?)?)?)?"
)
_SEASON_START = {"21": 3, "22": 6, "23": 9, "24": 12}
_SEASON_NAME = {"21": "spring", "22": "summer", "23": "autumn", "24": "winter"}
_PART = re.compile(r"([0-9]{4})-(?:(2[1-4])|Q([1-4])|H([12]))")


def sort_key(normalized: str) -> str | None:
    """The start of a normalised date as an ISO prefix that sorts chronologically, or None
    when it is not a calendar date (a clock time, a duration, something unknown)."""
    first = normalized.split("/", 1)[0].strip()
    iso = None if _PART.fullmatch(first) else _ISO.fullmatch(first)
    if iso is not None:
        year, month, day, hour, minute = iso.groups()
        if month is not None and not 1 <= int(month) <= 12:
            return None
        if day is not None and not 1 <= int(day) <= calendar.monthrange(int(year), int(month))[1]:
            return None
        if hour is not None and not (int(hour) < 24 and int(minute) < 60):
            return None
        return first[:16]
    part = _PART.fullmatch(first)
    if part is None:
        return None
    year, season, quarter, half = part.groups()
    if season:
        month = _SEASON_START[season]
    elif quarter:
        month = 3 * int(quarter) - 2
    else:
        month = 1 if half == "1" else 7
    return f"{year}-{month:02d}"


def readable_date(normalized: str) -> str:
    """2022-23 → 2022 autumn, 2024-Q1 → 2024 Q1, 2023-01/2023-07 → 2023-01 – 2023-07."""
    pieces = []
    for piece in normalized.split("/"):
        part = _PART.fullmatch(piece)
        if part is not None and part.group(2):
            pieces.append(f"{part.group(1)} {_SEASON_NAME[part.group(2)]}")
        elif part is not None:
            pieces.append(f"{part.group(1)} {piece[5:]}")
        else:
            pieces.append(piece.replace("T", " "))
    return " – ".join(pieces)


def article_date_key(date: str) -> str:
    """An article's ISO date or date-time as a timeline position (to the minute)."""
    return date[:16]


# --- sentences --------------------------------------------------------------------------------

_SENTENCE_END = frozenset("。！？!?；;")
_WINDOW = 2000
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def _is_cjk(char: str) -> bool:
    return char >= "\u2e80"


def sentence_around(
    text: str, start: int, end: int, clean: Callable[[str], str]
) -> tuple[str, int, int]:
    """The sentence holding ``text[start:end]`` on one line, with the fact's place in it.

    ``clean`` blanks what is not prose in a paragraph (keeping its length). White space runs
    become one space (none inside Chinese, where a hard-wrapped line was joined); more than
    ``SENTENCE_REACH`` characters on either side are cut, marked with …."""
    # The paragraph around it, but never more than _WINDOW characters either side (one
    # endless paragraph must not make every fact clean the whole article).
    para_start = max(0, start - _WINDOW)
    for match in _PARAGRAPH_BREAK.finditer(text, para_start, start):
        para_start = match.end()
    after = _PARAGRAPH_BREAK.search(text, end, end + _WINDOW)
    para_end = after.start() if after else min(len(text), end + _WINDOW)
    paragraph = clean(text[para_start:para_end])
    local_start, local_end = start - para_start, end - para_start
    left = local_start
    while left > 0 and paragraph[left - 1] not in _SENTENCE_END:
        left -= 1
    right = local_end
    while right < len(paragraph) and paragraph[right] not in _SENTENCE_END:
        right += 1
    if right < len(paragraph):
        right += 1  # the sentence keeps its full stop
    cut_left = local_start - left > SENTENCE_REACH
    cut_right = right - local_end > SENTENCE_REACH
    if cut_left:
        left = local_start - SENTENCE_REACH
    if cut_right:
        right = local_end + SENTENCE_REACH
    out: list[str] = []
    mark_start: int | None = None
    mark_end: int | None = None
    index = left
    while index < right:
        if index == local_start:
            mark_start = len(out)
        if index == local_end:
            mark_end = len(out)
        char = paragraph[index]
        if not char.isspace():
            out.append(char)
            index += 1
            continue
        run_end = index
        while run_end < right and paragraph[run_end].isspace():
            run_end += 1
        before = out[-1] if out else ""
        following = paragraph[run_end] if run_end < right else ""
        if before and following and not (_is_cjk(before) and _is_cjk(following)):
            out.append(" ")
        if index < local_start < run_end:
            mark_start = len(out)
        if index < local_end < run_end:
            mark_end = len(out)
        index = run_end
    first = len(out) if mark_start is None else mark_start
    last = len(out) if mark_end is None else max(mark_end, first)
    prefix = "…" if cut_left else ""
    suffix = "…" if cut_right else ""
    return prefix + "".join(out) + suffix, first + len(prefix), last + len(prefix)

"""Where the reader is in a laid-out article: a percentage and a page, jumps and paging.

Pure arithmetic on rows: ``top`` is the first row shown, ``rows`` the article's height in
rows, ``height`` the pane's. The percentage is how far the article has been scrolled (0% at
the top, 100% once the last row is on screen, as ``G`` shows), so jumping to a percentage
lands exactly where that percentage is shown. A page is a screen less one row: paging keeps
the last row of one screen as the first of the next, so the eye never loses its line.
"""

from __future__ import annotations

import math
from dataclasses import dataclass


@dataclass(frozen=True)
class Position:
    percent: int
    page: int
    pages: int

    def label(self) -> str:
        """``37% · 4/11``"""
        return f"{self.percent}% · {self.page}/{self.pages}"


def last_top(rows: int, height: int) -> int:
    """The highest top row: the one that puts the last row at the bottom of the pane."""
    return max(rows - max(height, 1), 0)


def page_step(height: int) -> int:
    """Rows one page moves: a screen less the one row kept for overlap."""
    return max(height - 1, 1)


def position(top: int, rows: int, height: int) -> Position:
    end = last_top(rows, height)
    top = min(max(top, 0), end)
    step = page_step(height)
    pages = math.ceil(end / step) + 1
    if end == 0:
        return Position(100, 1, 1)
    percent = min(100, math.floor(100 * top / end))
    page = pages if top >= end else min(top // step + 1, pages)
    return Position(percent, page, pages)


def position_label(top: int, rows: int, height: int) -> str:
    return position(top, rows, height).label()


def top_for_percent(percent: float, rows: int, height: int) -> int:
    """The top row that shows ``percent`` (clamped to 0–100)."""
    end = last_top(rows, height)
    share = min(max(percent, 0.0), 100.0)
    return min(math.ceil(share * end / 100), end)  # multiplied first: exact for whole numbers


def page_down(top: int, rows: int, height: int) -> int:
    return min(max(top, 0) + page_step(height), last_top(rows, height))


def page_up(top: int, rows: int, height: int) -> int:
    return max(min(top, last_top(rows, height)) - page_step(height), 0)


def parse_percent(text: str) -> float | None:
    """What the user typed at ``:`` or ``%`` (``37``, ``37%``, ``37.5``), or None."""
    cleaned = text.strip().rstrip("%％").strip()
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None

"""Publication dates as real files write them, near the top of an article."""

from __future__ import annotations

import datetime as dt
import re

# Year, month, day with -, /, . or 年月日, then an optional time. Full-width digits and colons
# are common in Chinese files, so they are accepted through the character classes.
_DATE = re.compile(
    r"(?<![0-9０-９])(?P<y>[12][0-9]{3})\s*(?:[-/.]|年)\s*(?P<m>[0-9]{1,2})\s*(?:[-/.]|月)\s*"
    r"(?P<d>[0-9]{1,2})(?![0-9])\s*日?"
    r"(?:\s*(?:T|\s)?\s*(?P<H>[0-9]{1,2})\s*[:：时]\s*(?P<M>[0-9]{2})(?:\s*[:：分]\s*(?P<S>[0-9]{2}))?)?"
)
_LABEL = re.compile(r"(日期|时间|发布|发表|更新|date|published|time)", re.IGNORECASE)
# A date line is short; a long line holding a date is a sentence of the article.
_MAX_UNLABELLED_LINE = 40


def _to_ascii_digits(text: str) -> str:
    return text.translate({ord("０") + i: str(i) for i in range(10)} | {ord("："): ":"})


def parse_date(text: str) -> dt.date | dt.datetime | None:
    """The first valid date (with time if given) in ``text``, or None."""
    for match in _DATE.finditer(_to_ascii_digits(text)):
        try:
            day = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        if match["H"] is None:
            return day
        try:
            return dt.datetime(
                day.year, day.month, day.day, int(match["H"]), int(match["M"]), int(match["S"] or 0)
            )
        except ValueError:
            return day
    return None


def date_from_line(line: str) -> dt.date | dt.datetime | None:
    """A date written on a line of its own or after a label such as 日期：."""
    stripped = line.strip().strip("*_ ")
    if not stripped:
        return None
    if len(stripped) > _MAX_UNLABELLED_LINE and not _LABEL.search(stripped[:12]):
        return None
    return parse_date(stripped)


def coerce_date(value: object) -> dt.date | dt.datetime | None:
    """Front-matter values: YAML may already give a date or datetime, or a string."""
    if isinstance(value, dt.datetime):
        return value.replace(tzinfo=None) if value.tzinfo is None else value
    if isinstance(value, dt.date):
        return value
    if isinstance(value, (str, int)):
        return parse_date(str(value))
    return None


def to_iso(value: dt.date | dt.datetime | None) -> str | None:
    return None if value is None else value.isoformat()


def from_iso(value: str | None) -> dt.date | dt.datetime | None:
    if not value:
        return None
    if "T" in value or " " in value:
        return dt.datetime.fromisoformat(value)
    return dt.date.fromisoformat(value)

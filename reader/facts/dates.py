"""Dates and times, normalised to ISO 8601 (seasons in the ISO 8601-2 form 2022-23; quarters
and half-years as 2024-Q1 and 2024-H1, spans of them as intervals 2024-Q1/2024-Q3).

Relative expressions (今年, 去年, 本月, 9月14日 without a year) resolve against the article's
publication date when it is known. An article without one (a newsletter) still resolves a
month and day (7月26日) against the year its text names (``reference_year``); what cannot be
resolved is kept without a normalised form.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from itertools import chain

from reader.facts.model import NumberFact, NumberKind
from reader.facts.numerals import parse_number

_D = r"[0-9]{1,2}|[一二三四五六七八九十]{1,3}"
_YEAR_DIGITS = r"(?:1[89]|20)[0-9]{2}|[一二〇○零三四五六七八九]{4}"
_RELATIVE_YEAR = {"今年": 0, "本年": 0, "去年": -1, "上年": -1, "前年": -2, "明年": 1, "后年": 2}
_RELATIVE_MONTH = {"本月": 0, "当月": 0, "上月": -1, "上个月": -1, "下月": 1, "下个月": 1}
_RELATIVE_DAY = {"今天": 0, "今日": 0, "昨天": -1, "昨日": -1, "前天": -2, "明天": 1, "明日": 1}
# ISO 8601-2 season codes.
_SEASONS = {"春": 21, "夏": 22, "秋": 23, "冬": 24}

# A year of 19xx or 20xx with no digit before it. (The check for the digit stands after the
# year's first character, not before it: a pattern that begins with a character lets the
# engine skip to the next 1 or 2, where one that begins with a look-behind is tried at every
# position of the text.)
_FULL_YEAR = r"(?:1(?<![0-9]1)9|2(?<![0-9]2)0)[0-9]{2}"
_YEAR_PART = rf"(?:(?P<year>{_YEAR_DIGITS})年|(?P<rel>今年|本年|去年|上年|前年|明年|后年))"
_TIME_PART = (
    r"(?:[ \t]*(?P<ampm>凌晨|早上|上午|中午|下午|傍晚|晚上)?[ \t]*(?P<hh>[0-9]{1,2})"
    r"(?:[:：](?P<mm>[0-9]{2})|时(?:(?P<mm2>[0-9]{1,2})分)?|点(?:(?P<mm3>[0-9]{1,2})分)?))?"
)

DATE_PATTERNS: tuple[re.Pattern[str], ...] = (
    # 2023-10-19 22:02, 2023/10/19, 2023.10.19
    re.compile(
        rf"(?P<y>{_FULL_YEAR})"
        r"(?P<sep>[-/.])(?P<m>[0-9]{1,2})(?P=sep)(?P<d>[0-9]{1,2})"
        r"(?:[ T](?P<H>[0-9]{1,2}):(?P<M>[0-9]{2}))?(?![0-9])"
    ),
    # 2023年10月19日 / 今年9月14日 / 9月14日 / 2020年6月 / 今年6月, with an optional time.
    re.compile(
        rf"(?<![0-9]){_YEAR_PART}?(?P<month>{_D})月(?:份)?(?:(?P<day>{_D})(?:日|号))?" + _TIME_PART
    ),
    # 3月5日上午, 3月18日晚上: a day with its part of the day (kept in the text, not normalised)
    re.compile(
        rf"(?<![0-9]){_YEAR_PART}?(?P<month>{_D})月(?P<day>{_D})(?:日|号)(?:上午|下午|晚上|凌晨|中午|傍晚|早上)"
    ),
    # 今年1至7月, 1—7月: a span of months
    re.compile(
        rf"(?<![0-9]){_YEAR_PART}?(?P<m1>{_D})(?:月份?)?(?:至|到|—|－|-|~|～)(?P<m2>{_D})月(?:份)?"
    ),
    # 2022年秋季 / 2022年秋 / 今年夏季
    re.compile(
        rf"(?:(?<![0-9])(?P<syear>{_YEAR_DIGITS})年|(?P<srel>今年|去年|明年))"
        r"(?P<season>[春夏秋冬])(?:季|天)"
        r"|(?<![0-9])(?P<syear2>(?:1[89]|20)[0-9]{2})年(?P<season2>[春夏秋冬])(?![节运晚装])"
    ),
    # 2020年 (not 10年来: a year has four digits and no 来/间/内 after it)
    re.compile(rf"(?<![0-9])(?P<onlyyear>{_YEAR_DIGITS})年(?![来间内多前度])"),
    re.compile(
        r"今年|本年|去年|前年|明年|后年|本月|当月|上个?月|下个?月|今天|今日|昨天|昨日|前天|明天|明日"
    ),
    # 5日 (a day of the current month, as news writes it)
    re.compile(
        r"(?<![0-9月])(?P<dayonly>[0-9]{1,2})日"
        r"(?:(?P<dhh>[0-9]{1,2})时(?:(?P<dmm>[0-9]{1,2})分)?|(?:上午|下午|晚上|凌晨|中午|傍晚|早上))?"
        r"(?![0-9电讯])"
    ),
    # 今年第一季度, 2024年一季度, 前三季度, 上半年: quarters and half-years
    re.compile(
        rf"{_YEAR_PART}?(?:第?(?P<quarter>[一二三四1-4])季度|前(?P<quarters>[二三两2-3])(?:个)?季度"
        r"|(?P<half>上|下)半年)"
    ),
    # 7·17, 7·20: a date written as an event's name (month·day)
    re.compile(r"(?<![0-9·.])(?P<dm>1[0-2]|[1-9])[·•‧・](?P<dd>[1-2][0-9]|3[01]|[1-9])(?![0-9·.])"),
    # 22:02 (a clock time standing alone)
    re.compile(r"(?<![0-9:])(?P<th>[0-2]?[0-9])[:：](?P<tm>[0-5][0-9])(?![0-9:])"),
)


def _year(text: str) -> int | None:
    value = parse_number(text)
    return int(value) if isinstance(value, int) else None


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _hour(ampm: str | None, hour: int) -> int:
    if ampm in ("下午", "傍晚", "晚上") and hour < 12:
        return hour + 12
    return hour


def _valid(year: int, month: int, day: int | None) -> bool:
    try:
        dt.date(year, month, day or 1)
    except ValueError:
        return False
    return True


_YEAR_IN_TEXT = re.compile(rf"({_FULL_YEAR})(?:年|[-/.][0-9]{{1,2}}[-/.][0-9]{{1,2}})")


def reference_year(text: str) -> int | None:
    """The year an undated text is about: the one its full dates and years name most (the
    latest on a tie), e.g. a newsletter's "2024年第30期" and "2024年7月1日"."""
    counts: dict[int, int] = {}
    for match in _YEAR_IN_TEXT.finditer(text):
        year = int(match.group(1))
        counts[year] = counts.get(year, 0) + 1
    if not counts:
        return None
    return max(counts, key=lambda year: (counts[year], year))


def _resolved_year(
    match: re.Match[str], published: dt.date | None, year: int | None = None
) -> int | None:
    """The year written, or implied by 今年/去年/明年 or by the publication date
    (9月14日 in an article of 2023 means 2023-09-14), or else the text's own year."""
    if match.group("year"):
        return _year(match.group("year"))
    if match.group("rel"):
        return published.year + _RELATIVE_YEAR[match.group("rel")] if published else None
    return published.year if published else year


def _month_day(
    match: re.Match[str], published: dt.date | None, text_year: int | None
) -> tuple[NumberKind, str | None] | None:
    month = _year(match.group("month"))
    if month is None or not 1 <= month <= 12:
        return None
    day = _year(match.group("day")) if match.group("day") else None
    year = _resolved_year(match, published, text_year)
    if year is not None and not _valid(year, month, day):
        return None
    hh = match.groupdict().get("hh")
    if hh is not None and year is not None and day is not None:
        minute = match.group("mm") or match.group("mm2") or match.group("mm3") or "0"
        hour = _hour(match.group("ampm"), int(hh))
        if hour < 24 and int(minute) < 60:
            return "datetime", f"{year:04d}-{month:02d}-{day:02d}T{hour:02d}:{int(minute):02d}"
    if year is None:
        return ("date", None)
    if day is None:
        return "date", f"{year:04d}-{month:02d}"
    return "date", f"{year:04d}-{month:02d}-{day:02d}"


def _month_span(
    match: re.Match[str], first: int, last: int, published: dt.date | None, text_year: int | None
) -> str | None:
    """今年1至7月 → 2023-01/2023-07 (an ISO 8601 interval); None without a known year."""
    year = _resolved_year(match, published, text_year)
    if year is None:
        return None
    return f"{year:04d}-{first:02d}/{year:04d}-{last:02d}"


def _relative(word: str, published: dt.date | None) -> tuple[NumberKind, str | None]:
    if word in _RELATIVE_YEAR:
        return "year", None if published is None else f"{published.year + _RELATIVE_YEAR[word]:04d}"
    if word in _RELATIVE_MONTH:
        if published is None:
            return "date", None
        year, month = _shift_month(published.year, published.month, _RELATIVE_MONTH[word])
        return "date", f"{year:04d}-{month:02d}"
    if published is None:
        return "date", None
    return "date", (published + dt.timedelta(days=_RELATIVE_DAY[word])).isoformat()


def _quarters(
    groups: dict[str, str | None],
    match: re.Match[str],
    published: dt.date | None,
    text_year: int | None,
) -> str | None:
    """今年第一季度 → 2023-Q1, 前三季度 → 2023-Q1/2023-Q3, 上半年 → 2023-H1."""
    year = _resolved_year(match, published, text_year)
    if year is None:
        return None
    if groups.get("half"):
        return f"{year:04d}-H{1 if groups['half'] == '上' else 2}"
    if groups.get("quarters"):
        last = _year(str(groups["quarters"]).replace("两", "二"))
        return None if last is None else f"{year:04d}-Q1/{year:04d}-Q{last}"
    quarter = _year(str(groups["quarter"]))
    return None if quarter is None or not 1 <= quarter <= 4 else f"{year:04d}-Q{quarter}"


def _fact(
    match: re.Match[str], published: dt.date | None, text_year: int | None = None
) -> NumberFact | None:
    groups = match.groupdict()
    text = match.group(0).rstrip()
    start = match.start()
    end = start + len(text)
    kind: NumberKind
    normalized: str | None
    value: int | None = None
    if groups.get("sep"):
        year, month, day = int(groups["y"]), int(groups["m"]), int(groups["d"])
        if not _valid(year, month, day):
            return None
        normalized = f"{year:04d}-{month:02d}-{day:02d}"
        kind = "date"
        if groups.get("H") is not None:
            if int(groups["H"]) > 23 or int(groups["M"]) > 59:
                return None
            kind, normalized = "datetime", f"{normalized}T{int(groups['H']):02d}:{groups['M']}"
    elif groups.get("m1"):
        first, last = _year(groups["m1"]), _year(groups["m2"])
        if first is None or last is None or not 1 <= first < last <= 12:
            return None
        kind, normalized = "date", _month_span(match, first, last, published, text_year)
    elif "quarter" in groups:
        kind, normalized = "date", _quarters(groups, match, published, text_year)
    elif groups.get("dm"):
        month, day = int(groups["dm"]), int(groups["dd"])
        dot_year = published.year if published else text_year
        if dot_year is not None and not _valid(dot_year, month, day):
            return None
        kind = "date"
        normalized = None if dot_year is None else f"{dot_year:04d}-{month:02d}-{day:02d}"
    elif "month" in groups:
        found = _month_day(match, published, text_year)
        if found is None:
            return None
        kind, normalized = found
    elif groups.get("season") or groups.get("season2"):
        season = groups.get("season") or groups["season2"]
        season_year: int | None = None
        if groups.get("syear") or groups.get("syear2"):
            season_year = _year(groups.get("syear") or groups["syear2"])
        elif published is not None:
            season_year = published.year + _RELATIVE_YEAR[groups["srel"]]
        kind = "date"
        normalized = None if season_year is None else f"{season_year:04d}-{_SEASONS[season]}"
    elif groups.get("onlyyear"):
        value = _year(groups["onlyyear"])
        if value is None:
            return None
        kind, normalized = "year", f"{value:04d}"
    elif groups.get("dayonly"):
        day = int(groups["dayonly"])
        if not 1 <= day <= 31:
            return None
        kind = "date"
        normalized = None
        if published is not None and _valid(published.year, published.month, day):
            normalized = f"{published.year:04d}-{published.month:02d}-{day:02d}"
        if groups.get("dhh") is not None:  # 18日23时59分
            hour, minute = int(groups["dhh"]), int(groups.get("dmm") or 0)
            if hour > 23 or minute > 59:
                return None
            kind = "datetime"
            if normalized is not None:
                normalized = f"{normalized}T{hour:02d}:{minute:02d}"
    elif groups.get("th") is not None:
        hour, minute = int(groups["th"]), int(groups["tm"])
        if hour > 23:
            return None
        kind, normalized = "time", f"{hour:02d}:{minute:02d}"
    else:
        kind, normalized = _relative(text, published)
        if kind == "year" and normalized:
            value = int(normalized)
    return NumberFact(
        kind=kind, text=text, start=start, end=end, value=value, normalized=normalized
    )


# Where each pattern can match. Most patterns start with an optional year, which keeps the
# regular expression engine from skipping ahead: tried at every character, they cost more than
# everything else here. But each match holds a character it cannot do without (月, 季, 年 ...)
# within a few characters of its start, so only the text around those is searched: from
# ``before`` characters ahead of one to 40 characters past it (not counting spaces and tabs,
# which a time of day may follow any number of) — far more than a match reaches, so what
# is found is what a search of the whole text finds. None: the whole text. The character
# also always follows one of a few (a month's digit before 月, a year before a season): a
# 月 of 岁月, a 日 of 日本 or the colon of 记者： are no anchor.
_ANCHORS: tuple[tuple[str, int, str] | None, ...] = (
    None,
    ("月", 14, "0123456789一二三四五六七八九十"),
    ("月", 14, "0123456789一二三四五六七八九十"),
    ("月", 14, "0123456789一二三四五六七八九十"),
    ("春夏秋冬", 6, "年"),
    ("年", 5, "0123456789一二〇○零三四五六七八九"),
    None,
    ("日", 3, "0123456789"),
    ("季半", 8, "一二三四1234两个上下"),
    ("·•‧・", 3, "0123456789"),
    (":：", 3, "0123456789"),
)
# What every match of a pattern holds besides its anchor, where that is rare (None: nothing
# asked): a window without it is not searched. (3月5日上午 needs its part of the day right
# after 日 or 号, 1至7月 its joiner; both patterns share the windows of 月 with 9月14日, and
# each pattern's search of a window costs more than asking what it holds.)
_NEEDS: tuple[re.Pattern[str] | None, ...] = (
    None,
    None,
    re.compile("[日号](?:上午|下午|晚上|凌晨|中午|傍晚|早上)"),
    re.compile("[至到—－\\-~～]"),
    None,
    None,
    None,
    None,
    None,
    None,
    None,
)
# Every anchor's characters, found in one scan of the text rather than one scan an anchor.
_ANCHOR_CHARACTERS = re.compile(
    "[" + "".join(re.escape(ch) for ch in sorted({ch for a in _ANCHORS if a for ch in a[0]})) + "]"
)
_FOLLOWS = {anchor[2]: frozenset(anchor[2]) for anchor in _ANCHORS if anchor}
_REACH_CHARACTERS = 40
_REACH = re.compile(rf"(?:[ \t]*[^ \t]){{0,{_REACH_CHARACTERS}}}[ \t]*")


def _reach(text: str, at: int) -> int:
    """Where the window of an anchor at ``at`` ends: ``_REACH`` matched there, counted by
    hand when no space or tab stands in its way (nearly always: it then spans 40 characters)."""
    stretch = text[at : at + _REACH_CHARACTERS + 1]
    if " " in stretch or "\t" in stretch:
        reach = _REACH.match(text, at)
        return reach.end() if reach else len(text)
    return min(at + _REACH_CHARACTERS, len(text))


def _windows(text: str, anchors: list[int], before: int) -> list[tuple[int, int]]:
    """The merged stretches of ``text`` around every anchor (its offsets, in order)."""
    windows: list[tuple[int, int]] = []
    for at in anchors:
        low = max(0, at - before)
        high = _reach(text, at)
        if windows and low <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(high, windows[-1][1]))
        else:
            windows.append((low, high))
    return windows


def _matches(text: str) -> Iterator[re.Match[str]]:
    """Every pattern's matches, pattern by pattern, each left to right."""
    offsets: dict[str, list[int]] = {}
    for found in _ANCHOR_CHARACTERS.finditer(text):
        offsets.setdefault(found.group(), []).append(found.start())
    cache: dict[tuple[str, int, str], list[tuple[int, int]]] = {}
    for pattern, anchor, needs in zip(DATE_PATTERNS, _ANCHORS, _NEEDS, strict=True):
        if anchor is None:
            yield from pattern.finditer(text)
            continue
        if anchor not in cache:
            characters, before, after = anchor
            # (An anchor none of whose characters the text holds has no window; the offsets of
            # one character are in order already.)
            positions = [offsets[ch] for ch in characters if ch in offsets]
            if not positions:
                cache[anchor] = []
                continue
            follows = _FOLLOWS[after]
            ordered = (
                positions[0] if len(positions) == 1 else sorted(chain.from_iterable(positions))
            )
            anchors = [at for at in ordered if text[at - 1 : at] in follows]
            cache[anchor] = _windows(text, anchors, before)
        for low, high in cache[anchor]:
            # (A match lies within its window, and so does what it holds.)
            if needs is None or needs.search(text, low, high):
                yield from pattern.finditer(text, low, high)


def find_dates(
    text: str, published: dt.date | None, text_year: int | None = None
) -> Iterator[NumberFact]:
    """Every date or time in ``text``; overlapping matches are resolved by the caller.
    ``text_year`` resolves month-day dates when there is no ``published`` date."""
    for match in _matches(text):
        fact = _fact(match, published, text_year)
        if fact is not None:
            yield fact

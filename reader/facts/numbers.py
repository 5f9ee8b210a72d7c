"""Counts, percentages, money, ordinals, ranges, durations and bare numbers.

Every written number is found first (Arabic or Chinese numerals), then read in context: what
stands before it (第, 约, 超过, 百分之 ...) and after it (余/多, a measure word, 元, %, 以上 ...)
decides its kind. Chinese numerals are also common inside ordinary words (一带一路, 不远万里,
三一学院), so they count only when jieba starts a word there and a unit follows.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from reader.facts.context import CountContext
from reader.facts.entity_base import WordEdges, freq
from reader.facts.lexicon import COUNT_UNITS, words
from reader.facts.model import Approx, NumberFact
from reader.facts.numerals import NUMBER, parse_number, tidy

_NUMBER_RE = re.compile(NUMBER)
# The characters a Chinese numeral's digits begin with; with the bare units, every Chinese
# number's first character (sets: a regular expression call per number cost more).
_CN_DIGITS = frozenset("零〇○一二两三四五六七八九十壹贰叁肆伍陆柒捌玖")
_CN_FIRST = _CN_DIGITS | frozenset("万亿千百")

_APPROX_BEFORE: tuple[tuple[str, Approx], ...] = (
    ("大约", "about"),
    ("约有", "about"),
    ("约", "about"),
    ("超过", "more_than"),
    ("逾", "more_than"),
    ("多达", "more_than"),
    ("不少于", "at_least"),
    ("至少", "at_least"),
    ("将近", "nearly"),
    ("接近", "nearly"),
    ("近", "nearly"),
    ("不到", "less_than"),
    ("不足", "less_than"),
)
_APPROX_AFTER: tuple[tuple[str, Approx], ...] = (
    ("以上", "at_least"),
    ("左右", "about"),
    ("上下", "about"),
    ("以下", "less_than"),
    ("之多", "more_than"),
)

_CURRENCIES = words(
    "美元 欧元 日元 英镑 港元 港币 澳元 加元 卢布 韩元 瑞典克朗 挪威克朗 丹麦克朗 克朗 瑞士法郎 "
    "法郎 卢比 比索 里拉 泰铢 林吉特 兰特 新台币 澳门元 人民币 元"
)
_CURRENCY_SIGNS = {"¥": "元", "￥": "元", "$": "美元", "€": "欧元", "£": "英镑"}
_DURATION_UNITS = words("个多月 个月 年 星期 周 天 小时 分钟 秒钟 世纪")
_DURATION_CODES = {"年": "Y", "个月": "M", "个多月": "M", "周": "W", "星期": "W", "天": "D"}
_DURATION_TIME_CODES = {"小时": "H", "分钟": "M", "秒钟": "S"}
# Measure words and units of counts, longest first so 平方公里 wins over 公里.
_MEASURES = tuple(
    sorted(
        set(
            words(
                "位 名 个 家 篇 场 种 项 次 人 件 台 辆 架 艘 座 所 条 只 头 户 套 部 本 册 份 批 期 "
                "支 株 棵 亩 公顷 平方公里 平方千米 平方米 公里 千米 米 厘米 毫米 吨 千克 公斤 克 "
                "斤 升 毫升 立方米 千瓦时 千瓦 兆瓦 倍 栋 间 张 枚 颗 道 例 处 段 岁 层 集 首 幅 款 "
                "门 类 组 对 笔 列 趟 人次 架次 国 省 轮 剂 箱 包 度 吨级 节 课时 学时 级 字 片 盒 "
                "瓶 袋 起 块 辆次 户次 标准箱 万千瓦 届 季度 ℃ 摄氏度"
            )
        ),
        key=len,
        reverse=True,
    )
)
# Units that make a count an ordinal even without 第: 十四届全国人大 is the 14th.
_ORDINAL_MEASURES = frozenset(("届", "季度"))
_ORDINAL_UNITS = tuple(
    sorted(
        words("届 次 个 名 位 批 期 轮 季 季度 章 条 款 代 号 版 节 天 年 场 家 项 阶段 部分"),
        key=len,
        reverse=True,
    )
)
_RANGE_JOINERS = ("至", "到", "—", "–", "-", "~", "～", "－")
# Parts of a document, counted with 第 (第3章, 第二条): structure, not facts.
_SECTION_UNITS = frozenset(words("章 节 条 款 部分 版"))
_SESSION = re.compile(r"(?:会议|全会|全体会议|常委会议|大会)")
_SCORE = re.compile(r"[ \t]?(?:比|∶|:)[ \t]?[0-9０-９]")
_SCORE_BEFORE = re.compile(r"[0-9０-９][ \t]?(?:比|∶)[ \t]?$")
_DISCOURSE = re.compile(r"[，,、：:]")
_VERSION_AFTER = re.compile(r"(?:\.[0-9xX]+)*[ \t]?(?:版本|版(?![权图块面])|\.x)")
_VERSION_BEFORE = re.compile(r"(?:[Vv]|版本|[Vv]ersion ?)$")
# 1、 （2） 3. 一、 at the start of a line, after a sentence or in brackets: list markers.
_MARKER_AFTER = re.compile(r"[、．.）)](?![0-9])")
_MARKER_AFTER_FIRST = frozenset("、．.）)")
_MARKER_BEFORE = re.compile(r"(?:^|[\n。；;：:！？!?]|^[ \t\u3000]+)[ \t\u3000]*[（(]?$")


def latin_or_digit(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isascii() and text[index].isalnum()


def _list_marker(text: str, start: int, end: int) -> bool:
    """1、加强领导 / （2）完善制度 / 一、总体要求: a numbered list's marker."""
    if end - start > 2:
        return False
    if text[start - 1 : start] in "（(" and text[end : end + 1] in "）)":
        return True
    if text[end : end + 1] not in _MARKER_AFTER_FIRST:
        return False  # (most numbers: what follows is no marker's end)
    head = text[max(0, start - 2) : start]
    return bool(_MARKER_AFTER.match(text, end)) and bool(
        _MARKER_BEFORE.search(text[max(0, start - 4) : start]) or start == 0 or head.endswith("\n")
    )


_APPROX_WORDS = dict(_APPROX_BEFORE)
_APPROX_SIZES = sorted({len(word) for word in _APPROX_WORDS}, reverse=True)
_APPROX_LAST = frozenset(word[-1] for word in _APPROX_WORDS)


def _approx_before(text: str, start: int) -> tuple[Approx | None, int]:
    """约, 超过, 将近 ... right before ``start`` (the longest, which comes first in the list)."""
    if text[start - 1 : start] not in _APPROX_LAST:
        return None, start  # (most numbers: no such word ends there)
    for size in _APPROX_SIZES:
        if size <= start:
            approx = _APPROX_WORDS.get(text[start - size : start])
            if approx is not None:
                return approx, start - size
    return None, start


def _alternatives(*words: str) -> re.Pattern[str]:
    """The words as one pattern tried in their order: the first that ``text`` has at a
    position, as a loop over them would find it, in one call."""
    return re.compile("|".join(map(re.escape, words)))


def _take(text: str, pos: int, words: re.Pattern[str]) -> str | None:
    found = words.match(text, pos)
    return found.group() if found else None


_MORE = ("余", "多")
_SCALES = _alternatives("万亿", "亿", "万", "千", "百")
_CURRENCY = _alternatives(*_CURRENCIES)
_ORDINAL_UNIT = _alternatives(*_ORDINAL_UNITS)
_RANGE_UNIT = _alternatives("%", "％", *_CURRENCIES, *_DURATION_UNITS, *_MEASURES)
_DURATION_SUFFIX = _alternatives("以来", "来", "间", "内", "多", "半")
_MEASURE = _alternatives(*_MEASURES)


def _group(name: str, *words: str) -> str:
    return f"(?P<{name}>{'|'.join(map(re.escape, words))})"


# What may stand right after a number, in the order ``_with_unit`` asks: one match says which
# (its ``lastgroup``), where asking each kind in turn took five. (No currency begins with a scale,
# so the scale before a currency is the first of them the text has, as asked one by one.)
_UNIT = re.compile(
    "|".join(
        (
            _group("percent", "%", "％", "个百分点"),
            _group("scale", "万亿", "亿", "万", "千") + "?" + _group("currency", *_CURRENCIES),
            _group("anniversary", "周年"),
            _group("duration", *_DURATION_UNITS),
            _group("measure", *_MEASURES),
        )
    )
)
# The characters a unit can begin with: elsewhere ``_UNIT`` is not asked.
_UNIT_FIRST = frozenset(
    word[0]
    for word in ("%", "％", "个百分点", "万亿", "亿", "万", "千", *_CURRENCIES, "周年")
    + (*_DURATION_UNITS, *_MEASURES)
)
# The first characters of whatever makes a Chinese numeral a fact when no 第 stands before it
# (余/多, a range, a unit): without one it is part of a word (一些, 万一), whatever else holds.
_CHINESE_FOLLOWERS = frozenset(
    word[0]
    for word in (
        *(*_MORE, *_RANGE_JOINERS, "%", "％", "个百分点", *_CURRENCIES, "周年"),
        *(*_DURATION_UNITS, *_MEASURES),
    )
)
# The characters that must stand right after or before a number for the score, product and
# version patterns to match there (each ends at ``$``, which may also stand before a newline):
# asked first, as most numbers have none.
_SCORE_AFTER_FIRST = frozenset(" \t比∶:")
_SCORE_BEFORE_LAST = frozenset(" \t比∶\n")
_PRODUCT_BEFORE_LAST = frozenset(" \t")
_VERSION_AFTER_FIRST = frozenset(". \t版")
_VERSION_BEFORE_LAST = frozenset("Vv本n \n")
_PRODUCT_BEFORE = re.compile(r"[A-Za-z][ \t]$")
_PERCENT_WORDS = re.compile(rf"百分之({NUMBER})(?:点([0-9零〇一二三四五六七八九]+))?")
_TENTHS = re.compile(r"([一二两三四五六七八九])成(多)?(?![为功立果员本交长效绩熟都])")
_SIGNED_MONEY = re.compile(r"([¥￥$€£])\s?([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)(万亿|亿|万)?")


def _fact(text: str, begin: int, end: int, **fields: Any) -> NumberFact:
    """A number fact whose text is, by construction, the source at ``[begin, end)``."""
    return NumberFact(text=text[begin:end], start=begin, end=end, **fields)


class _Reader:
    """One pass over one text: knows where jieba starts words, to vet Chinese numerals."""

    def __init__(self, text: str, starts: list[int], edges: WordEdges, about: CountContext):
        self.text = text
        self.starts = starts
        self.word_starts = edges.index_at  # (its keys)
        self.word_ends = edges.ends
        self.about = about

    def _inside_word(self, end: int) -> bool:
        """Whether ``end`` falls inside a jieba word: 两位数, 第一产业, 三位一体 are words
        that start with a numeral, not counts or ordinals."""
        return end not in self.word_ends and end not in self.word_starts

    def _word_end(self, start: int, default: int) -> int:
        """Where the word that begins at ``start`` ends; ``default`` if none begins there."""
        index = self.word_starts.get(start)
        return default if index is None else self.starts[index + 1]

    def numbers(self) -> Iterator[NumberFact]:
        text = self.text
        for match in _NUMBER_RE.finditer(text):
            fact = self._read(match)
            if fact is not None:
                yield fact
        yield from self._percent_words()
        yield from self._currency_signs()

    def _is_chinese(self, raw: str) -> bool:
        return raw[0] in _CN_FIRST

    def _vet(self, raw: str, start: int, end: int, chinese: bool) -> bool:
        text = self.text
        if not chinese:
            # Digits glued to Latin letters are names and codes (5G, G20, COVID-19), not numbers.
            before = text[start - 1 : start]
            after = text[end : end + 1]
            if (before.isascii() and before.isalpha()) or (
                after.isascii() and (after.isalpha() or after == "-")
            ):
                return False
            if before in "+#" and before or after == "+" or len(raw) > 12:
                return False  # "10+3", #5, timestamps and ID numbers
            if (
                before in _PRODUCT_BEFORE_LAST
                and _PRODUCT_BEFORE.search(text[max(0, start - 2) : start])
                and after not in COUNT_UNITS
            ):
                return False  # iPhone 15, Windows 11: part of a product name; not Istanbul 5人
            if before == "-" and latin_or_digit(text, start - 2):
                return False  # GPT-4, COVID-19
            if (after in _VERSION_AFTER_FIRST and _VERSION_AFTER.match(text, end)) or (
                before in _VERSION_BEFORE_LAST
                and _VERSION_BEFORE.search(text, max(0, start - 3), start)
            ):
                return False  # 3.5版, V2.0, 版本2.1: versions are names, not quantities
        elif raw[0] not in _CN_DIGITS or (
            start not in self.word_starts and not text.startswith("第", start - 1)
        ):
            return False  # 万里, 千年: a bare unit is no number; 统一: nor is a word's middle
        return not _list_marker(text, start, end)

    def _read(self, match: re.Match[str]) -> NumberFact | None:
        text = self.text
        raw = match.group(0)
        start, pos = match.span()
        chinese = self._is_chinese(raw)
        if (
            chinese
            and text[pos : pos + 1] not in _CHINESE_FOLLOWERS
            and not text.startswith("第", start - 1)
        ):
            return None  # 一些: no unit can follow, and a Chinese numeral needs one
        if not self._vet(raw, start, pos, chinese):
            return None
        # (The score before ends at the number, or before a newline there: six characters do.)
        if (text[pos : pos + 1] in _SCORE_AFTER_FIRST and _SCORE.match(text, pos)) or (
            text[start - 1 : start] in _SCORE_BEFORE_LAST
            and _SCORE_BEFORE.search(text, max(0, start - 6), start)
        ):
            return None  # 16比12, 2∶3: a score or a ratio, not two quantities
        value = parse_number(raw)
        if value is None:
            return None

        if text.startswith("第", start - 1):
            unit = _take(text, pos, _ORDINAL_UNIT)
            end = pos + len(unit or "")
            if unit in _SECTION_UNITS or (unit is None and self._inside_word(end)):
                return None  # 第3章, 第二条: a document's structure; 第一产业: a term
            if unit is None and _DISCOURSE.match(text, end):
                return None  # 第一，…第二，…: the order of an argument, not a fact
            return NumberFact(
                kind="ordinal",
                text=text[start - 1 : end],
                start=start - 1,
                end=end,
                value=value,
                unit=unit,
                **self.about(end, start),
                normalized=str(value),
            )
        if text.startswith("百分之", start - 3):
            return None  # read by _percent_words
        approx, begin = _approx_before(text, start)
        if text[pos : pos + 1] in _MORE and not text.startswith("多元", pos):
            approx = approx or "more_than"
            pos += 1
            # 4500多万亩: the scale comes after the approximation.
            scale = _take(text, pos, _SCALES)
            if scale and not _take(text, pos + len(scale), _CURRENCY):
                for ch in scale:
                    value *= {"万": 10_000, "亿": 100_000_000, "千": 1000, "百": 100}[ch]
                value = tidy(value)
                pos += len(scale)

        # A range: 3至5年, 10—20个, 5到10亿元.
        joiner = text[pos : pos + 1]
        if joiner in _RANGE_JOINERS:
            second = _NUMBER_RE.match(text, pos + len(joiner))
            high = parse_number(second.group(0)) if second else None
            if second and high is not None and self._is_chinese(second.group(0)) == chinese:
                unit_pos = second.end()
                unit = _take(text, unit_pos, _RANGE_UNIT)
                if unit and isinstance(high, int | float) and high > value:
                    end = unit_pos + len(unit)
                    return _fact(
                        text,
                        begin,
                        end,
                        kind="range",
                        value=[value, high],
                        approx=approx,
                        unit=unit,
                        **self.about(end, start),
                        normalized=f"{value}/{high}",
                    )

        fact = self._with_unit(value, begin, pos, approx, chinese)
        if fact is not None:
            return fact
        if chinese:
            return None  # a Chinese numeral without a unit is almost always part of a word
        end = pos
        if (
            1900 <= value <= 2100
            and isinstance(value, int)
            and len(raw) == 4
            and end < len(text)
            and ("\u4e00" <= text[end] <= "\u9fff")
        ):
            # "2023中关村论坛": a year used as a modifier.
            return NumberFact(
                kind="year",
                text=raw,
                start=start,
                end=match.end(),
                value=value,
                normalized=str(value),
            )
        return _fact(text, begin, end, kind="number", value=value, approx=approx)

    def _with_unit(
        self, value: int | float, begin: int, pos: int, approx: Approx | None, chinese: bool
    ) -> NumberFact | None:
        text = self.text
        found = _UNIT.match(text, pos) if text[pos : pos + 1] in _UNIT_FIRST else None
        if found is None:
            return None
        what = found.lastgroup
        unit: str | None
        if what == "percent":
            unit = found.group()
            end, approx = self._approx_after(pos + len(unit), approx)  # 60%以上, 5%左右
            return _fact(
                text,
                begin,
                end,
                kind="percent",
                value=value,
                approx=approx,
                unit="个百分点" if unit == "个百分点" else "%",
                normalized=None if unit == "个百分点" else f"{value}%",
            )
        if what == "currency":
            scale, currency = found.group("scale", "currency")
            amount = value
            for ch in scale or "":
                amount *= 10_000 if ch == "万" else 100_000_000 if ch == "亿" else 1000
            end = pos + len(scale or "") + len(currency)
            end, approx = self._approx_after(end, approx)
            code = {
                "美元": "USD",
                "欧元": "EUR",
                "日元": "JPY",
                "英镑": "GBP",
                "港元": "HKD",
                "港币": "HKD",
                "卢布": "RUB",
                "韩元": "KRW",
            }.get(currency, "CNY")
            return _fact(
                text,
                begin,
                end,
                kind="money",
                value=tidy(amount),
                approx=approx,
                unit=currency,
                normalized=f"{tidy(amount)} {code}",
            )
        if what == "anniversary":
            # 诞辰100周年, 建交50周年: an anniversary is an ordinal, not 100 weeks.
            end = pos + 2
            return _fact(
                text,
                begin,
                end,
                kind="ordinal",
                value=value,
                approx=approx,
                unit="周年",
                normalized=str(value),
                subject=None,
                # What is celebrated: 诞辰, 成立, 建交 right before the number.
                predicate=self.about.word_before(begin)
                if isinstance(self.about, CountContext)
                else None,
            )
        unit = found.group() if what == "duration" else None
        if unit and not (unit == "年" and not chinese and value >= 1000):
            end = pos + len(unit)
            suffix = _take(text, end, _DURATION_SUFFIX)
            if suffix in ("多",):
                approx = approx or "more_than"
            end += len(suffix or "")
            end, approx = self._approx_after(end, approx)
            date_code = _DURATION_CODES.get(unit)
            time_code = _DURATION_TIME_CODES.get(unit)
            normalized = None
            if date_code:
                normalized = f"P{value}{date_code}"
            elif time_code:
                normalized = f"PT{value}{time_code}"
            return _fact(
                text,
                begin,
                end,
                kind="duration",
                value=value,
                approx=approx,
                unit=unit,
                normalized=normalized,
            )
        # (After a year, 2023年, which is no duration, the measures are asked on their own.)
        unit = found.group() if what == "measure" else _take(text, pos, _MEASURE)
        word_end = self._word_end(pos, pos + len(unit or ""))
        if unit and word_end > pos + len(unit) and freq(text[pos:word_end]) > 0:
            unit = None  # 2023国际: the "measure word" opens a longer word
        if unit == "国" and chinese:
            unit = None  # 两国, 五国: a way of saying "both countries", not a figure
        if unit:
            if chinese and value == 1 and unit not in _ORDINAL_MEASURES:
                return None  # 一个, 一场: a determiner, not a fact (一季度 is the first quarter)
            if chinese and self._inside_word(pos + len(unit)):
                return None  # 两位数, 三位一体: a word that starts with a numeral
            end = pos + len(unit)
            if unit in _ORDINAL_MEASURES or (unit == "次" and _SESSION.match(text, end)):
                # 十四届全国人大三次会议: the third session, not three meetings
                return _fact(
                    text,
                    begin,
                    end,
                    kind="ordinal",
                    value=value,
                    unit=unit,
                    **self.about(end, begin),
                    normalized=str(value),
                )
            end, approx = self._approx_after(end, approx)
            return _fact(
                text,
                begin,
                end,
                kind="count",
                value=value,
                approx=approx,
                unit=unit,
                **self.about(end, begin),
            )
        return None

    def _approx_after(self, end: int, approx: Approx | None) -> tuple[int, Approx | None]:
        for word, meaning in _APPROX_AFTER:
            if self.text.startswith(word, end):
                return end + len(word), approx or meaning
        return end, approx

    def _percent_words(self) -> Iterator[NumberFact]:
        for match in _PERCENT_WORDS.finditer(self.text) if "百分之" in self.text else ():
            value = parse_number(match.group(1))
            if value is None:
                continue
            if match.group(2):
                decimals = "".join(str(parse_number(ch)) for ch in match.group(2))
                value = tidy(float(f"{value}.{decimals}"))
            yield NumberFact(
                kind="percent",
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                value=value,
                unit="%",
                normalized=f"{value}%",
            )
        # 三成: tenths. Only a single numeral, and only where jieba sees a word of its own.
        for match in _TENTHS.finditer(self.text):
            if match.start() not in self.word_starts:
                continue
            tenths = parse_number(match.group(1))
            assert tenths is not None
            value = tenths * 10
            approx, begin = _approx_before(self.text, match.start())
            yield NumberFact(
                kind="percent",
                text=self.text[begin : match.end()],
                start=begin,
                end=match.end(),
                value=value,
                approx="more_than" if match.group(2) else approx,
                unit="成",
                normalized=f"{value}%",
            )

    def _currency_signs(self) -> Iterator[NumberFact]:
        for match in _SIGNED_MONEY.finditer(self.text):
            value = parse_number(match.group(2) + (match.group(3) or ""))
            if value is None:
                continue
            unit = _CURRENCY_SIGNS[match.group(1)]
            code = {"元": "CNY", "美元": "USD", "欧元": "EUR", "英镑": "GBP"}[unit]
            yield NumberFact(
                kind="money",
                text=match.group(0),
                start=match.start(),
                end=match.end(),
                value=value,
                unit=unit,
                normalized=f"{value} {code}",
            )


def find_numbers(
    text: str, starts: list[int], edges: WordEdges, about: CountContext
) -> Iterator[NumberFact]:
    """Candidate number facts; overlaps (with dates too) are resolved by the caller.

    ``starts`` holds where each of jieba's words begins and, last, where the last one ends;
    ``edges`` the same as a look-up (``word_edges(starts)``). ``about(end, begin)`` gives
    a count's subject (what it counts: the noun phrase after ``end`` or, failing that, before
    ``begin``) and predicate (the verb that says what happened to it), as keyword fields.
    """
    return _Reader(text, starts, edges, about).numbers()

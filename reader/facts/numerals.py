"""Numbers as Chinese news writes them: 258, 1,200, 1.5万, 3.2万亿, 两, 一百五十, 二〇二三."""

from __future__ import annotations

import re
from decimal import Decimal

DIGITS = {
    "零": 0,
    "〇": 0,
    "○": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "壹": 1,
    "贰": 2,
    "叁": 3,
    "肆": 4,
    "伍": 5,
    "陆": 6,
    "柒": 7,
    "捌": 8,
    "玖": 9,
}
SMALL_UNITS = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
BIG_UNITS = {"万": 10_000, "亿": 100_000_000}

_CN_CHARS = "".join(DIGITS) + "".join(SMALL_UNITS) + "".join(BIG_UNITS)
# A number as a regular expression: Arabic (with thousands separators and decimals, full-width
# digits too) optionally scaled by 十/百/千/万/亿, or a run of Chinese numeral characters.
# The scale may not swallow the 千 of 千米/千克/千瓦.
_DIGITS = "0-9０-９"
_ARABIC_TAIL = r"(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?(?:[十百千万亿]{1,3}(?![米克瓦]))?"
# (Digits then the tail, or numerals, written to begin with one character of either: the
# engine then skips ahead to the next digit or numeral, where an alternation of the two is
# tried at every position. The look-behind says which of them the first character began.)
NUMBER = (
    f"[{_DIGITS}{_CN_CHARS}]"
    f"(?:(?<=[{_DIGITS}])[{_DIGITS}]*{_ARABIC_TAIL}|(?<=[{_CN_CHARS}])[{_CN_CHARS}]*)"
)

_FULLWIDTH = str.maketrans("０１２３４５６７８９．，", "0123456789.,")
_ARABIC_RE = re.compile(r"([0-9]+(?:,[0-9]{3})*(?:\.[0-9]+)?)([十百千万亿]*)")


def tidy(value: float) -> int | float:
    """An integer when the value is whole, so 150 prints as 150 and not 150.0.

    Scaled decimals carry binary noise (2601.2 × 10⁸ = 260119999999.99997 in floats), so
    values are rounded first: to 4 decimals, or 9 below 1."""
    rounded = round(value, 4) if abs(value) >= 1 else round(value, 9)
    return int(rounded) if float(rounded).is_integer() else rounded


def _chinese_value(text: str) -> float | None:
    # Digit strings without units (二〇二三, used for years) read digit by digit.
    if all(ch in DIGITS for ch in text):
        if len(text) == 1:
            return float(DIGITS[text])
        if "两" in text:
            return None
        return float("".join(str(DIGITS[ch]) for ch in text))
    total = 0.0  # completed 亿 / 万 groups
    section = 0.0  # the group being built below 万
    digit: float | None = None
    for ch in text:
        if ch in DIGITS:
            if digit is not None:  # two digits in a row inside a unit number: not a number
                return None
            digit = float(DIGITS[ch])
        elif ch in SMALL_UNITS:
            section += (1.0 if digit is None else digit) * SMALL_UNITS[ch]
            digit = None
        elif ch in BIG_UNITS:
            section += digit or 0.0
            digit = None
            if section == 0 and total == 0:
                return None
            total = (
                (total + section) * BIG_UNITS[ch] if ch == "亿" else total + section * BIG_UNITS[ch]
            )
            section = 0.0
        else:
            return None
    return total + section + (digit or 0.0)


def parse_number(text: str) -> int | float | None:
    """The value of a written number, or None when ``text`` is not one (remembered: an
    article writes the same numbers again and again)."""
    try:
        return _PARSED[text]
    except KeyError:
        pass
    value = _parse(text)
    if len(_PARSED) >= 65536:
        _PARSED.clear()
    _PARSED[text] = value
    return value


_PARSED: dict[str, int | float | None] = {}


def _parse(text: str) -> int | float | None:
    text = text.translate(_FULLWIDTH).replace("，", ",")
    match = _ARABIC_RE.fullmatch(text)
    if match:
        # Decimal keeps 2601.2亿 exact; floats would not.
        exact = Decimal(match.group(1).replace(",", ""))
        for ch in match.group(2):
            exact *= SMALL_UNITS.get(ch, 0) or BIG_UNITS[ch]
        return tidy(float(exact))
    if not text:
        return None
    value_or_none = _chinese_value(text)
    return None if value_or_none is None else tidy(value_or_none)

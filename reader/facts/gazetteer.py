"""Gazetteers: public lists of countries, regions, Chinese divisions, cities and institutions.

The lists live in ``reader/facts/data`` (each file names its source). They are features of
the tagger and evidence for the rules, never entities on their own: 中国 in 中国银行 is part
of an organisation, and the model decides that.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache
from itertools import compress
from pathlib import Path

DATA = Path(__file__).resolve().parent / "data"
# File -> the type every name in it has.
_FILES = {
    "countries.txt": "CTRY",
    "regions.txt": "REG",
    "cn_divisions.txt": "CN",
    "world_cities.txt": "CITY",
    "cn_government.txt": "GOV",
    "intl_orgs.txt": "IORG",
    "cn_companies.txt": "COM",
}
TYPES = tuple(_FILES.values())
PLACE_TYPES = frozenset(("CTRY", "REG", "CN", "CITY"))
ORG_TYPES = frozenset(("GOV", "IORG", "COM"))
_LONGEST = 12
_DIVISION_SUFFIXES = re.compile(
    r"(?:特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|地区|省|市|盟|林区|新区)$"
)
# 延边朝鲜族自治州 -> 延边: an autonomous prefecture's short form drops the peoples and 自治州.
_AUTONOMOUS = re.compile(r"^(.{2,3}?)(?:[\u4e00-\u9fff]{1,4}族)+自治州$")


def _names(file: str) -> list[str]:
    lines = (DATA / file).read_text(encoding="utf-8").splitlines()
    out: list[str] = []
    for line in lines:
        if line.startswith("#"):
            continue
        for part in re.split(r"[:\s]+", line):
            if part:
                out.append(part)
    return out


def _short_forms(name: str) -> list[str]:
    forms = [name]
    autonomous = _AUTONOMOUS.match(name)
    if autonomous:
        forms.append(autonomous.group(1))
    else:
        short = _DIVISION_SUFFIXES.sub("", name)
        if len(short) >= 2 and short != name:
            forms.append(short)
    return forms


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """Every name in the lists -> its type (CTRY, REG, CN, CITY, GOV, IORG, COM)."""
    table: dict[str, str] = {}
    for file, kind in _FILES.items():
        for name in _names(file):
            for form in _short_forms(name) if kind == "CN" else [name]:
                table.setdefault(form, kind)
    return table


@lru_cache(maxsize=1)
def prefixes() -> frozenset[str]:
    """Every proper prefix of a listed name: a word that is none starts no match."""
    return frozenset(name[:size] for name in names() for size in range(1, len(name)))


def kind_of(name: str) -> str | None:
    return names().get(name)


def is_place(name: str) -> bool:
    return names().get(name) in PLACE_TYPES


def is_organisation(name: str) -> bool:
    return names().get(name) in ORG_TYPES


@lru_cache(maxsize=1)
def _starters() -> frozenset[str]:
    return prefixes() | frozenset(names())


def begins_name(word: str) -> bool:
    """Whether a listed name can start with ``word`` (or is it)."""
    return word in _starters()


def listed_spans(
    text: str,
    words: Sequence[str],
    starts: Sequence[int],
    candidates: Sequence[int] | None = None,
) -> list[tuple[int, int, str]]:
    """(begin, end, type) of the listed names in ``text``, matched over whole jieba words (one
    to four of them, two to twelve characters), longest first, left to right: 中国 inside
    中国银行's single word is no match, 中国/银行 is. ``starts`` holds where each word begins
    and, last, where the last one ends; ``candidates``, if given, the indexes of the words that
    ``begins_name`` (in order), as the caller may know them already."""
    table = names()
    heads = _starters()
    count = len(words)
    found: list[tuple[int, int, str]] = []
    taken = 0  # words before this one belong to a match already
    # Only a word that begins a listed name can start a match (most words begin none); the
    # match grows word by word while the words so far still begin a name, and the longest
    # name reached wins.
    if candidates is None:
        candidates = list(compress(range(count), map(heads.__contains__, words)))
    for i in candidates:
        if i < taken:
            continue
        begin = starts[i]
        best = 0
        kind = ""
        for k in range(i + 1, min(count, i + 4) + 1):
            end = starts[k]
            if end - begin > _LONGEST:
                break
            piece = text[begin:end]
            if piece not in heads:
                break  # (then it is no name either: every name is in ``heads``)
            if end - begin >= 2 and piece in table:
                best, kind = k, table[piece]
        if best:
            found.append((begin, starts[best], kind))
            taken = best
    return found


def marks(text: str, words: Sequence[tuple[str, str]]) -> list[str]:
    """Per character, ``B-CTRY``/``I-CTRY``/``E-CTRY`` ... where a listed name covers it (see
    ``listed_spans``), else ``""``; all ``""`` when the words do not cover the text."""
    out = [""] * len(text)
    starts = [0]
    for word, _ in words:
        starts.append(starts[-1] + len(word))
    if starts[-1] != len(text):
        return out
    for begin, end, kind in listed_spans(text, [word for word, _ in words], starts):
        out[begin] = "B-" + kind
        for j in range(begin + 1, end - 1):
            out[j] = "I-" + kind
        out[end - 1] = "E-" + kind
    return out


_ADMIN_END = re.compile(r"[省市县区州旗盟](?=.)")
_ADMIN_LAST = "省市县区州旗盟镇乡村"
_GENERIC_TAILS = ("海域", "地区", "境内", "沿海", "一带", "附近", "全境", "上空", "周边", "方向")
_GENERIC_TAIL = re.compile(f"(?:{'|'.join(_GENERIC_TAILS)})$")
# (Every tail is two characters: the pattern can only match at the end, or before a final
# newline, where ``$`` also matches. Elsewhere it is not asked.)
_GENERIC_TAIL_WORDS = frozenset(_GENERIC_TAILS)


def _generic_tail(piece: str) -> re.Match[str] | None:
    """``_GENERIC_TAIL.search(piece)``, asked only when ``piece`` can end with a tail."""
    if piece[-2:] in _GENERIC_TAIL_WORDS or piece.endswith("\n"):
        return _GENERIC_TAIL.search(piece)
    return None


def split_address(name: str) -> list[tuple[int, int]]:
    """Where a long address splits into the places news annotation marks one by one:
    北京市海淀区 -> 北京市, 海淀区; 南非约翰内斯堡 -> 南非, 约翰内斯堡. Offsets into ``name``."""
    table = names()
    pieces: list[tuple[int, int]] = []
    begin = 0
    while begin < len(name):
        cut = 0
        for size in range(min(len(name) - begin - 2, _LONGEST), 1, -1):
            if table.get(name[begin : begin + size]) in PLACE_TYPES:
                cut = begin + size
                break
        if not cut:
            match = _ADMIN_END.search(name, begin + 1)
            if match is not None and match.end() - begin >= 2 and len(name) - match.end() >= 2:
                cut = match.end()
        if not cut:
            pieces.append((begin, len(name)))
            break
        pieces.append((begin, cut))
        begin = cut
    # A tail that is no place of its own stays with the place before it: 德黑兰机场.
    if len(pieces) >= 2 and _GENERIC_TAIL.fullmatch(name[pieces[-1][0] : pieces[-1][1]]):
        pieces.pop()  # 索马里|海域
    tail = _generic_tail(name[pieces[-1][0] : pieces[-1][1]])
    if tail is not None and tail.start() >= 2:
        # 索马里海域, 东北地区: the place is the name before the generic word.
        begin = pieces[-1][0]
        pieces[-1] = (begin, begin + tail.start())
    if len(pieces) >= 2:
        last = name[pieces[-1][0] : pieces[-1][1]]
        if table.get(last) not in PLACE_TYPES and last[-1] not in _ADMIN_LAST:
            # 德黑兰机场, 中国美术馆: a site named after its city stays one place.
            pieces[-2:] = [(pieces[-2][0], pieces[-1][1])]
    return pieces

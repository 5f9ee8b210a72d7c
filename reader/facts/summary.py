"""What the facts panel leads with, and how each number reads: the core of the panel, no UI.

The panel opens on the article's key figures (the numbers of its title and first paragraph,
its money, its percentages of change) and its main actors (the most mentioned people, places
and organisations), then lists everything by kind. So the first screen at 80×24 shows both
numbers and names, whatever the article.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.facts.model import Entity, EntityType, Facts, NumberFact, NumberKind

NUMBER_GROUPS: tuple[tuple[str, tuple[NumberKind, ...]], ...] = (
    ("数量 Counts", ("count", "number", "range")),
    ("金额 Money", ("money",)),
    ("比例 Percentages", ("percent",)),
    ("日期 Dates", ("date", "datetime", "year", "time")),
    ("时长 Durations", ("duration",)),
    ("序数 Ordinals", ("ordinal",)),
)
ENTITY_GROUPS: tuple[tuple[str, EntityType], ...] = (
    ("人物 People", "person"),
    ("地点 Places", "place"),
    ("机构 Organizations", "organization"),
    ("产品 Products", "product"),
    ("作品 Works", "work"),
    ("活动 Events", "event"),
)
KEY_FIGURES = "要点 Key figures"
MAIN_ACTORS = "主角 Main actors"
_KEY_LIMIT = 4
_ACTOR_LIMIT = 4
_ACTOR_TYPES = ("person", "organization", "place")
_CHANGE_BEFORE = re.compile(
    r"(?:增长|增加|下降|下跌|上涨|提高|降低|减少|回落|攀升|同比|环比)[了约达近逾超过]*$"
)
_APPROX_WORDS = re.compile(
    r"^(?:大约|约有|约|超过|逾|多达|不少于|至少|将近|接近|近|不到|不足)|(?<=[0-9])[余多]|(?:以上|左右|上下|以下|之多)$"
)
_SEASONS = {"21": "spring", "22": "summer", "23": "autumn", "24": "winter"}
_DURATION_UNITS = {"Y": "years", "M": "months", "W": "weeks", "D": "days", "H": "hours"}


@dataclass
class Section:
    """A titled run of facts in the panel: numbers or entities, in the order to show them."""

    title: str
    key: str  # a stable id for the section ("key", "actors", or the kind it groups)
    numbers: list[NumberFact] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)


def sections(facts: Facts, text: str) -> list[Section]:
    """The panel's sections, key figures and main actors first; empty sections left out."""
    out: list[Section] = []
    key = key_figures(facts, text)
    if key:
        out.append(Section(KEY_FIGURES, "key", numbers=key))
    actors = main_actors(facts)
    if actors:
        out.append(Section(MAIN_ACTORS, "actors", entities=actors))
    for title, kinds in NUMBER_GROUPS:
        numbers = [n for n in facts.numbers if n.kind in kinds]
        if numbers:
            out.append(Section(title, kinds[0], numbers=numbers))
    for title, type_ in ENTITY_GROUPS:
        entities = [e for e in facts.entities if e.type == type_]
        if entities:
            out.append(Section(title, type_, entities=entities))
    return out


def lead_end(text: str) -> int:
    """Where the title and the first paragraph of prose end (the lead of a news article)."""
    offset = 0
    seen_prose = False
    for line in text.splitlines(keepends=True):
        stripped = line.strip()
        cjk = len(re.findall(r"[\u4e00-\u9fff]", stripped))
        offset += len(line)
        if stripped.startswith("#") or not stripped:
            continue
        if cjk >= 20:
            if seen_prose:
                return offset - len(line)
            seen_prose = True
    return offset


def key_figures(facts: Facts, text: str) -> list[NumberFact]:
    """Counts, money and percentages of the lead, then money and changes anywhere."""
    end = lead_end(text)
    scored: list[tuple[int, int, NumberFact]] = []
    for number in facts.numbers:
        if number.kind not in ("count", "money", "percent", "range"):
            continue
        in_lead = number.start < end
        change = number.kind == "percent" and bool(
            _CHANGE_BEFORE.search(text[max(0, number.start - 8) : number.start])
        )
        if in_lead:
            rank = 0
        elif number.kind == "money":
            rank = 1
        elif change:
            rank = 2
        else:
            continue
        scored.append((rank, number.start, number))
    scored.sort(key=lambda item: (item[0], item[1]))
    chosen = sorted((n for _, _, n in scored[:_KEY_LIMIT]), key=lambda n: n.start)
    return chosen


def main_actors(facts: Facts) -> list[Entity]:
    """The most mentioned people, organisations and places (two mentions at least, unless
    the article names only a few)."""
    candidates = [e for e in facts.entities if e.type in _ACTOR_TYPES and e.mentions]
    first = {id(e): min(m.start for m in e.mentions) for e in candidates}
    ranked = sorted(candidates, key=lambda e: (-len(e.mentions), first[id(e)]))
    repeated = [e for e in ranked if len(e.mentions) >= 2]
    return (repeated or ranked)[:_ACTOR_LIMIT]


def value_text(number: NumberFact) -> str | None:
    """What the number means, when its text alone does not say it: 6.62万公里 = 66,200 公里,
    2022年秋季 = 2022 autumn, 三个月 = 3 months. None when the text says it all."""
    normalized = number.normalized
    if number.kind in ("count", "money", "range") and number.value is not None:
        unit = number.unit or ""
        written = _APPROX_WORDS.sub("", number.text).replace(",", "")
        plain = not isinstance(number.value, list) and written == f"{number.value}{unit}"
        return None if plain else f"{_amount(number.value)} {unit}".strip()
    if normalized is not None:
        season = re.fullmatch(r"(\d{4})-(2[1-4])", normalized)
        if season:
            return f"{season[1]} {_SEASONS[season[2]]}"
        duration = re.fullmatch(r"PT?(\d+(?:\.\d+)?)([YMWDH])", normalized)
        if duration:
            return f"{duration[1]} {_DURATION_UNITS[duration[2]]}"
        return None if normalized == number.text else normalized
    if number.value is None or str(number.value) == number.text:
        return None
    return _amount(number.value)


def about_text(number: NumberFact) -> str | None:
    """What a count counts and what happened to it: 会员 · 拥有, 死亡."""
    parts = [part for part in (number.subject, number.predicate) if part]
    return " · ".join(parts) if parts else None


def _amount(value: int | float | list[int | float]) -> str:
    if isinstance(value, list):
        return "–".join(_amount(v) for v in value)
    if isinstance(value, float) and not value.is_integer():
        return f"{value:,}"
    return f"{int(value):,}"

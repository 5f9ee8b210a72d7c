"""The facts of one article: numbers and entities, each with code-point offsets into its text.

Plain dataclasses with a JSON-friendly ``to_dict``/``from_dict`` pair, because the store caches
facts as JSON and the CLI prints the same dictionaries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal, get_args

# Bump whenever extraction output changes, so the store re-extracts cached facts. (5: texts
# holding İ were an error, cached as no facts; a count at a text's start was lost when the text
# ended with 约/超过-like words. 6: Latin names with accented letters are no longer cut,
# Renée Fleming → "Fleming". 7: names begun too late (俄数学中心 of 中俄数学中心, 俄罗斯明斯克
# of 白俄罗斯明斯克), places read as organisations, 科技园 alone, 印尼雅万, and a year or a
# count after a Latin name (IASP 2025年, Istanbul 5人). All other output is 4's.)
FACTS_VERSION = 7

# The order of each Literal is the order the CLI and the panel list the kinds in.
NumberKind = Literal[
    "date",
    "datetime",
    "year",
    "time",
    "duration",
    "count",
    "money",
    "percent",
    "ordinal",
    "range",
    "number",
]
Approx = Literal["about", "more_than", "at_least", "less_than", "nearly"]
EntityType = Literal["person", "place", "organization", "event", "work", "product"]


def _one_of(literal: Any, value: object, field_name: str) -> Any:
    """``value`` if the Literal type admits it; a cache or file written by another version may
    hold anything."""
    if value not in get_args(literal):
        raise ValueError(f"unknown {field_name}: {value!r}")
    return value


# A range's value is its [low, high] pair; every other kind has one number (or None).
Value = int | float | list[int | float] | None


@dataclass(frozen=True)
class NumberFact:
    kind: NumberKind
    text: str
    start: int
    end: int
    value: Value = None
    approx: Approx | None = None
    unit: str | None = None
    subject: str | None = None
    normalized: str | None = None
    # What the sentence says happened to what is counted: 812人 死亡, 43家 拥有.
    predicate: str | None = None

    def to_dict(self) -> dict[str, Any]:
        value = list(self.value) if isinstance(self.value, list) else self.value
        return {
            "kind": self.kind,
            "text": self.text,
            "start": self.start,
            "end": self.end,
            "value": value,
            "approx": self.approx,
            "unit": self.unit,
            "subject": self.subject,
            "normalized": self.normalized,
            "predicate": self.predicate,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> NumberFact:
        return cls(
            kind=_one_of(NumberKind, data["kind"], "number kind"),
            text=str(data["text"]),
            start=int(data["start"]),
            end=int(data["end"]),
            value=data.get("value"),
            approx=None
            if data.get("approx") is None
            else _one_of(Approx, data["approx"], "approx"),
            unit=data.get("unit"),
            subject=data.get("subject"),
            normalized=data.get("normalized"),
            predicate=data.get("predicate"),
        )


@dataclass(frozen=True)
class Mention:
    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Mention:
        return cls(text=str(data["text"]), start=int(data["start"]), end=int(data["end"]))


@dataclass
class Entity:
    name: str
    type: EntityType
    aliases: list[str] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "type": self.type,
            "aliases": list(self.aliases),
            "mentions": [mention.to_dict() for mention in self.mentions],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Entity:
        return cls(
            name=str(data["name"]),
            type=_one_of(EntityType, data["type"], "entity type"),
            aliases=[str(alias) for alias in data.get("aliases", [])],
            mentions=[Mention.from_dict(m) for m in data.get("mentions", [])],
        )


@dataclass
class Facts:
    numbers: list[NumberFact] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "numbers": [number.to_dict() for number in self.numbers],
            "entities": [entity.to_dict() for entity in self.entities],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Facts:
        return cls(
            numbers=[NumberFact.from_dict(n) for n in data.get("numbers", [])],
            entities=[Entity.from_dict(e) for e in data.get("entities", [])],
        )

"""People, places, organisations, works and events, built on top of jieba's part-of-speech tags.

jieba's tags are a starting point, not an answer: it tags 莫斯科 as a person, 丰硕成果 as a
person, splits 国际科技园区协会 into common nouns and knows nothing of 阿列克谢·图日林. So:

* organisations and events grow leftwards from a word ending in a known suffix (协会, 大学,
  委员会, 论坛, 交易会 ...) over name-like words, and must contain something specific;
* a person is a surname plus one or two characters that are not an ordinary word, or a
  transliterated name (joined around ·) or a Latin one, with titles and speech verbs as evidence;
* places are jieba's place words minus abstract nouns, plus transliterations in place context;
* aliases come from brackets (国际科技园区协会（IASP）), from a company's name without its
  legal form (启迪控股股份有限公司 → 启迪控股), and from the last part of a foreign name.

Precision comes first: anything doubtful is dropped. The rules live in people.py,
organisations.py and places.py; this module runs them in order and groups the mentions.
"""

from __future__ import annotations

import re

from reader.facts.entity_base import (
    WORK,
    Span,
    Token,
    compact,
    latin_at,
)
from reader.facts.model import Entity, Mention
from reader.facts.organisations import OrganisationRules
from reader.facts.people import PeopleRules
from reader.facts.places import PlaceRules


class _Finder(PeopleRules, OrganisationRules, PlaceRules):
    def works(self) -> None:
        for match in WORK.finditer(self.text):
            title = match.group(1)
            if title.strip():
                # Works do not claim their characters: names inside titles are still mentions.
                self.works_found.append(Span(match.start(1), match.end(1), "work", compact(title)))

    def repeated(
        self, types: tuple[str, ...] = ("person", "place", "organization", "event")
    ) -> None:
        """Find later mentions of every name and alias that the rules above did not catch.

        One pass over the text with all names at once (longest first), so a long article with
        many entities stays linear."""
        owner: dict[str, Span] = {}
        for span in self.spans:
            if span.type not in types:
                continue
            for name in (span.name, *span.aliases):
                if len(name) >= 3 or (len(name) == 2 and (span.type == "person" or name.isascii())):
                    owner.setdefault(name, span)
        if not owner:
            return
        pattern = re.compile("|".join(map(re.escape, sorted(owner, key=len, reverse=True))))
        for match in pattern.finditer(self.text):
            name, (start, end) = match.group(0), match.span()
            if name.isascii() and (latin_at(self.text, start - 1) or latin_at(self.text, end)):
                continue  # IASP inside a longer Latin word
            if self.free(start, end):
                span = owner[name]
                self.add(Span(start, end, span.type, span.name, []))


def find_entities(text: str, tokens: list[Token]) -> list[Entity]:
    finder = _Finder(text, tokens)
    finder.works()
    finder.buildings()
    finder.dotted_names()
    finder.bylines()
    finder.latin_names()
    # Organisations before single names and places: they absorb place words and mis-tagged
    # names (北京市科学技术委员会, 莫斯科国立大学).
    finder.organisations()
    # Their aliases too (阿里巴巴集团控股有限公司 → 阿里巴巴), before a person rule takes them.
    finder.aliases()
    finder.repeated(("organization", "event"))
    finder.names_in_words()
    finder.titled_names()
    finder.names_cut_before_last_character()
    finder.chinese_names()
    finder.split_names()
    finder.country_abbreviations()  # before places: 中美关系 is 中 and 美, not a place 中美
    finder.places()
    finder.places_inside_words()
    finder.aliases()
    finder.repeated()
    return _group(text, finder.spans + finder.works_found)


def _group(text: str, spans: list[Span]) -> list[Entity]:
    entities: dict[tuple[str, str], Entity] = {}
    canonical: dict[tuple[str, str], str] = {}
    # Map every alias to the entity that declared it, so "IASP" joins 国际科技园区协会.
    for span in spans:
        key = (span.type, compact(span.name))
        for alias in span.aliases:
            canonical.setdefault((span.type, alias), key[1])
    for span in sorted(spans, key=lambda s: s.start):
        name = compact(span.name)
        name = canonical.get((span.type, name), name)
        entity = entities.setdefault((span.type, name), Entity(name=name, type=span.type))
        mention_text = text[span.start : span.end]
        entity.mentions.append(Mention(mention_text, span.start, span.end))
        for alias in [*span.aliases, compact(mention_text)]:
            if alias != name and alias not in entity.aliases:
                entity.aliases.append(alias)
    return list(entities.values())

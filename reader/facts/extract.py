"""Put the pieces together: blank the markup, segment once, find numbers, dates and entities."""

from __future__ import annotations

import datetime as dt

from reader.facts.dates import find_dates
from reader.facts.entities import find_entities
from reader.facts.entity_base import Token
from reader.facts.markup import prose_only
from reader.facts.model import Facts, NumberFact
from reader.facts.numbers import find_numbers
from reader.text.segment import posseg

_NOUN_FLAGS = frozenset(("n", "nz", "nt", "ns", "nr", "nrt", "vn", "ng", "nl", "j", "eng"))
_MODIFIER_FLAGS = frozenset(("a", "b", "an", "f", "s"))
_MAX_SUBJECT = 12


def _tokens(text: str) -> list[Token]:
    tokens: list[Token] = []
    offset = 0
    for word, flag in posseg(text):
        tokens.append(Token(word, flag, offset, offset + len(word)))
        offset += len(word)
    return tokens


class _Subjects:
    """What a count counts: the noun phrase right after it, else the one right before it."""

    def __init__(self, text: str, tokens: list[Token]) -> None:
        self.text = text
        self.tokens = tokens
        self.starting = {tok.start: i for i, tok in enumerate(tokens)}
        self.ending = {tok.end: i for i, tok in enumerate(tokens)}

    def __call__(self, end: int, begin: int) -> str | None:
        return self._after(end) or self._before(begin)

    def _after(self, pos: int) -> str | None:
        i = self.starting.get(pos)
        if i is None:
            return None
        last_noun = None
        j = i
        while j < len(self.tokens) and self.tokens[j].end - pos <= _MAX_SUBJECT:
            tok = self.tokens[j]
            if tok.flag in _NOUN_FLAGS:
                last_noun = tok.end
            elif tok.flag not in _MODIFIER_FLAGS:
                break
            j += 1
        return self.text[pos:last_noun] if last_noun else None

    def _before(self, pos: int) -> str | None:
        i = self.ending.get(pos)
        if i is None:
            return None
        j = i
        first = None
        while j >= 0 and pos - self.tokens[j].start <= _MAX_SUBJECT:
            tok = self.tokens[j]
            if tok.flag in _NOUN_FLAGS or (first is not None and tok.flag in _MODIFIER_FLAGS):
                first = tok.start
            else:
                break
            j -= 1
        return self.text[first:pos] if first is not None else None


def _as_date(published: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    return published


def _non_overlapping(facts: list[NumberFact]) -> list[NumberFact]:
    # Longest first, then earliest; dates come before numbers in the candidate list, so on a
    # tie (2025年 as a year or as a duration) the date reading wins.
    order = sorted(enumerate(facts), key=lambda item: (-(item[1].end - item[1].start), item[0]))
    taken = bytearray(max((f.end for f in facts), default=0))
    chosen: list[NumberFact] = []
    for _, fact in order:
        if any(taken[fact.start : fact.end]):
            continue
        taken[fact.start : fact.end] = b"\x01" * (fact.end - fact.start)
        chosen.append(fact)
    return sorted(chosen, key=lambda f: (f.start, f.end))


def extract_facts(text: str, published: dt.date | dt.datetime | None = None) -> Facts:
    """All facts of ``text`` (a full raw article), offsets indexing ``text`` itself."""
    prose = prose_only(text)
    tokens = _tokens(prose)
    word_end = {tok.start: tok.end for tok in tokens}
    candidates = [
        *find_dates(prose, _as_date(published)),
        *find_numbers(prose, word_end, _Subjects(prose, tokens)),
    ]
    # Blanked regions are spaces in ``prose``; a fact must read the same in the real text.
    candidates = [f for f in candidates if text[f.start : f.end] == f.text and f.text.strip()]
    numbers = _non_overlapping(candidates)
    entities = [
        entity
        for entity in find_entities(prose, tokens)
        if all(text[m.start : m.end] == m.text for m in entity.mentions)
    ]
    return Facts(numbers=numbers, entities=entities)

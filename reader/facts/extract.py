"""Put the pieces together: blank the markup, segment once, find numbers, dates and entities."""

from __future__ import annotations

import datetime as dt
from itertools import accumulate, repeat
from operator import attrgetter, itemgetter

from reader.facts.context import CountContext
from reader.facts.dates import find_dates, reference_year
from reader.facts.entities import find_entities
from reader.facts.entity_base import Segmented, Token, word_edges
from reader.facts.markup import prose_only
from reader.facts.model import Facts, NumberFact
from reader.facts.numbers import find_numbers
from reader.text.segment import posseg


def tokens_of(text: str) -> list[Token]:
    """jieba's words of ``text`` with their tags and offsets (they cover it exactly)."""
    return segmented(text).tokens


def segmented(text: str) -> Segmented:
    """``tokens_of`` with the words, tags and offsets as columns too (the rules and the tagger
    read the columns; transposing the tokens back into them cost as much as making them)."""
    pairs = posseg(text)
    if not pairs:
        return Segmented([], (), (), [0])
    # (Two maps of itemgetter cost half of zip(*pairs), which unpacks thousands of arguments.)
    words = list(map(itemgetter(0), pairs))
    flags = list(map(itemgetter(1), pairs))
    bounds = [0, *accumulate(map(len, words))]
    # tuple.__new__ builds each Token at C speed: an article has thousands.
    tokens = list(
        map(tuple.__new__, repeat(Token), zip(words, flags, bounds, bounds[1:], strict=False))
    )
    return Segmented(tokens, words, flags, bounds)


def _as_date(published: dt.date | dt.datetime | None) -> dt.date | None:
    if isinstance(published, dt.datetime):
        return published.date()
    return published


def _non_overlapping(facts: list[NumberFact]) -> list[NumberFact]:
    # Longest first, then earliest; dates come before numbers in the candidate list, so on a
    # tie (2025年 as a year or as a duration) the date reading wins.
    # (The sort is stable: facts of one length stay in the candidates' order.)
    order = sorted(facts, key=lambda f: f.start - f.end)
    taken = bytearray(max((f.end for f in facts), default=0))
    chosen: list[NumberFact] = []
    for fact in order:
        if taken.find(1, fact.start, fact.end) >= 0:  # (a character already taken)
            continue
        taken[fact.start : fact.end] = b"\x01" * (fact.end - fact.start)
        chosen.append(fact)
    return sorted(chosen, key=attrgetter("start", "end"))


def extract_facts(text: str, published: dt.date | dt.datetime | None = None) -> Facts:
    """All facts of ``text`` (a full raw article), offsets indexing ``text`` itself."""
    prose = prose_only(text)
    segments = segmented(prose)
    tokens = segments.tokens
    # Where words begin and end, for the number rules and the entity rules both.
    edges = word_edges(segments.starts)
    date = _as_date(published)
    # A newsletter without a date line still names its year: 7月26日 then means that year.
    year = date.year if date is not None else reference_year(prose)
    candidates = [
        *find_dates(prose, date, year),
        *find_numbers(prose, segments.starts, edges, CountContext(prose, tokens, segments.starts)),
    ]
    # Blanked regions are spaces in ``prose``; a fact must read the same in the real text.
    candidates = [f for f in candidates if text[f.start : f.end] == f.text and f.text.strip()]
    numbers = _non_overlapping(candidates)
    entities = [
        entity
        for entity in find_entities(prose, tokens, segments, edges)
        if all(text[m.start : m.end] == m.text for m in entity.mentions)
    ]
    return Facts(numbers=numbers, entities=entities)

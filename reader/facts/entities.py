"""People, places, organisations, products, works and events of an article.

A trained character tagger (tagger.py, a CRF over characters, jieba words and gazetteers)
proposes people, places and organisations; rules handle what a model trained on sentences
cannot see or gets wrong in ways a reader would not forgive:

* 《works》, numbered and named events (organisations.py), bracketed aliases
  (国际科技园区协会（IASP）), company names without their legal form;
* transliterated names joined by · or - (阿列克谢·图日林, 阿库福-阿多), their later short
  mentions, bylines, titles next to names (people.py);
* Latin-script organisations and products in Chinese text (latin.py);
* one-character country abbreviations resolved against the countries the article names
  (places.py), so 中巴合作 is Brazil in an article about Brazil, and 审美方面 is no country;
* vetting of every model span (vetting.py): no common words, idioms, times or fragments.

Precision first: an entity shown must be one a reader would accept.
"""

from __future__ import annotations

from itertools import compress
from operator import attrgetter

from reader.facts import gazetteer
from reader.facts import lexicon as lx
from reader.facts.crf_model import Article
from reader.facts.entity_base import WORK, Segmented, Span, Token, WordEdges, compact, latin_at
from reader.facts.latin import LatinRules
from reader.facts.model import Entity, Mention
from reader.facts.organisations import OrganisationRules, suffix_of
from reader.facts.people import PeopleRules
from reader.facts.places import PlaceRules
from reader.facts.tagger import LABEL_TYPES, EntityTagger
from reader.facts.vetting import vetted

# A sentence for the tagger ends at one of these (a tokens' boundary by construction).
_SENTENCE_END = frozenset("。！？!?；;\n")
# Past this many characters a sentence is cut at its next comma: the decoder's steps are half
# its longest piece (60, not 400: 18% fewer steps on news-dev, ner-dev F1 unchanged at 0.823).
_LONGEST_SENTENCE = 60
# Words a sentence may end at: the ends above, and where one is too long, a comma.
_CUTS = _SENTENCE_END | frozenset(("，", ",", "、", "，,", ",、", "，,、"))


class _Finder(PeopleRules, OrganisationRules, PlaceRules, LatinRules):
    def works(self) -> None:
        for match in WORK.finditer(self.text):
            title = match.group(1)
            if title.strip():
                # Works do not claim their characters: names inside titles are still mentions.
                self.works_found.append(Span(match.start(1), match.end(1), "work", compact(title)))

    def model_entities(self) -> None:
        """The tagger's people, places and organisations, sentence by sentence, vetted, merged
        with the events the suffix rules find."""
        if self.tokens:
            found = EntityTagger.shared().spans_of(self.article, sentence_ranges(self.article))
            for begin, end, label in (span for spans in found for span in spans):
                self.model_spans += vetted(self, begin, end, LABEL_TYPES[label])
        # Events are grown before the model's spans claim anything (联合国 of 联合国气候变化大会);
        # like works they do not claim their characters: 上海 in 上海国际武术博览会 is still a
        # place. An "organisation" of the tagger named like an event (杭州亚运会) is one.
        candidates = self.event_candidates()
        spans = []
        # 加西亚·马尔克斯 … 马尔克斯: the short mention is the person, whatever the tagger says.
        short_names = {alias for s in self.model_spans if s.type == "person" for alias in s.aliases}
        for span in _merged(self.text, self.model_spans):
            if span.name in short_names and span.type != "person":
                span = Span(span.start, span.end, "person", span.name)
            if (
                span.type == "organization"
                and (suffix := suffix_of(span.name, "event"))
                and suffix not in lx.WEAK_EVENT_SUFFIXES
            ):
                candidates.append(Span(span.start, span.end, "event", span.name))
            else:
                spans.append(span)
        longest_first = sorted(spans, key=lambda s: (-(s.end - s.start), s.start))
        for span in longest_first:
            if span.type in ("person", "organization"):
                self.add(span)
        events = bytearray(len(self.text))
        for span in sorted(candidates, key=lambda s: (-(s.end - s.start), s.start)):
            if span.type == "organization":
                self.add(span)
            elif not any(events[span.start : span.end]):
                events[span.start : span.end] = b"\x01" * (span.end - span.start)
                self.works_found.append(span)
        for span in longest_first:
            if span.type == "place" and len(span.name) > 1:
                self.add(span)

    def repeated(
        self, types: tuple[str, ...] = ("person", "place", "organization", "event", "product")
    ) -> None:
        """Find later mentions of every name and alias that the steps above did not catch.

        Every occurrence of every name, then one pass left to right taking the longest name at
        each place (what one regular expression of all the names, longest first, would find,
        without compiling one per article)."""
        owner: dict[str, Span] = {}
        for span in self.spans:
            if span.type not in types:
                continue
            for name in (span.name, *span.aliases):
                if len(name) >= 3 or (
                    len(name) == 2
                    and (span.type == "person" or name.isascii() or gazetteer.kind_of(name))
                ):
                    owner.setdefault(name, span)
        text = self.text
        occurrences: list[tuple[int, int, str]] = []
        for name in owner:
            at = text.find(name)
            while at >= 0:
                occurrences.append((at, -len(name), name))
                at = text.find(name, at + 1)
        occurrences.sort()
        reached = 0
        for start, negative_length, name in occurrences:
            if start < reached:
                continue
            end = reached = start - negative_length
            if name.isascii() and (latin_at(self.text, start - 1) or latin_at(self.text, end)):
                continue  # IASP inside a longer Latin word
            if self.free(start, end) and not self.inside_word(start, end):
                span = owner[name]
                self.add(Span(start, end, span.type, span.name, []))


def sentence_ranges(article: Article) -> list[tuple[int, int]]:
    """The sentences the tagger reads, as [first, last) word ranges (long ones cut at commas;
    none of blanks only, except perhaps the last)."""
    ranges: list[tuple[int, int]] = []
    words, starts, text = article.words, article.starts, article.text
    count = len(words)
    first = 0
    # Sentence by sentence (the text after the last end as one more): a comma cuts only where
    # the piece before it is too long, so only the commas of a sentence longer than that are
    # asked, in order, as a scan of every cut word would.
    for end in (*compress(range(count), map(_SENTENCE_END.__contains__, words)), count):
        if starts[end] - starts[first] > _LONGEST_SENTENCE:
            for i in range(first, end):
                if words[i] in _CUTS and starts[i + 1] - starts[first] > _LONGEST_SENTENCE:
                    if not text[starts[first] : starts[i + 1]].isspace():  # (never empty)
                        ranges.append((first, i + 1))
                    first = i + 1
        if end < count:
            if not text[starts[first] : starts[end + 1]].isspace():  # (never empty)
                ranges.append((first, end + 1))
            first = end + 1
    if first < count:
        ranges.append((first, count))
    return ranges


def _merged(text: str, spans: list[Span]) -> list[Span]:
    """德国慕尼黑|工业大学: an organisation the tagger cut in two (a place or name, then a
    generic organisation word right after it) is one organisation."""
    ordered = sorted(spans, key=lambda s: s.start)
    out: list[Span] = []
    for span in ordered:
        last = out[-1] if out else None
        if (
            last is not None
            and span.type == "organization"
            and last.type in ("organization", "place")
            and last.end == span.start
            and suffix_of(span.name, "organization")
            and len(span.name) <= 5
            and last.name[-1] not in "国省市"
        ):
            out[-1] = Span(last.start, span.end, "organization", text[last.start : span.end])
            continue
        out.append(span)
    return out


def find_entities(
    text: str,
    tokens: list[Token],
    columns: Segmented | None = None,
    edges: WordEdges | None = None,
) -> list[Entity]:
    finder = _Finder(text, tokens, columns, edges)
    finder.works()
    finder.bylines()
    finder.latin_entities()
    finder.model_entities()
    finder.bracketed_names()
    finder.listed_names()
    finder.organisations()
    finder.dotted_names()
    finder.titled_names()
    finder.country_abbreviations()
    finder.aliases()
    finder.repeated()
    return _group(text, finder.spans + finder.works_found)


def _group(text: str, spans: list[Span]) -> list[Entity]:
    entities: dict[tuple[str, str], Entity] = {}
    canonical: dict[tuple[str, str], str] = {}
    # Map every alias to the entity that declared it, so "IASP" joins 国际科技园区协会.
    for span in spans:
        if span.aliases:
            name = compact(span.name)
            for alias in span.aliases:
                canonical.setdefault((span.type, alias), name)
    for span in sorted(spans, key=attrgetter("start")):
        own = compact(span.name)
        name = canonical.get((span.type, own), own) if canonical else own
        key = (span.type, name)
        entity = entities.get(key)
        if entity is None:
            entity = entities[key] = Entity(name=name, type=span.type)
        mention_text = text[span.start : span.end]
        entity.mentions.append(Mention(mention_text, span.start, span.end))
        spoken = own if mention_text == span.name else compact(mention_text)
        for alias in [*span.aliases, spoken] if span.aliases else (spoken,):
            if alias != name and alias not in entity.aliases:
                entity.aliases.append(alias)
    return list(entities.values())

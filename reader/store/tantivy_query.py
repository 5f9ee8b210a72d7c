"""A parsed query as tantivy queries: one per tier, phrases of the index's tokens.

Matching looks at the body alone (every title is in it, see tantivy_index._document); the
title field only adds to the score. Queries are built from tokens, never parsed from text, so
nothing typed reaches tantivy's query syntax.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

import tantivy

from reader.store.common_pairs import PairPhrase, pair_phrase, pair_runs
from reader.store.index_stream import term_tokens
from reader.store.search_engine import APART, APART_BELOW, LINK, PROSE
from reader.store.search_query import CHUNK, Query, Term

TITLE_BOOST = 10.0
_ONE_CALL = 1000
_SCORED_TERMS = 32


class QueryPlan:
    """A parsed query as tantivy queries, one per tier."""

    def __init__(self, schema: tantivy.Schema, query: Query, *, apart: bool) -> None:
        self.schema = schema
        self.query = query
        self.apart = apart
        self.literal_total = 0  # set by the caller as the literal tiers are counted
        # Set by the caller when it has collected every literal hit: the words-apart tier
        # then leaves them out by id, not by evaluating the literal phrases again.
        self.literal_ids: set[int] | None = None

    def tiers(self) -> Iterator[tuple[int, tantivy.Query]]:
        if self.query.needs_check:
            # Candidates only (checked against the text, which also tells their tier).
            yield PROSE, all_([self._term(t)[0] for t in self.query.selective()])
            return
        literal = [self._term(t) for t in self.query.include]
        anywhere = all_([q for q, _prose, _link in literal])
        prose = all_([p for _q, p, _link in literal])
        link_only = [link for _q, _p, link in literal if link is not None]
        exclusions = [self._term(t)[0] for t in self.query.exclude]

        yield PROSE, without(prose, exclusions)
        if link_only:
            # Some term can lie wholly inside an address: those hits rank below prose. (The
            # extra clause only narrows: such an article must hold one term inside a link.)
            candidates = all_([anywhere, any_(link_only)]) if len(literal) > 1 else link_only[0]
            yield LINK, without(candidates, [prose, *exclusions])
        found_before = [anywhere]
        if (
            self.apart
            and any(t.words for t in self.query.include)
            and self.literal_total < APART_BELOW
        ):
            words = all_(
                [
                    all_([self._text(w) for w in t.words]) if t.words else self._term(t)[0]
                    for t in self.query.include
                ]
            )
            if self.literal_ids is not None:
                # Every literal hit holds each of its terms' words, so leaving them out by id
                # is the same set, and costs no phrase check (half the tier's time).
                ids = sorted(self.literal_ids)
                found_before = [tantivy.Query.term_set_query(self.schema, "id", ids)] if ids else []
            yield APART, without(words, [*found_before, *exclusions])
            found_before.append(words)

    def _term(self, term: Term) -> tuple[tantivy.Query, tantivy.Query, tantivy.Query | None]:
        """Where the term occurs at all, touching prose, and wholly inside an address."""
        anywhere: list[tantivy.Query] = []
        prose: list[tantivy.Query] = []
        link: list[tantivy.Query] = []
        for tokens, touches_prose, edges in term_tokens(term):
            found = all_([self._tokens(tokens), *(self._phrase("edges", [e]) for e in edges)])
            anywhere.append(found)
            (prose if touches_prose else link).append(found)
        return any_(anywhere), any_(prose), any_(link) if link else None

    def _text(self, word: str) -> tantivy.Query:
        return self._term(Term(word, quoted=False))[0]

    def _tokens(self, tokens: Sequence[str]) -> tantivy.Query:
        """The body must hold the phrase (every title is in it, see _document); a title that
        holds it too only raises the score. (A required clause drives the search; a union of
        the two fields would be evaluated in full, which costs far more in a long query.)"""
        found = all_(
            [self._chunk(tokens[start : start + CHUNK]) for start in range(0, len(tokens), CHUNK)]
        )
        if len(tokens) > CHUNK:
            return found
        in_title = tantivy.Query.boost_query(self._phrase("title", tokens), TITLE_BOOST)
        return tantivy.Query.boolean_query(
            [(tantivy.Occur.Must, found), (tantivy.Occur.Should, in_title)]
        )

    def _chunk(self, tokens: Sequence[str]) -> tantivy.Query:
        """A phrase of pairs where the tokens all pair up (far rarer than the common
        characters they are made of, see reader.store.common_pairs), else of the tokens."""
        pairs = pair_phrase(tokens)
        if pairs is not None:
            return self._pairs(pairs)
        phrase = self._phrase("body", tokens)
        narrowing = [
            tantivy.Query.const_score_query(self._pairs(p), 0.0) for p in pair_runs(tokens)
        ]
        return all_([*narrowing, phrase]) if narrowing else phrase

    def _pairs(self, pairs: PairPhrase) -> tantivy.Query:
        field, words = pairs
        if len(words) == 1:
            return tantivy.Query.term_query(self.schema, field, words[0][1])
        return tantivy.Query.phrase_query(self.schema, field, list(words))

    def _phrase(self, name: str, tokens: Sequence[str]) -> tantivy.Query:
        if len(tokens) == 1:
            return tantivy.Query.term_query(self.schema, name, tokens[0])
        words: list[str | tuple[int, str]] = list(tokens)
        return tantivy.Query.phrase_query(self.schema, name, words)


def is_scored(query: Query) -> bool:
    """BM25 for ordinary queries; pasted text (many or long terms) is listed by article
    instead: scoring hundreds of phrases took most of a second and ranks nothing useful."""
    return len(query.include) <= _SCORED_TERMS and not query.needs_check


def collect_hits(
    searcher: tantivy.Searcher, query: tantivy.Query, limit: int, offset: int, scored: bool
) -> tuple[int, list[tuple[float, int, int]]]:
    """The total, and ``(score, article id, checksum)`` of hits ``[offset, offset + limit)``."""
    if offset + limit > _ONE_CALL:  # tantivy sizes its top-k heap by the limit: count first
        limit = max(1, min(limit, count_hits(searcher, query) - offset))
    if scored:
        result = searcher.search(query, max(limit, 1), count=True, offset=offset)
    else:
        result = searcher.search(
            query, max(limit, 1), count=True, offset=offset, order_by_field="id"
        )
    addresses = [address for _score, address in result.hits]
    ids = searcher.fast_field_values("id", addresses) if addresses else []
    checksums = searcher.fast_field_values("checksum", addresses) if addresses else []
    scores = [float(score) if scored else 0.0 for score, _address in result.hits]
    return _total(result), [
        (s, int(i), int(c or 0))
        for s, i, c in zip(scores, ids, checksums, strict=True)
        if i is not None
    ]


def count_hits(searcher: tantivy.Searcher, query: tantivy.Query) -> int:
    return _total(searcher.search(query, 1, count=True))


def _total(result: tantivy.SearchResult) -> int:
    # The bindings' stub leaves out ``count`` (set when searching with count=True).
    return int(result.count)  # type: ignore[attr-defined]


def any_(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    if not queries:
        return tantivy.Query.empty_query()
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Should, q) for q in queries])


def all_(queries: Sequence[tantivy.Query]) -> tantivy.Query:
    if len(queries) == 1:
        return queries[0]
    return tantivy.Query.boolean_query([(tantivy.Occur.Must, q) for q in queries])


def without(query: tantivy.Query, excluded: Sequence[tantivy.Query]) -> tantivy.Query:
    if not excluded:
        return query
    clauses = [(tantivy.Occur.Must, query)]
    clauses += [(tantivy.Occur.MustNot, q) for q in excluded]
    return tantivy.Query.boolean_query(clauses)

"""The query language, parsed into terms every search engine understands.

Space-separated terms must all match; "a quoted phrase" matches as written (any run of
whitespace for a space); -term excludes. Any string is a valid query: nothing typed ever
reaches an engine's own syntax. Terms are normalised like article text (NFKC, case folding,
and traditional/simplified folding when on), so a term is simply a substring to find.

Bounded: a query may be as long as the user likes, but every term is honoured. A term of
more than ``CHUNK`` characters is looked up as consecutive chunks and each candidate is then
checked against the whole term; a query of more than ``MAX_TERMS`` distinct terms or
``MAX_QUERY_CHARS`` characters is refused with :class:`QueryTooLong`, never cut short.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from reader.text import segment
from reader.text.normalize import fold_query

MAX_QUERY_CHARS = 200_000
MAX_TERMS = 4096
CHUNK = 48  # characters per phrase looked up in the index
# Past this many terms (pasted text) the index is asked for the most selective few, and each
# candidate is checked against every term.
ENGINE_TERMS = 16
# jieba (and its HMM) runs only on queries of a few short terms: longer ones are pasted
# text, where the fallback to words apart would only dilute the answer.
MAX_SEGMENTED_TERM = 24
MAX_SEGMENTED_TERMS = 4

_WORD = re.compile(r"[^\W_]")
_WHITESPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_QUERY_PIECE = re.compile(r'(-?)"([^"]*)("?)|(\S+)')
_PINYIN_TERM = re.compile(r"[a-z]{2,}")


class QueryTooLong(ValueError):
    """A query with more terms or characters than search honours; the message says which."""


@dataclass(frozen=True)
class Term:
    """One query term, normalised. ``words``: its jieba words, when it may match apart."""

    text: str
    quoted: bool
    words: tuple[str, ...] = ()

    @functools.cached_property
    def pattern(self) -> re.Pattern[str]:
        """Where the term occurs in normalised text (a space matches any whitespace run)."""
        return re.compile(r"\s+".join(re.escape(part) for part in self.text.split(" ")))

    def found_in(self, normalised: str) -> bool:
        if " " in self.text:
            return self.pattern.search(normalised) is not None
        return self.text in normalised

    @property
    def chunked(self) -> bool:
        return len(self.text) > CHUNK

    @property
    def pinyin(self) -> bool:
        """Plain ASCII letters: also looked up as pinyin (full or initials) of titles."""
        return not self.quoted and _PINYIN_TERM.fullmatch(self.text) is not None


@dataclass(frozen=True)
class Query:
    include: tuple[Term, ...]
    exclude: tuple[Term, ...]
    variants: bool = True

    @property
    def empty(self) -> bool:
        return not self.include or any(_SURROGATE.search(t.text) for t in self.include)

    @property
    def needs_check(self) -> bool:
        """The index proposes candidates only; each must be checked against the text."""
        return len(self.include) > ENGINE_TERMS or any(
            term.chunked for term in (*self.include, *self.exclude)
        )

    def selective(self) -> tuple[Term, ...]:
        """The terms the index is asked for when it only proposes candidates: the longest."""
        if not self.needs_check:
            return self.include
        return tuple(sorted(self.include, key=lambda t: len(t.text), reverse=True)[:ENGINE_TERMS])

    @property
    def pinyin(self) -> bool:
        return bool(self.include) and all(term.pinyin for term in self.include)

    def matches(self, normalised: str) -> bool:
        """The final check of a candidate's normalised text against the whole query."""
        if any(term.found_in(normalised) for term in self.exclude):
            return False
        return all(term.found_in(normalised) for term in self.include)


def parse_query(raw: str, *, variants: bool = True) -> Query:
    """Terms (AND), "quoted phrases", -excluded terms. Never fails on content.

    An unbalanced quote opens a phrase that runs to the end of the query. A term that cannot
    occur in any text (a lone surrogate from undecodable input) matches nothing. Raises
    :class:`QueryTooLong` past the bounds above.
    """
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryTooLong(
            f"query too long: {len(raw):,} characters (search takes up to {MAX_QUERY_CHARS:,})"
        )
    include: list[Term] = []
    exclude: list[Term] = []
    seen: set[tuple[str, bool, bool]] = set()
    folded: dict[str, str] = {}  # pasted text repeats its words
    for match in _QUERY_PIECE.finditer(raw):
        minus, phrase, _closing, bare = match.groups()
        if bare is not None:
            negative = bare.startswith("-") and len(bare) > 1
            text = bare[1:] if negative else bare
            quoted = False
        else:
            negative, text, quoted = bool(minus), phrase, True
        normalised = folded.get(text)
        if normalised is None:
            normalised = _WHITESPACE.sub(" ", fold_query(text, variants=variants)).strip()
            folded[text] = normalised
        key = (normalised, quoted, negative)
        if not normalised or key in seen or (negative and _SURROGATE.search(normalised)):
            continue  # nothing, a repeat, or an exclusion that cannot occur anyway
        seen.add(key)
        (exclude if negative else include).append(Term(normalised, quoted))
        if len(include) + len(exclude) > MAX_TERMS:
            raise QueryTooLong(f"query has too many terms (search takes up to {MAX_TERMS:,})")
    return Query(tuple(include), tuple(exclude), variants)


def with_words(query: Query) -> Query:
    """Add jieba words to unquoted terms that jieba splits (北京科技 -> 北京, 科技)."""
    if len(query.include) > MAX_SEGMENTED_TERMS:
        return query
    terms = []
    for term in query.include:
        words: tuple[str, ...] = ()
        if not term.quoted and 1 < len(term.text) <= MAX_SEGMENTED_TERM:
            cut = [w for w in segment.cut(term.text) if _WORD.search(w)]
            if len(cut) > 1:
                words = tuple(dict.fromkeys(cut))
        terms.append(Term(term.text, term.quoted, words))
    return Query(tuple(terms), query.exclude, query.variants)


def occurrences(term: Term | str, haystack: str) -> list[tuple[int, int]]:
    """Non-overlapping [start, end) of a term (or a plain word) in normalised text."""
    if isinstance(term, Term):
        if " " in term.text:
            return [m.span() for m in term.pattern.finditer(haystack) if m.end() > m.start()]
        term = term.text
    found: list[tuple[int, int]] = []
    start = haystack.find(term)
    while start >= 0:
        found.append((start, start + len(term)))
        start = haystack.find(term, start + len(term))
    return found

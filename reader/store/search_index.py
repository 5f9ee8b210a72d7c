"""Chinese full-text search: a character-level FTS5 index, exact by construction.

Index design (measured against alternatives, see benchmarks/RESULTS-search.md): the article
text is NFKC-normalised and case-folded (reader.text.normalize), then every character becomes
one FTS5 token -- a hanzi, a letter, a digit, a punctuation mark; a run of whitespace becomes
one "ws" token. Two more columns hold every pair of neighbouring tokens. A one-character term
is one token; a longer term is the FTS5 phrase of its pairs (pairs are far more selective than
single characters, so common characters stay fast). Either way a phrase matches exactly where
the term occurs as a substring of the normalised text: one character, an unknown name like
图日林, the "ias" inside "iasp", the "025" inside "2025". No jieba is needed to find anything,
so nothing is missed because of how jieba segments.

The FTS5 table is contentless (its token streams are not stored twice); the normalised text
and its offset map live in ``search_text``, which also lets a removed or changed article's old
tokens be deleted exactly. Results are checked against the normalised text before they are
returned, and hits mapped back to code-point offsets of the original text.

User input never reaches FTS5 syntax: ASCII punctuation becomes tokens like "p2a", every
phrase is double-quoted (quotes doubled), and only AND / NOT join them. SQL uses parameters.

Ranking: contiguous matches above those found only through the term's jieba words, then a
title match, then whether the hit is a whole jieba word, then BM25 (FTS5's bm25(), title
column weighted); newest first on ties.
"""

from __future__ import annotations

import bisect
import datetime as dt
import functools
import itertools
import re
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from rich.cells import cell_len

from reader.text import segment
from reader.text.normalize import Folded, fold, fold_query
from reader.text.sanitize import visible

SNIPPET_CELLS = 80
_SNIPPET_LEAD_CELLS = 20  # context kept before the best hit
_TITLE_WEIGHT = 10.0
# Bounds that keep hostile queries cheap; results are still checked against the whole query.
_MAX_FTS_PHRASES = 16
_MAX_PHRASE_TOKENS = 64
_MAX_TERMS = 64
_ALIGNMENT_SAMPLES = 2
_RERANK_MARGIN = 5

_TIER_CONTIGUOUS = 4.0
_TITLE_BONUS = 2.0

_WORD = re.compile(r"[^\W_]")
_WHITESPACE = re.compile(r"\s+")
_SURROGATE = re.compile("[\ud800-\udfff]")
_QUERY_PIECE = re.compile(r'(-?)"([^"]*)("?)|(\S+)')

SCHEMA = (
    # Contentless: the token streams are derived data; search_text keeps what deleting needs.
    # title/body: one token per character; title2/body2: one per pair of neighbours.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, title2, body2, content = '', tokenize = 'ascii', detail = full)",
    "CREATE TABLE IF NOT EXISTS search_text ("
    " id INTEGER PRIMARY KEY,"  # = articles.id
    " title TEXT NOT NULL,"  # normalised title
    " body TEXT NOT NULL,"  # normalised article text
    " clusters TEXT"  # offset map (reader.text.normalize.Folded), NULL when the identity
    ")",
)


# --- indexing -------------------------------------------------------------------------------

# The ascii tokenizer splits on ASCII non-alphanumerics and keeps any other character in a
# token; spaces separate our one-character tokens. ASCII punctuation and controls therefore
# become alphanumeric names ("p2c" for ","), and whitespace runs a "ws" token: no multi-letter
# name can equal a one-character token.
_WS_MARK = "\ufdd0"  # a noncharacter stands in for a whitespace run between the two passes
_TOKEN_NAMES: dict[int, str] = {
    code: f"p{code:02x}" for code in range(128) if not chr(code).isalnum() and chr(code) != " "
}
_TOKEN_NAMES[ord(_WS_MARK)] = "ws"


def index_tokens(normalised: str) -> str:
    """The FTS5 token stream of normalised text: one token per character."""
    marked = _WHITESPACE.sub(_WS_MARK, normalised)
    return " ".join(marked).translate(_TOKEN_NAMES)


def pair_tokens(units: Sequence[str]) -> str:
    """Tokens for each pair of neighbouring characters ("大会 会常 常务" for 大会常务).

    A phrase of common characters makes FTS5 compare long position lists for every article
    holding them all (100+ ms for 大会常务委员会); pairs are far rarer, so multi-character
    terms are matched as phrases of pairs. Names are "p" + two hex digits or "ws", so two
    tokens glued together never read as another pair.
    """
    return " ".join(map(str.__add__, units, units[1:]))


def _streams(normalised: str) -> tuple[str, str]:
    units = index_tokens(normalised)
    return units, pair_tokens(units.split(" ")) if units else ""


def create_schema(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA:
        conn.execute(statement)


def index_article(conn: sqlite3.Connection, article_id: int, title: str, text: str) -> None:
    remove_article(conn, article_id)
    folded_title = fold_query(title)
    folded = fold(text)
    conn.execute(
        "INSERT INTO search_text (id, title, body, clusters) VALUES (?, ?, ?, ?)",
        (article_id, folded_title, folded.text, folded.clusters_json()),
    )
    title_units, title_pairs = _streams(folded_title)
    body_units, body_pairs = _streams(folded.text)
    conn.execute(
        "INSERT INTO search_fts (rowid, title, body, title2, body2) VALUES (?, ?, ?, ?, ?)",
        (article_id, title_units, body_units, title_pairs, body_pairs),
    )


def remove_article(conn: sqlite3.Connection, article_id: int) -> None:
    row = conn.execute("SELECT title, body FROM search_text WHERE id = ?", (article_id,)).fetchone()
    if row is None:
        return
    # A contentless table forgets a row only when given the very tokens it was indexed with.
    title_units, title_pairs = _streams(row[0])
    body_units, body_pairs = _streams(row[1])
    conn.execute(
        "INSERT INTO search_fts (search_fts, rowid, title, body, title2, body2)"
        " VALUES ('delete', ?, ?, ?, ?, ?)",
        (article_id, title_units, body_units, title_pairs, body_pairs),
    )
    conn.execute("DELETE FROM search_text WHERE id = ?", (article_id,))


# --- results --------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchResult:
    """One matching article. ``hits`` are code-point ``[start, end)`` ranges into its text."""

    path: str
    title: str
    date: dt.date | dt.datetime | None
    score: float
    snippet: str
    snippet_hits: list[tuple[int, int]]
    hits: list[tuple[int, int]]
    article_id: int = 0
    contiguous: bool = True  # False: found through the query's jieba words only

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date.isoformat() if self.date is not None else None,
            "score": round(self.score, 6),
            "snippet": self.snippet,
            "hits": [[start, end] for start, end in self.hits],
        }


# --- query parsing --------------------------------------------------------------------------


@dataclass(frozen=True)
class Term:
    """One query term, normalised. ``words``: its jieba words, when it may match apart."""

    text: str
    quoted: bool
    words: tuple[str, ...] = ()

    @property
    def pattern(self) -> re.Pattern[str] | None:
        """For a quoted phrase with spaces: any run of whitespace matches a space."""
        if not (self.quoted and " " in self.text):
            return None
        return re.compile(r"\s+".join(re.escape(part) for part in self.text.split(" ")))


@dataclass(frozen=True)
class Query:
    include: tuple[Term, ...]
    exclude: tuple[Term, ...]


def parse_query(raw: str) -> Query:
    """Space-separated terms (AND), "quoted phrases", -excluded terms. Never fails.

    An unbalanced quote opens a phrase that runs to the end of the query. A term that cannot
    occur in any text (a lone surrogate from undecodable input) matches nothing.
    """
    include: list[Term] = []
    exclude: list[Term] = []
    seen: set[tuple[str, bool, bool]] = set()
    for match in _QUERY_PIECE.finditer(raw):
        minus, phrase, _closing, bare = match.groups()
        if bare is not None:
            negative = bare.startswith("-") and len(bare) > 1
            text = bare[1:] if negative else bare
            quoted = False
        else:
            negative, text, quoted = bool(minus), phrase, True
        normalised = _WHITESPACE.sub(" ", fold_query(text)).strip()
        key = (normalised, quoted, negative)
        if not normalised or key in seen or (negative and _SURROGATE.search(normalised)):
            continue  # nothing, a repeat, or an exclusion that cannot occur anyway
        seen.add(key)
        (exclude if negative else include).append(Term(normalised, quoted))
        if len(include) + len(exclude) >= _MAX_TERMS:
            break
    return Query(tuple(include), tuple(exclude))


def with_words(query: Query) -> Query:
    """Add jieba words to unquoted terms that jieba splits (北京科技 -> 北京, 科技)."""
    terms = []
    for term in query.include:
        words: tuple[str, ...] = ()
        if not term.quoted and len(term.text) > 1:
            cut = [w for w in segment.cut(term.text) if _WORD.search(w)]
            if len(cut) > 1:
                words = tuple(dict.fromkeys(cut))
        terms.append(Term(term.text, term.quoted, words))
    return Query(tuple(terms), query.exclude)


def _phrase(text: str) -> tuple[str, bool]:
    """An FTS5 phrase for a term, and whether it is exact (not cut short).

    One character: its token in the character columns; more: the phrase of its pairs.
    """
    tokens = index_tokens(text).split(" ")
    if len(tokens) == 1:
        columns = "{title body}"
    else:
        columns = "{title2 body2}"
        tokens = pair_tokens(tokens).split(" ")
    exact = len(tokens) <= _MAX_PHRASE_TOKENS
    # Tokens never contain '"', but escape anyway: the expression must stay data.
    quoted = " ".join(tokens[:_MAX_PHRASE_TOKENS]).replace('"', '""')
    return f'{columns} : "{quoted}"', exact


def _fts_expression(query: Query, contiguous: bool) -> str:
    """Must match: the terms (or their jieba words); must not: exact excluded phrases.

    A phrase cut short only narrows candidates and is checked later; it is never negated,
    which could hide a real match.
    """
    wanted = [n if isinstance(n, str) else n.text for n in _needles(query, contiguous)]
    phrases = list(dict.fromkeys(_phrase(text)[0] for text in wanted))
    # Longest phrases first: the most selective, and the ones kept under the cap.
    phrases.sort(key=len, reverse=True)
    expression = "(" + " AND ".join(phrases[:_MAX_FTS_PHRASES]) + ")"
    negated = [p for p, exact in map(_phrase, (t.text for t in query.exclude)) if exact]
    if not contiguous:
        # Found contiguously means found by the first tier already.
        whole = [p for p, exact in map(_phrase, (t.text for t in query.include)) if exact]
        if len(whole) == len(query.include):
            negated.append("(" + " AND ".join(whole) + ")")
    for phrase in negated[:_MAX_FTS_PHRASES]:
        expression += " NOT " + phrase
    return expression


# --- matching -------------------------------------------------------------------------------


@dataclass
class _Article:
    article_id: int
    path: str
    title: str
    date_text: str | None
    text: str
    folded_title: str
    folded: Folded
    rank: float  # FTS5 bm25(): lower is better


def _occurrences(term: Term | str, haystack: str, most: int | None = None) -> list[tuple[int, int]]:
    """Non-overlapping [start, end) of a term in normalised text (the first ``most``)."""
    if isinstance(term, Term) and term.pattern is not None:
        spans = (m.span() for m in term.pattern.finditer(haystack) if m.end() > m.start())
        return list(itertools.islice(spans, most))
    needle = term.text if isinstance(term, Term) else term
    found: list[tuple[int, int]] = []
    start = haystack.find(needle)
    while start >= 0 and (most is None or len(found) < most):
        found.append((start, start + len(needle)))
        start = haystack.find(needle, start + len(needle))
    return found


def _contains(term: Term | str, haystack: str) -> bool:
    if isinstance(term, str):
        return term in haystack
    if term.pattern is not None:
        return term.pattern.search(haystack) is not None
    return term.text in haystack


def _needles(query: Query, contiguous: bool) -> list[Term | str]:
    """What must occur: the terms, or (fallback tier) each term's jieba words."""
    needles: list[Term | str] = []
    for term in query.include:
        if contiguous or not term.words:
            needles.append(term)
        else:
            needles.extend(term.words)
    return needles


def _matches(query: Query, haystack: str, contiguous: bool) -> bool:
    """The final check of a candidate against the whole query."""
    if any(_contains(term, haystack) for term in query.exclude):
        return False
    all_terms = all(_contains(term, haystack) for term in query.include)
    if contiguous:
        return all_terms
    # Fallback tier: found as separate words, and not contiguously (the first tier has those).
    return not all_terms and all(_contains(n, haystack) for n in _needles(query, False))


# --- search ---------------------------------------------------------------------------------

# Ranking selects ids only: sorting rows that carry the article text would make SQLite's
# sorter move every match's text (hundreds of MB for a common character).
_SELECT_RANKED = (
    "SELECT rowid, bm25(search_fts, ?, 1.0, ?, 1.0) AS rank FROM search_fts "
    "WHERE search_fts MATCH ? ORDER BY rank LIMIT ? OFFSET ?"
)
_SELECT_ARTICLES = (
    "SELECT a.id, a.path, a.title, a.date, a.text, s.title, s.body, s.clusters "
    "FROM articles AS a JOIN search_text AS s ON s.id = a.id WHERE a.id IN ({})"
)


def search(
    conn: sqlite3.Connection,
    query: str,
    limit: int | None = 20,
    *,
    use_jieba: bool | None = True,
) -> list[SearchResult]:
    """Articles matching ``query``, best first. ``limit=None``: every match.

    ``use_jieba``: True loads jieba if needed (about a second, once); None uses it only if
    already loaded; False never. Without it results are just as complete, but the fallback
    to a term's jieba words and the whole-word ranking are skipped.
    """
    if limit is not None and limit <= 0:
        return []
    parsed = parse_query(query)
    if not parsed.include or any(_SURROGATE.search(t.text) for t in parsed.include):
        return []
    if use_jieba is None:
        use_jieba = segment.is_loaded()
    if use_jieba:
        parsed = with_words(parsed)
    results = _search_tier(conn, parsed, limit, contiguous=True, use_jieba=use_jieba)
    if any(t.words for t in parsed.include) and (limit is None or len(results) < limit):
        rest = None if limit is None else limit - len(results)
        results += _search_tier(conn, parsed, rest, contiguous=False, use_jieba=use_jieba)
    return results


def _search_tier(
    conn: sqlite3.Connection, query: Query, limit: int | None, *, contiguous: bool, use_jieba: bool
) -> list[SearchResult]:
    needles = _needles(query, contiguous)
    expression = _fts_expression(query, contiguous)
    # Re-rank a few more candidates than asked for: title and whole-word bonuses can lift an
    # article a little below the BM25 cut.
    batch = limit + _RERANK_MARGIN if limit is not None else 2000
    found: list[_Article] = []
    try:
        for articles in _candidates(conn, expression, batch):
            found.extend(a for a in articles if _matches(query, a.folded.text, contiguous))
            if limit is not None and len(found) >= limit:
                break
    except sqlite3.OperationalError as error:
        # Expressions are built from quoted tokens only, so FTS5 should never reject one;
        # if it ever does, the query finds what it found so far instead of failing.
        if not str(error).startswith("fts5"):
            raise
    scored = [(_score(a, needles, contiguous, use_jieba), a) for a in found]
    # Best first; on a tie the newest (ISO text sorts by time; no date last), then by path.
    # Python's sort is stable, so sort by the least significant key first.
    scored.sort(key=lambda pair: pair[1].path)
    scored.sort(key=lambda pair: pair[1].date_text or "", reverse=True)
    scored.sort(key=lambda pair: pair[0], reverse=True)
    if limit is not None:
        scored = scored[:limit]
    return [_result(article, score, needles, contiguous) for score, article in scored]


def _candidates(conn: sqlite3.Connection, expression: str, batch: int) -> Iterator[list[_Article]]:
    """Matching articles in BM25 order, in growing batches."""
    offset = 0
    while True:
        ranked = conn.execute(
            _SELECT_RANKED, (_TITLE_WEIGHT, _TITLE_WEIGHT, expression, batch, offset)
        ).fetchall()
        if not ranked:
            return
        yield _load(conn, ranked)
        if len(ranked) < batch:
            return
        offset += len(ranked)
        batch *= 2  # when the final check rejects many (cut-short phrases), scale up quickly


def _load(conn: sqlite3.Connection, ranked: list[tuple[int, float]]) -> list[_Article]:
    rows: dict[int, tuple[int, str, str, str | None, str, str, str, str | None]] = {}
    ids = [article_id for article_id, _rank in ranked]
    for first in range(0, len(ids), 500):  # stay under SQLite's parameter limit
        chunk = ids[first : first + 500]
        sql = _SELECT_ARTICLES.format(", ".join("?" * len(chunk)))
        rows.update((row[0], row) for row in conn.execute(sql, chunk))
    articles = []
    for article_id, rank in ranked:
        row = rows.get(article_id)
        if row is not None:
            _id, path, title, date, text, folded_title, body, clusters = row
            folded = Folded.from_json(body, clusters)
            articles.append(_Article(_id, path, title, date, text, folded_title, folded, rank))
    return articles


def _score(
    article: _Article, needles: Sequence[Term | str], contiguous: bool, use_jieba: bool
) -> float:
    text = article.folded.text
    in_title = all(_contains(n, article.folded_title) for n in needles)
    if use_jieba and contiguous:
        # (Fallback-tier hits are jieba words already: nothing to learn from segmenting them.)
        first_hits = [_occurrences(n, text, _ALIGNMENT_SAMPLES) for n in needles]
        alignment = _alignment(text, first_hits)
    else:
        alignment = 0.0
    relevance = max(0.0, -article.rank)
    return (
        (_TIER_CONTIGUOUS if contiguous else 0.0)
        + (_TITLE_BONUS if in_title else 0.0)
        + alignment
        + relevance / (1.0 + relevance)
    )


def _result(
    article: _Article, score: float, needles: Sequence[Term | str], contiguous: bool
) -> SearchResult:
    folded = article.folded
    normalised_hits = sorted({hit for n in needles for hit in _occurrences(n, folded.text)})
    hits = [folded.to_original(start, end) for start, end in normalised_hits]
    snippet, snippet_hits = make_snippet(article.text, hits)
    return SearchResult(
        path=article.path,
        title=article.title,
        date=parse_date(article.date_text),
        score=score,
        snippet=snippet,
        snippet_hits=snippet_hits,
        hits=hits,
        article_id=article.article_id,
        contiguous=contiguous,
    )


def _alignment(text: str, per_needle: Sequence[Sequence[tuple[int, int]]]) -> float:
    """1.0 if a term's hit is a whole jieba word (or words), 0.5 inside one word, 0 across words.

    Averaged over the terms; each term counts by its best of its first hits. jieba runs on
    a small window of the normalised text around each hit, which segments like the whole.
    """
    if not per_needle:
        return 0.0
    total = 0.0
    for hits in per_needle:
        best = 0.0
        for start, end in hits:
            best = max(best, _hit_alignment(text, start, end))
            if best == 1.0:
                break
        total += best
    return total / len(per_needle)


def _hit_alignment(text: str, start: int, end: int) -> float:
    left = max(0, start - 6)
    window = text[left : min(len(text), end + 6)]
    bounds: set[int] = set()
    inside = False
    # Dictionary words only (no HMM): several times faster, and an unknown name then splits
    # into characters, whose boundaries still line up with a hit on the whole name.
    for _word, w_start, w_end in segment.tokenizer().tokenize(window, HMM=False):
        bounds.update((w_start + left, w_end + left))
        if w_start + left <= start and end <= w_end + left:
            inside = True
    if start in bounds and end in bounds:
        return 1.0
    return 0.5 if inside else 0.0


def parse_date(text: str | None) -> dt.date | dt.datetime | None:
    """The store's ISO 8601 text: date-only gives a date, anything longer a datetime."""
    if not text:
        return None
    try:
        if len(text) == 10:
            return dt.date.fromisoformat(text)
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None


# --- snippets -------------------------------------------------------------------------------


def make_snippet(
    text: str, hits: Sequence[tuple[int, int]], cells: int = SNIPPET_CELLS
) -> tuple[str, list[tuple[int, int]]]:
    """At most ``cells`` terminal cells of ``text`` around the best hit, and the hits in it.

    The best hit is the one with the most other hits close after it; some context of its
    line comes first. Newlines and tabs become spaces, control characters visible symbols;
    both keep offsets 1:1. Leading and trailing "…" mark a cut.
    """
    if not text:
        return "", []
    anchor = _best_hit(hits)
    begin = anchor[0] if anchor else 0
    # Context before the hit: as many characters as fit the lead cells, on the hit's line.
    line_start = text.rfind("\n", 0, begin) + 1
    before = _shown(text[max(line_start, begin - _SNIPPET_LEAD_CELLS) : begin])
    lead_widths = list(itertools.accumulate(map(_width, reversed(before))))
    start = begin - bisect.bisect_right(lead_widths, _SNIPPET_LEAD_CELLS)
    lead = "…" if start > 0 else ""
    budget = cells - len(lead)
    # Two characters per cell is more than enough (only zero-width characters are narrower).
    shown = _shown(text[start : start + 2 * cells])
    widths = list(itertools.accumulate(map(_width, shown)))
    count = bisect.bisect_right(widths, budget)
    if start + count < len(text):
        count = bisect.bisect_right(widths, budget - 1)  # room for the trailing "…"
    end = start + count
    snippet = lead + shown[:count] + ("…" if end < len(text) else "")
    shift = len(lead) - start
    snippet_hits = [
        (max(s, start) + shift, min(e, end) + shift) for s, e in hits if s < end and e > start
    ]
    return snippet, snippet_hits


_LINE_BREAKS_TO_SPACES = str.maketrans("\n\t\r", "   ")


def _shown(text: str) -> str:
    return visible(text.translate(_LINE_BREAKS_TO_SPACES))


@functools.lru_cache(maxsize=16384)
def _width(char: str) -> int:
    return cell_len(char)


def _best_hit(hits: Sequence[tuple[int, int]]) -> tuple[int, int] | None:
    if not hits:
        return None
    best, best_count = hits[0], 0
    following = 0
    for index, (start, _end) in enumerate(hits[:500]):
        following = max(following, index)
        while following + 1 < len(hits) and hits[following + 1][0] < start + 40:
            following += 1
        count = following - index
        if count > best_count:
            best, best_count = hits[index], count
    return best

"""Chinese full-text search: a character-level FTS5 index, verified and ranked in Python.

Index design (measured against a word-level index with prefix/infix tricks, see
benchmarks/RESULTS-search.md): every letter, digit and CJK character of the NFKC+case-folded
text is its own FTS5 token. Any query then becomes an FTS5 phrase of its characters, so every
substring -- one character, an unknown name like 图日林, the "ias" inside "iasp", the "025"
inside "2025" -- has candidates, with no jieba involved. Punctuation is not indexed, so a
phrase can match across it ("a-b" for "ab"): FTS5 only proposes candidates, and each is
verified against its normalised text before it becomes a result.

User input never reaches FTS5 syntax: an expression is built only from word characters, each
phrase wrapped in double quotes, joined by AND. SQL always uses parameters.

Ranking: tier (contiguous above the jieba-words fallback), then a title match, then whether
the best hit is a whole jieba word, then BM25 (FTS5's bm25(), title column weighted); newest
first on ties. jieba is used for the fallback and the word test only, never for recall.
"""

from __future__ import annotations

import datetime as dt
import functools
import math
import re
import sqlite3
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from rich.cells import cell_len

from reader.text import segment
from reader.text.normalize import Folded, fold, fold_query
from reader.text.sanitize import visible

SNIPPET_CELLS = 80
_SNIPPET_LEAD_CELLS = 20  # context kept before the best hit
_TITLE_WEIGHT = 10.0
# Bounds that keep hostile queries cheap; verification still checks the whole query.
_MAX_FTS_TERMS = 16
_MAX_PHRASE_TOKENS = 48
_MAX_TERMS = 64
_ALIGNMENT_SAMPLES = 3

_TIER_CONTIGUOUS = 4.0
_TITLE_BONUS = 2.0

_NOT_INDEXED = re.compile(r"[\W_]+")
_WHITESPACE = re.compile(r"\s+")
_QUERY_PIECE = re.compile(r'(-?)"([^"]*)("?)|(\S+)')

SCHEMA = (
    # Regular (not contentless) FTS5: SQLite 3.40 cannot delete from a contentless table
    # without the old token stream, and the store re-indexes after the row has changed.
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_fts USING fts5("
    "title, body, tokenize = 'ascii', detail = full)",
)


# --- indexing -------------------------------------------------------------------------------


def create_schema(conn: sqlite3.Connection) -> None:
    for statement in SCHEMA:
        conn.execute(statement)


def index_tokens(normalised: str) -> str:
    """The FTS5 token stream: the text's word characters, one per token."""
    return " ".join(_NOT_INDEXED.sub("", normalised))


def index_article(conn: sqlite3.Connection, article_id: int, title: str, text: str) -> None:
    remove_article(conn, article_id)
    conn.execute(
        "INSERT INTO search_fts (rowid, title, body) VALUES (?, ?, ?)",
        (article_id, index_tokens(fold_query(title)), index_tokens(fold_query(text))),
    )


def remove_article(conn: sqlite3.Connection, article_id: int) -> None:
    conn.execute("DELETE FROM search_fts WHERE rowid = ?", (article_id,))


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
        if not (self.quoted and _WHITESPACE.search(self.text)):
            return None
        return re.compile(r"\s+".join(re.escape(part) for part in self.text.split()))


@dataclass(frozen=True)
class Query:
    include: tuple[Term, ...]
    exclude: tuple[Term, ...]


def parse_query(raw: str) -> Query:
    """Space-separated terms (AND), "quoted phrases", -excluded terms. Never fails.

    An unbalanced quote opens a phrase that runs to the end of the query.
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
        normalised = fold_query(text).strip()
        if quoted:
            normalised = _WHITESPACE.sub(" ", normalised)
        key = (normalised, quoted, negative)
        if not normalised or key in seen:
            continue
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
            cut = [w for w in segment.cut(term.text) if _NOT_INDEXED.sub("", w)]
            if len(cut) > 1:
                words = tuple(dict.fromkeys(cut))
        terms.append(Term(term.text, term.quoted, words))
    return Query(tuple(terms), query.exclude)


def _phrase(text: str) -> str | None:
    chars = _NOT_INDEXED.sub("", text)[:_MAX_PHRASE_TOKENS]
    if not chars:
        return None
    # Word characters never contain '"', but escape anyway: the expression must stay data.
    return '"' + " ".join(chars).replace('"', '""') + '"'


def _fts_expression(texts: Iterable[str]) -> str | None:
    phrases = list(dict.fromkeys(p for p in map(_phrase, texts) if p is not None))
    # Longest phrases first: they are the most selective, and the ones kept under the cap.
    phrases.sort(key=len, reverse=True)
    return " AND ".join(phrases[:_MAX_FTS_TERMS]) or None


# --- matching -------------------------------------------------------------------------------


@dataclass
class _Article:
    article_id: int
    path: str
    title: str
    date_text: str | None
    text: str
    rank: float | None  # FTS5 bm25(), lower is better; None without an FTS5 expression
    _folded: Folded | None = field(default=None, repr=False)

    @property
    def folded(self) -> Folded:
        if self._folded is None:
            self._folded = _fold_article(self.text)
        return self._folded


@functools.lru_cache(maxsize=1024)
def _fold_article(text: str) -> Folded:
    # Successive queries (typing in the search bar) verify mostly the same top articles.
    return fold(text)


def _occurrences(term: Term | str, haystack: str) -> list[tuple[int, int]]:
    """Non-overlapping [start, end) of a term in normalised text."""
    if isinstance(term, Term) and term.pattern is not None:
        return [m.span() for m in term.pattern.finditer(haystack) if m.end() > m.start()]
    needle = term.text if isinstance(term, Term) else term
    found = []
    start = haystack.find(needle)
    while start >= 0:
        found.append((start, start + len(needle)))
        start = haystack.find(needle, start + len(needle))
    return found


def _contains(term: Term, haystack: str) -> bool:
    if term.pattern is not None:
        return term.pattern.search(haystack) is not None
    return term.text in haystack


def _excluded(query: Query, haystack: str) -> bool:
    return any(_contains(term, haystack) for term in query.exclude)


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
    if _excluded(query, haystack):
        return False
    if contiguous:
        return all(_contains(term, haystack) for term in query.include)
    # Fallback tier: some term is found only as its separate words.
    if all(_contains(term, haystack) for term in query.include):
        return False  # a contiguous match; the first tier has it
    return all(
        (n in haystack) if isinstance(n, str) else _contains(n, haystack)
        for n in _needles(query, contiguous=False)
    )


# --- search ---------------------------------------------------------------------------------


_SELECT_RANKED = (
    "SELECT a.id, a.path, a.title, a.date, a.text, bm25(search_fts, ?, 1.0) AS rank "
    "FROM search_fts JOIN articles AS a ON a.id = search_fts.rowid "
    "WHERE search_fts MATCH ? ORDER BY rank, a.date DESC, a.path LIMIT ? OFFSET ?"
)
_SELECT_ALL = (
    "SELECT id, path, title, date, text, NULL FROM articles "
    "ORDER BY date DESC, path LIMIT ? OFFSET ?"
)


def _candidates(
    conn: sqlite3.Connection, expression: str | None, batch: int
) -> Iterator[list[_Article]]:
    """Articles in BM25 order (all articles, newest first, without an expression), in batches."""
    offset = 0
    while True:
        if expression is None:
            rows = conn.execute(_SELECT_ALL, (batch, offset)).fetchall()
        else:
            rows = conn.execute(
                _SELECT_RANKED, (_TITLE_WEIGHT, expression, batch, offset)
            ).fetchall()
        if not rows:
            return
        yield [_Article(*row) for row in rows]
        if len(rows) < batch:
            return
        offset += len(rows)
        batch *= 2  # a query that rejects many candidates (e.g. -term) scales up quickly


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
    if not parsed.include:
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
    expression = _fts_expression(n if isinstance(n, str) else n.text for n in needles)
    # Re-rank a few more candidates than asked for: title and whole-word bonuses can lift an
    # article a little below the BM25 cut.
    batch = max(2 * limit, 40) if limit is not None else 1000
    try:
        found = _collect(conn, query, expression, batch, limit, contiguous)
    except sqlite3.OperationalError as error:
        if "fts5" not in str(error):
            raise
        # Should not happen (expressions are built from word characters only), but a query
        # must never fail: fall back to verifying every article.
        found = _collect(conn, query, None, batch, limit, contiguous)
    scored = [(_result(a, query, needles, contiguous, use_jieba), a.date_text) for a in found]
    # Best first; on a tie the newest (ISO text sorts by time; no date last), then by path.
    # Python's sort is stable, so sort by the least significant key first.
    scored.sort(key=lambda pair: pair[0].path)
    scored.sort(key=lambda pair: pair[1] or "", reverse=True)
    scored.sort(key=lambda pair: pair[0].score, reverse=True)
    results = [result for result, _date in scored]
    return results if limit is None else results[:limit]


def _collect(
    conn: sqlite3.Connection,
    query: Query,
    expression: str | None,
    batch: int,
    limit: int | None,
    contiguous: bool,
) -> list[_Article]:
    found: list[_Article] = []
    for articles in _candidates(conn, expression, batch):
        found.extend(a for a in articles if _matches(query, a.folded.text, contiguous))
        # The first batch (twice the limit) is always verified whole, for re-ranking.
        if limit is not None and len(found) >= limit:
            break
    return found


def _result(
    article: _Article,
    query: Query,
    needles: Sequence[Term | str],
    contiguous: bool,
    use_jieba: bool,
) -> SearchResult:
    folded = article.folded
    per_needle = [_occurrences(n, folded.text) for n in needles]
    normalised_hits = sorted({hit for hits in per_needle for hit in hits})
    hits = [folded.to_original(start, end) for start, end in normalised_hits]

    title = fold_query(article.title)
    in_title = all((n in title) if isinstance(n, str) else _contains(n, title) for n in needles)
    alignment = _alignment(article.text, folded, per_needle) if use_jieba else 0.0
    if article.rank is None:
        relevance = _plain_relevance(per_needle, folded.text)
    else:
        relevance = max(0.0, -article.rank)
    score = (
        (_TIER_CONTIGUOUS if contiguous else 0.0)
        + (_TITLE_BONUS if in_title else 0.0)
        + alignment
        + relevance / (1.0 + relevance)
    )
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


def _plain_relevance(per_needle: Sequence[Sequence[tuple[int, int]]], text: str) -> float:
    # Without FTS5 (queries of punctuation only): term frequency, damped by length, BM25-like.
    length_norm = 1.0 + len(text) / 2000.0
    return sum(math.log1p(len(hits) / length_norm) for hits in per_needle)


def _alignment(text: str, folded: Folded, per_needle: Sequence[Sequence[tuple[int, int]]]) -> float:
    """1.0 if a term's hit is a whole jieba word (or words), 0.5 inside one word, 0 across words.

    Averaged over the terms; each term counts by its best of a few hits. jieba runs on a small
    window around each hit only, which segments like the full text in practice.
    """
    if not per_needle:
        return 0.0
    total = 0.0
    for hits in per_needle:
        best = 0.0
        for start, end in hits[:_ALIGNMENT_SAMPLES]:
            best = max(best, _hit_alignment(text, *folded.to_original(start, end)))
            if best == 1.0:
                break
        total += best
    return total / len(per_needle)


def _hit_alignment(text: str, start: int, end: int) -> float:
    left = max(0, start - 8)
    window = text[left : min(len(text), end + 8)]
    bounds: set[int] = set()
    inside = False
    for _word, w_start, w_end in segment.tokenize(window):
        w_start += left
        w_end += left
        bounds.update((w_start, w_end))
        if w_start <= start and end <= w_end:
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

    The best hit is the one with the most other hits close after it. Newlines and tabs
    become spaces, control characters visible symbols; both keep offsets 1:1.
    """
    if not text:
        return "", []
    anchor = _best_hit(hits)
    # Walk left from the hit for some context, then right until the cells are used up.
    start = anchor[0] if anchor else 0
    budget = _SNIPPET_LEAD_CELLS
    while start > 0 and text[start - 1] != "\n":
        width = cell_len(_display(text[start - 1]))
        if width > budget:
            break
        budget -= width
        start -= 1
    lead = "…" if start > 0 else ""
    used = cell_len(lead)
    end = start
    while end < len(text):
        width = cell_len(_display(text[end]))
        # Keep one cell for a trailing ellipsis unless this is the last character.
        reserve = 1 if end + 1 < len(text) else 0
        if used + width + reserve > cells:
            break
        used += width
        end += 1
    tail = "…" if end < len(text) else ""
    body = "".join(map(_display, text[start:end]))
    snippet = lead + body + tail
    shift = len(lead) - start
    snippet_hits = [
        (max(s, start) + shift, min(e, end) + shift) for s, e in hits if s < end and e > start
    ]
    return snippet, snippet_hits


def _display(char: str) -> str:
    return " " if char in "\n\t\r" else visible(char)


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

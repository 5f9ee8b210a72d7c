"""Full-text search: the interface the store and the app use, whatever engine answers.

Design (measured, see benchmarks/RESULTS-search.md): every character of the normalised text
(NFKC, case folding, traditional/simplified folding) is one token with its position, and a
term is the phrase of its characters, so any substring finds its article — an unknown name
like 图日林, the "ias" inside "iasp", the "025" inside "2025" — whatever jieba thinks.
reader.store.index_stream defines the token stream; reader.store.tantivy_index is the
engine. An engine is derived data: the SQLite store is the truth, and an engine that is
missing, broken or out of step is rebuilt from it.

What an engine must do is small (reader.store.search_engine): keep in step with the store
(``ensure``), take changes from a sync (``updater``), and answer a parsed :class:`Query` with
article ids in tier order and a total (``search``; ``candidates`` for queries whose hits need
checking). Everything else — parsing, exact hits, ranking ties, snippets — is here, shared.
A distributed engine (docs/distributed-search.md) is one more module with those methods.

Tiers, best first: hits in prose; hits only inside web addresses; (with jieba) a term's
words found apart (北京科技 → 北京 … 科技); pinyin of titles and entity names (ydyl). Within a
tier: BM25 with title matches boosted, a whole-jieba-word bonus on the first page when
jieba is loaded, then newest first.
"""

from __future__ import annotations

import datetime as dt
import functools
import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from reader.store import pinyin_names
from reader.store.index_stream import url_spans
from reader.store.search_engine import (
    APART,
    LINK,
    PINYIN,
    PROSE,
    EngineHit,
    IndexDamaged,
    SearchEngine,
    Updater,
    create_store_tables,
    text_checksum,
)
from reader.store.search_query import (
    Query,
    QueryTooLong,
    Term,
    occurrences,
    parse_query,
    with_words,
)
from reader.store.snippets import SNIPPET_CELLS, make_snippet
from reader.store.tantivy_index import TantivyIndex
from reader.text import segment
from reader.text.normalize import fold, original_pattern

__all__ = [
    "SNIPPET_CELLS",
    "QueryTooLong",
    "SearchEngine",
    "SearchPage",
    "SearchResult",
    "TantivyIndex",
    "Updater",
    "create_schema",
    "make_snippet",
    "parse_date",
    "parse_query",
    "search",
]

MATCH_NAMES = {PROSE: "text", LINK: "link", APART: "words apart", PINYIN: "pinyin"}
_CHECK_BATCH = 200
_ALIGNMENT_WINDOW = 10  # the first page's top results get the whole-word bonus


def create_schema(conn: sqlite3.Connection) -> None:
    """The store's side of search (called inside the store's schema transaction)."""
    create_store_tables(conn)
    pinyin_names.create_tables(conn)


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
    tier: int = PROSE

    @property
    def contiguous(self) -> bool:
        """False: found through the query's jieba words only."""
        return self.tier != APART

    @property
    def in_link(self) -> bool:
        return self.tier == LINK

    @property
    def match(self) -> str:
        return MATCH_NAMES[self.tier]

    def to_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "title": self.title,
            "date": self.date.isoformat() if self.date is not None else None,
            "score": round(self.score, 6),
            "match": self.match,
            "snippet": self.snippet,
            "hits": [[start, end] for start, end in self.hits],
        }


class SearchPage(list[SearchResult]):
    """Results ``[offset, offset + len)`` of ``total`` matches: a list, with the count."""

    def __init__(
        self, results: Sequence[SearchResult] = (), *, total: int = 0, offset: int = 0
    ) -> None:
        super().__init__(results)
        self.total = total
        self.offset = offset

    @property
    def more(self) -> bool:
        return self.offset + len(self) < self.total


def search(
    conn: sqlite3.Connection,
    engine: SearchEngine,
    query: str,
    limit: int | None = 20,
    offset: int = 0,
    *,
    use_jieba: bool | None = True,
) -> SearchPage:
    """Articles matching ``query``, best first: ``limit`` of them from ``offset`` (None: all).

    ``use_jieba``: True loads jieba if needed; None uses it only if already loaded; False
    never. Without it results are just as complete, but the fallback to a term's jieba words
    and the whole-word ranking are skipped. Raises :class:`QueryTooLong` for a query past the
    bounds of reader.store.search_query; any other text is a valid query.
    """
    parsed = parse_query(query, variants=engine.variants)
    if parsed.empty or (limit is not None and limit <= 0):
        return SearchPage(total=0, offset=offset)
    if use_jieba is None:
        use_jieba = segment.is_loaded()
    if use_jieba:
        parsed = with_words(parsed)
    try:
        return _search(conn, engine, parsed, limit, offset, use_jieba)
    except IndexDamaged:
        # Broken while answering (files replaced or damaged under us): rebuild, ask again.
        engine.invalidate()
        return _search(conn, engine, parsed, limit, offset, use_jieba)


def _search(
    conn: sqlite3.Connection,
    engine: SearchEngine,
    parsed: Query,
    limit: int | None,
    offset: int,
    use_jieba: bool,
) -> SearchPage:
    engine.ensure(conn)
    wanted = limit if limit is not None else 1 << 31
    if parsed.needs_check:
        hits, total = _checked(conn, engine, parsed, wanted, offset, use_jieba)
    else:
        page, _ = engine.search(parsed, wanted, offset, apart=use_jieba)
        hits, total = page.hits, page.total
    if parsed.pinyin and len(parsed.include) <= pinyin_names.MAX_TERMS:
        spelled = _pinyin_hits(conn, engine, parsed)
        start = max(0, offset - total)
        hits = hits + spelled[start : start + wanted - len(hits)]
        total += len(spelled)
    rows = _rows(conn, [hit.article_id for hit in hits])
    results = []
    for rank, hit in enumerate(hits):
        row = rows.get(hit.article_id)
        if row is None:
            continue  # removed by a sync that is still between its two commits
        align = use_jieba and offset == 0 and rank < _ALIGNMENT_WINDOW
        result = _result(parsed, hit, row, align)
        if result is not None:
            results.append(result)
    return SearchPage(_ordered(results), total=total, offset=offset)


def _pinyin_hits(conn: sqlite3.Connection, engine: SearchEngine, query: Query) -> list[EngineHit]:
    """Articles found only by pinyin (title, then entity names), newest first."""
    pinyin_names.update(conn)
    found = pinyin_names.lookup(conn, query.include)
    ids = list(found)
    ids_taken = engine.matching(query.include, ids) | engine.matching(query.exclude, ids)
    order = {
        article_id: (date or "", path)
        for article_id, date, path in _select(conn, "id, date, path", ids)
    }
    kept = [i for i in ids if i not in ids_taken and i in order]
    kept.sort(key=lambda i: order[i][1])
    kept.sort(key=lambda i: order[i][0], reverse=True)
    return [EngineHit(i, 0.0, PINYIN, found[i]) for i in kept]


def _select(conn: sqlite3.Connection, columns: str, ids: Sequence[int]) -> list[tuple[Any, ...]]:
    rows: list[tuple[Any, ...]] = []
    for first in range(0, len(ids), 500):  # stay under SQLite's parameter limit
        chunk = list(ids[first : first + 500])
        marks = ", ".join("?" * len(chunk))
        sql = f"SELECT {columns} FROM articles WHERE id IN ({marks})"
        rows.extend(conn.execute(sql, chunk))
    return rows


def _checked(
    conn: sqlite3.Connection,
    engine: SearchEngine,
    query: Query,
    limit: int,
    offset: int,
    use_jieba: bool,
) -> tuple[list[EngineHit], int]:
    """Every candidate checked against its text: the exact total, then the page asked for."""
    kept: list[EngineHit] = []
    batch: list[EngineHit] = []

    def check() -> None:
        texts = _texts(conn, [hit.article_id for hit in batch])
        for hit in batch:
            text = texts.get(hit.article_id)
            if text is None:
                continue
            normalised = fold(text, variants=query.variants).text
            if query.matches(normalised):
                kept.append(EngineHit(hit.article_id, hit.score, _tier(query, normalised)))
        batch.clear()

    for hit in engine.candidates(query, apart=False):
        batch.append(hit)
        if len(batch) >= _CHECK_BATCH:
            check()
    check()
    kept.sort(key=lambda hit: hit.tier)  # (stable: the engine's order within a tier)
    return kept[offset : offset + limit], len(kept)


def _tier(query: Query, normalised: str) -> int:
    """PROSE when every term occurs somewhere outside a web address, else LINK (as the
    engine tells them apart, for a candidate checked here)."""
    spans = url_spans(normalised)
    if not spans:
        return PROSE
    for term in query.include:
        if all(
            any(a <= start and end <= b for a, b in spans)
            for start, end in occurrences(term, normalised)
        ):
            return LINK
    return PROSE


# --- results --------------------------------------------------------------------------------

_Row = tuple[str, str, str | None, str]


def _rows(conn: sqlite3.Connection, ids: list[int]) -> dict[int, _Row]:
    return {
        article_id: (path, title, date, text)
        for article_id, path, title, date, text in _select(conn, "id, path, title, date, text", ids)
    }


def _texts(conn: sqlite3.Connection, ids: list[int]) -> dict[int, str]:
    return {article_id: row[3] for article_id, row in _rows(conn, ids).items()}


def _result(query: Query, hit: EngineHit, row: _Row, align: bool) -> SearchResult | None:
    path, title, date, text = row
    needles: list[Term | str] = []
    for term in query.include:
        needles.extend(term.words if hit.tier == APART and term.words else [term])
    if hit.tier == PINYIN:
        needles = [fold(name, variants=query.variants).text for name in hit.names]
    if hit.checksum and hit.checksum == text_checksum(text):
        # The text folds one for one (as when it was indexed): find the hits in it directly.
        hits = sorted({span for needle in needles for span in _in_original(needle, text, query)})
        spans = hits
        window = functools.partial(_folded_window, text, query.variants)
    else:
        folded = fold(text, variants=query.variants)
        spans = sorted({span for needle in needles for span in occurrences(needle, folded.text)})
        hits = [folded.to_original(start, end) for start, end in spans]
        window = functools.partial(_slice, folded.text)
    if not spans and hit.tier != PINYIN and not _in_title(needles, title, query):
        return None  # the text changed under a sync that has not committed its index yet
    relevance = max(0.0, hit.score)
    # Tiers two apart: relevance (< 1) and the word bonus (≤ 0.5) never cross a tier.
    score = 2.0 * (3 - hit.tier) + relevance / (1.0 + relevance)
    if align and hit.tier == PROSE and spans:
        score += 0.5 * _hit_alignment(window, *spans[0])
    snippet, snippet_hits = make_snippet(text, hits, in_link=hit.tier == LINK)
    return SearchResult(
        path=path,
        title=title,
        date=parse_date(date),
        score=score,
        snippet=snippet,
        snippet_hits=snippet_hits,
        hits=hits,
        article_id=hit.article_id,
        tier=hit.tier,
    )


def _in_title(needles: Sequence[Term | str], title: str, query: Query) -> bool:
    """A title the text does not hold is searched with it (tantivy_index._document): a
    match there alone is a result, with no hits in the text."""
    folded = fold(title, variants=query.variants).text
    return all(occurrences(needle, folded) for needle in needles)


def _in_original(needle: Term | str, text: str, query: Query) -> list[tuple[int, int]]:
    """The needle's occurrences in a text that folds one for one (see occurrences)."""
    if isinstance(needle, Term):
        pattern = original_pattern(needle.text, variants=query.variants)
    else:
        pattern = original_pattern(needle, variants=query.variants, runs=False)
    return [match.span() for match in pattern.finditer(text) if match.end() > match.start()]


def _slice(text: str, start: int, end: int) -> str:
    return text[start:end]


def _folded_window(text: str, variants: bool, start: int, end: int) -> str:
    return fold(text[start:end], variants=variants).text


def _ordered(results: list[SearchResult]) -> list[SearchResult]:
    """Best first; on a tie the newest (no date last), then by path."""
    results.sort(key=lambda r: r.path)
    results.sort(key=lambda r: _date_key(r.date), reverse=True)
    results.sort(key=lambda r: round(r.score, 9), reverse=True)
    return results


def _date_key(date: dt.date | dt.datetime | None) -> str:
    return "" if date is None else date.isoformat()


def _hit_alignment(window: Callable[[int, int], str], start: int, end: int) -> float:
    """1.0 if the hit is a whole jieba word (or words), 0.5 inside one word, 0 across words.
    jieba runs on a few characters either side (``window(start, end)``: that stretch of the
    normalised text), which it segments like the whole."""
    left = max(0, start - 6)
    around = window(left, end + 6)
    bounds: set[int] = set()
    inside = False
    # Dictionary words only (no HMM): several times faster, and an unknown name then splits
    # into characters, whose boundaries still line up with a hit on the whole name.
    for _word, w_start, w_end in segment.tokenizer().tokenize(around, HMM=False):
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

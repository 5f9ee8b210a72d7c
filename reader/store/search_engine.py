"""What the store needs from a search engine, whatever engine it is.

The tantivy engine (reader.store.tantivy_index) is the one in use; a distributed one
(docs/distributed-search.md) would be another module with the same methods. The store's half
of staying in step lives here too: SQLite's ``meta`` table holds ``search_store`` (a random id
made with the store) and ``search_generation`` (bumped in every sync transaction that changes
articles); an engine records the pair it matches with each of its commits.
"""

from __future__ import annotations

import secrets
import sqlite3
import zlib
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol

from reader.store.search_query import Query, Term

# Tiers, best first: every hit in a tier ranks above every hit in the next. An engine
# answers the first three; pinyin (reader.store.pinyin_names) comes from the store.
PROSE, LINK, APART, PINYIN = 0, 1, 2, 3
# The words-apart tier is searched only for queries with fewer literal matches than this
# (so a query's result set never depends on the page asked for): with more, words apart
# would only bury them.
APART_BELOW = 20


class IndexDamaged(Exception):
    """The index failed while answering (its files changed or broke under us)."""


@dataclass(frozen=True)
class EngineHit:
    article_id: int
    score: float
    tier: int
    names: tuple[str, ...] = ()  # for a pinyin hit: the title's words or names it matched
    # When the article's text folds one for one through the tables (Folded.by_table): the
    # text_checksum of the text indexed, so its hits can be found in the text itself if it
    # is still that text. 0 otherwise.
    checksum: int = 0


@dataclass
class EnginePage:
    hits: list[EngineHit]
    total: int
    tier_counts: dict[int, int] = field(default_factory=dict)


class Updater(Protocol):
    """The changes of one sync: staged, then made visible after the store commits."""

    def expect(self, count: int) -> None: ...
    def put(self, article_id: int, title: str, text: str) -> None: ...
    def remove(self, article_id: int) -> None: ...
    def stamp(self, conn: sqlite3.Connection) -> None: ...
    def flush(self, *, force: bool = False) -> None: ...


class SearchEngine(Protocol):
    """Keep in step with the store, take a sync's changes, answer a parsed query with
    article ids in tier order and exact totals. Everything else (parsing, hits, snippets,
    pinyin) is engine-independent, in reader.store.search_index."""

    variants: bool
    notices: list[str]

    def ensure(self, conn: sqlite3.Connection) -> None: ...
    def updater(self, conn: sqlite3.Connection) -> AbstractContextManager[Updater]: ...
    def search(
        self, query: Query, limit: int, offset: int, *, apart: bool
    ) -> tuple[EnginePage, bool]: ...
    def candidates(self, query: Query, *, apart: bool) -> Iterator[EngineHit]: ...
    def matching(self, terms: Sequence[Term], ids: Sequence[int]) -> set[int]: ...
    def invalidate(self) -> None: ...
    def close(self) -> None: ...


def text_checksum(text: str) -> int:
    """Never 0 (which means "no checksum")."""
    return zlib.crc32(text.encode("utf-16-le", "surrogatepass")) + 1


def create_store_tables(conn: sqlite3.Connection) -> None:
    """The store's half of the step check (called inside the store's schema transaction)."""
    conn.execute(
        "INSERT OR IGNORE INTO meta (key, value) VALUES ('search_store', ?)",
        (secrets.token_hex(8),),
    )
    conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('search_generation', '0')")


def store_stamp(conn: sqlite3.Connection) -> tuple[str, int]:
    rows = dict(
        conn.execute(
            "SELECT key, value FROM meta WHERE key IN ('search_store', 'search_generation')"
        ).fetchall()
    )
    return str(rows.get("search_store", "")), int(rows.get("search_generation", 0))


def bump_generation(conn: sqlite3.Connection) -> tuple[str, int]:
    conn.execute(
        "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'search_generation'"
    )
    return store_stamp(conn)


def article_count(conn: sqlite3.Connection) -> int:
    return int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])

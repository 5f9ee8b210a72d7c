"""The search engine on tantivy: derived data next to the SQLite store, rebuilt from it.

Layout, in the cache folder next to ``<key>.sqlite3``::

    <key>.search/CURRENT        names the live index folder (replaced atomically)
    <key>.search/v<FORMAT>-<r>/ a tantivy index
    <key>.search/writer.lock    flock: one writer (sync or rebuild) at a time

Staying in step with the store: SQLite's ``meta`` table holds ``search_store`` (a random id
made with the store) and ``search_generation`` (bumped in every sync transaction that changes
articles). Each tantivy commit carries the pair it matches in a meta document. A sync writes
SQLite first, then commits tantivy; so after a crash between the two commits the pairs
differ. Whoever opens the index then and can take the writer lock (so no sync is running)
rebuilds it from the store, with a one-line notice. A missing, unreadable, emptied or
foreign-version index is rebuilt the same way. The rebuild goes to a fresh folder and
``CURRENT`` flips only when it is complete, so readers never see a half-written index and are
never blocked: they keep searching their last snapshot until the new one is there.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import tantivy

from reader.store import common_pairs
from reader.store.common_pairs import LINK_PAIRS_FIELD, PAIRS_FIELD
from reader.store.index_stream import ADDRESS_CHARS, TITLE_BREAK, token_stream
from reader.store.search_engine import (
    LINK,
    PROSE,
    EngineHit,
    EnginePage,
    IndexDamaged,
    article_count,
    bump_generation,
    store_stamp,
    text_checksum,
)
from reader.store.search_query import Query, Term
from reader.store.tantivy_query import QueryPlan, all_, any_, collect_hits, count_hits, is_scored
from reader.text.normalize import fold, fold_query

try:
    import fcntl
except ImportError:  # not POSIX: one process per library is then the user's promise
    fcntl = None  # type: ignore[assignment]

# Bump when the schema, the token stream or the folding (reader.text.variants'
# CLASSES_VERSION) changes: old indexes are then rebuilt.
FORMAT = 8  # 7: pair tokens of common characters (reader.store.common_pairs); 8: and Latin
_META_ID = -1
_BUSY = "busy"  # a sync is between its two commits
# A long first sync becomes searchable as it goes: a commit every so often (each one is a
# segment that tantivy then merges, so not too often).
_COMMIT_SECONDS = 10.0
_WRITER_HEAP = 128_000_000
_SMALL_WRITER_HEAP = 30_000_000
_ANALYZER = "kb_chars"
_PAIRS_ANALYZER = "kb_pairs"
_LINK_PAIRS_ANALYZER = "kb_link_pairs"


def _schema() -> tantivy.Schema:
    builder = tantivy.SchemaBuilder()
    builder.add_integer_field("id", stored=True, indexed=True, fast=True)
    builder.add_integer_field("checksum", fast=True)
    for name in ("title", "body"):
        builder.add_text_field(name, tokenizer_name=_ANALYZER, index_option="position")
    builder.add_text_field("edges", tokenizer_name=_ANALYZER, index_option="basic")
    builder.add_text_field(PAIRS_FIELD, tokenizer_name=_PAIRS_ANALYZER, index_option="position")
    builder.add_text_field(
        LINK_PAIRS_FIELD, tokenizer_name=_LINK_PAIRS_ANALYZER, index_option="position"
    )
    builder.add_text_field("meta", stored=True, tokenizer_name="raw", index_option="basic")
    return builder.build()


def _register(index: tantivy.Index) -> None:
    index.register_tokenizer(
        _ANALYZER, tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).build()
    )
    for name, chars in (
        (_PAIRS_ANALYZER, common_pairs.COMMON),
        (_LINK_PAIRS_ANALYZER, ADDRESS_CHARS),
    ):
        stop = tantivy.Filter.custom_stopword(common_pairs.stop_words(chars))
        analyzer = tantivy.TextAnalyzerBuilder(tantivy.Tokenizer.whitespace()).filter(stop)
        index.register_tokenizer(name, analyzer.build())


def _document(article_id: int, title: str, text: str, variants: bool) -> tantivy.Document:
    folded_title = fold_query(title, variants=variants)
    folded = fold(text, variants=variants)
    folded_text = folded.text
    heading = token_stream(folded_title)
    body = token_stream(folded_text)
    body_tokens = body.tokens
    prose, addresses = body.prose, body.addresses
    if folded_title not in folded_text:
        # Matching looks at the body only (the title field only adds to the score), so a
        # title the text does not hold (a file name, front matter's) goes in front of it,
        # after a token no query can hold, so that no phrase runs from one into the other.
        body_tokens = f"{heading.tokens}{TITLE_BREAK} {body_tokens}"
        prose, addresses = heading.prose + prose, heading.addresses + addresses
    return tantivy.Document(
        id=article_id,
        checksum=text_checksum(text) if folded.by_table else 0,
        title=heading.tokens,
        body=body_tokens,
        edges=f"{heading.edges} {body.edges}",
        pairs=common_pairs.prose_pairs(prose),
        link_pairs=common_pairs.link_pairs(addresses),
    )


class TantivyIndex:
    """One library's tantivy index. ``folder=None`` keeps it in memory (tests)."""

    def __init__(self, folder: Path | None, *, variants: bool = True) -> None:
        self.folder = folder
        self.variants = variants
        self.notices: list[str] = []
        self._schema = _schema()
        self._lock = threading.RLock()
        self._index: tantivy.Index | None = None
        self._live: str | None = None  # the folder name CURRENT named when we opened
        self._checked: tuple[str, int] | None = None
        self._lock_holder: int | None = None  # thread holding the writer lock, if ours
        self._memory_writer = threading.Lock()

    # --- keeping in step with the store -----------------------------------------------------

    def ensure(self, conn: sqlite3.Connection) -> None:
        """Make sure the index answers for the store as it is now (rebuilding if it cannot)."""
        stamp = store_stamp(conn)
        with self._lock:
            if self._checked == stamp and self._live == self._current_name():
                return
            problem = self._open_problem()
            if problem is None:
                problem = self._step_problem(conn, stamp)
            if problem is None:
                self._checked = stamp
                return
            if problem == _BUSY:
                return  # a sync is between its commits: the last snapshot answers meanwhile
            with self._writer_lock(wait=False) as locked:
                if locked:
                    self.rebuild(conn, problem)

    def _open_problem(self) -> str | None:
        if self._index is not None and self._live == self._current_name():
            try:
                self._index.reload()
                return None
            except Exception as error:  # noqa: BLE001 - tantivy raises ValueError and others
                return f"unreadable ({error})"
        self._index = None
        if self.folder is None:
            self._index = tantivy.Index(self._schema)
            _register(self._index)
            self._live = None
            return "new"
        name = self._current_name()
        if name is None:
            return "missing"
        if not name.startswith(f"v{FORMAT}-"):
            return f"of another version ({name.split('-')[0]})"
        path = self.folder / name
        try:
            if not tantivy.Index.exists(str(path)):
                return "missing"
            index = tantivy.Index.open(str(path))
            _register(index)
            index.reload()
        except Exception as error:  # noqa: BLE001
            return f"unreadable ({error})"
        self._index, self._live = index, name
        return None

    def _step_problem(self, conn: sqlite3.Connection, stamp: tuple[str, int]) -> str | None:
        meta = self._meta()
        if meta is None:
            return "empty" if self._live is not None else "new"
        if meta.get("format") != FORMAT:
            return f"of another version ({meta.get('format')})"
        if meta.get("variants") != self.variants:
            state = "on" if self.variants else "off"
            return f"built with traditional/simplified folding {'off' if self.variants else 'on'} (now {state})"
        if (meta.get("store"), meta.get("generation")) != stamp:
            with self._writer_lock(wait=False) as locked:
                if not locked:
                    return _BUSY  # a sync is between its two commits: not a crash
            # Re-read: the sync may have finished between our two looks.
            self._reload()
            meta = self._meta() or {}
            if (meta.get("store"), meta.get("generation")) != store_stamp(conn):
                return "out of step with the store"
        documents = self._searcher().num_docs - 1
        if documents != article_count(conn):
            return f"incomplete ({documents} of {article_count(conn)} articles)"
        return None

    def rebuild(self, conn: sqlite3.Connection, reason: str) -> None:
        """Index every article of the store into a fresh index, then make it the live one."""
        started = time.perf_counter()
        with self._lock:
            stamp = store_stamp(conn)
            if self.folder is None:
                index = tantivy.Index(self._schema)
                name = None
            else:
                self.folder.mkdir(parents=True, exist_ok=True)
                name = f"v{FORMAT}-{secrets.token_hex(6)}"
                (self.folder / name).mkdir()
                index = tantivy.Index(self._schema, path=str(self.folder / name))
            _register(index)
            small = article_count(conn) < 500
            writer = (
                index.writer(heap_size=_SMALL_WRITER_HEAP, num_threads=1)
                if small
                else index.writer(heap_size=_WRITER_HEAP)
            )
            count = 0
            rows = conn.execute("SELECT id, title, text FROM articles")
            for article_id, title, text in rows:
                writer.add_document(_document(article_id, title, text, self.variants))
                count += 1
            writer.add_document(self._meta_document(stamp))
            writer.commit()
            writer.wait_merging_threads()
            if self.folder is not None and name is not None:
                self._set_current(name)
            index.reload()
            self._index, self._live, self._checked = index, name, stamp
        if reason != "new" and count:
            seconds = time.perf_counter() - started
            self.notices.append(
                f"kbreader: the search index was {reason}; rebuilt it from the store"
                f" ({count:,} articles, {seconds:.1f} s)"
            )

    # --- writing ----------------------------------------------------------------------------

    @contextlib.contextmanager
    def updater(self, conn: sqlite3.Connection) -> Iterator[IndexUpdater]:
        """The one writer: waits for any other sync or rebuild, then brings the index in step
        before changes are added (so a crash earlier is repaired first)."""
        with self._writer_lock(wait=True):
            self._checked = None
            self.ensure(conn)
            update = IndexUpdater(self, conn)
            try:
                yield update
            except BaseException:
                update.abandon()
                raise
            update.close()

    def _writer(self, expected: int) -> tantivy.IndexWriter:
        assert self._index is not None
        if expected < 500:
            return self._index.writer(heap_size=_SMALL_WRITER_HEAP, num_threads=1)
        return self._index.writer(heap_size=_WRITER_HEAP)

    def _meta_document(self, stamp: tuple[str, int]) -> tantivy.Document:
        meta = {"format": FORMAT, "variants": self.variants, "store": stamp[0]}
        meta["generation"] = stamp[1]
        return tantivy.Document(id=_META_ID, meta=json.dumps(meta))

    @contextlib.contextmanager
    def _writer_lock(self, *, wait: bool) -> Iterator[bool]:
        """flock on writer.lock: held by a sync or a rebuild, re-entrant in its own thread.
        Another thread of this process contends like another process would."""
        me = threading.get_ident()
        if self._lock_holder == me:
            yield True
            return
        if self.folder is None or fcntl is None:
            acquired = self._memory_writer.acquire(blocking=wait)
            try:
                if acquired:
                    self._lock_holder = me
                yield acquired
            finally:
                if acquired:
                    self._lock_holder = None
                    self._memory_writer.release()
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        with (self.folder / "writer.lock").open("a") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX if wait else fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                yield False
                return
            self._lock_holder = me
            try:
                yield True
            finally:
                self._lock_holder = None
                fcntl.flock(handle, fcntl.LOCK_UN)

    def _current_name(self) -> str | None:
        if self.folder is None:
            return None
        try:
            return (self.folder / "CURRENT").read_text(encoding="utf-8").strip() or None
        except (OSError, UnicodeDecodeError):
            return None

    def _set_current(self, name: str) -> None:
        assert self.folder is not None
        pointer = self.folder / "CURRENT"
        temporary = self.folder / f"CURRENT.{os.getpid()}"
        temporary.write_text(name + "\n", encoding="utf-8")
        os.replace(temporary, pointer)
        # Older folders go; a reader still holding one keeps its open files until it reopens.
        for old in self.folder.iterdir():
            if old.is_dir() and old.name != name:
                shutil.rmtree(old, ignore_errors=True)

    # --- reading ----------------------------------------------------------------------------

    def _reload(self) -> None:
        if self._index is not None:
            self._index.reload()

    def _searcher(self) -> tantivy.Searcher:
        assert self._index is not None
        return self._index.searcher()

    def _meta(self) -> dict[str, Any] | None:
        searcher = self._searcher()
        found = searcher.search(tantivy.Query.term_query(self._schema, "id", _META_ID), 1).hits
        if not found:
            return None
        try:
            data = json.loads(searcher.doc(found[0][1])["meta"][0])
        except (ValueError, IndexError, KeyError):
            return None
        return data if isinstance(data, dict) else None

    def invalidate(self) -> None:
        """Forget the open index: the next ``ensure`` opens it again (or rebuilds it)."""
        with self._lock:
            self._index = None
            self._live = None
            self._checked = None

    def search(
        self, query: Query, limit: int, offset: int, *, apart: bool
    ) -> tuple[EnginePage, bool]:
        try:
            return self._search(query, limit, offset, apart=apart)
        except ValueError as error:  # what the bindings raise for a broken index
            raise IndexDamaged(str(error)) from error

    def _search(
        self, query: Query, limit: int, offset: int, *, apart: bool
    ) -> tuple[EnginePage, bool]:
        """Hits ``[offset, offset + limit)`` in tier order, BM25 within a tier; and whether
        they are candidates still to check against the text (long terms)."""
        searcher = self._searcher()
        plan = QueryPlan(self._schema, query, apart=apart)
        page = EnginePage([], 0)
        wanted_end = offset + limit
        position = 0
        literal: list[int] = []
        collected = True
        for tier, tier_query in plan.tiers():
            found: list[tuple[float, int, int]] = []
            if position >= wanted_end:
                count = count_hits(searcher, tier_query)
            else:
                start = max(0, offset - position)
                count, found = collect_hits(
                    searcher, tier_query, wanted_end - position - start, start, is_scored(query)
                )
            page.tier_counts[tier] = count
            page.total += count
            plan.literal_total = page.total
            if tier in (PROSE, LINK):
                literal.extend(hit[1] for hit in found)
                collected = collected and len(found) == count
                plan.literal_ids = set(literal) if collected else None
            page.hits.extend(
                EngineHit(article_id, score, tier, checksum=checksum)
                for score, article_id, checksum in found
            )
            position += count
        return page, query.needs_check

    def candidates(self, query: Query, *, apart: bool) -> Iterator[EngineHit]:
        """Every hit in tier order (for queries whose candidates must be checked)."""
        try:
            yield from self._candidates(query, apart=apart)
        except ValueError as error:
            raise IndexDamaged(str(error)) from error

    def _candidates(self, query: Query, *, apart: bool) -> Iterator[EngineHit]:
        searcher = self._searcher()
        plan = QueryPlan(self._schema, query, apart=apart)
        step = 500
        for tier, tier_query in plan.tiers():
            count, found = collect_hits(searcher, tier_query, step, 0, is_scored(query))
            plan.literal_total += count
            for start in range(step, count, step):
                found += collect_hits(searcher, tier_query, step, start, is_scored(query))[1]
            for score, article_id, _checksum in found:
                yield EngineHit(article_id, score, tier)

    def matching(self, terms: Sequence[Term], ids: Sequence[int]) -> set[int]:
        """Which of ``ids`` hold any of ``terms`` anywhere (title, text, links)."""
        if not ids or not terms:
            return set()
        try:
            return self._matching(terms, ids)
        except ValueError as error:
            raise IndexDamaged(str(error)) from error

    def _matching(self, terms: Sequence[Term], ids: Sequence[int]) -> set[int]:
        plan = QueryPlan(self._schema, Query((), ()), apart=False)
        among = tantivy.Query.term_set_query(self._schema, "id", list(ids))
        found = all_([among, any_([plan._term(term)[0] for term in terms])])
        searcher = self._searcher()
        hits = searcher.search(found, len(ids)).hits
        return {int(searcher.doc(address)["id"][0]) for _score, address in hits}

    def close(self) -> None:
        with self._lock:
            self._index = None


class IndexUpdater:
    """Changes for one sync: staged in tantivy, made visible after the store commits."""

    def __init__(self, index: TantivyIndex, conn: sqlite3.Connection) -> None:
        self._index = index
        self._conn = conn
        self._writer: tantivy.IndexWriter | None = None
        self._pending = 0
        self._stamp: tuple[str, int] | None = None
        self._last_commit = time.monotonic()

    def expect(self, count: int) -> None:
        """How many changes are coming (a small sync gets a small writer)."""
        if self._writer is None and count:
            self._writer = self._index._writer(count)

    def put(self, article_id: int, title: str, text: str) -> None:
        writer = self._open()
        writer.delete_documents_by_term("id", article_id)
        writer.add_document(_document(article_id, title, text, self._index.variants))
        self._pending += 1

    def remove(self, article_id: int) -> None:
        self._open().delete_documents_by_term("id", article_id)
        self._pending += 1

    def stamp(self, conn: sqlite3.Connection) -> None:
        """Inside the store's transaction: this batch is a new generation of the store."""
        if self._pending:
            self._stamp = bump_generation(conn)

    def flush(self, *, force: bool = False) -> None:
        """After the store's commit: make the changes searchable (every so often)."""
        if self._writer is None or self._stamp is None:
            return
        if not force and time.monotonic() - self._last_commit < _COMMIT_SECONDS:
            return
        self._writer.delete_documents_by_term("id", _META_ID)
        self._writer.add_document(self._index._meta_document(self._stamp))
        self._writer.commit()
        self._last_commit = time.monotonic()
        self._pending = 0
        self._stamp = None
        self._index._checked = None

    def close(self) -> None:
        if self._writer is None:
            return
        self.flush(force=True)
        # Merges still running would leave both the merged segment and its parts on disk
        # (a sixth more cache, measured, until a later writer cleans up) and more segments
        # for every query to visit.
        self._writer.wait_merging_threads()
        self._writer = None
        self._index._reload()

    def abandon(self) -> None:
        """The sync failed: drop what tantivy has not committed. If the store had committed
        some of it, the generations now differ and the next check rebuilds."""
        if self._writer is not None:
            self._writer.rollback()
            self._writer = None
        self._index._checked = None

    def _open(self) -> tantivy.IndexWriter:
        if self._writer is None:
            self._writer = self._index._writer(1000)
        return self._writer

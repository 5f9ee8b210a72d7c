"""The library: one folder of articles and its cache. The only door to the article store.

Each thread gets its own SQLite connection (Textual workers run in threads); WAL lets
readers go on while a sync writes.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from reader.paths import cache_dir, data_dir, library_key, seeds_dir
from reader.store import facts_cache, pinyin_names, search_index
from reader.store.articles import (
    ARTICLE_COLUMNS,
    Article,
    EntitySummary,
    ProgressCallback,
    SyncReport,
)
from reader.store.database import connect, is_damage, mark_damaged, open_cache
from reader.store.state import UserState
from reader.store.sync import sync_files
from reader.store.tantivy_index import TantivyIndex

if TYPE_CHECKING:
    from reader.facts import Facts
    from reader.store.search_index import SearchPage


class LibraryError(Exception):
    """The library folder cannot be used (missing, not a folder, unreadable)."""


class Library:
    def __init__(self, root: Path, *, variants: bool | None = None) -> None:
        if not root.exists():
            raise LibraryError(f"no such folder: {root}")
        if not root.is_dir():
            raise LibraryError(f"not a folder: {root}")
        self.root = root.resolve()
        self.key = library_key(self.root)
        self.db_path = cache_dir() / "libraries" / f"{self.key}.sqlite3"
        self.notices: list[str] = []
        self._local = threading.local()
        self._open_lock = threading.Lock()
        self._ready = False
        self.state = UserState(data_dir() / "state.sqlite3", str(self.root))
        if variants is None:
            from reader.config import load_config

            variants = load_config().traditional_simplified
        # Derived from the store, next to it; rebuilt from it when missing or out of step.
        self.search_index = TantivyIndex(self.db_path.with_suffix(".search"), variants=variants)
        self.connection()  # create or repair the cache now, so problems surface at open
        with self._guard():
            self.search_index.ensure(self.connection())
        self._take_notices()

    def connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            with self._open_lock:
                if self._ready:
                    conn = connect(self.db_path)
                else:
                    conn, notice = open_cache(self.db_path)
                    self._ready = True
                    if notice:
                        self.notices.append(notice)
            self._local.conn = conn
        return conn

    # files
    def sync(
        self,
        progress: ProgressCallback | None = None,
        *,
        facts: bool = True,
        should_stop: Callable[[], bool] | None = None,
    ) -> SyncReport:
        """Bring the cache in line with the folder; then (by default) extract missing facts."""
        with self._guard():
            report = sync_files(self.connection(), self.root, progress, self.search_index)
        self._take_notices()
        if facts:
            report.facts_extracted = self.update_facts(progress, should_stop=should_stop)
        return report

    def articles(self) -> list[Article]:
        """Every article, newest first (undated last), then by path."""
        rows = self.connection().execute(
            f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY date IS NULL, date DESC, path"
        )
        return [Article.from_row(row, self._text_of) for row in rows]

    def article(self, path: str) -> Article | None:
        row = (
            self.connection()
            .execute(f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE path = ?", (path,))
            .fetchone()
        )
        return None if row is None else Article.from_row(row, self._text_of)

    def count(self) -> int:
        return int(self.connection().execute("SELECT count(*) FROM articles").fetchone()[0])

    def _text_of(self, article_id: int) -> str:
        row = (
            self.connection()
            .execute("SELECT text FROM articles WHERE id = ?", (article_id,))
            .fetchone()
        )
        return "" if row is None else str(row[0])

    # search
    def search(
        self, query: str, limit: int | None = 20, offset: int = 0, *, use_jieba: bool | None = True
    ) -> SearchPage:
        """Results ``[offset, offset + limit)`` (a list) with ``.total``, the number of
        matches; see reader.store.search_index.search."""
        with self._guard():
            page = search_index.search(
                self.connection(), self.search_index, query, limit, offset, use_jieba=use_jieba
            )
        self._take_notices()
        return page

    def _take_notices(self) -> None:
        if self.search_index.notices:
            self.notices.extend(self.search_index.notices)
            self.search_index.notices.clear()

    # facts
    def facts(self, path: str) -> Facts:
        """The article's facts, from the cache or extracted (and cached) now."""
        article = self.article(path)
        if article is None:
            raise KeyError(path)
        with self._guard():
            return facts_cache.facts_for(self.connection(), article)

    def update_facts(
        self,
        progress: ProgressCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
        *,
        in_subprocess: bool = False,
    ) -> int:
        """Extract facts for every article lacking current ones; returns how many.

        ``in_subprocess`` keeps the extraction off this process's GIL (the app uses it)."""
        with self._guard():
            done = facts_cache.update_all(
                self.connection(), self._text_of, progress, should_stop, in_subprocess=in_subprocess
            )
            if should_stop is None or not should_stop():
                # Pinyin of titles and entity names, for pinyin search, in this background
                # phase (else the first pinyin query spells what is missing, about a second
                # per 10,000 titles).
                pinyin_names.update(self.connection())
            return done

    def entities(self) -> list[EntitySummary]:
        return facts_cache.entities(self.connection())

    def articles_mentioning(self, name: str) -> list[Article]:
        rows = self.connection().execute(
            f"SELECT {', '.join('a.' + c.strip() for c in ARTICLE_COLUMNS.split(','))} FROM articles a"
            " WHERE a.id IN (SELECT article_id FROM entity_mentions WHERE name = ?)"
            " ORDER BY a.date IS NULL, a.date DESC, a.path",
            (name,),
        )
        return [Article.from_row(row, self._text_of) for row in rows]

    @contextmanager
    def _guard(self) -> Iterator[None]:
        """Damage SQLite finds while working (not at open) is turned into a clear error, and
        the next open moves the cache aside and rebuilds it."""
        try:
            yield
        except sqlite3.DatabaseError as error:
            if not is_damage(error):
                raise
            mark_damaged(self.db_path, error)
            raise LibraryError(
                f"the index of {self.root} is damaged ({error}); it is rebuilt at the next start"
            ) from None

    def close(self) -> None:
        self.search_index.close()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
        self.state.close()


def open_library(path: str | Path | None = None, *, variants: bool | None = None) -> Library:
    """The library at ``path``; None opens the bundled sample library. ``variants``:
    traditional/simplified-blind search (None: the config's ``traditional_simplified``)."""
    return Library(seeds_dir() if path is None else Path(path).expanduser(), variants=variants)

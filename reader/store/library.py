"""The library: one folder of articles and its cache. The only door to the article store.

Each thread gets its own SQLite connection (Textual workers run in threads); WAL lets
readers go on while a sync writes.

Every call that touches the cache runs behind one guard: damage SQLite meets while reading
or writing (a corrupt page, a column that is not UTF-8, a dropped table) moves the cache
aside, rebuilds it from the folder and runs the call again, so it still answers; a full
disk raises :class:`DiskFullError` and damages nothing.
"""

from __future__ import annotations

import sqlite3
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from reader.bounded.files import in_system_folder
from reader.paths import cache_dir, data_dir, library_key, seeds_dir
from reader.store import facts_cache, search_index
from reader.store.articles import (
    ARTICLE_COLUMNS,
    Article,
    EntitySummary,
    ProgressCallback,
    SyncReport,
)
from reader.store.database import (
    connect,
    describe,
    is_damage,
    is_disk_full,
    mark_damaged,
    open_cache,
    rebuild_cache,
)
from reader.store.errors import DiskFullError, LibraryError
from reader.store.path_keys import to_db
from reader.store.state import UserState
from reader.store.sync import sync_files

if TYPE_CHECKING:
    from reader.facts import Facts
    from reader.store.search_index import SearchResult

__all__ = ["DiskFullError", "Library", "LibraryError", "open_library"]

T = TypeVar("T")


class Library:
    def __init__(self, root: Path, *, follow_external_links: bool | None = None) -> None:
        if not root.exists():
            raise LibraryError(f"no such folder: {root}")
        if not root.is_dir():
            raise LibraryError(f"not a folder: {root}")
        self.root = root.resolve()
        if in_system_folder(self.root):
            raise LibraryError(f"{self.root}: kbreader never reads /proc, /sys or /dev")
        if follow_external_links is None:
            from reader.config import load_config

            follow_external_links = load_config().follow_external_links
        self.follow_external_links = follow_external_links
        self.key = library_key(self.root)
        self.db_path = cache_dir() / "libraries" / f"{self.key}.sqlite3"
        self.notices: list[str] = []
        self._local = threading.local()
        self._open_lock = threading.Lock()
        self._ready = False
        self._generation = 0  # bumped by each rebuild: other threads' connections are stale
        self.state = UserState(data_dir() / "state.sqlite3", str(self.root))
        self.notices.extend(self.state.open())
        self.connection()  # create or repair the cache now, so problems surface at open

    def connection(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is not None and self._local.generation != self._generation:
            conn.close()
            conn = None
        if conn is None:
            with self._open_lock:
                if self._ready:
                    conn = connect(self.db_path)
                else:
                    conn, notice = open_cache(self.db_path)
                    self._ready = True
                    if notice:
                        self.notices.append(notice)
                self._local.generation = self._generation
            self._local.conn = conn
        return conn

    def take_notices(self) -> list[str]:
        """Notices not yet shown (a rebuild can happen during any call); clears them."""
        notices, self.notices = self.notices, []
        return notices

    # --- the guard -------------------------------------------------------------------------

    def _run(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        for attempt in (1, 2):
            generation = self._generation
            try:
                with self._disk_full_as_error():
                    return operation(self.connection())
            except sqlite3.DatabaseError as error:
                if not is_damage(error):
                    raise
                if attempt == 2:
                    mark_damaged(self.db_path, error)
                    raise LibraryError(
                        f"the index of {self.root} is damaged ({describe(error)}) and could"
                        " not be rebuilt now; it is rebuilt at the next start"
                    ) from None
                self._rebuild(generation, error)
        raise AssertionError("unreachable")

    @contextmanager
    def _disk_full_as_error(self) -> Iterator[None]:
        try:
            yield
        except (sqlite3.Error, OSError) as error:
            if is_disk_full(error):
                raise DiskFullError(self.db_path.parent) from None
            raise

    def _rebuild(self, generation: int, error: BaseException) -> None:
        with self._open_lock:
            if self._generation != generation:
                return  # another thread rebuilt it meanwhile
            old = getattr(self._local, "conn", None)
            if old is not None:
                old.close()
                self._local.conn = None
            with self._disk_full_as_error():
                conn, notice = rebuild_cache(self.db_path, f"damaged ({describe(error)})")
                self._generation += 1
                self._local.conn, self._local.generation = conn, self._generation
                self.notices.append(notice)
                sync_files(conn, self.root, None, follow_external_links=self.follow_external_links)

    # --- files -----------------------------------------------------------------------------

    def sync(
        self,
        progress: ProgressCallback | None = None,
        *,
        facts: bool = True,
        should_stop: Callable[[], bool] | None = None,
    ) -> SyncReport:
        """Bring the cache in line with the folder; then (by default) extract missing facts."""
        report = self._run(
            lambda conn: sync_files(
                conn, self.root, progress, follow_external_links=self.follow_external_links
            )
        )
        if facts:
            report.facts_extracted = self.update_facts(progress, should_stop=should_stop)
            known = {(problem.path, problem.reason) for problem in report.problems}
            report.problems += [
                note
                for note in self._run(facts_cache.limit_notes)
                if (note.path, note.reason) not in known
            ]
        return report

    def articles(self) -> list[Article]:
        """Every article, newest first (undated last), then by path."""
        return self._run(
            lambda conn: [
                Article.from_row(row, self._text_of)
                for row in conn.execute(
                    f"SELECT {ARTICLE_COLUMNS} FROM articles ORDER BY date IS NULL, date DESC, path"
                )
            ]
        )

    def article(self, path: str) -> Article | None:
        def read(conn: sqlite3.Connection) -> Article | None:
            row = conn.execute(
                f"SELECT {ARTICLE_COLUMNS} FROM articles WHERE path = ?", (to_db(path),)
            ).fetchone()
            return None if row is None else Article.from_row(row, self._text_of)

        return self._run(read)

    def count(self) -> int:
        return self._run(
            lambda conn: int(conn.execute("SELECT count(*) FROM articles").fetchone()[0])
        )

    def _text_of(self, article_id: int) -> str:
        def read(conn: sqlite3.Connection) -> str:
            row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
            return "" if row is None else str(row[0])

        return self._run(read)

    # --- search ----------------------------------------------------------------------------

    def search(self, query: str, limit: int | None = 20) -> list[SearchResult]:
        return self._run(lambda conn: search_index.search(conn, query, limit))

    # --- facts -----------------------------------------------------------------------------

    def facts(self, path: str) -> Facts:
        """The article's facts, from the cache or extracted (and cached) now."""
        article = self.article(path)
        if article is None:
            raise KeyError(path)
        return self._run(lambda conn: facts_cache.facts_for(conn, article))

    def update_facts(
        self,
        progress: ProgressCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
        *,
        in_subprocess: bool = False,
    ) -> int:
        """Extract facts for every article lacking current ones; returns how many.

        ``in_subprocess`` keeps the extraction off this process's GIL (the app uses it)."""
        return self._run(
            lambda conn: facts_cache.update_all(
                conn, self._text_of, progress, should_stop, in_subprocess=in_subprocess
            )
        )

    def entities(self) -> list[EntitySummary]:
        return self._run(facts_cache.entities)

    def articles_mentioning(self, name: str) -> list[Article]:
        columns = ", ".join("a." + column.strip() for column in ARTICLE_COLUMNS.split(","))
        return self._run(
            lambda conn: [
                Article.from_row(row, self._text_of)
                for row in conn.execute(
                    f"SELECT {columns} FROM articles a"
                    " WHERE a.id IN (SELECT article_id FROM entity_mentions WHERE name = ?)"
                    " ORDER BY a.date IS NULL, a.date DESC, a.path",
                    (name,),
                )
            ]
        )

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
        self.state.close()


def open_library(
    path: str | Path | None = None, *, follow_external_links: bool | None = None
) -> Library:
    """The library at ``path``; None opens the bundled sample library.

    ``follow_external_links`` None takes the config's setting (default: links that lead out
    of the library folder are reported and not read)."""
    root = seeds_dir() if path is None else Path(path).expanduser()
    return Library(root, follow_external_links=follow_external_links)

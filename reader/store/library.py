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
from typing import TYPE_CHECKING, TypeVar

from reader.documents.model import Problem
from reader.paths import cache_dir, data_dir, library_key, seeds_dir
from reader.store import facts_cache, linking, listing, search_index, sync_record, timeline
from reader.store.articles import (
    ARTICLE_COLUMNS,
    Article,
    EntitySummary,
    ProgressCallback,
    SyncReport,
)
from reader.store.database import connect, is_damage, mark_damaged, open_cache
from reader.store.linking import LinkTarget
from reader.store.listing import Folder, SortOrder, TagCount
from reader.store.state import UserState
from reader.store.sync import sync_files
from reader.store.sync_record import LastSync
from reader.store.timeline import Timeline
from reader.text.outline import Outline, outline_of

# Cached facts a timeline query indexes itself (about a second's work) when the background
# pass has not got to them; the rest wait for it.
_TIMELINE_BUDGET = 200

T = TypeVar("T")

if TYPE_CHECKING:
    from reader.facts import Facts
    from reader.store.search_index import SearchResult


class LibraryError(Exception):
    """The library folder cannot be used (missing, not a folder, unreadable)."""


class Library:
    def __init__(self, root: Path) -> None:
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
        self.connection()  # create or repair the cache now, so problems surface at open

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
            report = sync_files(self.connection(), self.root, progress)
        if facts:
            report.facts_extracted = self.update_facts(progress, should_stop=should_stop)
        self._run(lambda conn: sync_record.save(conn, report))
        return report

    def last_sync(self) -> LastSync | None:
        """What the last sync did and found (kept across restarts), or None before one."""
        return self._run(sync_record.load)

    def problems(self) -> list[Problem]:
        """Each file the last sync skipped or complained about, with the reason (kept across
        restarts, for the problems screen)."""
        return self._run(sync_record.problems)

    def articles(
        self, sort: SortOrder = "date", *, reverse: bool = False, tag: str | None = None
    ) -> list[Article]:
        """Every article (with ``tag``: those carrying it, case-blind) in ``sort`` order;
        the default is newest first, undated ones last by their number (see
        reader.store.listing)."""
        articles, mtimes = self._run(lambda conn: listing.load(conn, self._text_of, tag))
        opened = self.state.opened_times() if sort == "last_read" else None
        return listing.sort_articles(articles, sort, reverse=reverse, mtimes=mtimes, opened=opened)

    def folders(
        self, sort: SortOrder = "date", *, reverse: bool = False, tag: str | None = None
    ) -> Folder:
        """The articles grouped by folder, each folder's in ``sort`` order; ``folder_rows``
        flattens it into list rows."""
        return listing.folder_tree(self.articles(sort, reverse=reverse, tag=tag))

    def tags(self) -> list[TagCount]:
        """Front-matter tags with how many articles carry each, most used first."""
        return listing.count_tags(self.articles("path"))

    def unread_count(self) -> int:
        return listing.unread_count(self._run(listing.paths), self.state.read_paths())

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
    def search(self, query: str, limit: int | None = 20) -> list[SearchResult]:
        with self._guard():
            return search_index.search(self.connection(), query, limit)

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
        from reader.facts.model import FACTS_VERSION

        with self._guard():
            done = facts_cache.update_all(
                self.connection(), self._text_of, progress, should_stop, in_subprocess=in_subprocess
            )
        # Facts cached before the timeline existed are indexed here, in the background.
        self._run(lambda conn: timeline.refresh(conn, FACTS_VERSION, should_stop=should_stop))
        return done

    # reading: outline, links, timeline
    def outline(self, path: str) -> Outline:
        """The article's headings and links (offsets into its text)."""
        article = self.article(path)
        if article is None:
            raise KeyError(path)
        return outline_of(article.body, base_offset=article.body_start)

    def resolve_link(self, from_path: str, url: str) -> LinkTarget:
        """Where following ``url`` in the article ``from_path`` leads (no network, ever)."""
        return self._run(lambda conn: linking.resolve(conn, from_path, url))

    def timeline(
        self,
        *,
        newest_first: bool = True,
        entity: str | None = None,
        text: str | None = None,
    ) -> Timeline:
        """Every dated fact and dated article, paged (``.total``, ``.page(offset, limit)``);
        ``entity``: only articles mentioning it; ``text``: only sentences holding it."""
        from reader.facts.model import FACTS_VERSION

        def bring_up_to_date(conn: sqlite3.Connection) -> int:
            # Nothing committed since this thread's last complete check: nothing to redo.
            seen = getattr(self._local, "timeline_seen", None)
            if seen is not None and seen[0] is conn and seen[1:] == timeline.changes(conn):
                return 0
            pending = timeline.refresh(conn, FACTS_VERSION, budget=_TIMELINE_BUDGET)
            self._local.timeline_seen = None if pending else (conn, *timeline.changes(conn))
            return pending

        pending = self._run(bring_up_to_date)
        return Timeline(
            self._run, newest_first=newest_first, entity=entity, text=text, pending=pending
        )

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

    def _run(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """One store operation on this thread's connection, behind the damage guard."""
        with self._guard():
            return operation(self.connection())

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
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
        self.state.close()


def open_library(path: str | Path | None = None) -> Library:
    """The library at ``path``; None opens the bundled sample library."""
    return Library(seeds_dir() if path is None else Path(path).expanduser())

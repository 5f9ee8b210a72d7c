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
from reader.documents.model import Problem
from reader.paths import cache_dir, data_dir, library_key, seeds_dir
from reader.store import (
    facts_cache,
    linking,
    listing,
    pinyin_names,
    search_index,
    sync_record,
    timeline,
)
from reader.store.articles import (
    ARTICLE_COLUMNS,
    Article,
    EntitySummary,
    ProgressCallback,
    SyncReport,
)
from reader.store.child_process import ChildProcess
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
from reader.store.facts_pass import FactsPass
from reader.store.linking import LinkTarget
from reader.store.listing import Folder, SortOrder, TagCount
from reader.store.path_keys import to_db
from reader.store.state import UserState
from reader.store.sync import sync_files
from reader.store.sync_record import LastSync
from reader.store.tantivy_index import TantivyIndex
from reader.store.timeline import Timeline
from reader.text.outline import Outline, outline_of

# Cached facts a timeline query indexes itself (about a second's work) when the background
# pass has not got to them; the rest wait for it.
_TIMELINE_BUDGET = 200

if TYPE_CHECKING:
    from reader.facts import Facts
    from reader.store.search_index import SearchPage

__all__ = ["DiskFullError", "Library", "LibraryError", "open_library"]

T = TypeVar("T")


class Library:
    def __init__(
        self,
        root: Path,
        *,
        follow_external_links: bool | None = None,
        variants: bool | None = None,
    ) -> None:
        if not root.exists():
            raise LibraryError(f"no such folder: {root}")
        if not root.is_dir():
            raise LibraryError(f"not a folder: {root}")
        self.root = root.resolve()
        if in_system_folder(self.root):
            raise LibraryError(f"{self.root}: kbreader never reads /proc, /sys or /dev")
        if follow_external_links is None or variants is None:
            from reader.config import load_config

            config = load_config()
            if follow_external_links is None:
                follow_external_links = config.follow_external_links
            if variants is None:
                variants = config.traditional_simplified
        self.follow_external_links = follow_external_links
        self.key = library_key(self.root)
        self.db_path = cache_dir() / "libraries" / f"{self.key}.sqlite3"
        self.notices: list[str] = []
        self._local = threading.local()
        self._open_lock = threading.Lock()
        self._ready = False
        self._generation = 0  # bumped by each rebuild: other threads' connections are stale
        self._facts_pass = FactsPass()  # the background pass takes the articles asked for
        self.state = UserState(data_dir() / "state.sqlite3", str(self.root))
        self.notices.extend(self.state.open())
        # Derived from the store, next to it; rebuilt from it when missing or out of step.
        self.search_index = TantivyIndex(self.db_path.with_suffix(".search"), variants=variants)
        self.connection()  # create or repair the cache now, so problems surface at open
        self._run(self.search_index.ensure)
        self._take_search_notices()

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
        self._take_search_notices()
        notices, self.notices = self.notices, []
        return notices

    def _take_search_notices(self) -> None:
        if self.search_index.notices:
            self.notices.extend(self.search_index.notices)
            self.search_index.notices.clear()

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
                sync_files(
                    conn,
                    self.root,
                    None,
                    self.search_index,
                    follow_external_links=self.follow_external_links,
                )

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
                conn,
                self.root,
                progress,
                self.search_index,
                follow_external_links=self.follow_external_links,
            )
        )
        self._take_search_notices()
        if facts:
            report.facts_extracted = self.update_facts(progress, should_stop=should_stop)
            known = {(problem.path, problem.reason) for problem in report.problems}
            report.problems += [
                note
                for note in self._run(facts_cache.limit_notes)
                if (note.path, note.reason) not in known
            ]
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

    def search(
        self, query: str, limit: int | None = 20, offset: int = 0, *, use_jieba: bool | None = True
    ) -> SearchPage:
        """Results ``[offset, offset + limit)`` (a list) with ``.total``, the number of
        matches; see reader.store.search_index.search."""
        page = self._run(
            lambda conn: search_index.search(
                conn, self.search_index, query, limit, offset, use_jieba=use_jieba
            )
        )
        self._take_search_notices()
        return page

    # --- facts -----------------------------------------------------------------------------

    def facts(self, path: str) -> Facts:
        """The article's facts, from the cache or extracted (and cached) now."""
        article = self.article(path)
        if article is None:
            raise KeyError(path)
        article_id = article.id
        cached = self._run(lambda conn: facts_cache.cached(conn, article_id))
        if cached is not None:
            return cached
        # While a background pass runs, it extracts the article next (in its child), not
        # this process a second time.
        if self._facts_pass.wait_for(article_id):
            article = self.article(path)
            if article is None:
                raise KeyError(path)
        return self._run(lambda conn: facts_cache.facts_for(conn, article))

    def announce_facts_pass(self) -> None:
        """An ``update_facts`` follows soon (the app's sync): until it starts, an article's
        facts asked for wait for it instead of being extracted in this process."""
        self._facts_pass.announce()

    def withdraw_facts_pass(self) -> None:
        self._facts_pass.withdraw()

    def update_facts(
        self,
        progress: ProgressCallback | None = None,
        should_stop: Callable[[], bool] | None = None,
        *,
        in_subprocess: bool = False,
    ) -> int:
        """Extract facts for every article lacking current ones; returns how many.

        ``in_subprocess``: the pass runs in a child process (reader.store.child_process), off
        this process's GIL and memory (the app uses it)."""
        from reader.facts.model import FACTS_VERSION

        with ChildProcess(in_subprocess) as child:
            with self._facts_pass.running():
                done = self._run(
                    lambda conn: facts_cache.update_all(
                        conn,
                        self._text_of,
                        progress,
                        should_stop,
                        child=child,
                        facts_pass=self._facts_pass,
                    )
                )
            # Facts cached before the timeline existed are indexed here, in the background.
            self._run(lambda conn: timeline.refresh(conn, FACTS_VERSION, should_stop=should_stop))
            if should_stop is None or not should_stop():
                # Pinyin of titles and entity names, for pinyin search, in this background
                # phase (else the first pinyin query spells what is missing, about a second
                # per 10,000 titles).
                self._run(lambda conn: pinyin_names.update(conn, child=child))
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

    def without_facts(self) -> int:
        """Articles whose facts are not extracted yet (so not on the timeline yet)."""
        from reader.facts.model import FACTS_VERSION

        sql = (
            "SELECT count(*) FROM articles WHERE id NOT IN"
            " (SELECT article_id FROM facts WHERE version = ?)"
        )
        return self._run(lambda conn: int(conn.execute(sql, (FACTS_VERSION,)).fetchone()[0]))

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
        self.search_index.close()
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None
        self.state.close()


def open_library(
    path: str | Path | None = None,
    *,
    follow_external_links: bool | None = None,
    variants: bool | None = None,
) -> Library:
    """The library at ``path``; None opens the bundled sample library.

    ``follow_external_links`` None takes the config's setting (default: links that lead out
    of the library folder are reported and not read). ``variants``: traditional/simplified-
    blind search (None: the config's ``traditional_simplified``, on by default)."""
    root = seeds_dir() if path is None else Path(path).expanduser()
    return Library(root, follow_external_links=follow_external_links, variants=variants)

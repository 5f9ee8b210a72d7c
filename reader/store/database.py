"""Opening the cache database safely: WAL, a busy timeout, a schema version, self-repair.

A cache that is corrupt, of another schema version or not a database at all is moved aside
(never deleted) and rebuilt; the caller gets a one-line notice to show.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: concurrent first opens are then merely unlikely to race
    fcntl = None  # type: ignore[assignment]

from reader.store import search_index
from reader.store.schema import SCHEMA_VERSION, create_article_tables

BUSY_TIMEOUT_MS = 60_000


def connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so a writer takes its lock up
    # front and waits in the busy handler instead of failing with "database is locked" when
    # a read transaction would otherwise have to be upgraded.
    conn = sqlite3.connect(
        path, timeout=BUSY_TIMEOUT_MS / 1000, isolation_level=None, check_same_thread=False
    )
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


def damaged_marker(path: Path) -> Path:
    return path.with_name(path.name + ".damaged")


def mark_damaged(path: Path, error: BaseException) -> None:
    """Ask the next open to move this cache aside (SQLite found damage while in use)."""
    damaged_marker(path).write_text(str(error), encoding="utf-8")


def is_damage(error: BaseException) -> bool:
    return isinstance(error, sqlite3.DatabaseError) and not _is_lock_error(error)


@contextmanager
def _exclusive(path: Path) -> Iterator[None]:
    """One process at a time checks, repairs and initialises a cache."""
    if fcntl is None:
        yield
        return
    with path.with_name(path.name + ".lock").open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def open_cache(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """Open (creating or rebuilding as needed) the cache at ``path``; return it and any notice."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with _exclusive(path):
        return _open_cache(path)


def _open_cache(path: Path) -> tuple[sqlite3.Connection, str | None]:
    notice = None
    problem = _unusable_reason(path) if path.exists() else None
    marker = damaged_marker(path)
    if problem is None and marker.exists():
        problem = f"damaged ({marker.read_text(encoding='utf-8', errors='replace').strip()})"
    marker.unlink(missing_ok=True)
    if problem is not None:
        aside = _move_aside(path)
        notice = (
            f"kbreader: the index at {path} was {problem}; moved it to {aside.name} and rebuilt it"
        )
    conn = connect(path)
    try:
        _initialise(conn)
    except sqlite3.DatabaseError as error:
        if _is_lock_error(error):
            raise
        conn.close()
        aside = _move_aside(path)
        notice = f"kbreader: the index at {path} was unreadable ({error}); moved it to {aside.name} and rebuilt it"
        conn = connect(path)
        _initialise(conn)
    return conn, notice


def _initialise(conn: sqlite3.Connection) -> None:
    # Chinese text takes 2 bytes a character in UTF-16 against 3 in UTF-8, and 1 KiB pages
    # leave less of each article's last page empty: the article text (most of the cache)
    # takes a third less room. Only a new database takes these settings.
    conn.execute("PRAGMA page_size = 1024")
    conn.execute("PRAGMA encoding = 'UTF-16le'")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"schema version {version}, expected {SCHEMA_VERSION}")
        create_article_tables(conn)
        search_index.create_schema(conn)
        if version == 0:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _unusable_reason(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except OSError as error:
        return f"unreadable ({error.strerror})"
    if header and header != b"SQLite format 3\x00":
        return "not a database"
    if not header:
        return None  # an empty file is a fresh database to SQLite
    try:
        conn = connect(path)
        try:
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            tables = conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0]
            if version == 0 and tables == 0:
                return None  # a fresh database another process has just created
            if version != SCHEMA_VERSION:
                return f"of schema version {version} (this kbreader uses {SCHEMA_VERSION})"
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if _is_lock_error(error):
            return None
        return f"corrupt ({error})"
    return None


def _is_lock_error(error: sqlite3.DatabaseError) -> bool:
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)


def _move_aside(path: Path) -> Path:
    stamp = time.strftime("%Y%m%d-%H%M%S")
    aside = path.with_name(f"{path.name}.broken-{stamp}")
    counter = 1
    while aside.exists():
        counter += 1
        aside = path.with_name(f"{path.name}.broken-{stamp}-{counter}")
    path.replace(aside)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.replace(aside.with_name(aside.name + suffix))
    return aside

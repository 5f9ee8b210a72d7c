"""Opening the cache database safely: WAL, a busy timeout, a schema version, self-repair.

A cache that is corrupt, of another schema version, missing its tables or not a database at
all is moved aside (never deleted; the two newest such copies are kept) and rebuilt; the
caller gets a one-line notice to show. A full disk is not damage: it is reported as such and
nothing is moved or marked.
"""

from __future__ import annotations

import contextlib
import errno
import os
import sqlite3
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # not POSIX: concurrent first opens are then merely unlikely to race
    fcntl = None  # type: ignore[assignment]

from reader.store import article_text, path_keys, search_index
from reader.store.errors import DiskFullError
from reader.store.schema import SCHEMA_VERSION, STORE_TABLES, create_article_tables
from reader.text.sanitize import visible

BUSY_TIMEOUT_MS = 60_000
BROKEN_COPIES_KEPT = 2
_NOTICE_DETAIL = 160  # SQLite's messages can quote a damaged column's text at length

_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_NOTADB = 26
_DAMAGE_WORDS = (
    "malformed",
    "not a database",
    "could not decode to utf-8",
    "no such table",
    "no such column",
    "schema version",
    "file is encrypted",
)
_DISK_FULL_ERRNOS = {errno.ENOSPC, errno.EDQUOT}


def connect(path: Path) -> sqlite3.Connection:
    # isolation_level=None: we issue BEGIN IMMEDIATE ourselves, so a writer takes its lock up
    # front and waits in the busy handler instead of failing with "database is locked" when
    # a read transaction would otherwise have to be upgraded.
    conn = sqlite3.connect(
        path,
        timeout=BUSY_TIMEOUT_MS / 1000,
        isolation_level=None,
        check_same_thread=False,
        detect_types=sqlite3.PARSE_DECLTYPES,  # PATHTEXT and ARTICLETEXT columns
    )
    assert path_keys.PATH_TYPE  # the converter is registered by importing path_keys
    assert article_text.TEXT_TYPE  # (and this one by importing article_text)
    conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute("PRAGMA synchronous = NORMAL")
    return conn


# --- what went wrong ------------------------------------------------------------------------


def is_lock_error(error: BaseException) -> bool:
    return isinstance(error, sqlite3.OperationalError) and "locked" in str(error)


def is_disk_full(error: BaseException) -> bool:
    if isinstance(error, OSError):
        return error.errno in _DISK_FULL_ERRNOS
    if isinstance(error, sqlite3.Error):
        return getattr(
            error, "sqlite_errorcode", None
        ) == _SQLITE_FULL or "database or disk is full" in str(error)
    return False


def is_damage(error: BaseException) -> bool:
    """SQLite found the file damaged (or someone changed it under us): rebuild, don't retry."""
    if not isinstance(error, sqlite3.DatabaseError) or is_lock_error(error) or is_disk_full(error):
        return False
    if getattr(error, "sqlite_errorcode", None) in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return True
    message = str(error).lower()
    return any(word in message for word in _DAMAGE_WORDS)


def describe(error: BaseException) -> str:
    """An error for a one-line notice: visible symbols only, and not too long."""
    text = " ".join(str(error).split())
    if len(text) > _NOTICE_DETAIL:
        text = text[: _NOTICE_DETAIL - 1] + "…"
    return visible(text.encode("utf-8", "replace").decode("utf-8"))


# --- damage markers and moved-aside copies --------------------------------------------------


def damaged_marker(path: Path) -> Path:
    return path.with_name(path.name + ".damaged")


def mark_damaged(path: Path, error: BaseException) -> None:
    """Ask the next open to move this cache aside (SQLite found damage while in use)."""
    if is_disk_full(error):
        return  # a full disk damages nothing, and the marker could not be written anyway
    # If it cannot be written, the next read that meets the damage repairs it then.
    with contextlib.suppress(OSError):
        damaged_marker(path).write_text(describe(error), encoding="utf-8")


def move_aside(path: Path) -> Path:
    """Rename a broken database (and its -wal/-shm) out of the way; prune older copies."""
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
    prune_broken(path)
    return aside


def prune_broken(path: Path, keep: int = BROKEN_COPIES_KEPT) -> list[Path]:
    """Delete all but the ``keep`` newest moved-aside copies of ``path``; return the deleted."""
    copies = [
        copy
        for copy in path.parent.glob(f"{path.name}.broken-*")
        if not copy.name.endswith(("-wal", "-shm"))
    ]
    copies.sort(key=_mtime, reverse=True)
    deleted = []
    for copy in copies[keep:]:
        for victim in (copy, Path(f"{copy}-wal"), Path(f"{copy}-shm")):
            try:
                victim.unlink(missing_ok=True)
            except OSError:
                continue
        deleted.append(copy)
    return deleted


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0


@contextmanager
def exclusive(path: Path) -> Iterator[None]:
    """One process at a time checks, repairs and initialises a database file."""
    if fcntl is None:
        yield
        return
    try:
        handle = path.with_name(path.name + ".lock").open("a")
    except OSError as error:
        if is_disk_full(error):
            raise DiskFullError(path.parent) from None
        raise
    with handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


# --- opening the cache ----------------------------------------------------------------------


def open_cache(path: Path) -> tuple[sqlite3.Connection, str | None]:
    """Open (creating or rebuilding as needed) the cache at ``path``; return it and any notice."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        if is_disk_full(error):
            raise DiskFullError(path.parent) from None
        raise
    with exclusive(path):
        return _open_cache(path)


def rebuild_cache(path: Path, reason: str) -> tuple[sqlite3.Connection, str]:
    """Move a cache found damaged while in use aside and start a fresh one."""
    with exclusive(path):
        aside = move_aside(path) if path.exists() else None
        damaged_marker(path).unlink(missing_ok=True)
        conn = connect(path)
        _initialise_or_report(conn, path)
    where = f"; moved it to {aside.name}" if aside is not None else ""
    return conn, f"kbreader: the index at {path} was {reason}{where} and rebuilt it"


def _open_cache(path: Path) -> tuple[sqlite3.Connection, str | None]:
    notice = None
    problem = _unusable_reason(path) if path.exists() else None
    marker = damaged_marker(path)
    if problem is None and marker.exists():
        detail = marker.read_text(encoding="utf-8", errors="replace").strip()
        problem = f"damaged ({visible(detail[:_NOTICE_DETAIL])})"
    marker.unlink(missing_ok=True)
    if problem is not None:
        aside = move_aside(path)
        notice = (
            f"kbreader: the index at {path} was {problem}; moved it to {aside.name} and rebuilt it"
        )
    conn = connect(path)
    try:
        _initialise_or_report(conn, path)
    except sqlite3.DatabaseError as error:
        if is_lock_error(error) or is_disk_full(error):
            raise
        conn.close()
        aside = move_aside(path)
        notice = (
            f"kbreader: the index at {path} was unreadable ({describe(error)});"
            f" moved it to {aside.name} and rebuilt it"
        )
        conn = connect(path)
        _initialise_or_report(conn, path)
    prune_broken(path)
    return conn, notice


def _initialise_or_report(conn: sqlite3.Connection, path: Path) -> None:
    try:
        _initialise(conn)
    except sqlite3.DatabaseError as error:
        if is_disk_full(error):
            conn.close()
            raise DiskFullError(path.parent) from None
        raise


def _initialise(conn: sqlite3.Connection) -> None:
    # 1 KiB pages leave less of each article's last page empty (the text, stored as GB18030
    # by reader.store.article_text, is most of the cache). Only a new database takes it.
    conn.execute("PRAGMA page_size = 1024")
    if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
        conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("BEGIN IMMEDIATE")
    try:
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version not in (0, SCHEMA_VERSION):
            raise sqlite3.DatabaseError(f"schema version {version}, expected {SCHEMA_VERSION}")
        create_article_tables(conn)
        search_index.create_schema(conn)
        # Rows whose article was deleted behind our back (a tool without foreign keys on):
        # a reused article id must never inherit someone else's facts.
        for table in ("facts", "entity_mentions"):
            conn.execute(f"DELETE FROM {table} WHERE article_id NOT IN (SELECT id FROM articles)")
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
            tables = {
                row[0]
                for row in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            }
            if version == 0 and not tables:
                return None  # a fresh database another process has just created
            if version != SCHEMA_VERSION:
                return f"of schema version {version} (this kbreader uses {SCHEMA_VERSION})"
            missing = sorted(set(STORE_TABLES) - tables)
            if missing:
                return f"missing its table(s) {', '.join(missing)}"
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if is_lock_error(error):
            return None
        return f"corrupt ({describe(error)})"
    return None


def file_is_sqlite(path: Path) -> bool:
    """Whether ``path`` starts like an SQLite database (or is empty, as a new one is)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    try:
        header = os.read(fd, 16)
    finally:
        os.close(fd)
    return header in (b"", b"SQLite format 3\x00")

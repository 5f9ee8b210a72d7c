"""User state that must survive a rebuilt cache: read marks, positions, bookmarks, last article,
when each article was last opened, and small per-library settings (the list's order).

It lives in ``$XDG_DATA_HOME/kbreader/state.sqlite3``, keyed by the library's resolved path and
the article's relative path, never by cache row ids.

It is the one thing kbreader keeps that the user made, so it is guarded: on open it is checked
(``quick_check`` and its tables); a file that is corrupt, truncated or not kbreader's state is
moved aside and the newest good backup restored. Backups are taken with SQLite's backup API
when the state is opened and has changed since the last one (so at each start of the app),
and the newest three are kept: a broken state file loses at most one run's changes. When the
state cannot be opened at all, the reader still starts, with state kept in memory only.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TypeVar

from reader.store.database import (
    connect,
    describe,
    exclusive,
    is_damage,
    is_disk_full,
    is_lock_error,
    move_aside,
)
from reader.store.errors import DiskFullError
from reader.store.path_keys import from_db, to_db
from reader.store.schema import statements
from reader.store.transaction import immediate

BACKUPS_KEPT = 3

_SCHEMA = """
CREATE TABLE IF NOT EXISTS read_marks (
    library TEXT NOT NULL, path TEXT NOT NULL, read_at REAL NOT NULL,
    PRIMARY KEY (library, path));
CREATE TABLE IF NOT EXISTS positions (
    library TEXT NOT NULL, path TEXT NOT NULL, offset INTEGER NOT NULL, updated_at REAL NOT NULL,
    PRIMARY KEY (library, path));
CREATE TABLE IF NOT EXISTS bookmarks (
    library TEXT NOT NULL, path TEXT NOT NULL, created_at REAL NOT NULL,
    PRIMARY KEY (library, path));
CREATE TABLE IF NOT EXISTS last_open (
    library TEXT PRIMARY KEY, path TEXT NOT NULL, updated_at REAL NOT NULL);
CREATE TABLE IF NOT EXISTS opened (
    library TEXT NOT NULL, path TEXT NOT NULL, opened_at REAL NOT NULL,
    PRIMARY KEY (library, path));
CREATE TABLE IF NOT EXISTS library_preferences (
    library TEXT NOT NULL, key TEXT NOT NULL, value TEXT NOT NULL,
    PRIMARY KEY (library, key));
"""
# Each table with the columns kbreader reads: a file whose tables lack them is not ours.
_COLUMNS = {
    "read_marks": "library, path, read_at",
    "positions": "library, path, offset, updated_at",
    "bookmarks": "library, path, created_at",
    "last_open": "library, path, updated_at",
}

T = TypeVar("T")


class UserState:
    """Per-library view of the state database; safe to use from several threads."""

    def __init__(self, db_path: Path, library: str) -> None:
        self.db_path = db_path
        self.library = library
        self.backups_dir = db_path.parent / "backups"
        self.notices: list[str] = []
        self._local = threading.local()
        self._lock = threading.Lock()
        self._generation = 0
        self._memory: sqlite3.Connection | None = None  # stands in when the file is unusable
        self._memory_lock = threading.Lock()
        self._checked = False

    # --- opening, checking, recovering -----------------------------------------------------

    def open(self) -> list[str]:
        """Check the state file (repairing it if need be) and back it up; return notices.

        Never raises: whatever happens, the reader gets a usable state."""
        with self._lock:
            if not self._checked:
                self._checked = True
                self._check_and_back_up()
        return self.notices

    def _check_and_back_up(self) -> None:
        try:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            with exclusive(self.db_path):
                problem = state_problem(self.db_path)
                if problem is not None:
                    self._recover(problem)  # what it restored is a backup already
                else:
                    self._back_up()
        except DiskFullError as error:
            self.notices.append(f"kbreader: {error}; read marks and positions are not backed up")
        except (OSError, sqlite3.Error) as error:
            self._use_memory(error)

    def _recover(self, problem: str) -> None:
        """Move the broken file aside; put the newest good backup in its place."""
        self._generation += 1
        aside = move_aside(self.db_path)
        restored = self._restore_newest_backup()
        if restored is None:
            outcome = "no backup to restore, so reading state starts afresh"
        else:
            outcome = f"restored the backup of {_when(restored)}"
        self.notices.append(
            f"kbreader: the reading state {self.db_path} was {problem};"
            f" moved it to {aside.name}; {outcome}"
        )

    def _restore_newest_backup(self) -> Path | None:
        for backup in self.backups():
            if state_problem(backup) is not None:
                continue
            _copy_database(backup, self.db_path)
            return backup
        return None

    def backups(self) -> list[Path]:
        """The backups, newest first."""
        if not self.backups_dir.is_dir():
            return []
        return sorted(self.backups_dir.glob("state-*.sqlite3"), reverse=True)

    def _back_up(self) -> None:
        if not self.db_path.exists():
            return
        existing = self.backups()
        if existing and _last_change(self.db_path) <= existing[0].stat().st_mtime:
            return  # nothing changed since the newest backup
        self.backups_dir.mkdir(parents=True, exist_ok=True)
        # One reading of the clock, so names sort in the order the backups were made.
        now = time.time_ns()
        seconds, nanoseconds = divmod(now, 1_000_000_000)
        stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(seconds)) + f"-{nanoseconds:09d}"
        try:
            _copy_database(self.db_path, self.backups_dir / f"state-{stamp}.sqlite3", durable=False)
        except sqlite3.Error as error:
            if is_disk_full(error):
                raise DiskFullError(self.backups_dir) from None
            raise
        for old in self.backups()[BACKUPS_KEPT:]:
            old.unlink(missing_ok=True)

    def _use_memory(self, error: BaseException) -> None:
        self._generation += 1
        # One connection shared by every thread (operations take turns under _memory_lock):
        # separate connections to a shared in-memory database would lock tables, not wait.
        self._memory = sqlite3.connect(":memory:", isolation_level=None, check_same_thread=False)
        self.notices.append(
            f"kbreader: cannot use the reading state {self.db_path} ({describe(error)});"
            " read marks, positions and bookmarks are kept only until the reader closes"
        )

    # --- connections -----------------------------------------------------------------------

    def _conn(self) -> sqlite3.Connection:
        if not self._checked:
            self.open()
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        identity = None if self._memory is not None else _identity(self.db_path)
        if conn is not None and (
            self._local.generation != self._generation or self._local.identity != identity
        ):
            if conn is not self._memory:
                conn.close()  # the file was replaced (recovered here or by another process)
            conn = None
        if conn is None:
            if self._memory is not None:
                conn = self._memory
            else:
                self.db_path.parent.mkdir(parents=True, exist_ok=True)
                conn = connect(self.db_path)
                if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                    conn.execute("PRAGMA journal_mode = WAL")
            with immediate(conn):
                for statement in statements(_SCHEMA):
                    conn.execute(statement)
            self._local.conn = conn
            self._local.generation = self._generation
            self._local.identity = _identity(self.db_path) if self._memory is None else None
        return conn

    def _run(self, operation: Callable[[sqlite3.Connection], T]) -> T:
        """Run one state operation; damage is repaired (from the backup) and it runs again."""
        for attempt in (1, 2):
            try:
                if self._memory is not None:
                    with self._memory_lock:
                        return operation(self._conn())
                return operation(self._conn())
            except sqlite3.DatabaseError as error:
                if is_disk_full(error):
                    raise DiskFullError(self.db_path.parent) from None
                if attempt == 2 or is_lock_error(error) or not is_damage(error):
                    raise
                self._repair_after(error)
            except DiskFullError:
                raise
            except OSError as error:
                if is_disk_full(error):
                    raise DiskFullError(self.db_path.parent) from None
                raise
        raise AssertionError("unreachable")

    def _repair_after(self, error: BaseException) -> None:
        self.close()
        with self._lock:
            try:
                with exclusive(self.db_path):
                    problem = state_problem(self.db_path) or f"damaged ({describe(error)})"
                    self._recover(problem)
            except (OSError, sqlite3.Error) as failure:
                self._use_memory(failure)

    # --- read marks ------------------------------------------------------------------------

    def set_read(self, path: str, read: bool = True) -> None:
        def write(conn: sqlite3.Connection) -> None:
            with immediate(conn):
                if read:
                    conn.execute(
                        "INSERT OR REPLACE INTO read_marks VALUES (?, ?, ?)",
                        (self.library, to_db(path), time.time()),
                    )
                else:
                    conn.execute(
                        "DELETE FROM read_marks WHERE library = ? AND path = ?",
                        (self.library, to_db(path)),
                    )

        self._run(write)

    def read_paths(self) -> set[str]:
        return self._paths("SELECT path FROM read_marks WHERE library = ?")

    def _paths(self, query: str) -> set[str]:
        def read(conn: sqlite3.Connection) -> set[str]:
            return {from_db(row[0]) for row in conn.execute(query, (self.library,))}

        return self._run(read)

    # --- scroll positions (a code-point offset at the top of the reading pane) -------------

    def set_position(self, path: str, offset: int) -> None:
        def write(conn: sqlite3.Connection) -> None:
            with immediate(conn):
                conn.execute(
                    "INSERT OR REPLACE INTO positions VALUES (?, ?, ?, ?)",
                    (self.library, to_db(path), max(0, int(offset)), time.time()),
                )

        self._run(write)

    def position(self, path: str) -> int | None:
        def read(conn: sqlite3.Connection) -> int | None:
            row = conn.execute(
                "SELECT offset FROM positions WHERE library = ? AND path = ?",
                (self.library, to_db(path)),
            ).fetchone()
            return None if row is None else int(row[0])

        return self._run(read)

    # --- bookmarks -------------------------------------------------------------------------

    def toggle_bookmark(self, path: str) -> bool:
        """Bookmark the article, or remove its bookmark; returns whether it is now bookmarked."""

        def write(conn: sqlite3.Connection) -> bool:
            with immediate(conn):
                deleted = conn.execute(
                    "DELETE FROM bookmarks WHERE library = ? AND path = ?",
                    (self.library, to_db(path)),
                ).rowcount
                if not deleted:
                    conn.execute(
                        "INSERT INTO bookmarks VALUES (?, ?, ?)",
                        (self.library, to_db(path), time.time()),
                    )
            return not deleted

        return self._run(write)

    def bookmarks(self) -> set[str]:
        return self._paths("SELECT path FROM bookmarks WHERE library = ?")

    # --- the article open when the reader last closed ---------------------------------------

    def set_last_open(self, path: str) -> None:
        """The article now open: remembered for the next start, and as its last reading."""
        now = time.time()

        def write(conn: sqlite3.Connection) -> None:
            with immediate(conn):
                conn.execute(
                    "INSERT OR REPLACE INTO last_open VALUES (?, ?, ?)",
                    (self.library, to_db(path), now),
                )
                conn.execute(
                    "INSERT OR REPLACE INTO opened VALUES (?, ?, ?)",
                    (self.library, to_db(path), now),
                )

        self._run(write)

    def last_open(self) -> str | None:
        def read(conn: sqlite3.Connection) -> str | None:
            row = conn.execute(
                "SELECT path FROM last_open WHERE library = ?", (self.library,)
            ).fetchone()
            return None if row is None else from_db(row[0])

        return self._run(read)

    def set_read_many(self, paths: Iterable[str], read: bool = True) -> None:
        """Mark many articles at once (mark all read): one transaction."""
        now = time.time()
        paths = list(paths)  # an operation may be run again (after a repair)

        def write(conn: sqlite3.Connection) -> None:
            with immediate(conn):
                if read:
                    conn.executemany(
                        "INSERT OR REPLACE INTO read_marks VALUES (?, ?, ?)",
                        [(self.library, to_db(path), now) for path in paths],
                    )
                else:
                    conn.executemany(
                        "DELETE FROM read_marks WHERE library = ? AND path = ?",
                        [(self.library, to_db(path)) for path in paths],
                    )

        self._run(write)

    def opened_times(self) -> dict[str, float]:
        """When each article was last opened (path → Unix time), for the last-read order.

        Articles read before this was recorded count from when they were marked read."""

        def read(conn: sqlite3.Connection) -> dict[str, float]:
            times: dict[str, float] = {}
            for query in (
                "SELECT path, read_at FROM read_marks WHERE library = ?",
                "SELECT path, opened_at FROM opened WHERE library = ?",
            ):
                times.update(
                    (from_db(path), float(at)) for path, at in conn.execute(query, (self.library,))
                )
            return times

        return self._run(read)

    # small settings the reader remembers per library (the list's order, the folder tree, …)
    def library_preference(self, key: str) -> str | None:
        def read(conn: sqlite3.Connection) -> str | None:
            row = conn.execute(
                "SELECT value FROM library_preferences WHERE library = ? AND key = ?",
                (self.library, key),
            ).fetchone()
            return None if row is None else str(row[0])

        return self._run(read)

    def set_library_preference(self, key: str, value: str) -> None:
        def write(conn: sqlite3.Connection) -> None:
            with immediate(conn):
                conn.execute(
                    "INSERT OR REPLACE INTO library_preferences VALUES (?, ?, ?)",
                    (self.library, key, value),
                )

        self._run(write)

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            if conn is not self._memory:
                conn.close()
            self._local.conn = None


def state_problem(path: Path) -> str | None:
    """Why the state file at ``path`` cannot be used, or None (also when it does not exist)."""
    try:
        with path.open("rb") as handle:
            header = handle.read(16)
    except FileNotFoundError:
        return None
    except OSError as error:
        return f"unreadable ({error.strerror})"
    if not header:
        return None  # empty: SQLite makes a fresh database of it
    if header != b"SQLite format 3\x00":
        return "not a database"
    try:
        conn = sqlite3.connect(path, timeout=60)
        try:
            check = conn.execute("PRAGMA quick_check").fetchall()
            if check != [("ok",)]:
                return f"corrupt ({describe(Exception(check[0][0]))})"
            tables = {
                row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")
            }
            ours = tables & _COLUMNS.keys()
            if tables and not ours:
                return "not kbreader's reading state (it holds other tables)"
            for table in ours:
                conn.execute(f"SELECT {_COLUMNS[table]} FROM {table} LIMIT 1").fetchall()
        finally:
            conn.close()
    except sqlite3.DatabaseError as error:
        if is_lock_error(error):
            return None
        if "no such column" in str(error):
            return "not kbreader's reading state (its tables have other columns)"
        return f"corrupt ({describe(error)})"
    return None


def _copy_database(source: Path, target: Path, *, durable: bool = True) -> None:
    """Copy with SQLite's backup API (consistent even while another process writes), into
    a temporary file renamed at the end, so a crash never leaves half a copy.

    ``durable=False`` skips the fsyncs: fine for a backup, which is checked before any
    restore (a backup the power cut left broken is passed over for the one before)."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    src = sqlite3.connect(source, timeout=60)
    try:
        dst = sqlite3.connect(partial)
        try:
            if not durable:
                dst.execute("PRAGMA synchronous = OFF")
            src.backup(dst)
            # A copy that carries its own WAL setting, but no -wal file beside it.
            dst.execute("PRAGMA journal_mode = DELETE")
        finally:
            dst.close()
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    finally:
        src.close()
    for side in ("-wal", "-shm"):
        target.with_name(target.name + side).unlink(missing_ok=True)
    partial.replace(target)


def _last_change(path: Path) -> float:
    times = []
    for candidate in (path, path.with_name(path.name + "-wal")):
        try:
            times.append(candidate.stat().st_mtime)
        except OSError:
            continue
    return max(times, default=0.0)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except OSError:
        return None
    return info.st_dev, info.st_ino


def _when(backup: Path) -> str:
    return time.strftime("%Y-%m-%d %H:%M", time.localtime(backup.stat().st_mtime))

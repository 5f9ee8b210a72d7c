"""User state that must survive a rebuilt cache: read marks, positions, bookmarks, last article.

It lives in ``$XDG_DATA_HOME/kbreader/state.sqlite3``, keyed by the library's resolved path and
the article's relative path, never by cache row ids.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

from reader.store.database import connect
from reader.store.schema import statements
from reader.store.transaction import immediate

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
CREATE TABLE IF NOT EXISTS preferences (
    name TEXT PRIMARY KEY, value TEXT NOT NULL, updated_at REAL NOT NULL);
"""


class UserState:
    """Per-library view of the state database; safe to use from several threads."""

    def __init__(self, db_path: Path, library: str) -> None:
        self.db_path = db_path
        self.library = library
        self._local = threading.local()

    def _conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            self.db_path.parent.mkdir(parents=True, exist_ok=True)
            conn = connect(self.db_path)
            if conn.execute("PRAGMA journal_mode").fetchone()[0] != "wal":
                conn.execute("PRAGMA journal_mode = WAL")
            with immediate(conn):
                for statement in statements(_SCHEMA):
                    conn.execute(statement)
            self._local.conn = conn
        return conn

    # read marks
    def set_read(self, path: str, read: bool = True) -> None:
        conn = self._conn()
        with immediate(conn):
            if read:
                conn.execute(
                    "INSERT OR REPLACE INTO read_marks VALUES (?, ?, ?)",
                    (self.library, path, time.time()),
                )
            else:
                conn.execute(
                    "DELETE FROM read_marks WHERE library = ? AND path = ?", (self.library, path)
                )

    def read_paths(self) -> set[str]:
        rows = self._conn().execute(
            "SELECT path FROM read_marks WHERE library = ?", (self.library,)
        )
        return {row[0] for row in rows}

    # scroll positions (a code-point offset at the top of the reading pane)
    def set_position(self, path: str, offset: int) -> None:
        conn = self._conn()
        with immediate(conn):
            conn.execute(
                "INSERT OR REPLACE INTO positions VALUES (?, ?, ?, ?)",
                (self.library, path, max(0, int(offset)), time.time()),
            )

    def position(self, path: str) -> int | None:
        row = (
            self._conn()
            .execute(
                "SELECT offset FROM positions WHERE library = ? AND path = ?", (self.library, path)
            )
            .fetchone()
        )
        return None if row is None else int(row[0])

    # bookmarks
    def toggle_bookmark(self, path: str) -> bool:
        """Bookmark the article, or remove its bookmark; returns whether it is now bookmarked."""
        conn = self._conn()
        with immediate(conn):
            deleted = conn.execute(
                "DELETE FROM bookmarks WHERE library = ? AND path = ?", (self.library, path)
            ).rowcount
            if not deleted:
                conn.execute(
                    "INSERT INTO bookmarks VALUES (?, ?, ?)", (self.library, path, time.time())
                )
        return not deleted

    def bookmarks(self) -> set[str]:
        rows = self._conn().execute("SELECT path FROM bookmarks WHERE library = ?", (self.library,))
        return {row[0] for row in rows}

    # the article open when the reader last closed
    def set_last_open(self, path: str) -> None:
        conn = self._conn()
        with immediate(conn):
            conn.execute(
                "INSERT OR REPLACE INTO last_open VALUES (?, ?, ?)",
                (self.library, path, time.time()),
            )

    def last_open(self) -> str | None:
        row = (
            self._conn()
            .execute("SELECT path FROM last_open WHERE library = ?", (self.library,))
            .fetchone()
        )
        return None if row is None else str(row[0])

    # choices made in the app (the theme picked in the palette): for every library, and never
    # written into the user's config file
    def set_preference(self, name: str, value: str) -> None:
        conn = self._conn()
        with immediate(conn):
            conn.execute(
                "INSERT OR REPLACE INTO preferences VALUES (?, ?, ?)", (name, value, time.time())
            )

    def preference(self, name: str) -> str | None:
        row = (
            self._conn().execute("SELECT value FROM preferences WHERE name = ?", (name,)).fetchone()
        )
        return None if row is None else str(row[0])

    def close(self) -> None:
        conn = getattr(self._local, "conn", None)
        if conn is not None:
            conn.close()
            self._local.conn = None

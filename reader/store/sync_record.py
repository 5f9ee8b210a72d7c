"""What the last sync found, kept in the cache so the problems screen survives a restart.

A sync's report is stored whole (counts, when it finished, every problem with its reason)
under one ``meta`` key; a rebuilt cache has none until its first sync, and then the problems
table (each skipped or complained-about file) stands in.
"""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import dataclass, field

from reader.documents.model import Problem
from reader.store.articles import SyncReport
from reader.store.transaction import immediate

_KEY = "last_sync"


@dataclass(frozen=True)
class LastSync:
    finished_at: float
    """Unix time."""
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: tuple[Problem, ...] = field(default=())


def save(conn: sqlite3.Connection, report: SyncReport) -> None:
    data = {**report.to_dict(), "finished_at": time.time()}
    with immediate(conn):
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)",
            # ASCII escapes keep a non-UTF-8 file name (a lone surrogate) storable.
            (_KEY, json.dumps(data)),
        )


def load(conn: sqlite3.Connection) -> LastSync | None:
    row = conn.execute("SELECT value FROM meta WHERE key = ?", (_KEY,)).fetchone()
    if row is None:
        return None
    try:
        data = json.loads(row[0])
        return LastSync(
            finished_at=float(data["finished_at"]),
            added=int(data.get("added", 0)),
            updated=int(data.get("updated", 0)),
            removed=int(data.get("removed", 0)),
            unchanged=int(data.get("unchanged", 0)),
            skipped=int(data.get("skipped", 0)),
            problems=tuple(_problem(item) for item in data.get("problems", [])),
        )
    except (ValueError, KeyError, TypeError, AttributeError):
        return None  # written by another version, or damaged: the problems table answers


def _problem(item: dict[str, object]) -> Problem:
    line = item.get("line")
    return Problem(
        str(item["path"]), str(item["reason"]), int(str(line)) if line is not None else None
    )


def problems(conn: sqlite3.Connection) -> list[Problem]:
    """The last sync's problems; before any (a rebuilt cache), the problems table's."""
    last = load(conn)
    return list(last.problems) if last is not None else stored_problems(conn)


def stored_problems(conn: sqlite3.Connection) -> list[Problem]:
    """The problems table: files skipped, or read with a complaint, as of the last sync."""
    return [
        Problem(str(path), str(reason), None if line is None else int(line))
        for path, reason, line in conn.execute(
            "SELECT path, reason, line FROM problems ORDER BY path, rowid"
        )
    ]

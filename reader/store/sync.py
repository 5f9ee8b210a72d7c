"""Bringing the cache in line with the library folder: only what changed is read again.

Files are parsed outside any transaction; each batch is then written in one short
``BEGIN IMMEDIATE`` transaction, so a reader or a second syncing process only ever waits
briefly and never sees "database is locked".
"""

from __future__ import annotations

import json
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from stat import S_ISREG

from reader.documents import SUFFIXES, Document, Problem, UnreadableFile, load_document
from reader.documents.dates import to_iso
from reader.store.articles import ProgressCallback, SyncReport
from reader.store.search_index import SearchEngine, Updater
from reader.store.transaction import immediate

BATCH = 200


@dataclass(frozen=True)
class FileStat:
    path: str  # relative, POSIX
    location: str  # absolute (a str: a Path per file cost more than the scan's stat calls)
    size: int
    mtime_ns: int

    @property
    def absolute(self) -> Path:
        return Path(self.location)


def scan(root: Path, problems: list[Problem] | None = None) -> Iterator[FileStat]:
    """Article files under ``root``, recursively; hidden files and folders are skipped.

    Folders that cannot be read are reported in ``problems`` rather than skipped silently.
    """

    def unreadable(error: OSError) -> None:
        if problems is not None and error.filename:
            where = Path(error.filename)
            relative = (
                where.relative_to(root).as_posix() if where.is_relative_to(root) else str(where)
            )
            problems.append(Problem(relative or ".", f"cannot read folder: {error.strerror}"))

    # Plain os calls and str paths: pathlib's parsing cost more than the stat calls.
    top = len(str(root).rstrip(os.sep)) + 1
    for folder, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUFFIXES:
                continue
            absolute = os.path.join(folder, name)
            try:
                stat = os.stat(absolute)
            except OSError:
                continue  # vanished between listing and stat, or a dangling link
            if not S_ISREG(stat.st_mode):
                continue
            relative = absolute[top:].replace(os.sep, "/")
            yield FileStat(relative, absolute, stat.st_size, stat.st_mtime_ns)


def sync_files(
    conn: sqlite3.Connection, root: Path, progress: ProgressCallback | None, index: SearchEngine
) -> SyncReport:
    """Sync the store with the folder and the search index with the store: each batch is
    committed to SQLite, then handed to the index (see reader.store.tantivy_index)."""
    with index.updater(conn) as update:
        return _sync_files(conn, root, progress, update)


def _sync_files(
    conn: sqlite3.Connection, root: Path, progress: ProgressCallback | None, update: Updater
) -> SyncReport:
    report = SyncReport()
    walk_problems: list[Problem] = []
    files = {stat.path: stat for stat in scan(root, walk_problems)}
    stored = {
        path: (size, mtime)
        for path, size, mtime in conn.execute("SELECT path, size, mtime_ns FROM articles")
    }
    skipped_before = {
        path: (size, mtime)
        for path, size, mtime in conn.execute(
            "SELECT path, size, mtime_ns FROM problems WHERE size IS NOT NULL"
        )
    }
    to_read = []
    for path, stat in files.items():
        known = stored.get(path) or skipped_before.get(path)
        if known == (stat.size, stat.mtime_ns):
            if path in stored:
                report.unchanged += 1
            else:
                report.skipped += 1
        else:
            to_read.append(stat)
    vanished = [path for path in stored.keys() | skipped_before.keys() if path not in files]
    update.expect(len(to_read) + len(vanished))

    if vanished:
        with immediate(conn):
            for path in vanished:
                _remove(conn, path, update)
            update.stamp(conn)
        update.flush()
        report.removed = sum(1 for path in vanished if path in stored)

    total = len(to_read)
    for start in range(0, total, BATCH):
        batch = to_read[start : start + BATCH]
        parsed: list[tuple[FileStat, Document | str | None]] = []
        for index, stat in enumerate(batch, start + 1):
            parsed.append((stat, _read(stat)))
            if progress is not None:
                progress("read", index, total, stat.path)
        with immediate(conn):
            for stat, outcome in parsed:
                if outcome is None:  # deleted since the scan: gone, not broken
                    if _remove(conn, stat.path, update):
                        report.removed += 1
                elif isinstance(outcome, str):
                    _record_skip(conn, stat, outcome, update)
                    report.skipped += 1
                else:
                    counted = _store(conn, stat, outcome, update)
                    if counted == "added":
                        report.added += 1
                    elif counted == "updated":
                        report.updated += 1
                    else:
                        report.unchanged += 1
            update.stamp(conn)
        update.flush()
    report.problems = walk_problems + [
        Problem(path, reason, line)
        for path, reason, line in conn.execute(
            "SELECT path, reason, line FROM problems ORDER BY path, rowid"
        )
    ]
    return report


def _read(stat: FileStat) -> Document | str | None:
    """The parsed file, the reason it cannot be an article, or None if it vanished."""
    try:
        return load_document(stat.absolute, stat.path)
    except UnreadableFile as error:
        return None if not stat.absolute.exists() else error.reason
    except Exception as error:  # noqa: BLE001 - one odd file must never stop a sync
        return f"cannot parse: {type(error).__name__}: {error}"


def _store(conn: sqlite3.Connection, stat: FileStat, doc: Document, update: Updater) -> str:
    """Insert or replace one article: "added", "updated", or "unchanged" when another
    process stored this very version while we were parsing it."""
    row = conn.execute(
        "SELECT id, size, mtime_ns FROM articles WHERE path = ?", (stat.path,)
    ).fetchone()
    if row is not None and (row[1], row[2]) == (stat.size, stat.mtime_ns):
        return "unchanged"
    values = (
        stat.size,
        stat.mtime_ns,
        doc.title,
        to_iso(doc.date),
        doc.source,
        doc.author,
        json.dumps(list(doc.tags), ensure_ascii=False),
        doc.encoding,
        doc.body_start,
        doc.text,
    )
    conn.execute("DELETE FROM problems WHERE path = ?", (stat.path,))
    if row is None:
        cursor = conn.execute(
            "INSERT INTO articles (size, mtime_ns, title, date, source, author, tags, encoding,"
            " body_start, text, path) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (*values, stat.path),
        )
        article_id = cursor.lastrowid
        assert article_id is not None
    else:
        article_id = row[0]
        conn.execute("DELETE FROM facts WHERE article_id = ?", (article_id,))
        conn.execute("DELETE FROM entity_mentions WHERE article_id = ?", (article_id,))
        conn.execute(
            "UPDATE articles SET size=?, mtime_ns=?, title=?, date=?, source=?, author=?, tags=?,"
            " encoding=?, body_start=?, text=? WHERE id = ?",
            (*values, article_id),
        )
    update.put(article_id, doc.title, doc.text)
    conn.executemany(
        "INSERT INTO problems (path, reason, line) VALUES (?, ?, ?)",
        [(stat.path, problem.reason, problem.line) for problem in doc.problems],
    )
    return "added" if row is None else "updated"


def _record_skip(conn: sqlite3.Connection, stat: FileStat, reason: str, update: Updater) -> None:
    _remove(conn, stat.path, update)
    conn.execute(
        "INSERT INTO problems (path, reason, size, mtime_ns) VALUES (?, ?, ?, ?)",
        (stat.path, reason, stat.size, stat.mtime_ns),
    )


def _remove(conn: sqlite3.Connection, path: str, update: Updater) -> bool:
    """Forget a path; True when it was an article."""
    row = conn.execute("SELECT id FROM articles WHERE path = ?", (path,)).fetchone()
    if row is not None:
        update.remove(row[0])
        conn.execute("DELETE FROM articles WHERE id = ?", (row[0],))
    conn.execute("DELETE FROM problems WHERE path = ?", (path,))
    return row is not None

"""Bringing the cache in line with the library folder: only what changed is read again.

Files are parsed outside any transaction; each batch is then written in one short
``BEGIN IMMEDIATE`` transaction, so a reader or a second syncing process only ever waits
briefly and never sees "database is locked".

One file never takes the batch down: whatever goes wrong reading, parsing or storing it
becomes a problem reported for that file (its half-written rows are rolled back to a
savepoint), and the rest of the batch lands. Only what concerns the whole cache -- a full
disk, damage, a lock -- stops the sync.
"""

from __future__ import annotations

import errno
import json
import os
import sqlite3
import stat as stat_module
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from reader import documents
from reader.bounded.files import in_system_folder
from reader.documents import SUFFIXES, Document, Problem, UnreadableFile
from reader.documents.dates import to_iso
from reader.store import article_text
from reader.store.articles import ProgressCallback, SyncReport
from reader.store.database import is_damage, is_disk_full, is_lock_error
from reader.store.path_keys import to_db
from reader.store.search_index import SearchEngine, Updater
from reader.store.transaction import immediate

BATCH = 200
# A batch also ends once its files hold this many bytes, so big files never pile up in memory.
BATCH_BYTES = 32 * 1024 * 1024


@dataclass(frozen=True)
class FileStat:
    path: str  # relative, POSIX; a name that is not UTF-8 keeps its bytes as surrogates
    location: str  # absolute; a str, as a Path per file cost more than the scan's stat calls
    size: int
    mtime_ns: int
    is_link: bool = False

    @property
    def absolute(self) -> Path:
        return Path(self.location)


def scan(
    root: Path, problems: list[Problem] | None = None, *, follow_external_links: bool = False
) -> Iterator[FileStat]:
    """Article files under ``root``, recursively; hidden files and folders are skipped.

    Folders that cannot be read, and links that lead out of the library (unless
    ``follow_external_links``) or into /proc, /sys or /dev (always), are reported in
    ``problems`` rather than skipped silently.
    """
    real_root = Path(os.path.realpath(root))

    def report(path: str, reason: str) -> None:
        if problems is not None:
            problems.append(Problem(path, reason))

    def unreadable(error: OSError) -> None:
        if error.filename:
            where = Path(error.filename)
            relative = (
                where.relative_to(root).as_posix() if where.is_relative_to(root) else str(where)
            )
            report(relative or ".", f"cannot read folder: {error.strerror}")

    # Plain os calls on str paths: pathlib's parsing cost more than the stat calls themselves
    # (most of a no-change re-sync, which every `kbreader search` runs first).
    top = len(str(root).rstrip(os.sep)) + 1
    for folder, dirnames, filenames in os.walk(root, onerror=unreadable, followlinks=False):
        dirnames[:] = sorted(name for name in dirnames if not name.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or os.path.splitext(name)[1].lower() not in SUFFIXES:
                continue
            absolute = os.path.join(folder, name)
            relative = absolute[top:].replace(os.sep, "/")
            try:
                link = stat_module.S_ISLNK(os.lstat(absolute).st_mode)
            except OSError:
                continue  # vanished between listing and stat
            try:
                info = os.stat(absolute)
            except OSError as error:
                if link:
                    where = "itself" if error.errno == errno.ELOOP else os.readlink(absolute)
                    report(relative, f"a link to {where}, which cannot be read ({error.strerror})")
                continue
            if link:
                target = Path(os.path.realpath(absolute))
                if in_system_folder(target):
                    report(
                        relative, f"a link to {target}: kbreader never reads /proc, /sys or /dev"
                    )
                    continue
                if not follow_external_links and not target.is_relative_to(real_root):
                    report(
                        relative,
                        f"a link out of the library (to {target}); not read"
                        " (set follow_external_links: true in the config to allow)",
                    )
                    continue
            if not stat_module.S_ISREG(info.st_mode):
                if not stat_module.S_ISDIR(info.st_mode):
                    report(relative, "not a regular file (a FIFO, socket or device); not read")
                continue  # a linked folder is not walked into (no loops, no escapes)
            yield FileStat(relative, absolute, info.st_size, info.st_mtime_ns, link)


def sync_files(
    conn: sqlite3.Connection,
    root: Path,
    progress: ProgressCallback | None,
    index: SearchEngine,
    *,
    follow_external_links: bool = False,
) -> SyncReport:
    """Sync the store with the folder and the search index with the store: each batch is
    committed to SQLite, then handed to the index (see reader.store.tantivy_index)."""
    with index.updater(conn) as update:
        return _sync_files(conn, root, progress, update, follow_external_links)


def _sync_files(
    conn: sqlite3.Connection,
    root: Path,
    progress: ProgressCallback | None,
    update: Updater,
    follow_external_links: bool,
) -> SyncReport:
    report = SyncReport()
    walk_problems: list[Problem] = []
    files = {
        stat.path: stat
        for stat in scan(root, walk_problems, follow_external_links=follow_external_links)
    }
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
    done = 0
    for batch in _batches(to_read):
        parsed: list[tuple[FileStat, Document | str | None]] = []
        for stat in batch:
            parsed.append((stat, _read(stat)))
            done += 1
            if progress is not None:
                progress("read", done, total, stat.path)
        with immediate(conn):
            for stat, outcome in parsed:
                _land(conn, stat, outcome, report, update)
            update.stamp(conn)
        update.flush()
        del parsed
    report.problems = walk_problems + [
        Problem(path, reason, line)
        for path, reason, line in conn.execute(
            "SELECT path, reason, line FROM problems ORDER BY path, rowid"
        )
    ]
    return report


def _batches(files: list[FileStat]) -> Iterator[list[FileStat]]:
    batch: list[FileStat] = []
    size = 0
    for stat in files:
        if batch and (len(batch) >= BATCH or size + stat.size > BATCH_BYTES):
            yield batch
            batch, size = [], 0
        batch.append(stat)
        size += stat.size
    if batch:
        yield batch


def _read(stat: FileStat) -> Document | str | None:
    """The parsed file, the reason it cannot be an article, or None if it vanished."""
    try:
        # A file listed as a plain file is opened without following links: one swapped for
        # a link since the scan is refused rather than read from wherever it points.
        # (Through the package: the parser loads only once a file has changed.)
        return documents.load_document(stat.absolute, stat.path, follow_links=stat.is_link)
    except UnreadableFile as error:
        return None if error.missing else error.reason
    except MemoryError:
        return "too big to read into memory"
    except Exception as error:  # noqa: BLE001 - one odd file must never stop a sync
        return f"cannot parse: {type(error).__name__}: {error}"


def _land(
    conn: sqlite3.Connection,
    stat: FileStat,
    outcome: Document | str | None,
    report: SyncReport,
    update: Updater,
) -> None:
    """Write one file's outcome inside the batch's transaction, isolated by a savepoint; the
    search index hears of it only once the file's rows are in."""
    if outcome is None:  # deleted since the scan: gone, not broken
        if _remove(conn, stat.path, update):
            report.removed += 1
        return
    if isinstance(outcome, str):
        _record_skip(conn, stat, outcome, update)
        report.skipped += 1
        return
    conn.execute("SAVEPOINT one_file")
    try:
        counted, article_id = _store(conn, stat, outcome)
    except Exception as error:
        if _concerns_the_cache(error) or not conn.in_transaction:
            raise  # (SQLite may have ended the whole transaction itself)
        conn.execute("ROLLBACK TO one_file")
        conn.execute("RELEASE one_file")
        _record_skip(conn, stat, f"cannot store: {type(error).__name__}: {error}", update)
        report.skipped += 1
        return
    conn.execute("RELEASE one_file")
    if counted != "unchanged":
        update.put(article_id, outcome.title, outcome.text)
    if counted == "added":
        report.added += 1
    elif counted == "updated":
        report.updated += 1
    else:
        report.unchanged += 1


def _concerns_the_cache(error: BaseException) -> bool:
    return is_disk_full(error) or is_damage(error) or is_lock_error(error)


def _store(conn: sqlite3.Connection, stat: FileStat, doc: Document) -> tuple[str, int]:
    """Insert or replace one article: "added", "updated", or "unchanged" when another
    process stored this very version while we were parsing it; and the article's id."""
    key = to_db(stat.path)
    row = conn.execute("SELECT id, size, mtime_ns FROM articles WHERE path = ?", (key,)).fetchone()
    if row is not None and (row[1], row[2]) == (stat.size, stat.mtime_ns):
        return "unchanged", row[0]
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
        article_text.to_db(doc.text),
    )
    conn.execute("DELETE FROM problems WHERE path = ?", (key,))
    if row is None:
        cursor = conn.execute(
            "INSERT INTO articles (size, mtime_ns, title, date, source, author, tags, encoding,"
            " body_start, text, path) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
            (*values, key),
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
    conn.executemany(
        "INSERT INTO problems (path, reason, line) VALUES (?, ?, ?)",
        [(key, _storable(problem.reason), problem.line) for problem in doc.problems],
    )
    return ("added" if row is None else "updated"), article_id


def _record_skip(conn: sqlite3.Connection, stat: FileStat, reason: str, update: Updater) -> None:
    _remove(conn, stat.path, update)
    conn.execute(
        "INSERT INTO problems (path, reason, size, mtime_ns) VALUES (?, ?, ?, ?)",
        (to_db(stat.path), _storable(reason), stat.size, stat.mtime_ns),
    )


def _storable(reason: str) -> str:
    # Error messages can quote a file name that is not UTF-8; SQLite text must be.
    return reason.encode("utf-8", "backslashreplace").decode("utf-8")


def _remove(conn: sqlite3.Connection, path: str, update: Updater) -> bool:
    """Forget a path; True when it was an article."""
    key = to_db(path)
    row = conn.execute("SELECT id FROM articles WHERE path = ?", (key,)).fetchone()
    if row is not None:
        update.remove(row[0])
        conn.execute("DELETE FROM articles WHERE id = ?", (row[0],))
    conn.execute("DELETE FROM problems WHERE path = ?", (key,))
    return row is not None

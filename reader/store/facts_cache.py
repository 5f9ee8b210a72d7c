"""Facts cached per article, tagged with the extractor's version; entity index across articles.

Extraction is bounded here, at the call site, whatever extractor runs: an article longer than
``FACTS_MAX_CHARS`` has the facts of its head only (cut at a paragraph), and the cut is
recorded as a problem of that article, so a 50 MB file costs what a long article costs. Each
article's facts are committed on their own, so one slow article never holds back the rest.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from reader.documents.model import Problem
from reader.store import timeline
from reader.store.articles import Article, EntitySummary, ProgressCallback
from reader.store.child_process import ChildProcess
from reader.store.facts_pass import FactsPass
from reader.store.path_keys import to_db
from reader.store.transaction import immediate

if TYPE_CHECKING:
    from reader.facts import Facts

BATCH = 50
# Characters of one article given to the extractor: a long report's worth, and a 5 MB file's
# facts in under 10 s on a busy 2-core machine (benchmarks/bench_big_files.py). Offsets stay
# valid: it is a prefix.
FACTS_MAX_CHARS = 50_000
# A batch handed to the extractor holds at most this many characters in all.
BATCH_CHARS = 100_000
LIMIT_NOTE = "facts from the first"
FAILED_NOTE = "facts not extracted"
_NOTES = "facts %"  # both notes, as a LIKE pattern


def bounded(text: str, limit: int | None = None) -> tuple[str, str | None]:
    """The part of ``text`` facts are extracted from, and a note when that is not all of it."""
    limit = FACTS_MAX_CHARS if limit is None else limit
    if len(text) <= limit:
        return text, None
    cut = text.rfind("\n\n", limit // 2, limit)
    if cut < 0:
        cut = text.rfind("\n", limit // 2, limit)
    end = cut if cut > 0 else limit
    note = (
        f"{LIMIT_NOTE} {end:,} of {len(text):,} characters only"
        " (the rest is too long to extract in reasonable time)"
    )
    return text[:end], note


def cached(conn: sqlite3.Connection, article_id: int) -> Facts | None:
    from reader.facts import FACTS_VERSION, Facts

    row = conn.execute(
        "SELECT data FROM facts WHERE article_id = ? AND version = ?", (article_id, FACTS_VERSION)
    ).fetchone()
    return None if row is None else Facts.from_dict(json.loads(row[0]))


def facts_for(conn: sqlite3.Connection, article: Article) -> Facts:
    found = cached(conn, article.id)
    if found is not None:
        return found
    from reader.facts import extract_facts

    head, note = bounded(article.text)
    facts = extract_facts(head, published=article.date)
    with immediate(conn):
        if _still_current(conn, article.id, article.text):
            _save(conn, article.id, facts.to_dict(), note)
    return facts


def _still_current(conn: sqlite3.Connection, article_id: int, text: str) -> bool:
    """Facts are cached only against the very text they came from (a sync may have run)."""
    # (Compared here: the column holds the text encoded, see reader.store.article_text.)
    row = conn.execute("SELECT text FROM articles WHERE id = ?", (article_id,)).fetchone()
    return row is not None and row[0] == text


def update_all(
    conn: sqlite3.Connection,
    load_text: Callable[[int], str],
    progress: ProgressCallback | None,
    should_stop: Callable[[], bool] | None,
    *,
    child: ChildProcess | None = None,
    facts_pass: FactsPass | None = None,
) -> int:
    """Extract facts for every article lacking current ones; returns how many.

    ``child``: where the extraction runs (reader.store.child_process); else in this thread.
    ``facts_pass``: articles the reader asks for meanwhile are extracted next.
    """
    from reader.facts import FACTS_VERSION

    stale = conn.execute(
        "SELECT a.id, a.path, a.date FROM articles a LEFT JOIN facts f ON f.article_id = a.id"
        " WHERE f.version IS NULL OR f.version != ? ORDER BY a.date IS NULL, a.date DESC, a.path",
        (FACTS_VERSION,),
    ).fetchall()
    total = len(stale)
    done = 0
    # Small batches keep the stop check (and quitting) prompt.
    batch_size = SUBPROCESS_BATCH if child is not None and child.pool is not None else BATCH
    extractor = child if child is not None else ChildProcess(enabled=False)
    position = 0
    while True:
        if should_stop is not None and should_stop():
            return done
        if facts_pass is not None and (asked := facts_pass.take_asked()):
            # The reader's requests first; their facts are then current, so skipped below.
            todo = [_job(load_text, *row) for row in _current_rows(conn, asked)]
            done += _extract_batch(conn, extractor, todo, progress, done, total)
            facts_pass.done_with(asked)
            continue
        if position >= total:
            return done
        todo = []
        chars = 0
        while position < total and len(todo) < batch_size:
            article_id, path, date = stale[position]
            if conn.execute(
                "SELECT 1 FROM facts WHERE article_id = ? AND version = ?",
                (article_id, FACTS_VERSION),
            ).fetchone():
                position += 1
                continue  # another process (or worker, or the reader's request) got here first
            job = _job(load_text, article_id, path, date)
            if todo and chars + len(job.head) > BATCH_CHARS:
                break  # a long article goes in a batch of its own: it holds back no other
            position += 1
            todo.append(job)
            chars += len(job.head)
        done += _extract_batch(conn, extractor, todo, progress, done, total)


@dataclass(frozen=True)
class _Job:
    article_id: int
    path: str
    date: str | None
    text: str
    head: str  # what is extracted (see bounded)
    note: str | None


def _job(
    load_text: Callable[[int], str],
    article_id: int,
    path: str,
    date: str | None,
) -> _Job:
    text = load_text(article_id)
    head, note = bounded(text)
    return _Job(article_id, path, date, text, head, note)


def _current_rows(
    conn: sqlite3.Connection, article_ids: list[int]
) -> list[tuple[int, str, str | None]]:
    """(id, path, date) of those articles that still exist and lack current facts."""
    from reader.facts import FACTS_VERSION

    rows = []
    for article_id in article_ids:
        row = conn.execute(
            "SELECT a.id, a.path, a.date FROM articles a LEFT JOIN facts f ON f.article_id = a.id"
            " WHERE a.id = ? AND (f.version IS NULL OR f.version != ?)",
            (article_id, FACTS_VERSION),
        ).fetchone()
        if row is not None:
            rows.append(row)
    return rows


def _extract_batch(
    conn: sqlite3.Connection,
    extractor: ChildProcess,
    todo: list[_Job],
    progress: ProgressCallback | None,
    done_before: int,
    total: int,
) -> int:
    """Extracts and saves a batch; returns how many were done."""
    results = _extract_each(extractor, [(job.head, job.date) for job in todo])
    for count, (job, data) in enumerate(zip(todo, results, strict=True), start=1):
        note = job.note
        if isinstance(data, BaseException):
            # Cached as empty, so it is not retried at every sync; reported.
            note = f"{FAILED_NOTE}: {type(data).__name__}: {data}"
            data = {"numbers": [], "entities": []}
        with immediate(conn):
            # The article may have changed or vanished while we extracted.
            if _still_current(conn, job.article_id, job.text):
                _save(conn, job.article_id, data, note)
        if progress is not None:
            done = done_before + count
            progress("facts", done, max(done, total), job.path)
    return len(todo)


SUBPROCESS_BATCH = 8


def _extract_each(
    extractor: ChildProcess, items: list[tuple[str, str | None]]
) -> list[dict[str, Any] | Exception]:
    """Facts of each item; an article the extractor fails on gets its error, not the batch."""
    try:
        return list(extractor.run(extract_dicts, items))
    except Exception as error:  # noqa: BLE001 - one odd article must not stop the others
        if len(items) == 1:
            return [error]
    outcomes: list[dict[str, Any] | Exception] = []
    for item in items:
        outcomes += _extract_each(extractor, [item])
    return outcomes


def extract_dicts(items: list[tuple[str, str | None]]) -> list[dict[str, Any]]:
    """Facts of (text, ISO date) pairs as dicts: picklable, so a child process can run it."""
    from reader.documents.dates import from_iso
    from reader.facts import extract_facts

    return [extract_facts(text, published=from_iso(date)).to_dict() for text, date in items]


def _save(
    conn: sqlite3.Connection, article_id: int, data: dict[str, Any], note: str | None
) -> None:
    from reader.facts import FACTS_VERSION

    # The note of a cut is a problem of the article (kbreader index lists it); a sync that
    # stores a new version of the file clears the article's problems, and its facts.
    path = conn.execute("SELECT path FROM articles WHERE id = ?", (article_id,)).fetchone()[0]
    conn.execute("DELETE FROM problems WHERE path = ? AND reason LIKE ?", (to_db(path), _NOTES))
    if note is not None:
        conn.execute("INSERT INTO problems (path, reason) VALUES (?, ?)", (to_db(path), note))

    conn.execute(
        "INSERT OR REPLACE INTO facts (article_id, version, data) VALUES (?, ?, ?)",
        (article_id, FACTS_VERSION, json.dumps(data, ensure_ascii=False)),
    )
    conn.execute("DELETE FROM entity_mentions WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT OR REPLACE INTO entity_mentions (article_id, name, type, mentions) VALUES (?, ?, ?, ?)",
        [
            (article_id, entity["name"], entity["type"], len(entity["mentions"]))
            for entity in data.get("entities", [])
        ],
    )
    timeline.index_facts(conn, article_id, data, FACTS_VERSION)


def limit_notes(conn: sqlite3.Connection) -> list[Problem]:
    """Articles whose facts come from their head only, or could not be extracted."""
    rows = conn.execute(
        "SELECT path, reason FROM problems WHERE reason LIKE ? ORDER BY path", (_NOTES,)
    )
    return [Problem(path, reason) for path, reason in rows]


def entities(conn: sqlite3.Connection) -> list[EntitySummary]:
    rows = conn.execute(
        "SELECT name, type, count(DISTINCT article_id), sum(mentions) FROM entity_mentions"
        " GROUP BY name, type ORDER BY count(DISTINCT article_id) DESC, sum(mentions) DESC, name"
    )
    return [
        EntitySummary(name, type_, int(articles), int(mentions))
        for name, type_, articles, mentions in rows
    ]

"""Facts cached per article, tagged with the extractor's version; entity index across articles."""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from reader.store import timeline
from reader.store.articles import Article, EntitySummary, ProgressCallback
from reader.store.transaction import immediate

if TYPE_CHECKING:
    from reader.facts import Facts

BATCH = 50


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

    facts = extract_facts(article.text, published=article.date)
    with immediate(conn):
        if _still_current(conn, article.id, article.text):
            _save(conn, article.id, facts)
    return facts


def _still_current(conn: sqlite3.Connection, article_id: int, text: str) -> bool:
    """Facts are cached only against the very text they came from (a sync may have run)."""
    row = conn.execute("SELECT 1 FROM articles WHERE id = ? AND text = ?", (article_id, text))
    return row.fetchone() is not None


def update_all(
    conn: sqlite3.Connection,
    load_text: Callable[[int], str],
    progress: ProgressCallback | None,
    should_stop: Callable[[], bool] | None,
    *,
    in_subprocess: bool = False,
) -> int:
    """Extract facts for every article lacking current ones; returns how many.

    ``in_subprocess``: extract in a child process, so a long first pass over a big library
    does not compete with an interactive UI thread for the GIL. If a child cannot be
    started, extraction goes on in this thread.
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
    batch_size = SUBPROCESS_BATCH if in_subprocess else BATCH
    with _Extractor(in_subprocess) as extractor:
        for start in range(0, total, batch_size):
            if should_stop is not None and should_stop():
                return done
            todo = []
            for article_id, path, date in stale[start : start + batch_size]:
                if conn.execute(
                    "SELECT 1 FROM facts WHERE article_id = ? AND version = ?",
                    (article_id, FACTS_VERSION),
                ).fetchone():
                    continue  # another process (or worker) got here first
                todo.append((article_id, path, date, load_text(article_id)))
            results = extractor.extract([(text, date) for _, _, date, text in todo])
            with immediate(conn):
                for (article_id, _, _, text), data in zip(todo, results, strict=True):
                    # The article may have changed or vanished while we extracted.
                    if _still_current(conn, article_id, text):
                        _save_dict(conn, article_id, data)
            for _, path, _, _ in todo:
                done += 1
                if progress is not None:
                    progress("facts", done, total, path)
    return done


SUBPROCESS_BATCH = 8


def extract_dicts(items: list[tuple[str, str | None]]) -> list[dict[str, Any]]:
    """Facts of (text, ISO date) pairs as dicts: picklable, so a child process can run it."""
    from reader.documents.dates import from_iso
    from reader.facts import extract_facts

    return [extract_facts(text, published=from_iso(date)).to_dict() for text, date in items]


class _Extractor:
    """Runs extract_dicts in one spawned child, or here when that is impossible."""

    def __init__(self, in_subprocess: bool) -> None:
        self.pool: ProcessPoolExecutor | None = None
        if in_subprocess:
            from reader.text import segment

            try:
                # spawn, never fork: the parent may be a threaded Textual app.
                self.pool = ProcessPoolExecutor(
                    max_workers=1,
                    mp_context=multiprocessing.get_context("spawn"),
                    initializer=segment.use_user_dictionaries,
                    initargs=(segment.user_dictionaries(),),
                )
            except (OSError, ValueError):
                self.pool = None

    def extract(self, items: list[tuple[str, str | None]]) -> list[dict[str, Any]]:
        if self.pool is not None:
            try:
                return self.pool.submit(extract_dicts, items).result()
            except (OSError, ValueError, BrokenProcessPool):
                self.pool.shutdown(wait=False, cancel_futures=True)
                self.pool = None  # the child could not run: go on in this thread
        return extract_dicts(items)

    def __enter__(self) -> _Extractor:
        return self

    def __exit__(self, *_exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(wait=False, cancel_futures=True)


def _save(conn: sqlite3.Connection, article_id: int, facts: Facts) -> None:
    _save_dict(conn, article_id, facts.to_dict())


def _save_dict(conn: sqlite3.Connection, article_id: int, data: dict[str, Any]) -> None:
    from reader.facts import FACTS_VERSION

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


def entities(conn: sqlite3.Connection) -> list[EntitySummary]:
    rows = conn.execute(
        "SELECT name, type, count(DISTINCT article_id), sum(mentions) FROM entity_mentions"
        " GROUP BY name, type ORDER BY count(DISTINCT article_id) DESC, sum(mentions) DESC, name"
    )
    return [
        EntitySummary(name, type_, int(articles), int(mentions))
        for name, type_, articles, mentions in rows
    ]

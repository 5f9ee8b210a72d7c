"""Facts cached per article, tagged with the extractor's version; entity index across articles."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING

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
) -> int:
    from reader.documents.dates import from_iso
    from reader.facts import FACTS_VERSION, extract_facts

    stale = conn.execute(
        "SELECT a.id, a.path, a.date FROM articles a LEFT JOIN facts f ON f.article_id = a.id"
        " WHERE f.version IS NULL OR f.version != ? ORDER BY a.date IS NULL, a.date DESC, a.path",
        (FACTS_VERSION,),
    ).fetchall()
    total = len(stale)
    done = 0
    for start in range(0, total, BATCH):
        extracted = []
        for article_id, path, date in stale[start : start + BATCH]:
            if should_stop is not None and should_stop():
                return done
            if conn.execute(
                "SELECT 1 FROM facts WHERE article_id = ? AND version = ?",
                (article_id, FACTS_VERSION),
            ).fetchone():
                continue  # another process (or worker) got here first
            text = load_text(article_id)
            extracted.append((article_id, text, extract_facts(text, published=from_iso(date))))
            done += 1
            if progress is not None:
                progress("facts", done, total, path)
        with immediate(conn):
            for article_id, text, facts in extracted:
                # The article may have changed or vanished while we extracted.
                if _still_current(conn, article_id, text):
                    _save(conn, article_id, facts)
    return done


def _save(conn: sqlite3.Connection, article_id: int, facts: Facts) -> None:
    from reader.facts import FACTS_VERSION

    conn.execute(
        "INSERT OR REPLACE INTO facts (article_id, version, data) VALUES (?, ?, ?)",
        (article_id, FACTS_VERSION, json.dumps(facts.to_dict(), ensure_ascii=False)),
    )
    conn.execute("DELETE FROM entity_mentions WHERE article_id = ?", (article_id,))
    conn.executemany(
        "INSERT OR REPLACE INTO entity_mentions (article_id, name, type, mentions) VALUES (?, ?, ?, ?)",
        [(article_id, entity.name, entity.type, len(entity.mentions)) for entity in facts.entities],
    )


def entities(conn: sqlite3.Connection) -> list[EntitySummary]:
    rows = conn.execute(
        "SELECT name, type, count(DISTINCT article_id), sum(mentions) FROM entity_mentions"
        " GROUP BY name, type ORDER BY count(DISTINCT article_id) DESC, sum(mentions) DESC, name"
    )
    return [
        EntitySummary(name, type_, int(articles), int(mentions))
        for name, type_, articles, mentions in rows
    ]

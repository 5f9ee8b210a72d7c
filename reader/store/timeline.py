"""The library's timeline: every dated fact, and each article's own date, on one axis.

It is derived data in the cache, kept beside the facts it comes from: one ``timeline`` row per
dated fact (with its sentence, ready to show) or dated article, ordered by an ISO string that
sorts chronologically by start (``2023`` < ``2023-06`` < ``2023-06-14`` <
``2023-06-14T10:00``), under an index, so the first screen of a 10,000-article library is one
indexed range read. ``timeline_sources`` says what each article's rows were made from.

Rows are written with the facts (``index_facts``, called when facts are cached) and checked
against the store before a query whenever anything was committed since the last check
(``refresh``): an article added, changed or removed, facts dropped by a sync, or a cache made
before the timeline existed are all brought in line, so the timeline never answers from stale
offsets. The tables are created on first use. What a row says (its date's place, its
sentence) is ``reader.store.dated``.
"""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Literal

from reader.store.dated import article_date_key, readable_date, sentence_around, sort_key
from reader.store.transaction import immediate
from reader.text.find import fold_for_search

# Bump when rows change shape or meaning: the tables are then rebuilt from the facts cache.
TIMELINE_VERSION = 1
DATED_KINDS = ("date", "datetime", "year")

_TABLES = (
    """CREATE TABLE IF NOT EXISTS timeline_sources (
        article_id    INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
        date          TEXT,
        title         TEXT NOT NULL,
        facts_version INTEGER
    )""",
    # `at`: the date's start as a sortable ISO prefix; `normalized`: as facts gave it.
    """CREATE TABLE IF NOT EXISTS timeline (
        article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
        at          TEXT NOT NULL,
        normalized  TEXT NOT NULL,
        source      TEXT NOT NULL,
        text        TEXT NOT NULL,
        start       INTEGER NOT NULL,
        end         INTEGER NOT NULL,
        sentence    TEXT NOT NULL,
        mark_start  INTEGER NOT NULL,
        mark_end    INTEGER NOT NULL,
        folded      TEXT NOT NULL
    )""",
    "CREATE INDEX IF NOT EXISTS timeline_by_at ON timeline(at, article_id, start)",
    "CREATE INDEX IF NOT EXISTS timeline_by_article ON timeline(article_id)",
)

_ROW = ", ".join("?" * 11)

Source = Literal["fact", "article"]


@dataclass(frozen=True)
class TimelineEntry:
    when: str
    """The date as facts normalised it: 2023-09-14, 2023-06, 2022-23 (autumn), 2024-Q1."""
    source: Source
    """``fact``: a date the text mentions; ``article``: the article's own date."""
    path: str
    title: str
    text: str
    """The date as written (今年6月); the title for an article's own date."""
    start: int
    end: int
    """Where ``text`` is in the article (code points; 0, 0 for an article's own date)."""
    sentence: str
    """The sentence around it, one line, Markdown marks dropped (the title for an article)."""
    mark: tuple[int, int]
    """Where ``text`` is in ``sentence``."""

    @property
    def label(self) -> str:
        return readable_date(self.when)


# --- the tables -------------------------------------------------------------------------------


def ensure_schema(conn: sqlite3.Connection) -> None:
    known = {
        str(row[0])
        for row in conn.execute(
            "SELECT name FROM sqlite_master WHERE name IN ('timeline', 'timeline_sources')"
        )
    }
    if len(known) == 2 and _stored_version(conn) == TIMELINE_VERSION:
        return
    in_transaction = conn.in_transaction
    if not in_transaction:
        conn.execute("BEGIN IMMEDIATE")
    try:
        if _stored_version(conn) != TIMELINE_VERSION:
            conn.execute("DROP TABLE IF EXISTS timeline")
            conn.execute("DROP TABLE IF EXISTS timeline_sources")
        for statement in _TABLES:
            conn.execute(statement)
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('timeline_version', ?)",
            (str(TIMELINE_VERSION),),
        )
        if not in_transaction:
            conn.execute("COMMIT")
    except BaseException:
        if not in_transaction and conn.in_transaction:
            conn.execute("ROLLBACK")
        raise


def _stored_version(conn: sqlite3.Connection) -> int | None:
    row = conn.execute("SELECT value FROM meta WHERE key = 'timeline_version'").fetchone()
    return int(row[0]) if row is not None and str(row[0]).isdigit() else None


def index_facts(
    conn: sqlite3.Connection, article_id: int, data: dict[str, Any], version: int
) -> None:
    """(Re)write the article's timeline rows from its facts (``Facts.to_dict()`` form).

    Runs inside the caller's transaction, right where the facts are cached."""
    ensure_schema(conn)
    row = conn.execute(
        "SELECT text, title, date FROM articles WHERE id = ?", (article_id,)
    ).fetchone()
    if row is None:
        return
    text, title, date = str(row[0]), str(row[1]), row[2]
    conn.execute("DELETE FROM timeline WHERE article_id = ?", (article_id,))
    own_date = article_date_key(date) if isinstance(date, str) else None
    rows = [
        row
        for row in _fact_rows(article_id, text, data)
        # The dateline (**2023-10-19 22:02** alone on its line) is the article's own date.
        if not (row[1] == own_date and row[4] == row[7])
    ]
    article_row = _article_row(article_id, title, date)
    # A sentence that gives the article's own date (日期：2024-05-01) already puts it there.
    if article_row is not None and all(row[1] != own_date for row in rows):
        rows.append(article_row)
    conn.executemany(f"INSERT INTO timeline VALUES ({_ROW})", rows)
    conn.execute(
        "INSERT OR REPLACE INTO timeline_sources VALUES (?, ?, ?, ?)",
        (article_id, date, title, version),
    )


def _fact_rows(article_id: int, text: str, data: dict[str, Any]) -> Iterator[tuple[object, ...]]:
    from reader.facts.markup import prose_only

    paragraphs: dict[str, str] = {}

    def clean(paragraph: str) -> str:
        found = paragraphs.get(paragraph)
        if found is None:
            found = paragraphs[paragraph] = prose_only(paragraph)
        return found

    for number in data.get("numbers", []):
        normalized = number.get("normalized")
        if number.get("kind") not in DATED_KINDS or not isinstance(normalized, str):
            continue
        at = sort_key(normalized)
        start, end = int(number["start"]), int(number["end"])
        if at is None or not 0 <= start < end <= len(text):
            continue
        sentence, mark_start, mark_end = sentence_around(text, start, end, clean)
        yield (
            article_id,
            at,
            normalized,
            "fact",
            str(number.get("text", text[start:end])),
            start,
            end,
            sentence,
            mark_start,
            mark_end,
            fold_for_search(sentence).text,
        )


def _article_row(article_id: int, title: str, date: object) -> tuple[object, ...] | None:
    if not isinstance(date, str) or not date:
        return None
    return (
        article_id,
        article_date_key(date),
        date[:16] if "T" in date else date,
        "article",
        title,
        0,
        0,
        title,
        0,
        len(title),
        fold_for_search(title).text,
    )


def changes(conn: sqlite3.Connection) -> tuple[int, int]:
    """What ``conn`` has seen committed: by other connections (``data_version``) and by
    itself (``total_changes``). Equal answers mean the store has not changed between them."""
    return int(conn.execute("PRAGMA data_version").fetchone()[0]), conn.total_changes


def _out_of_line(conn: sqlite3.Connection) -> tuple[list[Any], list[Any]]:
    """Articles whose date or title rows are missing or old; articles whose facts rows no
    longer have their facts (a sync dropped them with the old text)."""
    changed = conn.execute(
        "SELECT a.id, a.title, a.date FROM articles a"
        " LEFT JOIN timeline_sources s ON s.article_id = a.id"
        " WHERE s.article_id IS NULL OR s.title != a.title OR s.date IS NOT a.date"
    ).fetchall()
    stale = conn.execute(
        "SELECT s.article_id FROM timeline_sources s"
        " LEFT JOIN facts f ON f.article_id = s.article_id AND f.version = s.facts_version"
        " WHERE s.facts_version IS NOT NULL AND f.article_id IS NULL"
    ).fetchall()
    return changed, stale


def refresh(
    conn: sqlite3.Connection,
    facts_version: int,
    *,
    budget: int | None = None,
    should_stop: Callable[[], bool] | None = None,
) -> int:
    """Bring the timeline in line with the store; returns how many articles' cached facts
    are still to be indexed (0 when it is complete).

    Article dates, and facts a sync dropped, are always brought in line (cheap). Cached facts
    not yet indexed (a cache made before the timeline, or facts cached without it) are
    indexed in batches: at most ``budget`` articles (None: all, until ``should_stop``)."""
    ensure_schema(conn)
    if any(_out_of_line(conn)):
        with immediate(conn):
            # Again under the write lock: a sync may have changed the store meanwhile.
            changed, stale = _out_of_line(conn)
            for (article_id,) in stale:
                conn.execute(
                    "DELETE FROM timeline WHERE article_id = ? AND source = 'fact'", (article_id,)
                )
                conn.execute(
                    "UPDATE timeline_sources SET facts_version = NULL WHERE article_id = ?",
                    (article_id,),
                )
            for article_id, title, date in changed:
                conn.execute(
                    "DELETE FROM timeline WHERE article_id = ? AND source = 'article'",
                    (article_id,),
                )
                row = _article_row(article_id, str(title), date)
                if row is not None:
                    conn.execute(f"INSERT INTO timeline VALUES ({_ROW})", row)
                conn.execute(
                    "INSERT INTO timeline_sources (article_id, date, title) VALUES (?, ?, ?)"
                    " ON CONFLICT (article_id) DO UPDATE SET date = excluded.date,"
                    " title = excluded.title",
                    (article_id, date, title),
                )
    todo = [
        int(row[0])
        for row in conn.execute(
            "SELECT f.article_id FROM facts f JOIN timeline_sources s"
            " ON s.article_id = f.article_id"
            " WHERE f.version = ? AND s.facts_version IS NOT f.version ORDER BY f.article_id",
            (facts_version,),
        )
    ]
    allowed = len(todo) if budget is None else min(budget, len(todo))
    done = 0
    while done < allowed and not (should_stop is not None and should_stop()):
        batch = todo[done : min(done + _BATCH, allowed)]
        with immediate(conn):
            for article_id in batch:
                data = conn.execute(
                    "SELECT data FROM facts WHERE article_id = ? AND version = ?",
                    (article_id, facts_version),
                ).fetchone()
                if data is not None:
                    index_facts(conn, article_id, json.loads(data[0]), facts_version)
        done += len(batch)
    return len(todo) - done


_BATCH = 50


# --- queries ----------------------------------------------------------------------------------


class Timeline:
    """One timeline query's answer, read a page at a time (for a virtualised list).

    ``page(offset, limit)`` reads rows in order; the first page never waits for ``total``
    (counted on first use: with a text filter that is a scan of every sentence). A page far
    down is read from the other end, and rows are found by a scan of the index alone before
    their sentences are read, so the last screen costs about what the first does."""

    def __init__(
        self,
        run: Callable[[Callable[[sqlite3.Connection], Any]], Any],
        *,
        newest_first: bool,
        entity: str | None,
        text: str | None,
        pending: int = 0,
    ) -> None:
        self._run = run
        self.pending = pending
        """Articles whose cached facts are not in the timeline yet (indexed in the background)."""
        self.newest_first = newest_first
        self.entity = entity
        self.text = text
        where: list[str] = []
        params: list[object] = []
        if entity:
            where.append("t.article_id IN (SELECT article_id FROM entity_mentions WHERE name = ?)")
            params.append(entity)
        wanted = fold_for_search(text).text.strip() if text else ""
        if wanted:
            # instr, not LIKE: what the user typed is never pattern syntax.
            where.append("instr(t.folded, ?) > 0")
            params.append(wanted)
        self._where = " AND ".join(where)
        self._params = tuple(params)
        self._total: int | None = None

    @property
    def total(self) -> int:
        if self._total is None:
            self._total = self._count("")
        return self._total

    def __len__(self) -> int:
        return self.total

    def _order(self, newest_first: bool) -> str:
        direction = "DESC" if newest_first else "ASC"
        return ", ".join(
            f"t.{column} {direction}" for column in ("at", "article_id", "start", "rowid")
        )

    def _count(self, condition: str, params: tuple[object, ...] = ()) -> int:
        where = " AND ".join(part for part in (self._where, condition) if part)
        sql = "SELECT count(*) FROM timeline t" + (f" WHERE {where}" if where else "")
        return int(
            self._run(lambda conn: conn.execute(sql, (*self._params, *params)).fetchone()[0])
        )

    def page(self, offset: int, limit: int) -> list[TimelineEntry]:
        """Rows ``[offset, offset + limit)`` in this timeline's order."""
        offset = max(offset, 0)
        if limit <= 0:
            return []
        newest_first, backwards = self.newest_first, False
        if offset > 2 * limit and offset > self.total // 2:
            if offset >= self.total:
                return []
            # Far down: the same rows, counted from the other end, read in reverse.
            end = min(offset + limit, self.total)
            offset, limit = self.total - end, end - offset
            newest_first, backwards = not newest_first, True
        where = f" WHERE {self._where}" if self._where else ""
        order = self._order(newest_first)
        # A text filter reads every sentence: in table order, then sorting what matched, rather
        # than in date order with a lookup per row (six times slower when little matches).
        choose = ("+" + order) if self.text and self.text.strip() else order
        sql = (
            "SELECT t.normalized, t.source, a.path, a.title, t.text, t.start, t.end, t.sentence,"
            f" t.mark_start, t.mark_end FROM (SELECT t.rowid AS id FROM timeline t{where}"
            f" ORDER BY {choose} LIMIT ? OFFSET ?) AS chosen"
            " JOIN timeline t ON t.rowid = chosen.id JOIN articles a ON a.id = t.article_id"
            f" ORDER BY {order}"
        )
        params = (*self._params, limit, offset)
        rows: list[tuple[Any, ...]] = self._run(lambda conn: conn.execute(sql, params).fetchall())
        entries = [
            TimelineEntry(
                when=str(when),
                source="article" if source == "article" else "fact",
                path=str(path),
                title=str(title),
                text=str(fact_text),
                start=int(start),
                end=int(end),
                sentence=str(sentence),
                mark=(int(mark_start), int(mark_end)),
            )
            for when, source, path, title, fact_text, start, end, sentence, mark_start, mark_end in rows
        ]
        return entries[::-1] if backwards else entries

    def index_of(self, date: dt.date | str) -> int:
        """The row where ``date`` begins in this order (a year, a month or a day; for a jump):
        newest first, after every later date; oldest first, after every earlier one. A date
        comes with its finer dates: 2023 begins at 2023-12-31 newest first."""
        key = date.isoformat() if isinstance(date, dt.date) else str(date)
        if self.newest_first:
            # Past every string that starts with `key` (the rest of an ISO date is ASCII).
            return self._count("t.at > ?", (key + "\U0010ffff",))
        return self._count("t.at < ?", (key,))

"""Pinyin of titles and entity names, kept in the store: ``ydyl`` finds 一带一路十年.

Spelling costs about 0.1 ms a title (with pypinyin's half-second import), a tenth of a full
sync, so the pinyin is derived lazily: the facts phase fills it in the background (entity
names appear there anyway), and a pinyin query fills whatever is still missing first. Rows hold
``" yi dai yi lu | shi nian"`` and ``" y d y l | s n"`` (a leading space, so a LIKE pattern
can ask for a syllable start); a query reading is matched syllable by syllable, the last
one possibly cut short, so results are exact without a second check.
"""

from __future__ import annotations

import bisect
import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass

from reader.store.child_process import ChildProcess
from reader.store.search_query import Term
from reader.store.transaction import immediate
from reader.text import pinyin

# Pinyin is looked up for queries of a few words, not for pasted text.
MAX_TERMS = 8

TABLES = (
    "CREATE TABLE IF NOT EXISTS title_pinyin ("
    " article_id INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,"
    " title TEXT NOT NULL, spelled TEXT NOT NULL, initials TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS name_pinyin ("
    " name TEXT PRIMARY KEY, spelled TEXT NOT NULL, initials TEXT NOT NULL)",
    "CREATE TABLE IF NOT EXISTS pinyin_syllables (syllable TEXT PRIMARY KEY)",
)


def create_tables(conn: sqlite3.Connection) -> None:
    for statement in TABLES:
        conn.execute(statement)


_up_to_date: dict[int, tuple[object, ...]] = {}


def update(conn: sqlite3.Connection, child: ChildProcess | None = None) -> int:
    """Spell every title and entity name that lacks (current) pinyin; returns how many.

    ``child``: where the spelling runs (pypinyin's dictionary then stays out of this
    process); else in this thread."""
    # Cheap to ask again and again: nothing is looked at while the store has not changed.
    signature = tuple(
        conn.execute(
            "SELECT (SELECT value FROM meta WHERE key = 'search_generation'),"
            " (SELECT value FROM meta WHERE key = 'search_store'),"
            " (SELECT max(rowid) FROM entity_mentions)"
        ).fetchone()
    )
    if _up_to_date.get(id(conn)) == signature:
        return 0
    _spellings.pop(id(conn), None)
    _forget_other_spellings(conn)
    done = _update(conn, child if child is not None else ChildProcess(enabled=False))
    _up_to_date[id(conn)] = signature
    return done


def _forget_other_spellings(conn: sqlite3.Connection) -> None:
    """Rows spelled by another version of the spelling are spelled again."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'pinyin_spelling'").fetchone()
    if row is not None and row[0] == pinyin.SPELLING:
        return
    with immediate(conn):
        for table in ("title_pinyin", "name_pinyin", "pinyin_syllables"):
            conn.execute(f"DELETE FROM {table}")
        conn.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('pinyin_spelling', ?)",
            (pinyin.SPELLING,),
        )


def _update(conn: sqlite3.Connection, child: ChildProcess) -> int:
    titles = conn.execute(
        "SELECT a.id, a.title FROM articles a LEFT JOIN title_pinyin p ON p.article_id = a.id"
        " WHERE p.article_id IS NULL OR p.title != a.title"
    ).fetchall()
    names = conn.execute(
        "SELECT DISTINCT name FROM entity_mentions WHERE name NOT IN (SELECT name FROM name_pinyin)"
    ).fetchall()
    if not titles and not names:
        return 0
    spellings = child.run(spell_each, [t for _, t in titles] + [n for (n,) in names])
    title_rows = [(i, t, *s) for (i, t), s in zip(titles, spellings[: len(titles)], strict=True)]
    name_rows = [(n, *s) for (n,), s in zip(names, spellings[len(titles) :], strict=True)]
    syllables = {
        (s,)
        for row in [*title_rows, *name_rows]
        for s in str(row[-2]).split(" ")
        if s and s != pinyin.RUN_BREAK
    }
    with immediate(conn):
        # (A sync may have removed some of these articles meanwhile.)
        present = {row[0] for row in conn.execute("SELECT id FROM articles")}
        conn.executemany(
            "INSERT OR REPLACE INTO title_pinyin (article_id, title, spelled, initials)"
            " VALUES (?, ?, ?, ?)",
            [row for row in title_rows if row[0] in present],
        )
        conn.executemany(
            "INSERT OR REPLACE INTO name_pinyin (name, spelled, initials) VALUES (?, ?, ?)",
            name_rows,
        )
        conn.executemany("INSERT OR IGNORE INTO pinyin_syllables VALUES (?)", syllables)
    return len(title_rows) + len(name_rows)


def spell_each(texts: list[str]) -> list[tuple[str, str]]:
    """Spelled and initials columns of each text (picklable: a child process runs it)."""
    return [_spelled(text) for text in texts]


def _spelled(text: str) -> tuple[str, str]:
    spelled = pinyin.syllables(text)
    return " " + spelled, " " + pinyin.initials(spelled)


@dataclass(frozen=True)
class _Column:
    """One column of spellings joined into one string (a row per line), so a LIKE
    ``'% yi dai%'`` over every row is one ``str.find`` loop instead of a table scan."""

    joined: str
    starts: list[int]  # where each row begins in ``joined``

    @classmethod
    def of(cls, values: Sequence[str]) -> _Column:
        starts = []
        at = 0
        for value in values:
            starts.append(at)
            at += len(value) + 1
        return cls("\n".join(values), starts)

    def rows_holding(self, needles: Sequence[str]) -> set[int]:
        rows: set[int] = set()
        for needle in needles:
            at = self.joined.find(needle)
            while at >= 0:
                row = bisect.bisect_right(self.starts, at) - 1
                rows.add(row)
                # On to the next row: a row counts once.
                following = row + 1
                at = self.joined.find(
                    needle,
                    self.starts[following] if following < len(self.starts) else len(self.joined),
                )
        return rows


@dataclass(frozen=True)
class _Spellings:
    """The pinyin tables as one connection last saw them (see update)."""

    vocabulary: frozenset[str]
    titles: list[tuple[int, str, str]]  # article id, title, spelled
    title_columns: tuple[_Column, _Column]  # spelled, initials
    names: list[str]
    name_columns: tuple[_Column, _Column]


_spellings: dict[int, _Spellings] = {}


def _read_spellings(conn: sqlite3.Connection) -> _Spellings:
    found = _spellings.get(id(conn))
    if found is not None and id(conn) in _up_to_date:
        return found
    vocabulary = frozenset(row[0] for row in conn.execute("SELECT syllable FROM pinyin_syllables"))
    titles = conn.execute(
        "SELECT article_id, title, spelled, initials FROM title_pinyin ORDER BY article_id"
    ).fetchall()
    names = conn.execute("SELECT name, spelled, initials FROM name_pinyin ORDER BY name").fetchall()
    found = _Spellings(
        vocabulary,
        [(i, t, sp) for i, t, sp, _ in titles],
        (_Column.of([row[2] for row in titles]), _Column.of([row[3] for row in titles])),
        [row[0] for row in names],
        (_Column.of([row[1] for row in names]), _Column.of([row[2] for row in names])),
    )
    if id(conn) in _up_to_date:  # kept only while update() vouches for the tables
        _spellings[id(conn)] = found
    return found


def lookup(conn: sqlite3.Connection, terms: Sequence[Term]) -> dict[int, tuple[str, ...]]:
    """Articles whose title or an entity name reads as every term, with the matched text
    (hanzi of the title, or the name) to show as hits."""
    spellings = _read_spellings(conn)
    vocabulary = spellings.vocabulary
    found: dict[int, list[str]] | None = None
    for term in terms:
        full, initials = _patterns(term.text, vocabulary)
        if not full and not initials:
            return {}
        matches: dict[int, list[str]] = {}
        spelled_column, initials_column = spellings.title_columns
        rows = spelled_column.rows_holding(full) | initials_column.rows_holding(initials)
        for row in sorted(rows):
            article_id, title, spelled = spellings.titles[row]
            matches.setdefault(article_id, []).extend(
                _matched_text(title, spelled, term.text, vocabulary)
            )
        spelled_column, initials_column = spellings.name_columns
        name_rows = spelled_column.rows_holding(full) | initials_column.rows_holding(initials)
        names = [spellings.names[row] for row in sorted(name_rows)]
        for first in range(0, len(names), 500):
            chunk = names[first : first + 500]
            marks = ", ".join("?" * len(chunk))
            for article_id, name in conn.execute(
                f"SELECT article_id, name FROM entity_mentions WHERE name IN ({marks})", chunk
            ):
                matches.setdefault(article_id, []).append(name)
        if found is None:
            found = matches
        else:
            found = {i: found[i] + texts for i, texts in matches.items() if i in found}
    return {i: tuple(dict.fromkeys(texts)) for i, texts in (found or {}).items()}


def _patterns(letters: str, vocabulary: frozenset[str]) -> tuple[list[str], list[str]]:
    """What a spelling must hold (rows start with a space, so a leading space asks for a
    syllable start): one per way of reading ``letters`` as two syllables or more (one alone,
    "to" or "ai", would match half the library), and the initials."""
    readings = pinyin.segmentations(letters, vocabulary)
    full = [" " + " ".join(reading) for reading in readings if len(reading) >= 2]
    initials = [" " + " ".join(letters)] if len(letters) >= 2 else []
    return full, initials


def _matched_text(title: str, spelled: str, letters: str, vocabulary: frozenset[str]) -> list[str]:
    hanzi = [index for start, end in pinyin.hanzi_runs(title) for index in range(start, end)]
    texts = []
    for first, count in pinyin.find(spelled.strip(), letters, vocabulary):
        chars = hanzi[first : first + count]
        if chars:
            texts.append(title[chars[0] : chars[-1] + 1])
    return texts

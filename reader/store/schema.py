"""The cache database's tables. Bump SCHEMA_VERSION on any change: an old cache is rebuilt.

User state does not live here (see ``reader.store.state``), so a rebuild loses nothing.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = 4  # 3: paths are PATHTEXT (file names that are not UTF-8); 4: search in tantivy

ARTICLE_TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
-- One row per file that became an article. `text` is the full decoded, newline-normalised
-- text: every offset anywhere in kbreader indexes into it. `date` is ISO 8601 or NULL.
CREATE TABLE IF NOT EXISTS articles (
    id          INTEGER PRIMARY KEY,
    path        PATHTEXT NOT NULL UNIQUE,  -- relative to the library, POSIX (see path_keys)
    size        INTEGER NOT NULL,
    mtime_ns    INTEGER NOT NULL,
    title       TEXT NOT NULL,
    date        TEXT,
    source      TEXT,
    author      TEXT,
    tags        TEXT NOT NULL DEFAULT '[]',   -- JSON list of strings
    encoding    TEXT NOT NULL,
    body_start  INTEGER NOT NULL DEFAULT 0,
    text        ARTICLETEXT NOT NULL  -- GB18030, see reader.store.article_text
);
CREATE INDEX IF NOT EXISTS articles_by_date ON articles(date DESC, path);
-- Files that could not be read, or were read with a complaint (still articles then).
CREATE TABLE IF NOT EXISTS problems (
    path     PATHTEXT NOT NULL,
    reason   TEXT NOT NULL,
    line     INTEGER,
    size     INTEGER,
    mtime_ns INTEGER
);
CREATE INDEX IF NOT EXISTS problems_by_path ON problems(path);
-- Facts cache: one JSON document per article, tagged with the extractor's version.
CREATE TABLE IF NOT EXISTS facts (
    article_id  INTEGER PRIMARY KEY REFERENCES articles(id) ON DELETE CASCADE,
    version     INTEGER NOT NULL,
    data        TEXT NOT NULL
);
-- Which articles mention which entity, for "every article mentioning X".
CREATE TABLE IF NOT EXISTS entity_mentions (
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    name        TEXT NOT NULL,
    type        TEXT NOT NULL,
    mentions    INTEGER NOT NULL,
    PRIMARY KEY (article_id, name, type)
);
CREATE INDEX IF NOT EXISTS entity_mentions_by_name ON entity_mentions(name, type);
"""


# What a cache must hold to be used; one that lost any of them is rebuilt.
STORE_TABLES = ("meta", "articles", "problems", "facts", "entity_mentions")


def statements(script: str) -> list[str]:
    """Split a schema script; executescript() would commit the caller's transaction."""
    return [part.strip() for part in script.split(";") if part.strip()]


def create_article_tables(conn: sqlite3.Connection) -> None:
    for statement in statements(ARTICLE_TABLES):
        conn.execute(statement)

"""Following a link of an article: to another article of the library (at a heading), or not.

``reader.text.links`` turns the link into candidate paths; here they are looked up among the
library's articles — only the store is asked, never the disk, so a link can name nothing
outside the library — and an ``#anchor`` becomes the offset of its heading.
"""

from __future__ import annotations

import sqlite3
import unicodedata
from dataclasses import dataclass
from typing import Literal

from reader.store.path_keys import to_db
from reader.text.links import ExternalLink, LibraryLink, classify_link
from reader.text.outline import outline_of

LinkKind = Literal["article", "external", "missing"]


@dataclass(frozen=True)
class LinkTarget:
    """What following ``url`` does.

    ``article``: open ``path`` at ``offset`` (None: at its top; ``problem`` then says if an
    anchor was not found). ``external``: a URL away from the library, to show and copy, never
    to fetch. ``missing``: nothing to open; ``problem`` says why."""

    url: str
    kind: LinkKind
    path: str | None = None
    offset: int | None = None
    anchor: str | None = None
    problem: str | None = None


def resolve(conn: sqlite3.Connection, from_path: str, url: str) -> LinkTarget:
    destination = classify_link(url, from_path)
    if isinstance(destination, ExternalLink):
        return LinkTarget(url, "external")
    if not isinstance(destination, LibraryLink):
        return LinkTarget(url, "missing", problem=destination.reason)
    path = _find_article(conn, destination.candidates)
    if path is None:
        return LinkTarget(
            url,
            "missing",
            anchor=destination.anchor,
            problem=f"no article {destination.candidates[0] or 'index'} in the library",
        )
    if destination.anchor is None:
        return LinkTarget(url, "article", path)
    row = conn.execute(
        "SELECT text, body_start FROM articles WHERE path = ?", (to_db(path),)
    ).fetchone()
    text, body_start = str(row[0]), int(row[1])
    heading = outline_of(text[body_start:], base_offset=body_start).anchor(destination.anchor)
    if heading is None:
        return LinkTarget(
            url,
            "article",
            path,
            anchor=destination.anchor,
            problem=f"no heading “{destination.anchor}” in {path}",
        )
    return LinkTarget(url, "article", path, heading.start, destination.anchor)


def _find_article(conn: sqlite3.Connection, candidates: tuple[str, ...]) -> str | None:
    for candidate in candidates:
        row = conn.execute(
            "SELECT path FROM articles WHERE path = ?", (to_db(candidate),)
        ).fetchone()
        if row is not None:
            return str(row[0])
    # Written with another case (README.MD), or the file system spells the name decomposed
    # (macOS): compare folded forms. Only reached for a link that did not match exactly.
    wanted = {_fold(candidate): index for index, candidate in enumerate(candidates)}
    best: tuple[int, str] | None = None
    for (path,) in conn.execute("SELECT path FROM articles"):
        index = wanted.get(_fold(str(path)))
        if index is not None and (best is None or index < best[0]):
            best = (index, str(path))
    return None if best is None else best[1]


def _fold(path: str) -> str:
    return unicodedata.normalize("NFC", path).casefold()

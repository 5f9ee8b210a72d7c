"""The article list's orders, filters and groupings: plain functions over the store's answers.

Orders: ``date`` (newest first), ``title`` and ``path`` (natural: 第2期 before 第10期),
``last_read`` (most recently opened first; never opened after, newest first). Undated
articles come after dated ones in every direction and are ordered by the number their title
or file name carries (第12期, issue-12, 2023-05, 012.md), then by modification time — so a
library of undated issues lists its latest issue first, never its oldest by accident.
"""

from __future__ import annotations

import re
import sqlite3
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePosixPath
from typing import Literal, get_args

from reader.store.articles import ARTICLE_COLUMNS, Article

SortOrder = Literal["date", "title", "path", "last_read"]
SORT_ORDERS: tuple[SortOrder, ...] = get_args(SortOrder)

# An issue number as titles write it: 第12期, 第十二期, No. 12, #12, issue 12, vol.3, ep 7.
_ISSUE = re.compile(
    r"第\s*([0-9]+|[零〇一二两三四五六七八九十百千]+)\s*[期号號卷辑輯集章回篇讲講]"
    r"|(?:no|issue|vol|volume|ep|episode|part|#)\s*[.:#-]?\s*([0-9]+)",
    re.I,
)
# A date without a day or with one: 2023-05, 2023_05_01, 2023年5月, 2023.05.
_DATE_LIKE = re.compile(
    r"(?<![0-9])((?:19|20)[0-9]{2})\s*[-_./年]\s*([0-9]{1,2})(?:\s*[-_./月]\s*([0-9]{1,2}))?(?![0-9])"
)
_DIGITS = re.compile(r"[0-9]+")
# A file name made of a hash (5e142f96c0527c7e) says nothing about order.
_HEXISH = re.compile(r"(?<![0-9a-z])(?=[0-9a-f]*[a-f])(?=[0-9a-f]*[0-9])[0-9a-f]{8,}(?![0-9a-z])")


def sequence_key(title: str, path: str) -> tuple[int, ...]:
    """The numbers that order an undated article among its siblings (empty when none)."""
    title = unicodedata.normalize("NFKC", title)
    stem = unicodedata.normalize("NFKC", PurePosixPath(path).stem).lower()
    issue = _ISSUE.search(title) or _ISSUE.search(stem)
    if issue is not None:
        # Here, not at the top: importing reader.facts loads every extractor, a quarter of
        # the start-up of a `kbreader search`, which never gets here.
        from reader.facts.numerals import parse_number

        number = parse_number(issue.group(1) or issue.group(2))
        if isinstance(number, int):
            return (number,)
    for text in (title, stem):
        date = _DATE_LIKE.search(text)
        if date is not None and 1 <= int(date.group(2)) <= 12:
            return tuple(int(part) for part in date.groups() if part)
    for text in (_HEXISH.sub(" ", stem), title):
        numbers = tuple(int(digits) for digits in _DIGITS.findall(text))
        if numbers:
            return numbers
    return ()


_DIGIT_RUNS = re.compile(r"([0-9]+)")


def natural_key(text: str) -> tuple[tuple[int, int | str], ...]:
    """Case- and width-blind, with runs of digits compared as numbers."""
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    pieces = _DIGIT_RUNS.split(text.casefold())
    # split() alternates text and digit runs: odd pieces are the numbers.
    return tuple(
        (0, int(piece)) if index % 2 else (1, piece) for index, piece in enumerate(pieces) if piece
    )


def _path_key(path: str) -> tuple[tuple[int, int | str], ...]:
    # A folder's articles come before a file named like the folder (a/… before a.md).
    return natural_key(path.replace("/", "\x00"))


def sort_articles(
    articles: Iterable[Article],
    order: SortOrder = "date",
    *,
    reverse: bool = False,
    mtimes: Mapping[str, int] | None = None,
    opened: Mapping[str, float] | None = None,
) -> list[Article]:
    """``articles`` in ``order``; ``reverse`` flips it (undated articles stay last).

    ``mtimes`` (path → mtime_ns) orders undated articles of equal number; ``opened``
    (path → when last opened) is what ``last_read`` orders by. Ties keep the order given
    (the store gives path order), whichever the direction."""
    if order not in SORT_ORDERS:
        raise ValueError(f"unknown sort order: {order!r} (one of {', '.join(SORT_ORDERS)})")
    items = list(articles)
    if order == "title":
        return sorted(items, key=lambda a: natural_key(a.title), reverse=reverse)
    if order == "path":
        return sorted(items, key=lambda a: _path_key(a.path), reverse=reverse)
    by_date = _by_date(items, mtimes or {}, reverse)
    if order == "date":
        return by_date
    opened = opened or {}
    seen = sorted(
        (a for a in by_date if a.path in opened), key=lambda a: opened[a.path], reverse=not reverse
    )
    return seen + [a for a in by_date if a.path not in opened]


def _by_date(items: list[Article], mtimes: Mapping[str, int], reverse: bool) -> list[Article]:
    # Newest first: later dates, higher numbers, later changes. Python's sort is stable in
    # both directions, so ties keep the order given.
    dated = [a for a in items if a.date is not None]
    dated.sort(key=lambda a: a.date.isoformat() if a.date is not None else "", reverse=not reverse)
    undated = [a for a in items if a.date is None]
    undated.sort(
        key=lambda a: (sequence_key(a.title, a.path), mtimes.get(a.path, 0)), reverse=not reverse
    )
    return dated + undated


def load(
    conn: sqlite3.Connection, load_text: Callable[[int], str], tag: str | None = None
) -> tuple[list[Article], dict[str, int]]:
    """Every article (carrying ``tag``, if given) in path order, and each one's mtime_ns."""
    articles: list[Article] = []
    mtimes: dict[str, int] = {}
    for row in conn.execute(f"SELECT {ARTICLE_COLUMNS}, mtime_ns FROM articles ORDER BY path"):
        article = Article.from_row(row[:-1], load_text)
        if tag is None or has_tag(article, tag):
            articles.append(article)
            mtimes[article.path] = int(row[-1])
    return articles, mtimes


def paths(conn: sqlite3.Connection) -> list[str]:
    return [str(row[0]) for row in conn.execute("SELECT path FROM articles")]


# --- tags -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class TagCount:
    name: str
    """The spelling most articles use."""
    articles: int


def fold_tag(tag: str) -> str:
    return unicodedata.normalize("NFKC", tag.strip().lstrip("#").strip()).casefold()


def tag_query(text: str) -> str | None:
    """``#tag`` typed in the search bar: the tag, or None when the text is not a tag filter."""
    stripped = text.strip()
    if (
        len(stripped) > 1
        and stripped.startswith(("#", "＃"))
        and not any(c.isspace() for c in stripped)
    ):
        return stripped[1:]
    return None


def has_tag(article: Article, tag: str) -> bool:
    wanted = fold_tag(tag)
    return any(fold_tag(own) == wanted for own in article.tags)


def count_tags(articles: Iterable[Article]) -> list[TagCount]:
    """Every tag with how many articles carry it (case- and width-blind), most used first."""
    spellings: dict[str, dict[str, int]] = {}
    counts: dict[str, int] = {}
    for article in articles:
        for key in {fold_tag(tag): tag.strip().lstrip("#").strip() for tag in article.tags}.items():
            folded, spelling = key
            if not folded:
                continue
            counts[folded] = counts.get(folded, 0) + 1
            names = spellings.setdefault(folded, {})
            names[spelling] = names.get(spelling, 0) + 1
    tags = [
        # The most used spelling; of equally used ones, the first met (path order).
        TagCount(max(spellings[folded].items(), key=lambda item: item[1])[0], count)
        for folded, count in counts.items()
    ]
    return sorted(tags, key=lambda tag: (-tag.articles, natural_key(tag.name)))


# --- unread -----------------------------------------------------------------------------------


def unread_count(paths: Iterable[str], read: set[str]) -> int:
    return sum(1 for path in paths if path not in read)


def next_unread(paths: Sequence[str], current: str | None, read: set[str]) -> str | None:
    """The first unread article after ``current`` in list order, wrapping around; None when
    every other article is read."""
    start = paths.index(current) + 1 if current in paths else 0
    for path in (*paths[start:], *paths[:start]):
        if path not in read and path != current:
            return path
    return None


# --- folders ----------------------------------------------------------------------------------


@dataclass
class Folder:
    """A folder of the library (``path`` "" is its top) with its articles in list order."""

    path: str
    name: str
    articles: list[Article] = field(default_factory=list)
    folders: list[Folder] = field(default_factory=list)

    @property
    def total(self) -> int:
        """Articles here and in every folder below."""
        return len(self.articles) + sum(folder.total for folder in self.folders)

    def unread(self, read: set[str]) -> int:
        return sum(1 for a in self.articles if a.path not in read) + sum(
            folder.unread(read) for folder in self.folders
        )


@dataclass(frozen=True)
class FolderRow:
    """One row of the folder tree: a folder (``article`` None) or an article, at ``depth``."""

    depth: int
    folder: Folder
    article: Article | None = None


def folder_tree(articles: Iterable[Article]) -> Folder:
    """The articles grouped by folder, each keeping the order it was given in; sub-folders
    in natural order of their names."""
    top = Folder("", "")
    index: dict[str, Folder] = {"": top}
    for article in articles:
        parts = article.path.split("/")[:-1]
        parent = top
        for depth in range(len(parts)):
            path = "/".join(parts[: depth + 1])
            folder = index.get(path)
            if folder is None:
                folder = Folder(path, parts[depth])
                index[path] = folder
                parent.folders.append(folder)
            parent = folder
        parent.articles.append(article)
    for folder in index.values():
        folder.folders.sort(key=lambda sub: natural_key(sub.name))
    return top


def folder_rows(top: Folder, collapsed: Iterable[str] = ()) -> list[FolderRow]:
    """The tree as list rows: each folder, then (unless collapsed) its sub-folders and its
    articles. The top folder's own articles come last, at depth 0, without a header."""
    shut = set(collapsed)
    rows: list[FolderRow] = []

    def walk(folder: Folder, depth: int) -> None:
        rows.append(FolderRow(depth, folder))
        if folder.path in shut:
            return
        for sub in folder.folders:
            walk(sub, depth + 1)
        rows.extend(FolderRow(depth + 1, folder, article) for article in folder.articles)

    for sub in top.folders:
        walk(sub, 0)
    rows.extend(FolderRow(0, top, article) for article in top.articles)
    return rows

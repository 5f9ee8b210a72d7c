"""The store's typed answers: articles, sync reports, entity summaries."""

from __future__ import annotations

import datetime as dt
import json
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field

from reader.documents.dates import from_iso
from reader.documents.model import Problem

ARTICLE_COLUMNS = "id, path, title, date, source, author, tags, body_start"


@dataclass(frozen=True, eq=False)
class Article:
    """An article of the library. ``text`` is loaded on first use: lists stay light."""

    id: int
    path: str
    title: str
    date: dt.date | dt.datetime | None
    source: str | None
    author: str | None
    tags: tuple[str, ...]
    body_start: int
    _load_text: Callable[[int], str] = field(repr=False, compare=False)

    @property
    def text(self) -> str:
        cached: str | None = self.__dict__.get("_text")
        if cached is None:
            cached = self._load_text(self.id)
            object.__setattr__(self, "_text", cached)
        return cached

    @property
    def body(self) -> str:
        return self.text[self.body_start :]

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Article) and (self.id, self.path) == (other.id, other.path)

    def __hash__(self) -> int:
        return hash((self.id, self.path))

    def to_dict(self) -> dict[str, object]:
        """For ``list --json``: ``date`` is always a date (YYYY-MM-DD); ``time`` (HH:MM) says
        when in the day, if the article says so."""
        date = self.date
        return {
            "path": self.path,
            "title": self.title,
            "date": None if date is None else date.strftime("%Y-%m-%d"),
            "time": date.strftime("%H:%M") if isinstance(date, dt.datetime) else None,
            "source": self.source,
            "tags": list(self.tags),
        }

    @classmethod
    def from_row(
        cls, row: sqlite3.Row | tuple[object, ...], load_text: Callable[[int], str]
    ) -> Article:
        id_, path, title, date, source, author, tags, body_start = row
        return cls(
            id=int(str(id_)),
            path=str(path),
            title=str(title),
            date=from_iso(date) if isinstance(date, str) else None,
            source=source if isinstance(source, str) else None,
            author=author if isinstance(author, str) else None,
            tags=tuple(json.loads(tags)) if isinstance(tags, str) else (),
            body_start=int(str(body_start)),
            _load_text=load_text,
        )


@dataclass
class SyncReport:
    added: int = 0
    updated: int = 0
    removed: int = 0
    unchanged: int = 0
    skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    facts_extracted: int = 0

    @property
    def changed(self) -> bool:
        return bool(self.added or self.updated or self.removed)

    def to_dict(self) -> dict[str, object]:
        return {
            "added": self.added,
            "updated": self.updated,
            "removed": self.removed,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "problems": [problem.to_dict() for problem in self.problems],
        }


@dataclass(frozen=True)
class EntitySummary:
    name: str
    type: str
    articles: int
    mentions: int

    def to_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "type": self.type,
            "articles": self.articles,
            "mentions": self.mentions,
        }


# progress(phase, done, total, path): phase is "scan", "read" or "facts".
ProgressCallback = Callable[[str, int, int, str], None]

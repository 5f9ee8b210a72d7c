"""What the workers tell the screen. Workers run in threads and only ever post these."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.facts.model import Facts
from reader.store import Article, SyncReport
from reader.ui.article_list import ListEntry


@dataclass
class LibraryOpened(Message):
    root: str
    notices: list[str]
    last_open: str | None


@dataclass
class ArticlesLoaded(Message):
    entries: list[ListEntry]
    label: str  # what the list shows: "", "bookmarks", "entity: 北京"
    generation: int


@dataclass
class ArticleLoaded(Message):
    article: Article | None
    path: str
    text: str
    position: int | None
    hits: list[tuple[int, int]]
    focus_offset: int | None
    request: int = 0


@dataclass
class ArticleChanged(Message):
    """The open article changed or vanished during a sync."""

    path: str


@dataclass
class FactsLoaded(Message):
    path: str
    facts: Facts | None
    text: str
    error: str | None = None
    request: int = 0


@dataclass
class SearchFinished(Message):
    query: str
    entries: list[ListEntry]
    hits: dict[str, list[tuple[int, int]]]
    error: str | None = None
    words_apart: bool = False
    total: int = 0  # every match, of which ``entries`` are the first


@dataclass
class SyncProgress(Message):
    phase: str
    done: int
    total: int


@dataclass
class SyncFinished(Message):
    report: SyncReport | None
    error: str | None = None
    count: int = 0

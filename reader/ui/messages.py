"""What the tasks tell the screen. Tasks run in threads and only ever post these; the screen's
handlers turn them into the next ``ReaderState``."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from reader.facts.model import Facts
from reader.store import Article, Library, SyncReport
from reader.ui.article_list import ListEntry
from reader.ui.list_view import ListView
from reader.ui.state import ListMode, Range


@dataclass
class Listed(Message):
    """The rows of ``mode`` (a search's carry their hits); ``complete`` is False while a first
    sync is still filling the library."""

    mode: ListMode
    entries: list[ListEntry]
    read: frozenset[str]
    bookmarks: frozenset[str]
    hits: dict[str, tuple[Range, ...]] = field(default_factory=dict)
    complete: bool = True
    total: int = 0  # a search's every match, of which ``entries`` are the first
    view: ListView = field(default_factory=ListView)  # the order and grouping listed in


@dataclass
class LibraryOpened(Message):
    library: Library
    notices: list[str]
    last_open: str | None
    listed: Listed  # what the cache lists before the sync
    sidebar_width: int | None = None  # as set with < > (None: it follows the terminal)


@dataclass
class ArticleLoaded(Message):
    request: int
    path: str
    article: Article | None  # None: no longer in the library
    position: int | None  # the saved reading position


@dataclass
class FactsLoaded(Message):
    path: str
    text: str  # the article text the facts belong to
    facts: Facts
    context: str


@dataclass
class SyncProgress(Message):
    phase: str  # "read" or "facts"
    done: int
    total: int


@dataclass
class SyncFinished(Message):
    """(The library's new list came just before, as ``Listed``.)"""

    report: SyncReport
    count: int


@dataclass
class FactsExtracted(Message):
    """Background fact extraction ended (done, or stopped for a re-sync)."""


@dataclass
class DictionaryLoaded(Message):
    errors: list[str]


@dataclass
class TaskFailed(Message):
    """A task raised: ``group`` names what was waiting for it."""

    group: str
    title: str
    message: str

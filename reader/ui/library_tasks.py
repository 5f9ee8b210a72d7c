"""Store work of the library-wide views (the timeline, the problems screen, the tag picker):
plain functions of the library and values, returning the message that carries the answer,
started with ``tasks.start`` like every other task."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from reader.documents.model import Problem
from reader.store import Library
from reader.store.listing import TagCount
from reader.store.sync_record import LastSync
from reader.store.timeline import Timeline, TimelineEntry

TIMELINE, TIMELINE_PAGE, PROBLEMS, TAGS = "timeline", "timeline-page", "problems", "tags"
PAGE = 100  # timeline rows read at a time


@dataclass(frozen=True)
class TimelineQuery:
    newest_first: bool = True
    entity: str | None = None
    text: str = ""


@dataclass
class TimelineOpened(Message):
    """The first page of ``query``'s timeline; ``serial`` tells it from an older query's."""

    serial: int
    query: TimelineQuery
    timeline: Timeline
    total: int
    first: list[TimelineEntry]
    without_facts: int  # articles whose facts are not extracted yet (not on the timeline)


@dataclass
class TimelinePage(Message):
    serial: int
    number: int
    entries: list[TimelineEntry]


def open_timeline(library: Library, query: TimelineQuery, serial: int) -> TimelineOpened:
    timeline = library.timeline(
        newest_first=query.newest_first, entity=query.entity, text=query.text or None
    )
    first = timeline.page(0, PAGE)
    total = timeline.total if len(first) == PAGE else len(first)
    return TimelineOpened(serial, query, timeline, total, first, library.without_facts())


def timeline_page(timeline: Timeline, number: int, serial: int) -> TimelinePage:
    return TimelinePage(serial, number, timeline.page(number * PAGE, PAGE))


@dataclass
class ProblemsLoaded(Message):
    problems: list[Problem]
    last_sync: LastSync | None


def load_problems(library: Library) -> ProblemsLoaded:
    return ProblemsLoaded(library.problems(), library.last_sync())


@dataclass
class TagsLoaded(Message):
    tags: list[TagCount]


def load_tags(library: Library) -> TagsLoaded:
    return TagsLoaded(library.tags())

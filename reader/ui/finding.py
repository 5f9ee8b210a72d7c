"""Find in the open article, as pure changes of ``ReaderState`` (the find bar's rules).

While the find bar is open (``state.finding``), the query's matches are the article's hits,
labelled with the query, so n/N, the status line ("北京 3/34") and the reading pane's
highlights work on them as on search hits. Esc gives back the highlights that were there
before (``Finding.before``); the sidebar's list is never touched.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from textual.message import Message

from reader.store import Article
from reader.text.find import find_matches, match_after
from reader.ui import transitions
from reader.ui.state import NO_HITS, Finding, Hits, Notice, Range, ReaderState


@dataclass
class Found(Message):
    """The matches of ``query`` in the article at ``path`` (``request``: which find asked)."""

    path: str
    query: str
    request: int
    matches: tuple[Range, ...]


def find_task(article: Article, query: str, request: int, *, variants: bool) -> Found:
    """(In a worker: a long article's fold takes a while.) Only what the pane shows can be
    found: matches in the front matter are left out."""
    matches = find_matches(article.text, query, variants=variants)
    shown = tuple(match for match in matches if match[0] >= article.body_start)
    return Found(article.path, query, request, shown)


def opened(state: ReaderState) -> ReaderState:
    """The bar opens (or is focused again: the find in progress goes on)."""
    if state.finding is not None:
        return state
    origin = state.position if state.position is not None else 0
    return replace(state, finding=Finding("", origin, state.hits))


def typed(state: ReaderState, query: str) -> ReaderState:
    """The query changed: its answer is awaited (an empty query shows nothing)."""
    finding = state.finding
    if finding is None:
        return state
    asked = replace(finding, query=query, request=finding.request + 1, count=None)
    if not query.strip():
        return replace(state, finding=asked, hits=NO_HITS, notice=None)
    return replace(state, finding=asked)


def found(state: ReaderState, message: Found) -> ReaderState:
    """The matches, if they answer the query awaited in the article shown: the first one after
    where the reader was is the current one, and shown."""
    finding, article = state.finding, state.article
    if finding is None or article is None or article.path != message.path:
        return state
    if message.request != finding.request or not message.query.strip():
        return state
    state = replace(state, finding=replace(finding, count=len(message.matches)))
    if not message.matches:
        return replace(state, hits=NO_HITS, notice=Notice(f"Not found: {message.query}"))
    index = match_after(list(message.matches), finding.origin - 1) or 0
    return transitions.show_hit(state, Hits(message.matches, index, message.query))


def stepped(state: ReaderState, by: int) -> ReaderState:
    """Enter / ↓ (1) or ↑ (-1) in the bar."""
    if not state.hits:
        return state
    return transitions.show_hit(state, state.hits.step(by))


def closed(state: ReaderState) -> ReaderState:
    """Esc: the bar closes; the highlights from before it opened come back."""
    finding = state.finding
    if finding is None:
        return state
    before = finding.before
    return replace(state, finding=None, hits=before if before else NO_HITS, notice=None)


def article_changed(state: ReaderState, same_article: bool) -> ReaderState:
    """Another article (or the open one re-read) while the bar is open: the find starts over
    on it from where it opens; Esc then brings back that article's own highlights."""
    finding = state.finding
    if finding is None:
        return state
    origin = state.position if state.position is not None else 0
    before = finding.before if same_article else state.hits
    return replace(state, finding=replace(finding, origin=origin, before=before))

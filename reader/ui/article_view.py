"""The reading pane as the screen uses it: the reader's keys, and it follows ``MainScreen.state``
(the open article, its hits, where to go) and reports where the reader is."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import BindingType
from textual.message import Message
from textual.reactive import reactive

from reader.store import Article
from reader.text.layout import ArticleHeader
from reader.ui import keys
from reader.ui.reading_pane import ReadingPane
from reader.ui.state import ReaderState, describe_date

MISSING = "*This article is no longer in the library.*"


def header_of(article: Article) -> ArticleHeader | None:
    """Front matter's title and details, shown above the text (None without front matter:
    then the text's own heading and date lines say it all)."""
    if article.body_start == 0:
        return None
    details = [describe_date(article.date)] if article.date else []
    details += [part for part in (article.author, article.source) if part]
    if article.tags:
        details.append(" ".join(f"#{tag}" for tag in article.tags))
    return ArticleHeader(article.title, tuple(details))


def _same_text(old: ReaderState, article: Article) -> bool:
    """Does the pane show ``article`` already (re-read after a sync, unchanged)?"""
    shown = old.article
    return (
        shown is not None
        and old.missing is None
        and shown.path == article.path
        and shown.text == article.text
    )


class ArticleView(ReadingPane):
    BINDINGS: ClassVar[list[BindingType]] = keys.PANE

    state: reactive[ReaderState] = reactive(ReaderState, always_update=True, init=False)

    class Moved(Message):
        """The reading position of ``path`` is now ``top`` (``by_hand``: the reader scrolled)."""

        def __init__(self, path: str, top: int, by_hand: bool) -> None:
            super().__init__()
            self.path, self.top, self.by_hand = path, top, by_hand

    def watch_state(self, old: ReaderState, new: ReaderState) -> None:
        article = new.article
        changed = article is not old.article or new.missing != old.missing
        if changed and new.missing is not None:
            self.load(MISSING)
        elif changed and article is not None and not _same_text(old, article):
            self.load(
                article.body,
                base_offset=article.body_start,
                offset=new.position,
                header=header_of(article),
            )
        if changed or new.hits != old.hits:
            self.set_highlights(new.hits.ranges, current=new.hits.index if new.hits else None)
        anchor = new.anchor
        if anchor is not None and (changed or anchor != old.anchor):
            self.scroll_to_offset(
                anchor.offset, context=anchor.context, if_hidden=anchor.if_hidden and not changed
            )

    def top_moved(self, top: int, *, by_hand: bool) -> None:
        article = self.state.article
        if article is not None and self.state.missing is None:
            self.post_message(self.Moved(article.path, top, by_hand))

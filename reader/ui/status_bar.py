"""The status bar: what is going on (left), the library and its problems (right), and a
progress bar while a sync or fact extraction runs. It only follows ``MainScreen.state``."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.reactive import reactive
from textual.widgets import ProgressBar, Static

from reader.text.sanitize import visible
from reader.ui.state import ReaderState, library_line, status_line
from reader.ui.where_am_i import WhereAmI


def one_line(text: str) -> Text:
    """Status text: plain (never markup), one line, cut with an ellipsis where it overflows."""
    return Text(visible(text), no_wrap=True, overflow="ellipsis", end="")


class StatusBar(Vertical):
    state: reactive[ReaderState] = reactive(ReaderState, always_update=True, init=False)

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._shown: tuple[object, ...] = ()

    def compose(self) -> ComposeResult:
        yield ProgressBar(id="sync-progress", show_eta=False)
        with Horizontal(id="status-line"):
            yield Static("", id="status")
            yield WhereAmI("", id="where")
            yield Static("", id="library-status")

    def watch_state(self, new: ReaderState) -> None:
        notice, library, progress = status_line(new), library_line(new), new.library.progress
        if (notice, library, progress) == self._shown:
            return  # most state changes (a scroll, a read mark) leave the bar as it is
        self._shown = (notice, library, progress)
        status = self.query_one("#status", Static)
        status.update(one_line(notice.text))
        status.set_class(notice.error, "-error")
        self.query_one("#library-status", Static).update(one_line(library))
        bar = self.query_one(ProgressBar)
        bar.display = progress is not None
        if progress is not None:
            bar.update(total=progress[1], progress=progress[0])

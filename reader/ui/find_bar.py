"""The find bar over the reading pane (Ctrl+F): the query, and "3/12".

It only says what is typed and asked (``Changed``, ``Step``); the screen finds and decides
(``reader.ui.finding``), and the bar follows ``MainScreen.state`` like every other widget:
it shows while ``state.finding`` is set, and counts the matches found for its query.
"""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal
from textual.message import Message
from textual.reactive import reactive
from textual.widgets import Input, Static

from reader.ui import keys
from reader.ui.state import ReaderState


class FindInput(Input):
    """The query. Enter and ↓ go to the next match, ↑ to the previous one; Esc (the screen's
    back key) closes the bar."""

    BINDINGS: ClassVar[list[BindingType]] = keys.FIND_BAR

    def action_step(self, by: int) -> None:
        self.post_message(FindBar.Step(by))


def count_label(state: ReaderState) -> str:
    """ "3/12" for the current match, "…" while the answer is awaited, or "no match"."""
    finding = state.finding
    if finding is None or not finding.query.strip():
        return ""
    if finding.count is None:
        return "…"
    if finding.count < 0:  # the find raised; the status line says why
        return "failed"
    if finding.count == 0:
        return "no match"
    hits = state.hits
    if hits and hits.label == finding.query:
        return f"{hits.index + 1}/{len(hits.ranges)}"
    return f"{finding.count}"


class FindBar(Horizontal):
    state: reactive[ReaderState] = reactive(ReaderState, always_update=True, init=False)

    class Changed(Message):
        def __init__(self, query: str) -> None:
            super().__init__()
            self.query = query

    class Step(Message):
        def __init__(self, by: int) -> None:
            super().__init__()
            self.by = by

    def compose(self) -> ComposeResult:
        yield Static("Find", id="find-label")
        yield FindInput(placeholder="in this article (Esc closes)", id="find-input")
        yield Static("", id="find-count")

    @property
    def input(self) -> FindInput:
        return self.query_one(FindInput)

    def on_mount(self) -> None:
        self.display = False

    def watch_state(self, new: ReaderState) -> None:
        self.display = new.finding is not None
        label = count_label(new)
        count = self.query_one("#find-count", Static)
        count.update(Text(label))
        count.set_class(label == "no match", "-none")

    def open(self) -> None:
        """Focus the query, all of it selected: typing replaces it, Enter finds it again."""
        self.display = True
        self.input.focus()
        self.input.select_all()
        if self.input.value.strip():
            self.post_message(self.Changed(self.input.value))

    @on(Input.Changed, "#find-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.post_message(self.Changed(event.value))

    @on(Input.Submitted, "#find-input")
    def _submitted(self, event: Input.Submitted) -> None:
        # Enter is find.next's key; remapped away, the Input's own Enter still steps.
        event.stop()
        self.post_message(self.Step(1))

"""``:`` or ``%``: a one-line prompt at the bottom, as in less and vim, for the percentage of
the article to go to; it answers with what was typed (None: Esc)."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.screen import ModalScreen
from textual.widgets import Input, Static


class PercentPrompt(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close", show=False)]

    def compose(self) -> ComposeResult:
        with Horizontal(id="percent-prompt"):
            yield Static("Go to", id="percent-label")
            yield Input(placeholder="0–100", id="percent-input")
            yield Static("%", id="percent-sign")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    @on(Input.Submitted)
    def _go(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value)

    def action_close(self) -> None:
        self.dismiss(None)

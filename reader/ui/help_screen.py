"""`?`: every key the reader answers to, read from the live bindings (so remapped keys show)."""

from __future__ import annotations

from typing import ClassVar

from rich.table import Table
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static


class HelpScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close help", id="help.close"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False),
        Binding("k,up", "scroll('up')", "Scroll up", show=False),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False),
        Binding("g,home", "scroll('home')", "Top", show=False),
        Binding("G,end", "scroll('end')", "Bottom", show=False),
    ]

    def __init__(self, rows: list[tuple[str, str, str]]) -> None:
        super().__init__()
        self.rows = rows

    def compose(self) -> ComposeResult:
        table = Table(title="kbreader keys", expand=True, show_edge=False)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what it does")
        table.add_column("binding id (config keys:)", style="dim")
        for keys, description, binding_id in self.rows:
            table.add_row(keys, description, binding_id)
        with VerticalScroll(id="help-body"):
            yield Static(table)
            yield Static(
                "Remap any key in config.yaml, e.g.\nkeys:\n  search: ctrl+f\n\nEsc closes this help.",
                id="help-hint",
            )

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        getattr(body, f"scroll_{where}")(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)


def describe_bindings(
    bindings: list[Binding], keymap: dict[str, str]
) -> list[tuple[str, str, str]]:
    rows = []
    for binding in bindings:
        keys = keymap.get(binding.id or "", binding.key) if binding.id else binding.key
        shown = ", ".join(_pretty(key) for key in keys.split(","))
        rows.append((shown, binding.description or binding.action, binding.id or ""))
    return rows


_NAMES = {
    "question_mark": "?",
    "slash": "/",
    "left_square_bracket": "[",
    "right_square_bracket": "]",
    "space": "space",
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "shift+tab": "Shift+Tab",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "down": "↓",
    "up": "↑",
}


def _pretty(key: str) -> str:
    key = key.strip()
    return _NAMES.get(key, key.replace("ctrl+", "Ctrl+"))

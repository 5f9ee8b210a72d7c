"""`?`: every key the reader answers to, read from the live bindings (so remapped keys show),
where each one applies, the shell's subcommands, and any problems with the config."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.keys import format_key
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.text.sanitize import visible

_NAMES = {
    "escape": "Esc",
    "enter": "Enter",
    "tab": "Tab",
    "space": "Space",
    "pagedown": "PgDn",
    "pageup": "PgUp",
    "home": "Home",
    "end": "End",
    "backspace": "Backspace",
}


def key_label(key: str) -> str:
    """One key as a reader types it: ``]`` not right_square_bracket, Ctrl+F not ctrl+f."""
    *modifiers, name = key.strip().split("+")
    shown = _NAMES.get(name) or format_key(name)
    if modifiers and len(shown) == 1:
        shown = shown.upper()  # Ctrl+F, as menus write it
    return "+".join([*(m.capitalize() for m in modifiers), shown])


def keys_label(keys: str) -> str:
    """``"j,down"`` → ``"j, ↓"``."""
    return ", ".join(key_label(key) for key in keys.split(","))


@dataclass(frozen=True)
class HelpSection:
    title: str
    rows: tuple[tuple[str, str, str], ...]  # keys shown, what it does, binding id


def describe_bindings(
    title: str, bindings: Iterable[Binding], keymap: dict[str, str]
) -> HelpSection:
    rows = []
    for binding in bindings:
        keys = keymap.get(binding.id or "", binding.key)
        rows.append((keys_label(keys), binding.description or binding.action, binding.id or ""))
    return HelpSection(title, tuple(rows))


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

    def __init__(
        self,
        sections: list[HelpSection],
        commands: list[tuple[str, str]],
        problems: Iterable[str] = (),
    ) -> None:
        super().__init__()
        self.sections = sections
        self.commands = commands
        self.problems = tuple(problems)

    @property
    def binding_ids(self) -> set[str]:
        return {row[2] for section in self.sections for row in section.rows if row[2]}

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-body"):
            if self.problems:
                yield Static(self._problems(), id="help-problems")
            for section in self.sections:
                yield Static(self._keys(section))
            yield Static(self._commands(), id="help-commands")
            yield Static(
                "Remap any key in config.yaml by its binding id, e.g.\n"
                "keys:\n  search: ctrl+k\n\nEsc closes this help.",
                id="help-hint",
            )

    def _keys(self, section: HelpSection) -> RenderableType:
        table = Table(title=section.title, title_justify="left", expand=True, show_edge=False)
        table.add_column("key", style="bold", no_wrap=True)
        table.add_column("what it does")
        table.add_column("binding id (config keys:)", style="dim")
        for keys, description, binding_id in section.rows:
            table.add_row(Text(keys), Text(description), Text(binding_id))
        return table

    def _commands(self) -> RenderableType:
        table = Table(title="From the shell", title_justify="left", expand=True, show_edge=False)
        table.add_column("command", style="bold", no_wrap=True)
        table.add_column("what it does")
        for command, description in self.commands:
            table.add_row(Text(command), Text(description))
        return table

    def _problems(self) -> RenderableType:
        lines = [Text(visible(problem)) for problem in self.problems]
        return Group(Text("Problems", style="bold"), *lines)

    def action_scroll(self, where: str) -> None:
        body = self.query_one("#help-body", VerticalScroll)
        getattr(body, f"scroll_{where}")(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)

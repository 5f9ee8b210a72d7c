"""The problems screen (palette, or !): each file the last sync skipped or complained about,
with the reason — what ``kbreader index`` prints, without leaving the reader."""

from __future__ import annotations

import time
from typing import ClassVar

from rich.console import Group, RenderableType
from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.documents.model import Problem
from reader.store import Library
from reader.store.sync_record import LastSync
from reader.text.sanitize import visible
from reader.ui import tasks
from reader.ui.library_tasks import PROBLEMS, ProblemsLoaded, load_problems
from reader.ui.messages import TaskFailed


def describe(problems: list[Problem], last_sync: LastSync | None) -> RenderableType:
    if last_sync is None:
        heading = "No sync has finished for this library yet."
    else:
        when = time.strftime("%Y-%m-%d %H:%M", time.localtime(last_sync.finished_at))
        heading = (
            f"Last sync {when}: {last_sync.added} new, {last_sync.updated} changed, "
            f"{last_sync.removed} removed, {last_sync.skipped} skipped"
        )
    if not problems:
        return Group(Text(heading), Text(""), Text("No problems: every file was read."))
    table = Table(expand=True, show_edge=False)
    table.add_column("file", style="bold", overflow="fold")
    table.add_column("why", overflow="fold")
    for problem in problems:
        line = f" (line {problem.line})" if problem.line is not None else ""
        table.add_row(Text(visible(problem.path)), Text(visible(problem.reason) + line))
    count = f"{len(problems)} file problem{'s' if len(problems) != 1 else ''}"
    return Group(Text(f"{heading} · {count}"), Text(""), table)


class ProblemsScreen(ModalScreen[None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,exclamation_mark", "dismiss", "Close", id="problems.close"),
        Binding("j,down", "scroll('down')", "Scroll down", show=False),
        Binding("k,up", "scroll('up')", "Scroll up", show=False),
        Binding("space,pagedown", "scroll('page_down')", "Page down", show=False),
        Binding("b,pageup", "scroll('page_up')", "Page up", show=False),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library
        self.problems: list[Problem] | None = None  # None until the store answers

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="problems-body"):
            yield Static(Text("Sync problems", style="bold"), id="problems-title")
            yield Static("Reading the last sync's report…", id="problems-list")
            yield Static("Esc closes; r on the reading screen syncs again.", id="problems-hint")

    def on_mount(self) -> None:
        tasks.start(self, lambda: load_problems(self.library), PROBLEMS)

    def on_problems_loaded(self, message: ProblemsLoaded) -> None:
        self.problems = message.problems
        self.query_one("#problems-list", Static).update(
            describe(message.problems, message.last_sync)
        )

    def on_task_failed(self, message: TaskFailed) -> None:
        if message.group == PROBLEMS:
            text = Text(visible(f"{message.title}: {message.message}"))
            self.query_one("#problems-list", Static).update(text)

    def action_scroll(self, where: str) -> None:
        getattr(self.query_one("#problems-body", VerticalScroll), f"scroll_{where}")(animate=False)

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(result)

"""# (or the palette): the library's front-matter tags, most used first; Enter lists the
articles carrying the chosen one. ``#tag`` typed in the search bar does the same."""

from __future__ import annotations

from typing import ClassVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.store import Library
from reader.text.sanitize import visible
from reader.ui import tasks
from reader.ui.library_tasks import TAGS, TagsLoaded, load_tags
from reader.ui.messages import TaskFailed


class TagScreen(ModalScreen[str | None]):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", id="tags.close"),
    ]

    def __init__(self, library: Library) -> None:
        super().__init__()
        self.library = library

    def compose(self) -> ComposeResult:
        with Vertical(id="tags-box"):
            yield Static(Text("Filter by tag", style="bold"), id="tags-title")
            yield OptionList(id="tags-list")

    def on_mount(self) -> None:
        tags = self.query_one(OptionList)
        tags.add_option(Option("Reading the tags…", disabled=True))
        tags.focus()
        tasks.start(self, lambda: load_tags(self.library), TAGS)

    def on_tags_loaded(self, message: TagsLoaded) -> None:
        tags = self.query_one(OptionList)
        tags.clear_options()
        if not message.tags:
            tags.add_option(
                Option("No article has tags: in front matter, tags: [a, b]", disabled=True)
            )
        for tag in message.tags:
            tags.add_option(Option(Text(f"#{visible(tag.name)}  ({tag.articles})"), id=tag.name))
        tags.highlighted = 0 if message.tags else None

    def on_task_failed(self, message: TaskFailed) -> None:
        if message.group == TAGS:
            tags = self.query_one(OptionList)
            tags.clear_options()
            tags.add_option(Option(visible(f"{message.title}: {message.message}"), disabled=True))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_close(self) -> None:
        self.dismiss(None)

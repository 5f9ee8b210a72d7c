"""A list to pick one thing from, over the reading screen: the outline (``t``) and the links
(``l``). It takes what it shows as plain values and answers with ``dismiss(value)`` (None:
closed with Esc); the reader's j/k/g/G move in it as in the article list."""

from __future__ import annotations

from collections.abc import Callable
from typing import ClassVar, Generic, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from reader.ui import keys

T = TypeVar("T")


# Cells kept free at the end of a fitted line, so its text never touches the scrollbar.
SPARE_CELLS = 2


def option_room(options: OptionList) -> int | None:
    """Cells an option's text may take, fitted lines being made for it (the facts panel's
    context, the links' URLs); None before the list has a size, or while too narrow."""
    padding = options.get_component_styles("option-list--option").padding
    room = options.scrollable_content_region.width - padding.width - SPARE_CELLS
    return room if room >= 12 else None


class PickList(OptionList):
    """``rows_for``: the prompts made again for the list's width (cells), when they depend
    on it; called once the list has a size and at every change of width."""

    BINDINGS: ClassVar[list[BindingType]] = keys.PICKER

    def __init__(
        self,
        *options: Option,
        rows_for: Callable[[int], list[Text]] | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(*options, classes=classes)
        self._rows_for = rows_for
        self._room: int | None = None

    def on_resize(self) -> None:
        room = option_room(self)
        if self._rows_for is None or room is None or room == self._room:
            return
        self._room = room
        highlighted = self.highlighted
        self.set_options(Option(prompt) for prompt in self._rows_for(room))
        self.highlighted = highlighted


class PickerScreen(ModalScreen[T | None], Generic[T]):
    BINDINGS: ClassVar[list[BindingType]] = keys.PICKER_SCREEN

    def __init__(
        self,
        title: str,
        rows: list[tuple[Text, T]],
        *,
        current: int | None = None,
        hint: str = "",
        rows_for: Callable[[int], list[Text]] | None = None,
    ) -> None:
        super().__init__()
        self.title_text, self.hint = title, hint
        self.values = [value for _, value in rows]
        self.prompts = [prompt for prompt, _ in rows]
        self.current = current
        self.rows_for = rows_for

    def compose(self) -> ComposeResult:
        with Vertical(classes="picker"):
            yield Static(Text(self.title_text), classes="picker-title")
            yield PickList(
                *(Option(prompt) for prompt in self.prompts),
                rows_for=self.rows_for,
                classes="picker-list",
            )
            if self.hint:
                yield Static(Text(self.hint), classes="picker-hint")

    @property
    def pick_list(self) -> PickList:
        return self.query_one(PickList)

    def on_mount(self) -> None:
        self.pick_list.highlighted = self.current if self.current is not None else 0
        self.pick_list.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(self.values[event.option_index])

    def action_close(self) -> None:
        self.dismiss(None)

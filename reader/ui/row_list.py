"""A list on the Line API: rows of one height, a cursor kept in view, and colours from the
widget's component classes, worked out once per style change rather than for every row."""

from __future__ import annotations

from typing import ClassVar

from rich.style import Style
from textual.geometry import Region
from textual.reactive import reactive
from textual.scroll_view import ScrollView

from reader.ui.styling import layered_style


class RowList(ScrollView, can_focus=True):
    COMPONENT_PREFIX: ClassVar[str]  # "article-list": its parts are "article-list--cursor", …

    cursor: reactive[int] = reactive(0, always_update=True, init=False)

    def __init__(
        self, *, name: str | None = None, id: str | None = None, classes: str | None = None
    ) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self._parts: dict[str, Style] = {}

    @property
    def row_count(self) -> int:
        raise NotImplementedError

    @property
    def row_height(self) -> int:
        return 1

    def validate_cursor(self, value: int) -> int:
        return max(0, min(value, self.row_count - 1)) if self.row_count else 0

    def watch_cursor(self, new: int) -> None:
        self.refresh()
        height = self.row_height
        region = Region(0, new * height, max(1, self.size.width), height)
        self.scroll_to_region(region, animate=False, immediate=False)

    def action_cursor_down(self) -> None:
        self.cursor += 1

    def action_cursor_up(self) -> None:
        self.cursor -= 1

    def action_first(self) -> None:
        self.cursor = 0

    def action_last(self) -> None:
        self.cursor = self.row_count - 1

    def action_page_down(self) -> None:
        self.cursor += max(1, self.size.height // self.row_height - 1)

    def action_page_up(self) -> None:
        self.cursor -= max(1, self.size.height // self.row_height - 1)

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._parts.clear()

    def _part(self, name: str) -> Style:
        """The list's colours ("") or those of one part laid over them."""
        style = self._parts.get(name)
        if style is None:
            components = [f"{self.COMPONENT_PREFIX}--{name}"] if name else []
            style = self._parts[name] = layered_style(self, components)
        return style

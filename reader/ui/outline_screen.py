"""``t``: the open article's headings, indented by level, the one being read marked; Enter
answers with the heading's offset (the screen puts it at the top)."""

from __future__ import annotations

from rich.text import Text

from reader.text.outline import Heading
from reader.text.sanitize import visible
from reader.ui.picker import PickerScreen

CURRENT_MARK = "▸ "


def heading_row(heading: Heading, top_level: int, current: bool) -> Text:
    indent = "  " * (heading.level - top_level)
    mark = CURRENT_MARK if current else "  "
    row = Text(f"{mark}{indent}{visible(heading.text)}")
    if current:
        row.stylize("bold")
    return row


class OutlineScreen(PickerScreen[int]):
    def __init__(self, headings: tuple[Heading, ...], current: int | None) -> None:
        top_level = min((heading.level for heading in headings), default=1)
        rows = [
            (heading_row(heading, top_level, index == current), heading.start)
            for index, heading in enumerate(headings)
        ]
        count = f"{len(headings)} heading{'' if len(headings) == 1 else 's'}"
        super().__init__(
            f"Outline · {count}", rows, current=current, hint="Enter: go there · Esc: close"
        )

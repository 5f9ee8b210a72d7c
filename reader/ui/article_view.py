"""The reading pane with the reader's keys: vi-style motion and paging."""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType

from reader.ui.reading_pane import ReadingPane


class ArticleView(ReadingPane):
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j,down", "scroll_down", "Scroll down", show=False, id="read.down"),
        Binding("k,up", "scroll_up", "Scroll up", show=False, id="read.up"),
        Binding("g,home", "scroll_home", "Top", show=False, id="read.top"),
        Binding("G,end", "scroll_end", "Bottom", show=False, id="read.bottom"),
        Binding("space,pagedown", "page_down", "Page down", show=False, id="read.page_down"),
        Binding("b,pageup", "page_up", "Page up", show=False, id="read.page_up"),
    ]

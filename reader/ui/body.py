"""The screen's body: sidebar, reading column and facts panel, arranged for the terminal's width.

Three reactives, each a watcher that toggles a class (``styles/app.tcss`` does the rest):
``narrow`` (below 110 columns the facts panel floats over the article), ``tiny`` (below 60 the
list and the article take the whole width in turn) and ``reading`` (on a tiny terminal: the
article shows, not the list). ``facts_shown`` says whether the facts panel is out.
"""

from __future__ import annotations

from textual.containers import Horizontal
from textual.events import DescendantFocus, Resize
from textual.message import Message
from textual.reactive import reactive

from reader.ui.article_view import ArticleView
from reader.ui.facts_panel import FactsPanel
from reader.ui.list_view import sidebar_width

NARROW = 110
TINY = 60


class ReaderBody(Horizontal):
    narrow: reactive[bool] = reactive(False, init=False)
    tiny: reactive[bool] = reactive(False, init=False)
    reading: reactive[bool] = reactive(False, init=False)
    facts_shown: reactive[bool] = reactive(True, init=False)

    class FactsShown(Message):
        def __init__(self, shown: bool) -> None:
            super().__init__()
            self.shown = shown

    def __init__(self, *, facts_panel: bool, id: str | None = None) -> None:
        super().__init__(id=id)
        self.facts_by_default = facts_panel  # the config's choice for wide terminals
        self.chosen_width: int | None = None  # the sidebar's, set with < > (None: a third)

    def on_mount(self) -> None:
        self.set_reactive(ReaderBody.facts_shown, self.facts_by_default)
        self.watch_facts_shown(self.facts_by_default)

    def on_resize(self, event: Resize) -> None:
        self.tiny = event.size.width < TINY
        self.narrow = event.size.width < NARROW
        self._size_sidebar()

    @property
    def sidebar_width(self) -> int:
        return sidebar_width(self.size.width, self.chosen_width)

    def set_sidebar_width(self, width: int | None) -> int:
        """Set (None: follow the terminal) and apply the sidebar's width; returns it in cells."""
        self.chosen_width = None if width is None else sidebar_width(self.size.width, width)
        self._size_sidebar()
        return self.sidebar_width

    def _size_sidebar(self) -> None:
        # On a tiny terminal the stylesheet gives the list the whole width, in turn.
        self.query_one("#sidebar").styles.width = None if self.tiny else self.sidebar_width

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "-narrow")
        # The overlay starts closed on a narrow terminal; the column follows the config.
        self.facts_shown = False if narrow else self.facts_by_default

    def watch_tiny(self, tiny: bool) -> None:
        self.set_class(tiny, "-tiny")

    def watch_reading(self, reading: bool) -> None:
        self.set_class(reading, "-reading")

    def watch_facts_shown(self, shown: bool) -> None:
        panel = self.query_one(FactsPanel)
        panel.display = shown
        if not shown and self.screen.focused is panel:  # (has_focus lags: it follows an event)
            self.read()
        self.post_message(self.FactsShown(shown))

    def on_descendant_focus(self, event: DescendantFocus) -> None:
        # The reading column is the article and what sits over it (the find bar).
        column = self.query_one("#reader")
        self.reading = isinstance(event.widget, FactsPanel) or column in event.widget.ancestors

    def read(self) -> None:
        """Give the article the focus (on a tiny terminal it shows only while read)."""
        self.reading = True
        self.call_after_refresh(self.query_one(ArticleView).focus)

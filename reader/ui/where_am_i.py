"""Where am I, in the status bar: "37% · 4/11" — how far the open article is scrolled and the
page, as the reading pane reports it (``ReadingPane.where``); blank while nothing is shown."""

from __future__ import annotations

from textual.widgets import Static

from reader.text.position import Position
from reader.ui.article_view import ArticleView


class WhereAmI(Static):
    def on_mount(self) -> None:
        # The pane is composed before the status bar, so it is there once the screen is.
        self.call_after_refresh(self._follow)

    def _follow(self) -> None:
        pane = self.screen.query_one(ArticleView)
        self.watch(pane, "where", self._show)

    def _show(self, where: Position | None) -> None:
        self.update("" if where is None else where.label())
        self.display = where is not None

"""The footer, keeping only the keys that fit: a key is never cut in half at 80 columns.

Textual's footer lays every shown binding out in a row and lets the row run past the edge,
where the palette key (docked right) covers the last ones. Quit and help are kept first;
then keys are left out from the end of the list (the bindings are listed by how often a
reader needs them). Every key is still in ``?`` and the command palette.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # Textual exports no name for the key widget

_KEPT_FIRST = ("quit", "help")


class ReaderFooter(Footer):
    def compose(self) -> ComposeResult:
        yield from super().compose()
        self.call_after_refresh(self._fit)

    def on_resize(self) -> None:
        self._fit()

    def _fit(self) -> None:
        keys = list(self.query_children(FooterKey))
        room = self.size.width
        for key in keys:
            if key.has_class("-command-palette"):
                room -= _width(key)
        used = 0
        others = [key for key in keys if not key.has_class("-command-palette")]
        for key in sorted(others, key=lambda key: key.action not in _KEPT_FIRST):
            used += _width(key)
            key.display = used <= room


def _width(key: FooterKey) -> int:
    return cell_len(key.render().plain) + key.styles.margin.width

"""The footer, keeping only the keys that fit: a key is never cut in half at 80 columns.

Textual's footer lays every shown binding out in a row and lets the row run past the edge,
where the palette key (docked right) covers the last ones. Quit and help are kept first;
then keys are left out from the end of the list (the bindings are listed by how often a
reader needs them). Every key is still in ``?`` and the command palette.
"""

from __future__ import annotations

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.widgets import Footer
from textual.widgets._footer import FooterKey  # Textual exports no name for the key widget

_KEPT_FIRST = ("quit", "help")


class ReaderFooter(Footer):
    _composed: object = None

    def compose(self) -> ComposeResult:
        self._composed = self._shown()
        yield from super().compose()
        self.call_after_refresh(self._fit)

    def bindings_changed(self, screen: Screen[object]) -> None:
        """Textual's footer rebuilds all its keys whenever the bindings may have changed (every
        focus change: five times while the app starts); here only when what it shows did."""
        self._bindings_ready = True
        if screen.app.app_focus and self.is_attached and screen is self.screen:
            self.call_after_refresh(self._recompose_if_changed)

    async def _recompose_if_changed(self) -> None:
        if self.is_attached and self._shown() != self._composed:
            await self.recompose()

    def _shown(self) -> object:
        """What ``Footer.compose`` draws from: the shown bindings, as it reads them."""
        if not self._bindings_ready:
            return None
        app, active = self.app, self.screen.active_bindings
        keys = tuple(
            (key, binding, app.get_key_display(binding), enabled, tooltip)
            for key, (_, binding, enabled, tooltip) in active.items()
            if binding.show or key == app.COMMAND_PALETTE_BINDING
        )
        return (keys, self.compact, self.show_command_palette)

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

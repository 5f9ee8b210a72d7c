"""Theme colours read at 4.5:1 as the terminal shows them (its palette's nearest colours)."""

from __future__ import annotations

import pytest
from rich.color import Color as RichColor
from rich.color import ColorSystem
from textual.app import App
from textual.color import Color

from reader.ui.styling import READABLE, _contrast, readable_theme
from tests.contrast import palette

SYSTEMS = {"256": ColorSystem.EIGHT_BIT, "standard": ColorSystem.STANDARD, "truecolor": None}


def shown(value: str, system: str) -> Color:
    colour = Color.parse(value)
    downgrade = SYSTEMS[system]
    if downgrade is None:
        return colour
    nearest = RichColor.from_rgb(colour.r, colour.g, colour.b).downgrade(downgrade)
    assert nearest.number is not None
    return Color(*palette(nearest.number))  # as xterm (and tmux) show it


@pytest.mark.parametrize("system", ["256", "standard", "truecolor"])
@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord", "gruvbox"])
def test_text_colours_and_the_cursor_read_on_their_backgrounds(theme: str, system: str) -> None:
    app: App[None] = App()
    app.theme = theme
    variables = readable_theme(App.get_css_variables(app), system)
    cursor = shown(variables["block-cursor-background"], system)
    assert _contrast(shown(variables["block-cursor-foreground"], system), cursor) >= READABLE
    for name in ("text-warning", "text-accent", "text-success", "text-primary"):
        for page in ("background", "surface", "panel"):
            ratio = _contrast(shown(variables[name], system), shown(variables[page], system))
            assert ratio >= READABLE, (name, page, ratio)
    # Muted text stays "auto" (the contrasting text, see-through), just opaque enough.
    opacity = float(variables["text-muted"].removeprefix("auto").strip().rstrip("%")) / 100
    for page in ("background", "surface", "panel"):
        under = Color.parse(variables[page])
        muted = (under + under.get_contrast_text(opacity)).hex
        assert _contrast(shown(muted, system), shown(variables[page], system)) >= READABLE


def test_a_colour_that_reads_is_left_as_the_theme_has_it() -> None:
    app: App[None] = App()
    app.theme = "nord"
    variables = App.get_css_variables(app)
    assert readable_theme(variables, "truecolor")["text-warning"] == variables["text-warning"]


@pytest.mark.parametrize("theme", ["textual-dark", "textual-light", "nord", "gruvbox"])
def test_the_cursor_reads_in_16_colours(theme: str) -> None:
    # textual-light's dark blue cursor is xterm's grey there: white on it read 4.0:1.
    app: App[None] = App()
    app.theme = theme
    variables = readable_theme(App.get_css_variables(app), "standard")
    cursor = shown(variables["block-cursor-background"], "standard")
    text = shown(variables["block-cursor-foreground"], "standard")
    assert _contrast(text, cursor) >= READABLE

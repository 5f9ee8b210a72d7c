"""Defect 1: fenced code blocks were white on white (textual-dark) and white on light grey
(textual-light). Code must be readable in every built-in theme."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from rich.color import Color as RichColor
from textual.app import App, ComposeResult
from textual.pilot import Pilot
from textual.theme import BUILTIN_THEMES

from reader.paths import styles_dir
from reader.ui.reading_pane import ReadingPane
from reader.ui.styling import layered_style
from tests.contrast import ARTICLE, CODE_LINE, code_cells, contrast

THEMES = sorted(BUILTIN_THEMES)


class CodeApp(App[None]):
    """The reading pane alone, styled by the app's own stylesheets, in ``theme``."""

    CSS_PATH = [styles_dir() / "app.tcss", styles_dir() / "reading.tcss"]

    def __init__(self, theme: str) -> None:
        super().__init__()
        self.start_theme = theme

    def compose(self) -> ComposeResult:
        yield ReadingPane(ARTICLE, max_width=40)

    def on_mount(self) -> None:
        self.theme = self.start_theme


def code_colours(app: App[None]) -> set[tuple[RichColor | None, RichColor | None]]:
    pane = app.query_one(ReadingPane)
    for y in range(pane.size.height):
        strip = pane.render_line(y)
        if CODE_LINE in strip.text:
            return {
                (s.style.color, s.style.bgcolor)
                for s in strip
                if s.style is not None and s.text.strip() and s.text.strip() in CODE_LINE
            }
    raise AssertionError("the code line is not on screen")


def test_the_capture_parser_sees_the_old_white_on_white() -> None:
    # What tmux showed before the fix (textual-dark, 256 colours), and after it.
    before = "\x1b[38;5;237;48;5;233m▕\x1b[38;5;231m\x1b[48;5;231m    " + CODE_LINE + "\x1b[0m"
    after = "\x1b[38;5;237;48;5;233m▕\x1b[38;5;253;48;5;235m    " + CODE_LINE + "\x1b[0m"
    [(fg, bg)] = {(cell.fg, cell.bg) for cell in code_cells(before)}
    assert fg == bg and contrast(fg, bg) == 1.0
    [(fg, bg)] = {(cell.fg, cell.bg) for cell in code_cells(after)}
    assert contrast(fg, bg) >= 4.5


async def test_code_is_readable_in_every_builtin_theme() -> None:
    app = CodeApp(THEMES[0])
    unreadable = []
    async with app.run_test(size=(44, 10)) as pilot:
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            for fg, bg in code_colours(app):
                assert fg is not None and bg is not None
                if fg.is_system_defined or bg.is_system_defined:
                    # ANSI themes: the terminal's own default pair, or two distinct colours.
                    assert fg != bg or fg.is_default, theme
                    continue
                ratio = contrast(fg.get_truecolor(), bg.get_truecolor())
                if ratio < 4.5:
                    unreadable.append(f"{theme}: {fg.name} on {bg.name} = {ratio:.2f}:1")
    assert not unreadable


@pytest.mark.parametrize("theme", THEMES)
def test_code_block_snapshot(snap_compare: Callable[..., bool], theme: str) -> None:
    async def run_before(pilot: Pilot[Any]) -> None:
        await pilot.pause()

    assert snap_compare(CodeApp(theme), terminal_size=(44, 10), run_before=run_before)


async def test_the_current_search_hit_is_readable_in_every_builtin_theme() -> None:
    # textual-light drew it white on orange (1.3:1): the word vanished where the eye looks.
    app = CodeApp(THEMES[0])
    unreadable = []
    async with app.run_test(size=(44, 10)) as pilot:
        pane = app.query_one(ReadingPane)
        for theme in THEMES:
            app.theme = theme
            await pilot.pause()
            style = layered_style(pane, ["reading-pane--current-highlight"])
            fg, bg = style.color, style.bgcolor
            assert fg is not None and bg is not None
            if fg.is_system_defined or bg.is_system_defined:
                assert fg != bg, theme
                continue
            ratio = contrast(fg.get_truecolor(), bg.get_truecolor())
            if ratio < 4.5:
                unreadable.append(f"{theme}: {fg.name} on {bg.name} = {ratio:.2f}:1")
    assert not unreadable

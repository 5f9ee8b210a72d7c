"""Issue 15: the reading position is written whenever it changes for a reason other than hand
scrolling (a jump, a restore), on quit from the state as it is, and on a hang-up; it is the
source offset of the top line, so another terminal size shows the same place."""

from __future__ import annotations

import signal
from pathlib import Path

import pytest

from reader.store import open_library
from reader.ui.article_view import ArticleView
from reader.ui.pace import Pace
from tests.app_support import SEED, make_app, make_library, screen_text, settle

# The reader's own delays, except the position save: an hour, so only a jump, a quit or a
# hang-up can have written it.
SLOW_SAVE = Pace(
    search_debounce=0, position_save_delay=3600, list_refresh=0, background_facts=False
)


@pytest.fixture
def library(tmp_path: Path) -> Path:
    return make_library(tmp_path / "library")


async def jump_to_kosal(pilot: object) -> None:
    """The issue's flow: 图日林 (opens at its first hit), Esc, f, Esc, KOSAL (near the end)."""
    press = pilot.press  # type: ignore[attr-defined]
    await press("slash", *"图日林", "enter")
    await settle(pilot)  # type: ignore[arg-type]
    await press("escape", "f", "escape", "slash", *"KOSAL", "enter")
    await settle(pilot)  # type: ignore[arg-type]
    assert "KOSAL" in await screen_text(pilot)  # type: ignore[arg-type]


@pytest.mark.parametrize(("first", "then"), [((80, 24), (200, 50)), ((200, 50), (80, 24))])
async def test_a_jump_just_before_quitting_is_restored_at_another_size(
    library: Path, first: tuple[int, int], then: tuple[int, int]
) -> None:
    app = make_app(library, pace=SLOW_SAVE)
    async with app.run_test(size=first) as pilot:
        await settle(pilot)
        await jump_to_kosal(pilot)
        position = app.main_screen.state.position
        for size in (then, (61, 20), first):  # re-layouts keep the place: it never drifts
            await pilot.resize_terminal(*size)
            await settle(pilot)
            assert "KOSAL" in await screen_text(pilot), size
        assert app.main_screen.state.position == position
        await pilot.press("q")  # at once: no timer has run
    app = make_app(library, pace=SLOW_SAVE)
    async with app.run_test(size=then) as pilot:
        await settle(pilot)
        assert app.main_screen.state.article is not None
        assert app.main_screen.state.article.path == SEED
        assert "KOSAL" in await screen_text(pilot)


async def test_a_hang_up_saves_the_last_jump(library: Path) -> None:
    app = make_app(library, pace=SLOW_SAVE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await jump_to_kosal(pilot)
        # Textual's terminal driver resumes on SIGCONT (the end of a Ctrl+Z); a closing
        # terminal sends SIGCONT right after SIGHUP, which must not start it again.
        signal.signal(signal.SIGCONT, lambda *_: None)
        signal.raise_signal(signal.SIGHUP)  # the terminal closed
        await pilot.pause()
        assert signal.getsignal(signal.SIGCONT) == signal.SIG_DFL
    assert app.return_code == 129
    app = make_app(library, pace=SLOW_SAVE)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert "KOSAL" in await screen_text(pilot)


async def test_a_hang_up_saves_the_position_hand_scrolled_a_moment_before(library: Path) -> None:
    app = make_app(library, pace=SLOW_SAVE)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        pane = app.main_screen.query_one(ArticleView)
        pane.focus()
        await pilot.press("space", "space", "space")
        top = pane.top_offset  # written an hour from now, by the delay
        signal.raise_signal(signal.SIGHUP)
        await pilot.pause()
    assert app.return_code == 129
    assert open_library(library).state.position(SEED) == top

"""Keys typed ahead of a busy app keep their order: issue 15's flow (Esc, f, Esc, / KOSAL)
typed while the app is still handling the first key must end with KOSAL in the search bar.

`/` is a priority binding (it acts as the app receives it, so what follows lands in the bar);
a key that only bubbles up from the focused widget acts later, out of order. Esc is priority
too, and moves the focus at once, not after the keys already queued."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events

from reader.ui.app import KbReaderApp
from tests.app_support import make_app, make_library, settle


def type_ahead(app: KbReaderApp, *keys: str) -> None:
    """Keys that all arrive before the app handles the first (a fast typist, a busy app)."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, "/" if key == "slash" else key if len(key) == 1 else None)
        event.set_sender(app)
        driver.send_message(event)


@pytest.mark.parametrize("keys", [("escape", "slash"), ("escape", "f", "escape", "slash")])
async def test_a_query_typed_ahead_after_esc_stays_in_the_search_bar(
    tmp_path: Path, keys: tuple[str, ...]
) -> None:
    app = make_app(make_library(tmp_path / "library"))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"图日林", "enter")
        await settle(pilot)
        bar = app.main_screen.sidebar.search_bar
        type_ahead(app, *keys, *"KOSAL")
        await settle(pilot)
        assert bar.value == "KOSAL"
        assert app.focused is bar

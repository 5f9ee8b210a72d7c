"""The facts panel's context lines fit the panel: one line each, never wrapped."""

from __future__ import annotations

import pytest
from rich.cells import cell_len

from reader.ui.facts_panel import _fitted

BEFORE, FACT, AFTER = "中心先后举办", "150余场", "学术交流活动，"


@pytest.mark.parametrize("room", [12, 20, 24, 30, 36, 80])
def test_context_fits_the_room_and_keeps_the_fact_in_the_middle(room: int) -> None:
    before, after = _fitted(BEFORE, FACT, AFTER, room)
    assert BEFORE.endswith(before) and AFTER.startswith(after)
    assert cell_len("  …" + before + FACT + after + "…") <= room
    if room >= 80:
        assert (before, after) == (BEFORE, AFTER)
    else:
        assert abs(len(before) - len(after)) <= 1 or not (
            len(before) < len(BEFORE) and len(after) < len(AFTER)
        )


def test_without_a_size_yet_the_whole_context_is_kept() -> None:
    assert _fitted(BEFORE, FACT, AFTER, None) == (BEFORE, AFTER)


def test_a_fact_wider_than_the_room_gets_no_context() -> None:
    assert _fitted(BEFORE, "二〇二三年十月十九日", AFTER, 14) == ("", "")

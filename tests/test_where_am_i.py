"""Where am I: percentage and page from a layout's rows, jumps and paging with overlap."""

from __future__ import annotations

import pytest

from reader.text.position import (
    page_down,
    page_up,
    parse_percent,
    position,
    position_label,
    top_for_percent,
)


def test_the_label() -> None:
    # 1,000 rows in a 25-row pane: 975 is the last top; pages of 24 rows.
    assert position_label(0, 1000, 25) == "0% · 1/42"
    assert position_label(361, 1000, 25) == "37% · 16/42"
    assert position_label(975, 1000, 25) == "100% · 42/42"


def test_the_end_shows_100_percent_and_the_last_page() -> None:
    for rows, height in ((1000, 25), (26, 25), (100, 7), (5000, 1)):
        end = rows - height
        assert position(end, rows, height).percent == 100
        where = position(end, rows, height)
        assert where.page == where.pages
        assert position(end - 1, rows, height).percent < 100
    assert position(10**9, 100, 10).percent == 100  # past the end counts as the end


def test_an_article_that_fits_is_all_shown() -> None:
    assert position_label(0, 10, 25) == "100% · 1/1"
    assert position_label(0, 0, 25) == "100% · 1/1"


@pytest.mark.parametrize(("rows", "height"), [(1000, 25), (30_000, 40), (101, 1)])
def test_jumping_to_a_percentage_shows_that_percentage(rows: int, height: int) -> None:
    for percent in range(101):
        top = top_for_percent(percent, rows, height)
        assert position(top, rows, height).percent == percent


def test_jumps_are_clamped() -> None:
    assert top_for_percent(-5, 1000, 25) == 0
    assert top_for_percent(250, 1000, 25) == 975
    assert top_for_percent(50, 10, 25) == 0


def test_paging_keeps_one_line_of_overlap() -> None:
    rows, height = 100, 10
    top = 0
    tops = [top]
    while top < rows - height:
        following = page_down(top, rows, height)
        assert following - top <= height - 1  # the last row shown stays on screen
        top = following
        tops.append(top)
    assert tops == [0, 9, 18, 27, 36, 45, 54, 63, 72, 81, 90]
    assert page_down(90, rows, height) == 90
    assert page_up(90, rows, height) == 81
    assert page_up(3, rows, height) == 0
    assert page_down(0, rows, 1) == 1  # a one-row pane still moves


def test_page_numbers_follow_paging() -> None:
    rows, height = 100, 10
    pages = position(0, rows, height).pages
    top, seen = 0, [1]
    while top < rows - height:
        top = page_down(top, rows, height)
        seen.append(position(top, rows, height).page)
    assert seen == list(range(1, pages + 1))


@pytest.mark.parametrize(
    ("typed", "value"),
    [("37", 37.0), ("37%", 37.0), (" 37.5 % ", 37.5), ("３７％", 37.0), ("x", None), ("", None)],
)
def test_what_the_user_types(typed: str, value: float | None) -> None:
    assert parse_percent(typed) == value


def test_infinity_is_not_a_percentage() -> None:
    assert parse_percent("inf") is None
    assert parse_percent("nan") is None

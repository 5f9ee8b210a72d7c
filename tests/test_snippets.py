"""Snippets as the reader shows the text: front matter, tables, task items, cuts."""

from __future__ import annotations

from rich.cells import cell_len
from rich.console import Console

from reader.cli.search_cmd import results_table
from reader.store.snippets import make_snippet
from tests.search_fixtures import make_store

FRONT_MATTER = "---\ntitle: 北京科技园区观察\nauthor: 李明\ntags: [北京, 科技]\n---\n"
BODY = "# 北京科技园区观察\n\n2023年5月12日，记者走访了北京的科技园区。\n"
TABLE = (
    "会议概况如下。\n\n| 项目 | 数量 |\n|:--|--:|\n| 嘉宾 | 1300 |\n| 展商 | 500 |\n\n"
    "- [x] 开幕式\n- [ ] 闭幕式\n"
)


def hits_of(text: str, word: str) -> list[tuple[int, int]]:
    spans, at = [], text.find(word)
    while at >= 0:
        spans.append((at, at + len(word)))
        at = text.find(word, at + 1)
    return spans


def snippet_of(text: str, word: str, cells: int = 80) -> tuple[str, list[str]]:
    snippet, marks = make_snippet(text, hits_of(text, word), cells)
    assert cell_len(snippet) <= cells
    return snippet, [snippet[start:end] for start, end in marks]


def test_a_hit_in_the_body_is_preferred_to_the_front_matter() -> None:
    # The front matter holds two of the three hits, close together: it was the best hit.
    snippet, marked = snippet_of(FRONT_MATTER + BODY, "北京")
    assert "---" not in snippet and "tags:" not in snippet and "[" not in snippet
    assert "记者走访了北京的科技园区" in snippet
    assert marked and set(marked) == {"北京"}


def test_a_hit_only_in_the_front_matter_shows_it_as_a_header() -> None:
    text = FRONT_MATTER + "# 北京科技园区观察\n\n正文。\n"
    snippet, marked = snippet_of(text, "李明")
    assert marked == ["李明"]
    assert "author: 李明" in snippet
    assert "---" not in snippet and "[" not in snippet and "]" not in snippet
    assert "tags: 北京, 科技" in snippet


def test_a_text_without_hits_starts_after_its_front_matter() -> None:
    snippet, marks = make_snippet(FRONT_MATTER + BODY, [])
    assert marks == [] and "title:" not in snippet and "---" not in snippet


def test_tables_and_task_items_show_as_the_reader_does() -> None:
    snippet, marked = snippet_of(TABLE, "项目")
    assert "|" not in snippet and ":--" not in snippet and "--:" not in snippet
    assert "[x]" not in snippet and "[ ]" not in snippet
    assert "项目 数量 嘉宾 1300 展商 500 ☑ 开幕式 ☐ 闭幕式" in snippet
    assert "  " not in snippet
    assert marked == ["项目"]
    _snippet, marked = snippet_of(TABLE, "1300")
    assert marked == ["1300"]


def test_a_table_whose_head_is_before_the_window_shows_no_pipes() -> None:
    text = "| 项目 | 数量 |\n|:--|--:|\n" + "".join(f"| 第{n}行 | {n} |\n" for n in range(40))
    snippet, marked = snippet_of(text, "第30行")
    assert "|" not in snippet and marked == ["第30行"]


def test_a_long_hit_that_fits_is_shown_whole() -> None:
    hit = "长" * 35  # 70 cells: with 20 cells of context before it, it would be cut
    text = "前" * 50 + hit + "后" * 50
    snippet, marked = snippet_of(text, hit)
    assert marked == [hit]
    assert snippet.startswith("…") and snippet.endswith("…")


def test_a_later_hit_is_not_cut_at_the_snippet_end() -> None:
    text = "开头" + "北京" + "中" * 34 + "北京" + "尾" * 40
    snippet, marked = snippet_of(text, "北京")
    assert marked and all(word == "北京" for word in marked)
    assert not snippet.endswith("北…")


def test_the_cli_table_folds_a_snippet_instead_of_cutting_it() -> None:
    text = "前" * 10 + "世界大会上，北京代表团发言，" * 4
    (result,) = make_store([("a.md", "标题", None, text)]).search("北京")
    console = Console(width=80, record=True, color_system=None, legacy_windows=False)
    console.print(results_table([result]))
    lines = console.export_text().splitlines()
    cells = [line.split("│")[-2].strip() for line in lines if line.count("│") >= 6]
    assert "".join(cells).replace(" ", "") == result.snippet.replace(" ", "")


def test_the_context_before_the_best_hit_does_not_start_inside_another_hit() -> None:
    # The best hit (most hits close after it) is the second; the first straddles its context.
    text = "甲" * 14 + "北京" + "乙" * 9 + "北京" + "丙" * 13 + "北京" + "丁" * 18 + "北京" * 3
    snippet, marked = snippet_of(text + "戊" * 20, "北京")
    assert marked and all(word == "北京" for word in marked)
    assert snippet.startswith("…乙")

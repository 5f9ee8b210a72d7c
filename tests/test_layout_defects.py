"""Defect 6: the layout faults a new user saw, each checked at every width it could show at."""

from __future__ import annotations

from reader.text.layout import NO_OFFSET, Layout, lay_out


def plains(layout: Layout) -> list[str]:
    return [line.plain for line in layout.lines]


def test_full_width_percent_never_starts_a_line_nor_splits_its_number() -> None:
    text = "今年全市生产总值增长了16.5％，居民收入增长了8％。"
    for width in range(8, 40):
        lines = plains(lay_out(text, width))
        assert "".join(lines) == text
        assert not any(line.startswith("％") for line in lines), width
        assert any("16.5％" in line for line in lines), width


def test_a_range_of_numbers_stays_whole() -> None:
    text = "明天最高气温在6—10℃之间，后天3～5℃，午后转晴。"
    for width in range(8, 40):
        lines = plains(lay_out(text, width))
        assert "".join(lines) == text
        assert any("6—10℃" in line for line in lines), (width, lines)
        assert any("3～5℃" in line for line in lines), (width, lines)
        assert not any(line.startswith("℃") for line in lines), width


def test_a_soft_break_inside_a_quote_joins_chinese_without_a_space() -> None:
    layout = lay_out("> 引用第一行\n> 引用第二行\n> > 内层一\n> > 内层二", 40)
    assert "▌ 引用第一行引用第二行" in plains(layout)
    assert "▌ ▌ 内层一内层二" in plains(layout)
    # Across an emphasis or a link the same holds; Latin still gets its space.
    assert plains(lay_out("中文\n**粗体**\n[链接](u)\nabc", 40)) == ["中文粗体链接 abc"]


def test_footnotes_keep_their_marks_and_their_text() -> None:
    source = "正文有一个脚注[^1]。\n\n[^1]: 这是脚注的内容。\n"
    layout = lay_out(source, 40)
    lines = plains(layout)
    assert lines[0] == "正文有一个脚注[1]。"
    assert "[1] 这是脚注的内容。" in lines
    note = next(line for line in layout.lines if line.plain.startswith("[1] "))
    start = note.offsets[note.indent]
    assert source[start : start + 4] == "这是脚注"
    ref = layout.lines[0]
    mark = [source[o] for o in ref.offsets if o != NO_OFFSET][7:10]
    assert mark == ["[", "1", "]"]  # each shown character maps to the source's [^1]


def test_task_lists_show_boxes() -> None:
    source = "- [ ] 未完成\n- [x] 已完成\n- 普通一项"
    layout = lay_out(source, 40)
    assert plains(layout) == ["☐ 未完成", "☑ 已完成", "• 普通一项"]
    first = layout.lines[0]
    assert source[first.offsets[first.indent]] == "未"


def test_table_columns_follow_their_alignment() -> None:
    source = "| 左 | 中间 | 右 |\n| :-- | :--: | --: |\n| 甲乙丙丁 | 一 | 1 |\n"
    lines = plains(lay_out(source, 60))
    row = next(line for line in lines if "甲乙丙丁" in line)
    cells = [cell.strip("│") for cell in row.split("│")[1:-1]]
    assert cells[0] == " 甲乙丙丁 "
    assert cells[1] == "  一  "  # centred in its 4-cell column
    assert cells[2].endswith(" 1 ") and cells[2].startswith("  ")  # right-aligned


def test_fill_breaks_a_url_after_its_slashes_never_inside_a_number() -> None:
    from reader.text.linebreak import fill

    url = "http://digitalpaper.stdaily.com/kjrb/images/2023-10/20/07/3513763_b.jpg"
    for width in range(16, 60):
        lines = fill(url, width)
        assert "".join(lines) == url  # nothing lost, nothing added
        assert all(len(line) <= width for line in lines)
        for line, following in zip(lines, lines[1:], strict=False):
            assert not (line[-1].isdigit() and following[0].isdigit()), (width, lines)

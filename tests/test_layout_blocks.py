"""Markdown blocks in the layout: headings, lists, quotes, code, tables, links, images, HTML,
control characters — each shown character mapped to its source offset."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.layout import NO_OFFSET, Layout, Line, lay_out


def plains(layout: Layout) -> list[str]:
    return [line.plain for line in layout.lines]


def styles_of(line: Line, index: int) -> set[str]:
    return {
        name for start, end, style in line.spans if start <= index < end for name in style.split()
    }


def test_heading_wrapped_not_truncated_and_styled_by_level() -> None:
    source = "### 十年来，北京充分发挥科技资源优势，坚持共商共建共享并进——"
    layout = lay_out(source, 20)
    assert "".join(plains(layout)) == source[4:]
    assert all("heading-3" in styles_of(line, 0) for line in layout.lines)
    assert layout.lines[0].offsets[0] == 4  # "#" markup is not shown


def test_paragraphs_are_separated_by_a_blank_line() -> None:
    assert plains(lay_out("第一段。\n\n第二段。", 40)) == ["第一段。", "", "第二段。"]


def test_list_hanging_indent() -> None:
    source = "- 第一项内容很长很长很长很长很长很长\n- 第二项\n\n1. 甲\n2. 乙"
    lines = plains(lay_out(source, 16))
    assert lines[0].startswith("• ")
    assert lines[1].startswith("  ") and not lines[1].startswith("   ")
    assert any(line.startswith("1. 甲") for line in lines)
    assert any(line.startswith("2. 乙") for line in lines)


def test_nested_list_and_indent_are_decoration() -> None:
    layout = lay_out("- 外层\n  - 内层", 40)
    inner = next(line for line in layout.lines if "内层" in line.plain)
    assert inner.plain.startswith("  ◦ ")
    assert inner.indent == 4
    assert list(inner.offsets[: inner.indent]) == [NO_OFFSET] * 4


def test_block_quote_prefix_on_every_line() -> None:
    layout = lay_out("> 引用的文字很长很长很长很长很长很长很长很长", 14)
    assert len(layout.lines) > 1
    assert all(line.plain.startswith("▌ ") for line in layout.lines)
    assert all("quote" in styles_of(line, line.indent) for line in layout.lines)


def test_code_block_not_reflowed_long_lines_folded() -> None:
    code = "def f():\n    return 'a very long line of code that must fold'\n"
    layout = lay_out("```python\n" + code + "```", 24)
    lines = plains(layout)
    assert lines[0].rstrip() == "def f():"
    assert lines[1].endswith("↩") and len(lines) > 3
    assert "".join(line.rstrip("↩") for line in lines[1:]).rstrip() == code.split("\n")[1]
    assert all(line.cells == 24 for line in layout.lines)  # one box: every line padded
    assert layout.lines[1].offsets[0] == len("```python\ndef f():\n")


def test_table_column_widths_in_cells() -> None:
    source = "| 名称 | 数值 |\n| --- | --- |\n| 北京 | 2023 |\n| 中俄数学中心 | 150余场 |"
    layout = lay_out(source, 40)
    lines = plains(layout)
    assert lines[0].startswith("┌") and lines[-1].startswith("└")
    assert {line.cells for line in layout.lines} == {layout.lines[0].cells}
    assert any("中俄数学中心" in line for line in lines)
    narrow = lay_out(source, 16)
    assert all(line.cells <= 16 for line in narrow.lines)
    # Cells wrap inside their column: every cell character is still shown exactly once.
    shown = sorted(at for line in narrow.lines for at in line.offsets if at != NO_OFFSET)
    assert shown == sorted(narrow.text_offsets)
    assert "中俄数学中心" in narrow.text


def test_rule_and_emphasis_and_code_spans() -> None:
    layout = lay_out("**粗体** *斜体* `代码`\n\n---\n\n后文", 20)
    first = layout.lines[0]
    assert first.plain == "粗体 斜体 代码"
    assert "strong" in styles_of(first, 0)
    assert "em" in styles_of(first, 3)
    assert "code" in styles_of(first, 6)
    rule = next(line for line in layout.lines if line.plain.startswith("─"))
    assert rule.cells == 20


def test_link_shows_text_and_keeps_url() -> None:
    source = '见[科技日报](http://www.stdaily.com/a?b=1 "标题")。\n\n后文[另一个](https://x.cn)'
    layout = lay_out(source, 40)
    assert layout.lines[0].plain == "见科技日报。"
    assert "link" in styles_of(layout.lines[0], 1)
    assert layout.link_at(source.index("科技日报")) == "http://www.stdaily.com/a?b=1"
    assert layout.link_at(source.index("另一个") + 1) == "https://x.cn"
    assert layout.link_at(0) is None
    # After the link, offsets continue past its destination.
    assert layout.lines[0].offsets[-1] == source.index("。")


def test_reference_links_resolve() -> None:
    layout = lay_out("见[科技][r]。\n\n[r]: http://u.cn\n", 40)
    assert [line.plain for line in layout.lines] == ["见科技。"]
    assert layout.link_at(2) == "http://u.cn"


def test_image_placeholder_with_dimmed_url_never_fetched() -> None:
    source = "前文\n\n![](http://example.com/images/photo_b.jpg)\n\n![北京的夜景](x/y.png)"
    layout = lay_out(source, 80)
    lines = plains(layout)
    assert "[图片] photo_b.jpg http://example.com/images/photo_b.jpg" in lines
    assert "[图片] 北京的夜景 x/y.png" in lines
    line = layout.lines[lines.index("[图片] 北京的夜景 x/y.png")]
    assert "image-url" in styles_of(line, len(line.plain) - 1)
    assert layout.link_at(source.index("x/y.png")) == "x/y.png"


def test_raw_html_text_without_tags() -> None:
    source = '一行<br>二行 <b>粗</b>\n\n<div>块<br/>内<img src="a/p.png" alt="图"></div>'
    layout = lay_out(source, 40)
    lines = plains(layout)
    assert lines[:2] == ["一行", "二行 粗"]
    assert "块" in lines and "内" in lines
    assert "[图片] 图 a/p.png" in lines
    assert not any("<" in line for line in lines)


def test_control_characters_visible_and_tabs_become_spaces() -> None:
    source = "危险\x1b[2J\x1b]0;owned\x07文本\t制表\x9b。"
    layout = lay_out(source, 80)
    shown = "".join(plains(layout))
    assert "\x1b" not in shown and "\x07" not in shown and "\x9b" not in shown
    assert "␛[2J␛]0;owned␇" in shown
    assert "文本 制表" in shown
    line = layout.lines[0]
    assert "control" in styles_of(line, line.plain.index("␛"))
    assert line.offsets[line.plain.index("␛")] == source.index("\x1b")


def test_nul_is_shown_as_a_control_picture() -> None:
    line = lay_out("a\x00b", 40).lines[0]
    assert line.plain == "a␀b" and "control" in styles_of(line, 1)


def test_control_characters_in_code_blocks_too() -> None:
    shown = "".join(plains(lay_out("```\nx\x1b[31my\x00\n```", 40)))
    assert "\x1b" not in shown and "\x00" not in shown


def test_entities_and_escapes_are_decoded_and_mapped() -> None:
    source = "A &amp; B \\* 中&#25991;"
    layout = lay_out(source, 40)
    assert layout.lines[0].plain == "A & B * 中文"
    offsets = layout.lines[0].offsets
    assert offsets[0] == 0 and offsets[2] == source.index("&")
    assert offsets[6] == source.index("*")


def test_offsets_are_relative_to_the_string_given() -> None:
    body = "正文第一段。\n\n第二段，**重点**。"
    layout = lay_out(body, 40)
    for line in layout.lines:
        for char, at in zip(line.plain, line.offsets, strict=True):
            if at != NO_OFFSET:
                assert body[at] == char


MARKDOWN_PIECES = [
    *"中文，。“”（）—…·ab 1.\n\t*_`[]()!<>#->|\\&;x\x1b\x00\u0301\u3000",
    "\n\n",
    "**",
    "```",
    "| a | b |\n|---|---|\n",
    "<br>",
    "<img src=a>",
    "![x](y)",
    "[l](u)",
    "- ",
    "1. ",
    "> ",
    "&amp;",
    "    ",
    "---\n",
    "<div>\n",
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(MARKDOWN_PIECES), max_size=80).map("".join),
    st.integers(min_value=1, max_value=60),
    st.sampled_from([1, 2]),
)
def test_any_markdown_lays_out_safely(source: str, width: int, ambiguous_width: int) -> None:
    layout = lay_out(source, width, ambiguous_width=ambiguous_width)
    for row, line in enumerate(layout.lines):
        assert len(line.plain) == len(line.offsets)
        assert line.cells <= width or line.forced or width < 3
        assert sum(layout.cell_widths(row)) == line.cells
        assert "\x1b" not in line.plain and "\x00" not in line.plain
        assert all(at == NO_OFFSET or 0 <= at < len(source) for at in line.offsets)
    for offset in range(0, len(source) + 1, 5):
        row, _ = layout.position_of(offset)
        assert 0 <= row < max(len(layout), 1)

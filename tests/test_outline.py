"""Outline and links of an article as data: headings, links, images, anchors, offsets."""

from __future__ import annotations

import pytest

from reader.text.outline import github_slug, markdown_it_anchor_slug, outline_of

ARTICLE = """# 第12期 **周报** `v2`

导语见[上一期](../第11期.md#二、政策)和 <https://example.com/a?b=1>。

![图 一](img/a%20b.png "标题") 再看[参考][r]。

## 一、背景

| 列 | [表内](table.md) |
|---|---|
| 甲 | 乙 |

- 列表里的[链接](中文.md)

> ## 引用里的标题

Setext 标题
===

## 二、政策
## 二、政策

<img src="pic.png" alt="图二">

[r]: http://r.example/中
"""


def test_headings_have_level_text_and_the_offset_of_their_text() -> None:
    outline = outline_of(ARTICLE)
    assert [(h.level, h.text) for h in outline.headings] == [
        (1, "第12期 周报 v2"),
        (2, "一、背景"),
        (2, "引用里的标题"),
        (1, "Setext 标题"),
        (2, "二、政策"),
        (2, "二、政策"),
    ]
    for heading in outline.headings:
        shown = ARTICLE[heading.start : heading.end]
        assert shown.startswith(heading.text.split()[0]), (heading, shown)
    assert ARTICLE[outline.headings[0].start :].startswith("第12期 **周报**")


def test_links_and_images_with_text_url_and_offsets() -> None:
    outline = outline_of(ARTICLE)
    found = [(k.kind, k.text, k.shown_url, ARTICLE[k.start : k.end]) for k in outline.links]
    assert found == [
        ("link", "上一期", "../第11期.md#二、政策", "[上一期](../第11期.md#二、政策)"),
        (
            "link",
            "https://example.com/a?b=1",
            "https://example.com/a?b=1",
            "<https://example.com/a?b=1>",
        ),
        ("image", "图 一", "img/a b.png", '![图 一](img/a%20b.png "标题")'),
        ("link", "参考", "http://r.example/中", "[参考][r]"),
        ("link", "表内", "table.md", "[表内](table.md)"),
        ("link", "链接", "中文.md", "[链接](中文.md)"),
        ("image", "图二", "pic.png", '<img src="pic.png" alt="图二">'),
    ]
    # The URL itself is a valid one (percent-encoded), as the reading pane's links are.
    assert outline.links[0].url == "../%E7%AC%AC11%E6%9C%9F.md#%E4%BA%8C%E3%80%81%E6%94%BF%E7%AD%96"


def test_offsets_shift_by_the_front_matter_before_the_body() -> None:
    front = "---\ntitle: x\n---\n"
    text = front + "# 标题\n\n[a](b.md)\n"
    outline = outline_of(text[len(front) :], base_offset=len(front))
    assert text[outline.headings[0].start :].startswith("标题")
    assert text[outline.links[0].start : outline.links[0].end] == "[a](b.md)"


@pytest.mark.parametrize(
    ("text", "slug"),
    [
        ("Hello World", "hello-world"),
        ("二、政策", "二政策"),
        ("十年来，北京充分发挥科技资源优势——", "十年来北京充分发挥科技资源优势"),
        ("C++ & Rust: 2023!", "c--rust-2023"),
        ("snake_case and-dash", "snake_case-and-dash"),
        ("Ünïcödé Straße", "ünïcödé-straße"),
        ("“引号” 《书名》", "引号-书名"),
    ],
)
def test_github_slugs(text: str, slug: str) -> None:
    assert github_slug(text) == slug


def test_repeated_headings_get_numbered_slugs() -> None:
    outline = outline_of("# A\n\n# A\n\n# A\n\n# A-1\n")
    assert [h.slug for h in outline.headings] == ["a", "a-1", "a-2", "a-1-1"]


def test_anchors_in_every_common_spelling() -> None:
    outline = outline_of(ARTICLE)
    first, second = outline.headings[4], outline.headings[5]
    assert outline.anchor("二政策") == first  # GitHub
    assert outline.anchor("二政策-1") == second
    assert outline.anchor("二、政策") == first  # markdown-it-anchor (nothing removed)
    assert outline.anchor("%E4%BA%8C%E3%80%81%E6%94%BF%E7%AD%96-1") == second  # encoded
    assert outline.anchor("#setext-标题") == outline.headings[3]
    assert outline.anchor("SETEXT-标题") == outline.headings[3]
    assert markdown_it_anchor_slug(" Setext  标题 ") == "setext-标题"
    assert outline.anchor("没有这个标题") is None


def test_heading_at_says_which_section_an_offset_is_in() -> None:
    outline = outline_of(ARTICLE)
    assert outline.heading_at(0) is None
    background = outline.headings[1]
    assert outline.heading_at(background.start) == 1
    assert outline.heading_at(background.start + 30) == 1
    assert outline.heading_at(len(ARTICLE)) == len(outline.headings) - 1


def test_odd_input_never_breaks_it() -> None:
    for text in ("", "#", "[", "![", "[a](", "<", "\x00\x1b]0;x\x07", "# \n##\n", "[a]: b\n"):
        outline = outline_of(text)
        spans = [(h.start, h.end) for h in outline.headings]
        spans += [(k.start, k.end) for k in outline.links]
        for start, end in spans:
            assert 0 <= start <= end <= len(text)


def test_the_seed_outline(seed_text: str) -> None:
    outline = outline_of(seed_text)
    assert [h.level for h in outline.headings][:2] == [1, 3]
    assert outline.headings[1].text.startswith("十年来，北京")
    assert outline.links[0].kind == "image"
    assert seed_text[outline.links[0].start :].startswith("![](http://digitalpaper")


def test_the_links_on_a_line() -> None:
    outline = outline_of(ARTICLE)
    line_start = ARTICLE.index("导语")
    line_end = ARTICLE.index("\n", line_start)
    assert [link.text for link in outline.links_in(line_start, line_end)] == [
        "上一期",
        "https://example.com/a?b=1",
    ]
    assert outline.links_in(0, line_start) == []

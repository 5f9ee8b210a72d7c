"""Line breaking properties of the CJK layout, on the seed and on random paragraphs.

Every width from 10 to 160: no line wider than the width, no kinsoku violation unless a line was
force-cut (one unbreakable token wider than the line), nothing lost or doubled, no Latin word
split, and every shown character maps back to the same character in the source.
"""

from __future__ import annotations

import random
import re
import unicodedata

import pytest
from markdown_it import MarkdownIt
from rich.cells import cell_len

from reader.text.layout import NO_OFFSET, Layout, Line, lay_out

WIDTHS = range(10, 161)
# Narrow panes are where breaking goes wrong, so the 200-paragraph document is laid out at every
# narrow width and at a stride above (every width cost 7 s of the suite for no extra finding).
RANDOM_DOCUMENT_WIDTHS = [*range(10, 61), *range(61, 161, 7)]
LINE_START_FORBIDDEN = set("，。、；：！？）」』】》〕〉”’…%·,.;:!?)]}")
LINE_END_FORBIDDEN = set("（「『【《〔〈“‘([{")
SPACES = re.compile(r"\s+")

CJK_WORDS = [
    "北京",
    "科技",
    "合作",
    "一带一路",
    "中俄数学中心",
    "学术",
    "交流",
    "国家",
    "发展",
    "创新",
    "的",
    "了",
    "在",
    "是",
    "和",
    "实验室",
    "图日林",
    "莫斯科",
    "高质量",
    "共建",
]
LATIN_WORDS = [
    "IASP",
    "Beijing",
    "AI",
    "technology",
    "cooperation",
    "2023",
    "3.14",
    "50%",
    "10,000",
    "e.g.",
    "COVID-19",
    "iPhone",
    "v2.0",
    "internationalization",
]
URLS = ["http://example.com/a/b?x=1&y=2", "https://digitalpaper.stdaily.com/content_561289.htm"]
PUNCTUATION_AFTER = ["，", "。", "、", "；", "：", "！", "？", "……", "——", "”", "）", "》", "」"]
PUNCTUATION_BEFORE = ["“", "（", "《", "「", "——"]


def random_paragraph(rng: random.Random) -> str:
    """Chinese with Latin words, numbers, URLs, punctuation and hard wraps; no Markdown syntax
    (so the text as rendered is the source with its line breaks and spaces removed)."""
    parts: list[str] = [rng.choice(CJK_WORDS)]

    def latin(word: str) -> str:
        # Glued to Chinese ("2023年") or spaced, but never glued to another Latin word, so no
        # unbreakable run is longer than "digitalpaper.stdaily.com/" (25 cells).
        glue = "" if not parts[-1][-1:].isascii() and rng.random() < 0.5 else " "
        return glue + word

    for _ in range(rng.randint(5, 60)):
        roll = rng.random()
        if roll < 0.45:
            parts.append(rng.choice(CJK_WORDS))
        elif roll < 0.6:
            parts.append(rng.choice(PUNCTUATION_AFTER))
        elif roll < 0.7:
            parts.append(rng.choice(PUNCTUATION_BEFORE) + rng.choice(CJK_WORDS))
        elif roll < 0.85:
            parts.append(latin(rng.choice(LATIN_WORDS)) + rng.choice(["", " "]))
        elif roll < 0.9:
            parts.append(latin(rng.choice(URLS)) + " ")
        elif roll < 0.95:
            parts.append("\n")  # hard-wrapped source
        else:
            parts.append(latin(rng.choice(LATIN_WORDS)) + " " + rng.choice(LATIN_WORDS))
    text = re.sub(r" *\n[\n ]*", "\n", "".join(parts))  # one newline: never a paragraph break
    return text.strip()


@pytest.fixture(scope="module")
def random_document() -> tuple[str, list[str]]:
    rng = random.Random(20231019)
    paragraphs = [random_paragraph(rng) for _ in range(200)]
    return "\n\n".join(paragraphs), paragraphs


def content(line: Line) -> str:
    """The line's characters that come from the source (no indentation or decoration)."""
    pairs = zip(line.plain, line.offsets, strict=True)
    return "".join(char for char, at in pairs if at != NO_OFFSET)


def placeholder_positions(line: Line) -> set[int]:
    """Where an image's "[图片] name" label is: it maps to the image's "!", not to itself."""
    return {
        index
        for start, end, style in line.spans
        if "image" in style.split() and "image-url" not in style
        for index in range(start, end)
    }


def check_layout(layout: Layout, source: str, width: int) -> None:
    lines = layout.lines
    contents = [content(line) for line in lines]
    for index, line in enumerate(lines):
        assert line.cells <= width, (width, line.plain)
        assert cell_len(line.plain) <= width, (width, line.plain)
        body = line.plain[line.indent :]
        if body and body[0] in LINE_START_FORBIDDEN:
            assert index > 0 and lines[index - 1].forced, (width, lines[index - 1].plain, body)
        if body and body[-1] in LINE_END_FORBIDDEN:
            assert line.forced, (width, body)
        # Shown characters are the source's (a space may stand for a newline, controls are
        # shown as visible symbols of the same length).
        mapped = "".join(source[at] for at in line.offsets if at != NO_OFFSET).replace("\n", " ")
        if mapped != contents[index]:
            placeholder = placeholder_positions(line)
            for position, (char, at) in enumerate(zip(line.plain, line.offsets, strict=True)):
                if at != NO_OFFSET and char != " " and position not in placeholder:
                    assert source[at] == char or not source[at].isprintable(), (width, char, at)
        if index + 1 < len(lines) and not line.forced:
            this, following = contents[index], contents[index + 1]
            if this and following and this[-1].isascii() and this[-1].isalnum():
                split = following[0].isascii() and following[0].isalnum()
                adjacent = lines[index + 1].first_offset == line.offsets[len(line.plain) - 1] + 1
                assert not (split and adjacent), (width, line.plain, lines[index + 1].plain)
    shown = "".join(contents)
    # Nothing lost, nothing doubled: the lines hold the rendered text, less the spaces at breaks.
    assert SPACES.sub("", shown) == SPACES.sub("", layout.text)


def test_seed_at_every_width(seed_text: str) -> None:
    tokens = MarkdownIt("commonmark").enable("table").parse(seed_text)
    rendered_by_markdown_it = "".join(
        child.content
        for token in tokens
        for child in token.children or []
        if child.type in ("text", "code_inline")
    )
    for width in WIDTHS:
        layout = lay_out(seed_text, width)
        check_layout(layout, seed_text, width)
        if width >= 26:  # the seed's longest unbreakable run is "digitalpaper.stdaily.com/"
            assert not any(line.forced for line in layout.lines), width
        # Every piece of text markdown-it renders is in the layout, in order.
        assert_subsequence(SPACES.sub("", rendered_by_markdown_it), SPACES.sub("", layout.text))


def assert_subsequence(needle: str, haystack: str) -> None:
    position = 0
    for char in needle:
        position = haystack.find(char, position)
        assert position >= 0, char
        position += 1


def test_random_paragraphs_at_every_width(random_document: tuple[str, list[str]]) -> None:
    document, paragraphs = random_document
    expected = SPACES.sub("", "".join(paragraphs))
    for width in RANDOM_DOCUMENT_WIDTHS:
        layout = lay_out(document, width)
        check_layout(layout, document, width)
        assert SPACES.sub("", layout.text) == expected
        # A Latin word followed by a chain of closing marks can outgrow a narrow line (the
        # generator makes runs of up to ~30 cells); wider lines never need a forced cut.
        if width >= 40:
            assert not any(line.forced for line in layout.lines), width


@pytest.mark.parametrize("width", [40, 60, 80, 100])
def test_seed_heading_complete_and_kinsoku(seed_text: str, width: int) -> None:
    layout = lay_out(seed_text, width)
    heading = "十年来，北京充分发挥科技资源优势，坚持共商共建共享并进——"
    heading_lines = [
        line.plain for line in layout.lines if any("heading-3" in s[2] for s in line.spans)
    ]
    assert "".join(heading_lines) == heading
    for line in layout.lines:
        body = line.plain[line.indent :]
        assert not body or body[0] not in "，。、；：！？）」』】》”"
        assert not body or body[-1] not in "（「『【《“"


def test_ambiguous_width_two_counts_quotes_as_wide(seed_text: str) -> None:
    def cells(text: str) -> int:
        return sum(
            0 if unicodedata.combining(c) else 2 if unicodedata.east_asian_width(c) in "WFA" else 1
            for c in text
        )

    for width in (10, 23, 40, 61, 80):
        layout = lay_out(seed_text, width, ambiguous_width=2)
        for line in layout.lines:
            assert cells(line.plain) == line.cells <= width


def plains(text: str, width: int) -> list[str]:
    return [line.plain for line in lay_out(text, width).lines]


def test_kinsoku_moves_characters_instead_of_overflowing() -> None:
    # Five wide characters fill 10 cells; the full stop may not start the next line, so 五
    # moves down with it instead of the line growing to 12 cells.
    assert plains("一二三四五。六七", 10) == ["一二三四", "五。六七"]
    # An opening quote may not end a line: it moves down with what it opens.
    assert plains("一二三四“五六”七", 10) == ["一二三四", "“五六”七"]


def test_dashes_and_ellipses_stay_whole() -> None:
    for width in range(10, 30):
        layout = lay_out("他说" + "这是一个很长的句子——然后停顿……再继续说话" * 3, width)
        for line in layout.lines:
            assert not line.plain.endswith("—") or line.plain.endswith("——")
            assert not line.plain.startswith("—") or line.plain.startswith("——")
            assert not line.plain.startswith("…")


def test_latin_words_and_numbers_not_split() -> None:
    text = "我们在2023年使用了internationalization和3.14159以及COVID-19疫苗。" * 4
    for width in range(22, 60):
        joined = [line.plain for line in lay_out(text, width).lines]
        for word in ("2023", "internationalization", "3.14159", "COVID-19"):
            assert text.count(word) == sum(line.count(word) for line in joined), (width, joined)


def test_soft_break_between_cjk_joins_without_space() -> None:
    layout = lay_out("中文被\n硬换行了，English\nwords stay apart。", 80)
    assert layout.lines[0].plain == "中文被硬换行了，English words stay apart。"


def test_long_url_breaks_after_slash() -> None:
    url = "http://digitalpaper.stdaily.com/http_www.kjrb.com/kjrb/html/2023-10/20/content.htm"
    layout = lay_out(url, 30)
    assert "".join(line.plain for line in layout.lines) == url
    assert all(line.plain[-1] in "/?&=-_" for line in layout.lines[:-1])
    assert not any(line.forced for line in layout.lines)


def test_position_of_and_offset_at_round_trip(seed_text: str) -> None:
    layout = lay_out(seed_text, 40)
    seen: set[int] = set()
    for row, line in enumerate(layout.lines):
        widths = layout.cell_widths(row)
        for index, offset in enumerate(line.offsets):
            if offset == NO_OFFSET or offset in seen:
                continue  # an image's label shows its "!" offset many times: take the first
            seen.add(offset)
            column = sum(widths[:index])
            assert layout.offset_at(row, column) == offset
            assert layout.position_of(offset) == (row, column)


def test_offsets_of_hidden_markup_land_on_the_next_shown_character() -> None:
    source = "前言\n\n**粗体**文字"
    layout = lay_out(source, 40)
    row, column = layout.position_of(source.index("**"))
    assert layout.lines[row].plain.startswith("粗体")
    assert layout.offset_at(row, column) == source.index("粗")


def test_empty_and_tiny_inputs() -> None:
    assert len(lay_out("", 40)) == 0
    assert lay_out("", 40).position_of(5) == (0, 0)
    layout = lay_out("中文", 1)  # a wide character on a one-cell line is shown, not dropped
    assert "".join(line.plain for line in layout.lines) == "中文"

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from reader.documents import UnreadableFile, parse_document
from reader.documents.dates import date_from_line

SEED_URL = "http://digitalpaper.stdaily.com/http_www.kjrb.com/kjrb/html/2023-10/20/content_561289.htm?div=-1"


def test_seed_article(seed_text: str) -> None:
    doc = parse_document(seed_text.encode("utf-8"), "seed.txt")
    assert doc.title == "[区 域] 在“一带一路”播撒科创“种子”"
    assert doc.date == dt.datetime(2023, 10, 19, 22, 2)
    assert doc.source == SEED_URL
    assert doc.text == seed_text
    assert doc.problems == ()


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("**2023-10-19 22:02**", dt.datetime(2023, 10, 19, 22, 2)),
        ("日期：2023-10-19", dt.date(2023, 10, 19)),
        ("2023年10月19日", dt.date(2023, 10, 19)),
        ("发布时间：2023-10-19 08:00", dt.datetime(2023, 10, 19, 8, 0)),
        ("2023/10/19", dt.date(2023, 10, 19)),
        ("2023.10.19", dt.date(2023, 10, 19)),
        ("日期：2022-09-24\u3000来源：央视《新闻联播》", dt.date(2022, 9, 24)),
        ("２０２３年１０月１９日 ２２：０２", dt.datetime(2023, 10, 19, 22, 2)),
        ("2023-13-01", None),
        ("2020年6月，中俄数学中心正式成立，3年来先后举办150余场学术交流活动，2020年6月1日起", None),
    ],
)
def test_date_lines(line: str, expected: object) -> None:
    assert date_from_line(line) == expected


def test_front_matter_wins() -> None:
    raw = (
        "---\ntitle: 前言标题\ndate: 2023-05-01\nurl: https://example.com/a\nauthor: 张三\n"
        "tags: [科技, 北京]\n---\n# 正文标题\n\n**2020-01-01**\n\n正文。\n"
    )
    doc = parse_document(raw.encode(), "a.md")
    assert doc.title == "前言标题"
    assert doc.date == dt.date(2023, 5, 1)
    assert doc.source == "https://example.com/a"
    assert doc.author == "张三"
    assert doc.tags == ("科技", "北京")
    assert doc.body.startswith("# 正文标题")
    assert doc.text == raw


def test_malformed_front_matter_still_loads_and_names_the_line() -> None:
    raw = "---\ntitle: ok\ndate: [unclosed\n---\n# 标题\n\n日期：2023-05-01\n\n正文\n"
    doc = parse_document(raw.encode(), "bad.md")
    assert doc.title == "标题"
    assert doc.date == dt.date(2023, 5, 1)
    assert len(doc.problems) == 1
    problem = doc.problems[0]
    assert problem.path == "bad.md" and "front matter" in problem.reason
    assert problem.line is not None and 3 <= problem.line <= 5


def test_front_matter_that_is_not_a_mapping() -> None:
    doc = parse_document(b"---\n- a\n- b\n---\n# T\n", "list.md")
    assert doc.title == "T"
    assert doc.problems and "mapping" in doc.problems[0].reason


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "utf-16", "gb18030", "gbk", "gb2312"])
def test_encodings(encoding: str) -> None:
    text = "# 北京科技新闻\r\n\r\n日期：2023-05-01\r\n\r\n中关村论坛在北京举行。\r\n"
    doc = parse_document(text.encode(encoding), "enc.md")
    assert doc.title == "北京科技新闻"
    assert doc.date == dt.date(2023, 5, 1)
    assert "\r" not in doc.text
    assert doc.text == text.replace("\r\n", "\n")


def test_utf16_big_endian_with_bom() -> None:
    raw = codecs.BOM_UTF16_BE + "# 标题\n".encode("utf-16-be")
    assert parse_document(raw, "be.md").title == "标题"


def test_binary_file_is_refused_with_a_reason() -> None:
    with pytest.raises(UnreadableFile, match="NUL"):
        parse_document(b"\x89PNG\r\n\x1a\n\x00\x00\x00", "image.md")


def test_undecodable_file_is_refused_with_a_reason() -> None:
    with pytest.raises(UnreadableFile, match="decode"):
        parse_document(bytes([0x81, 0x20, 0xFF, 0xFE, 0x81, 0x7F]) * 10, "junk.md")


def test_txt_without_heading_takes_first_line() -> None:
    doc = parse_document("\n\n  第一行就是标题  \n第二行\n".encode(), "note.txt")
    assert doc.title == "第一行就是标题"


def test_empty_file_is_an_article_named_after_the_file() -> None:
    doc = parse_document(b"", "empty-note.md")
    assert doc.title == "empty-note"
    assert doc.text == ""


def test_plain_url_line_and_source_link() -> None:
    doc = parse_document("# T\n\nhttps://example.com/x?a=1\n\n正文".encode(), "u.md")
    assert doc.source == "https://example.com/x?a=1"
    doc = parse_document(
        "# T\n\n日期：2023-01-02\n\n正文\n\n[查看原文](https://tv.example.com/v.shtml)\n".encode(),
        "l.md",
    )
    assert doc.source == "https://tv.example.com/v.shtml"


def test_heading_inside_code_is_not_the_title() -> None:
    doc = parse_document("```\n# not a title\n```\n\n# 真标题\n".encode(), "c.md")
    assert doc.title == "真标题"

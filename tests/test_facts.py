"""Facts extraction: numbers, dates, entities, offsets, markup, serialisation, seed checklist."""

from __future__ import annotations

import datetime as dt
import json
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.facts import FACTS_VERSION, Facts, extract_facts
from reader.facts.markup import prose_only
from reader.facts.model import Approx, EntityType, NumberKind
from reader.facts.numerals import parse_number

SEED_DATE = dt.date(2023, 10, 19)


@pytest.fixture(scope="module")
def seed_facts() -> Facts:
    from tests.conftest import SEED_PATH

    return extract_facts(SEED_PATH.read_text(encoding="utf-8"), SEED_DATE)


def _number(facts: Facts, text: str) -> dict[str, object]:
    found = [n.to_dict() for n in facts.numbers if n.text == text]
    assert found, f"{text} not found among {[n.text for n in facts.numbers]}"
    return found[0]


def test_seed_people_exactly(seed_facts: Facts) -> None:
    people = {e.name for e in seed_facts.entities if e.type == "person"}
    assert people == {
        "董齐超",
        "华凌",
        "阿列克谢·图日林",
        "白春礼",
        "艾巴·伦德",
        "王济武",
        "KOSAL Sovanvisal",
    }


def test_seed_people_mentions(seed_facts: Facts) -> None:
    by_name = {e.name: e for e in seed_facts.entities}
    assert [m.text for m in by_name["华凌"].mentions] == ["华 凌"]
    # The later short mention links to the full transliterated name.
    assert [m.text for m in by_name["阿列克谢·图日林"].mentions] == ["阿列克谢·图日林", "图日林"]
    assert "图日林" in by_name["阿列克谢·图日林"].aliases


@pytest.mark.parametrize(
    ("text", "value", "approx", "unit"),
    [
        ("150余场", 150, "more_than", "场"),
        ("258位", 258, None, "位"),
        ("70多篇", 70, "more_than", "篇"),
        ("2种以上", 2, "at_least", "种"),
        ("10余个", 10, "more_than", "个"),
        ("10位", 10, None, "位"),
        ("43家", 43, None, "家"),
        ("两位", 2, None, "位"),
    ],
)
def test_seed_counts(
    seed_facts: Facts, text: str, value: int, approx: str | None, unit: str
) -> None:
    number = _number(seed_facts, text)
    assert (number["kind"], number["value"], number["approx"], number["unit"]) == (
        "count",
        value,
        approx,
        unit,
    )


def test_seed_dates(seed_facts: Facts) -> None:
    assert _number(seed_facts, "今年6月")["normalized"] == "2023-06"
    assert _number(seed_facts, "9月14日")["normalized"] == "2023-09-14"
    assert _number(seed_facts, "2020年6月")["normalized"] == "2020-06"
    assert _number(seed_facts, "2023-10-19 22:02")["normalized"] == "2023-10-19T22:02"
    assert _number(seed_facts, "2022年秋季")["normalized"] == "2022-23"
    assert _number(seed_facts, "三个月")["normalized"] == "P3M"
    assert _number(seed_facts, "10年来")["kind"] == "duration"
    assert _number(seed_facts, "第40届")["value"] == 40


def test_seed_organisations_and_aliases(seed_facts: Facts) -> None:
    orgs = {e.name: e for e in seed_facts.entities if e.type == "organization"}
    for name in (
        "北京市科学技术委员会",
        "莫斯科国立大学",
        "启迪控股股份有限公司",
        "国际科技园区协会",
    ):
        assert name in orgs
    assert "IASP" in orgs["国际科技园区协会"].aliases
    assert "启迪控股" in orgs["启迪控股股份有限公司"].aliases
    places = {e.name for e in seed_facts.entities if e.type == "place"}
    assert "莫斯科" not in places  # it is inside the university's name
    events = {e.name: e for e in seed_facts.entities if e.type == "event"}
    assert "中关村论坛" in events
    # A numbered event keeps its organiser; the mention is the whole phrase.
    assert [m.text for m in events["IASP世界大会"].mentions] == ["IASP第40届世界大会"]
    assert "世界大会" not in events


def test_every_offset_matches_the_text(seed_text: str, seed_facts: Facts) -> None:
    for number in seed_facts.numbers:
        assert seed_text[number.start : number.end] == number.text
    for entity in seed_facts.entities:
        for mention in entity.mentions:
            assert seed_text[mention.start : mention.end] == mention.text


def test_nothing_from_urls_or_images(seed_text: str, seed_facts: Facts) -> None:
    url_line = seed_text.index("**http")
    url_end = seed_text.index("\n", url_line)
    image = seed_text.index("![](")
    image_end = seed_text.index("\n", image)
    for number in seed_facts.numbers:
        assert not url_line <= number.start < url_end
        assert not image <= number.start < image_end


def test_round_trip_through_json(seed_facts: Facts) -> None:
    data = json.loads(json.dumps(seed_facts.to_dict(), ensure_ascii=False))
    assert Facts.from_dict(data) == seed_facts
    assert isinstance(FACTS_VERSION, int)
    number = data["numbers"][0]
    assert list(number) == [
        "kind",
        "text",
        "start",
        "end",
        "value",
        "approx",
        "unit",
        "subject",
        "normalized",
        "predicate",
    ]
    assert list(data["entities"][0]) == ["name", "type", "aliases", "mentions"]


def test_markup_is_blanked_but_offsets_kept() -> None:
    text = (
        "---\ntitle: 标题 5\ndate: 2020-01-02\n---\n# 第3章\n\n```\n有100家\n```\n"
        "看[链接 2](http://a.com/2023-01-01) ![图](x/20年.png) `3个` **12家**企业\n"
    )
    prose = prose_only(text)
    assert len(prose) == len(text)
    facts = extract_facts(text)
    # 第3章 is the document's structure, not a fact (issue 10).
    assert [n.text for n in facts.numbers] == ["2", "12家"]
    for number in facts.numbers:
        assert text[number.start : number.end] == number.text


@pytest.mark.parametrize(
    ("written", "value"),
    [
        ("两", 2),
        ("三", 3),
        ("十", 10),
        ("二十五", 25),
        ("一百五十", 150),
        ("1.5万", 15000),
        ("3千万", 30_000_000),
        ("3.2万亿", 3_200_000_000_000),
        ("1,200", 1200),
        ("二〇二三", 2023),
        ("一亿五千万", 150_000_000),
    ],
)
def test_numerals(written: str, value: int) -> None:
    assert parse_number(written) == value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("增长25%。", ("percent", 25, "%", None)),
        ("占百分之二十五。", ("percent", 25, "%", None)),
        ("约三成。", ("percent", 30, "成", "about")),
        ("投资5亿元。", ("money", 500_000_000, "元", None)),
        ("融资100万美元。", ("money", 1_000_000, "美元", None)),
        ("售价¥30。", ("money", 30, "元", None)),
        ("规模3.2万亿元。", ("money", 3_200_000_000_000, "元", None)),
        ("第五届会议。", ("ordinal", 5, "届", None)),
        ("需要3至5年。", ("range", [3, 5], "年", None)),
        ("每组10—20个。", ("range", [10, 20], "个", None)),
        ("超过100家企业。", ("count", 100, "家", "more_than")),
        ("近200人参加。", ("count", 200, "人", "nearly")),
        ("逾1.5万名观众。", ("count", 15000, "名", "more_than")),
        ("二十五位专家。", ("count", 25, "位", None)),
        ("5公里左右。", ("count", 5, "公里", "about")),
    ],
)
def test_number_kinds(text: str, expected: tuple[str, object, str, str | None]) -> None:
    facts = extract_facts(text)
    assert len(facts.numbers) == 1, facts.numbers
    number = facts.numbers[0]
    assert (number.kind, number.value, number.unit, number.approx) == expected


@pytest.mark.parametrize(
    ("text", "normalized"),
    [
        ("今年3月", "2023-03"),
        ("去年", "2022"),
        ("明年", "2024"),
        ("本月", "2023-10"),
        ("上个月", "2023-09"),
        ("昨天", "2023-10-18"),
        ("9月14日", "2023-09-14"),
        ("2021年12月31日", "2021-12-31"),
        ("二〇二二年十月一日", "2022-10-01"),
        ("3月5日下午3时", "2023-03-05T15:00"),
        ("2022年冬季", "2022-24"),
    ],
)
def test_dates_resolve_against_the_article_date(text: str, normalized: str) -> None:
    facts = extract_facts(f"据悉，{text}如此。", SEED_DATE)
    assert [n.normalized for n in facts.numbers] == [normalized]


def test_relative_dates_without_an_article_date_stay_unresolved() -> None:
    facts = extract_facts("今年6月，9月14日。")
    assert [n.normalized for n in facts.numbers] == [None, None]


def test_chinese_numerals_inside_words_are_not_numbers() -> None:
    facts = extract_facts("共建“一带一路”，不远万里，绵亘千年，三一学院，一批企业，十分重要。")
    assert facts.numbers == []


def test_common_words_are_not_people() -> None:
    facts = extract_facts("北京将提供更值得期待的丰硕成果，这尤为重要。他在会上陈述了观点。")
    assert [e for e in facts.entities if e.type == "person"] == []


def test_control_characters_do_not_break_extraction() -> None:
    text = "\x1b[31m记者\x07 张伟报道：100家企业\x1b[0m"
    facts = extract_facts(text)
    for number in facts.numbers:
        assert text[number.start : number.end] == number.text


def test_empty_and_plain_latin_text() -> None:
    assert extract_facts("").to_dict() == {"numbers": [], "entities": []}
    facts = extract_facts("Nothing to see here.")
    assert facts.entities == []


_FRAGMENTS = (
    "北京市科学技术委员会",
    "阿列克谢·图日林",
    "150余场",
    "今年6月",
    "2023-10-19 22:02",
    "第40届",
    "**",
    "# ",
    "![图](http://x.cn/1.png)",
    "[链接](http://a.b/2020年)",
    "`3个`",
    "\n",
    " ",
    "（IASP）",
    "百分之二十五",
    "3至5年",
    "¥30",
    "\x1b[31m",
    "\x00",
    "记者 华 凌",
    "、",
    "，",
    "KOSAL Sovanvisal",
    "《报告》",
    "两位",
    "十",
    "年",
    "月",
    "日",
    "亿元",
    "%",
    "第",
    "·",
)


@given(st.lists(st.sampled_from(_FRAGMENTS), max_size=30), st.text(max_size=20))
@settings(max_examples=60, deadline=None)
def test_offsets_always_match_the_text(fragments: list[str], noise: str) -> None:
    text = "".join(fragments) + noise
    facts = extract_facts(text, SEED_DATE)
    for number in facts.numbers:
        assert text[number.start : number.end] == number.text
        assert number.kind in get_args(NumberKind)
        assert number.approx is None or number.approx in get_args(Approx)
    for entity in facts.entities:
        assert entity.type in get_args(EntityType)
        for mention in entity.mentions:
            assert text[mention.start : mention.end] == mention.text
    assert Facts.from_dict(json.loads(json.dumps(facts.to_dict()))) == facts

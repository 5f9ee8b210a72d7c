"""The timeline: dated facts and article dates on one axis, paged, filtered, never stale."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

import reader.facts
from reader import open_library
from reader.facts import Entity, Facts, Mention, NumberFact
from reader.facts.markup import prose_only
from reader.store import Library
from reader.store import library as library_module
from reader.store.dated import readable_date, sentence_around, sort_key
from reader.store.timeline import TimelineEntry


def test_the_seed_timeline_lists_its_dates_with_their_sentences() -> None:
    seed = open_library(None)
    seed.sync()
    rows = seed.timeline().page(0, 100)
    found = {(row.text, row.when): row.sentence for row in rows}
    assert found[("2020年6月", "2020-06")] == "2020年6月，中俄数学中心正式成立。"
    assert found[("2022年秋季", "2022-23")].startswith("此前的2022年秋季学期，图日林")
    assert found[("今年6月", "2023-06")].startswith("今年6月，剑桥大学代表团到访北京清华科技园")
    assert found[("9月14日", "2023-09-14")].startswith("9月14日，在卢森堡举行的国际科技园区协会")
    for row in rows:
        assert row.sentence[row.mark[0] : row.mark[1]] == row.text
        assert "**" not in row.sentence and "http" not in row.sentence
    article = seed.articles()[0]
    for row in rows:
        if row.source == "fact":
            assert article.text[row.start : row.end] == row.text
    own = [row for row in rows if row.source == "article"]
    assert [(row.when, row.text) for row in own] == [("2023-10-19T22:02", article.title)]
    # The dateline under the title is the article's own date, not listed twice.
    assert not any(row.source == "fact" and row.when == "2023-10-19T22:02" for row in rows)
    whens = [sort_key(row.when) or "" for row in rows]
    assert whens == sorted(whens, reverse=True)
    assert readable_date("2022-23") == "2022 autumn"


FACTS: dict[str, Facts] = {}


def fact(text: str, body: str, normalized: str, kind: str = "date") -> NumberFact:
    start = body.index(text)
    return NumberFact(kind, text, start, start + len(text), normalized=normalized)  # type: ignore[arg-type]


@pytest.fixture
def handmade_facts(monkeypatch: pytest.MonkeyPatch) -> None:
    """Facts as the test says they are (the extractor is issue 10's business, not ours)."""

    def extract(text: str, published: object = None) -> Facts:
        for marker, facts in FACTS.items():
            if marker in text:
                return facts
        return Facts()

    monkeypatch.setattr(reader.facts, "extract_facts", extract)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


BEIJING = "# 北京的一年\n\n日期：2023-12-01\n\n2021年，**北京**启动了[计划](x.md)。\n\n2023年9月，北京完成验收。\n"
SHANGHAI = "# 上海\n\n2022年夏天，上海\n举办了展会；2019年筹备。\n"
UNDATED = "# 随笔\n\n没有日期的文章，提到2020年。\n"


@pytest.fixture
def dated(tmp_path: Path, handmade_facts: None) -> Library:
    FACTS.clear()
    FACTS["北京的一年"] = Facts(
        numbers=[
            fact("2021年", BEIJING, "2021", "year"),
            fact("2023年9月", BEIJING, "2023-09"),
            NumberFact("time", "10:00", 0, 1, normalized="10:00"),  # not a calendar date
        ],
        entities=[Entity("北京", "place", mentions=[Mention("北京", 30, 32)])],
    )
    FACTS["上海\n\n2022"] = Facts(
        numbers=[fact("2022年夏天", SHANGHAI, "2022-22"), fact("2019年", SHANGHAI, "2019", "year")],
        entities=[Entity("上海", "place", mentions=[Mention("上海", 2, 4)])],
    )
    FACTS["随笔"] = Facts(numbers=[fact("2020年", UNDATED, "2020", "year")])
    root = tmp_path / "lib"
    write(root / "beijing.md", BEIJING)
    write(root / "shanghai.md", SHANGHAI)
    write(root / "undated.md", UNDATED)
    library = open_library(root)
    library.sync()
    return library


def summary(rows: list[TimelineEntry]) -> list[tuple[str, str, str]]:
    return [(row.when, row.path, row.text) for row in rows]


def test_every_dated_fact_and_article_newest_first_or_oldest_first(dated: Library) -> None:
    timeline = dated.timeline()
    expected = [
        ("2023-12-01", "beijing.md", "北京的一年"),
        ("2023-09", "beijing.md", "2023年9月"),
        ("2022-22", "shanghai.md", "2022年夏天"),
        ("2021", "beijing.md", "2021年"),
        ("2020", "undated.md", "2020年"),
        ("2019", "shanghai.md", "2019年"),
    ]
    assert timeline.total == len(timeline) == 6 and timeline.pending == 0
    assert summary(timeline.page(0, 100)) == expected
    assert summary(dated.timeline(newest_first=False).page(0, 100)) == expected[::-1]


@pytest.mark.parametrize("newest_first", [True, False])
def test_pages_join_up_to_the_whole(dated: Library, newest_first: bool) -> None:
    timeline = dated.timeline(newest_first=newest_first)
    whole = timeline.page(0, timeline.total)
    assert len(whole) == 6
    for size in (1, 2, 4):
        # Far pages are read from the other end; they must still come in order.
        pieces = [row for at in range(0, 6, size) for row in timeline.page(at, size)]
        assert pieces == whole, size
    assert timeline.page(5, 10) == whole[5:]
    assert timeline.page(6, 10) == [] and timeline.page(99, 1) == [] and timeline.page(0, 0) == []
    filtered = dated.timeline(newest_first=newest_first, text="年")
    assert [row for at in range(filtered.total) for row in filtered.page(at, 1)] == [
        row for row in whole if "年" in row.sentence
    ]


def test_sentences_read_as_one_line_without_markdown(dated: Library) -> None:
    rows = {row.text: row for row in dated.timeline().page(0, 100)}
    assert rows["2021年"].sentence == "2021年，北京启动了计划。"
    assert rows["2022年夏天"].sentence == "2022年夏天，上海举办了展会；"  # a hard wrap joined
    assert rows["2022年夏天"].label == "2022 summer"
    assert rows["2019年"].sentence == "2019年筹备。"


def test_filter_by_entity_and_by_text(dated: Library) -> None:
    beijing = dated.timeline(entity="北京")
    assert {row.path for row in beijing.page(0, 100)} == {"beijing.md"}
    assert beijing.total == 3
    assert dated.timeline(entity="没有的").total == 0
    assert summary(dated.timeline(text="展会").page(0, 10)) == [
        ("2022-22", "shanghai.md", "2022年夏天")
    ]
    # Folded like search: width and case blind; any string typed is just text.
    assert dated.timeline(text="２０２１").total == 1
    for odd in ("%", "_", "'", '"; DROP TABLE timeline; --', "\x00"):
        assert dated.timeline(text=odd).total == 0
    assert dated.timeline(text="  ").total == 6
    both = dated.timeline(entity="北京", text="验收")
    assert summary(both.page(0, 10)) == [("2023-09", "beijing.md", "2023年9月")]


def test_jumping_to_a_date(dated: Library) -> None:
    newest = dated.timeline()
    assert newest.index_of("2022") == 2  # below 2023-12-01 and 2023-09
    assert newest.index_of(dt.date(2021, 1, 1)) == 3
    oldest = dated.timeline(newest_first=False)
    assert oldest.index_of("2021") == 2


def test_it_follows_the_store_when_articles_change_or_go(dated: Library, tmp_path: Path) -> None:
    root = tmp_path / "lib"
    changed = BEIJING.replace("2023-12-01", "2024-01-02").replace("2021年，", "前言。2021年，")
    FACTS["北京的一年"] = Facts(numbers=[fact("2021年", changed, "2021", "year")])
    write(root / "beijing.md", changed)
    os.utime(root / "beijing.md", (10, 10))
    (root / "shanghai.md").unlink()
    dated.sync(facts=False)  # facts of the changed article are gone until extracted again
    rows = dated.timeline().page(0, 100)
    assert summary(rows) == [
        ("2024-01-02", "beijing.md", "北京的一年"),
        ("2020", "undated.md", "2020年"),
    ]
    dated.update_facts()
    rows = dated.timeline().page(0, 100)
    assert ("2021", "beijing.md", "2021年") in summary(rows)
    text = dated.article("beijing.md")
    assert text is not None
    moved = next(row for row in rows if row.text == "2021年")
    assert text.text[moved.start : moved.end] == "2021年"


def test_a_cache_made_before_the_timeline_fills_it_from_the_facts(
    dated: Library, monkeypatch: pytest.MonkeyPatch
) -> None:
    conn = dated.connection()
    conn.execute("DROP TABLE timeline")
    conn.execute("DROP TABLE timeline_sources")
    conn.execute("DELETE FROM meta WHERE key = 'timeline_version'")
    monkeypatch.setattr(library_module, "_TIMELINE_BUDGET", 1)
    partial = dated.timeline()
    assert partial.pending == 2  # one article's facts indexed now, the rest in the background
    assert partial.total < 6
    dated.update_facts()  # the background pass
    complete = dated.timeline()
    assert (complete.pending, complete.total) == (0, 6)


def test_article_dates_are_there_before_any_facts(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    write(root / "a.md", "# 甲\n\n日期：2023-05-01\n")
    write(root / "b.md", "# 乙\n")
    library = open_library(root)
    library.sync(facts=False)
    assert summary(library.timeline().page(0, 10)) == [("2023-05-01", "a.md", "甲")]
    # Once the facts are in, the sentence giving that date stands for it: one row, not two.
    library.update_facts()
    page = library.timeline().page(0, 10)
    assert [(entry.label, entry.source, entry.sentence) for entry in page] == [
        ("2023-05-01", "fact", "日期：2023-05-01")
    ]


@pytest.mark.parametrize(
    ("normalized", "key"),
    [
        ("2023", "2023"),
        ("2023-06", "2023-06"),
        ("2023-09-14", "2023-09-14"),
        ("2023-09-14T10:00", "2023-09-14T10:00"),
        ("2022-23", "2022-09"),
        ("2022-24", "2022-12"),
        ("2024-Q2", "2024-04"),
        ("2024-H2", "2024-07"),
        ("2023-01/2023-07", "2023-01"),
        ("2023-13", None),
        ("2023-02-30", None),
        ("10:00", None),
        ("P3Y", None),
        ("", None),
    ],
)
def test_sort_keys(normalized: str, key: str | None) -> None:
    assert sort_key(normalized) == key


def test_readable_dates() -> None:
    assert readable_date("2024-Q1") == "2024 Q1"
    assert readable_date("2023-01/2023-07") == "2023-01 – 2023-07"
    assert readable_date("2023-09-14T10:00") == "2023-09-14 10:00"


def test_a_long_sentence_is_cut_around_its_fact() -> None:
    text = "甲" * 200 + "2020年" + "乙" * 200 + "。"
    sentence, start, end = sentence_around(text, 200, 205, prose_only)
    assert sentence.startswith("…") and sentence.endswith("…")
    assert sentence[start:end] == "2020年"
    assert len(sentence) == 2 + 60 + 5 + 60


def test_an_endless_paragraph_is_read_only_around_the_fact() -> None:
    cleaned: list[int] = []

    def clean(paragraph: str) -> str:
        cleaned.append(len(paragraph))
        return prose_only(paragraph)

    text = "甲" * 100_000 + "2020年" + "乙" * 100_000
    sentence, start, end = sentence_around(text, 100_000, 100_005, clean)
    assert sentence[start:end] == "2020年"
    assert cleaned and max(cleaned) <= 4_005


def test_sentence_edges() -> None:
    text = "第一句。\n\n  **2020年**  ,then  more words!  下一句"
    start = text.index("2020年")
    sentence, a, b = sentence_around(text, start, start + 5, prose_only)
    assert sentence == "2020年 ,then more words!"
    assert sentence[a:b] == "2020年"


def test_a_change_made_by_another_process_is_seen(dated: Library, tmp_path: Path) -> None:
    assert dated.timeline().total == 6
    assert dated.timeline().total == 6  # nothing changed: the check costs nothing
    other = open_library(tmp_path / "lib")  # another connection, as another process has
    write(tmp_path / "lib" / "undated.md", "# 随笔\n\n日期：2022-02-02\n\n不再提年份。\n")
    other.sync(facts=False)
    rows = summary(dated.timeline().page(0, 10))
    assert ("2022-02-02", "undated.md", "随笔") in rows
    assert ("2020", "undated.md", "2020年") not in rows  # its facts went with its old text

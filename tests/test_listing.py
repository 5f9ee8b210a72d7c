"""The list: sort orders, undated libraries, tags, unread counts, folders, last read."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pytest

from reader import open_library
from reader.documents import parse_document
from reader.store import Library
from reader.store.articles import Article
from reader.store.listing import (
    count_tags,
    folder_rows,
    folder_tree,
    next_unread,
    sequence_key,
    sort_articles,
    tag_query,
)


def make(path: str, title: str, date: dt.date | None = None, tags: tuple[str, ...] = ()) -> Article:
    return Article(0, path, title, date, None, None, tags, 0, lambda _id: "")


def paths(articles: list[Article]) -> list[str]:
    return [article.path for article in articles]


@pytest.mark.parametrize(
    ("title", "path", "key"),
    [
        ("第12期 周报", "x.md", (12,)),
        ("第十二期", "x.md", (12,)),
        ("周报", "issue-12.md", (12,)),
        ("Weekly No. 7", "x.md", (7,)),
        ("月报 2023-05", "x.md", (2023, 5)),
        ("2023年5月月报", "x.md", (2023, 5)),
        ("月报", "2023_05_01.md", (2023, 5, 1)),
        ("随笔", "notes/012.md", (12,)),
        ("5G 发展", "5e142f96c0527c7e.md", (5,)),  # a hash in the file name says nothing
        ("无题", "abc.md", ()),
        ("第１２期", "x.md", (12,)),  # full-width digits
    ],
)
def test_the_number_an_undated_article_carries(title: str, path: str, key: tuple[int, ...]) -> None:
    assert sequence_key(title, path) == key


def test_undated_issues_list_the_latest_first_never_the_oldest() -> None:
    issues = [
        make(f"weekly/{name}.md", title)
        for name, title in (
            ("a", "第2期"),
            ("b", "第10期"),
            ("c", "第1期"),
            ("d", "第11期"),
        )
    ]
    assert [a.title for a in sort_articles(issues)] == ["第11期", "第10期", "第2期", "第1期"]
    oldest_first = sort_articles(issues, reverse=True)
    assert [a.title for a in oldest_first] == ["第1期", "第2期", "第10期", "第11期"]


def test_equal_numbers_fall_back_on_modification_time() -> None:
    same = [make("a.md", "随笔"), make("b.md", "随笔"), make("c.md", "随笔")]
    mtimes = {"a.md": 1, "b.md": 3, "c.md": 2}
    assert paths(sort_articles(same, mtimes=mtimes)) == ["b.md", "c.md", "a.md"]


def test_dated_come_first_newest_first_and_undated_stay_last_either_way() -> None:
    items = [
        make("old.md", "旧", dt.date(2020, 1, 1)),
        make("undated.md", "第3期"),
        make("new.md", "新", dt.datetime(2023, 5, 1, 8, 0)),
        make("mid.md", "中", dt.date(2021, 6, 1)),
    ]
    assert paths(sort_articles(items)) == ["new.md", "mid.md", "old.md", "undated.md"]
    assert paths(sort_articles(items, reverse=True)) == ["old.md", "mid.md", "new.md", "undated.md"]


def test_title_and_path_orders_are_natural() -> None:
    items = [make("b/第10期.md", "第10期"), make("a/第2期.md", "第2期"), make("a.md", "Zeta")]
    assert [a.title for a in sort_articles(items, "title")] == ["Zeta", "第2期", "第10期"]
    assert paths(sort_articles(items, "path")) == ["a/第2期.md", "a.md", "b/第10期.md"]
    assert paths(sort_articles(items, "path", reverse=True)) == [
        "b/第10期.md",
        "a.md",
        "a/第2期.md",
    ]


def test_last_read_puts_the_most_recently_opened_first() -> None:
    items = [make(f"{n}.md", n, dt.date(2023, 1, i + 1)) for i, n in enumerate("abcd")]
    opened = {"a.md": 30.0, "c.md": 50.0}
    assert paths(sort_articles(items, "last_read", opened=opened)) == [
        "c.md",
        "a.md",
        "d.md",
        "b.md",
    ]


def test_an_unknown_order_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown sort order"):
        sort_articles([], "size")  # type: ignore[arg-type]


def test_tags_are_counted_case_and_width_blind() -> None:
    items = [
        make("a.md", "a", tags=("Python", "科技")),
        make("b.md", "b", tags=("python",)),
        make("c.md", "c", tags=("PYTHON", "#科技")),
        make("d.md", "d", tags=("ＡＩ",)),
    ]
    assert [(t.name, t.articles) for t in count_tags(items)] == [
        ("Python", 3),
        ("科技", 2),
        ("ＡＩ", 1),
    ]


@pytest.mark.parametrize(
    ("typed", "tag"),
    [("#科技", "科技"), ("＃AI", "AI"), (" #x ", "x"), ("#", None), ("科技", None), ("#a b", None)],
)
def test_a_tag_typed_in_the_search_bar(typed: str, tag: str | None) -> None:
    assert tag_query(typed) == tag


def test_front_matter_tags_in_their_usual_spellings() -> None:
    def tags_of(front: str) -> tuple[str, ...]:
        return parse_document(f"---\n{front}\n---\n# t\n".encode(), "x.md").tags

    assert tags_of("tags: [科技, '#北京', 科技]") == ("科技", "北京")
    assert tags_of("tags: 科技，北京、 AI") == ("科技", "北京", "AI")
    assert tags_of("keywords: [a, b]") == ("a", "b")
    assert tags_of("categories: 随笔") == ("随笔",)
    assert tags_of("tags: 3") == ()


def test_next_unread_wraps_around_and_skips_the_current() -> None:
    order = ["a", "b", "c", "d"]
    assert next_unread(order, "b", {"c"}) == "d"
    assert next_unread(order, "d", {"a"}) == "b"
    assert next_unread(order, None, set()) == "a"
    assert next_unread(order, "a", {"b", "c", "d"}) is None


def test_folders_group_nested_libraries() -> None:
    items = [
        make("top.md", "top"),
        make("2023/05/a.md", "a"),
        make("2023/b.md", "b"),
        make("2022/c.md", "c"),
        make("2023/05/d.md", "d"),
    ]
    tree = folder_tree(items)
    assert [f.name for f in tree.folders] == ["2022", "2023"]
    assert tree.total == 5 and tree.folders[1].total == 3
    assert tree.folders[1].unread({"2023/b.md"}) == 2
    rows = [
        (row.depth, row.article.path if row.article else row.folder.path + "/")
        for row in folder_rows(tree)
    ]
    assert rows == [
        (0, "2022/"),
        (1, "2022/c.md"),
        (0, "2023/"),
        (1, "2023/05/"),
        (2, "2023/05/a.md"),
        (2, "2023/05/d.md"),
        (1, "2023/b.md"),
        (0, "top.md"),
    ]
    shut = [
        (row.depth, row.folder.path)
        for row in folder_rows(tree, collapsed={"2023"})
        if not row.article
    ]
    assert shut == [(0, "2022"), (0, "2023")]


def write(path: Path, text: str, mtime: int | None = None) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    if mtime is not None:
        os.utime(path, (mtime, mtime))


@pytest.fixture
def library(tmp_path: Path) -> Library:
    root = tmp_path / "lib"
    write(root / "weekly" / "a.md", "---\ntags: [周报, Python]\n---\n# 第2期\n", 100)
    write(root / "weekly" / "b.md", "---\ntags: [周报]\n---\n# 第10期\n", 50)
    write(root / "weekly" / "c.md", "# 第1期\n", 200)
    write(root / "dated.md", "---\ntags: [python]\n---\n# 有日期\n\n日期：2023-05-01\n")
    library = open_library(root)
    library.sync(facts=False)
    return library


def test_the_library_api(library: Library) -> None:
    assert paths(library.articles()) == ["dated.md", "weekly/b.md", "weekly/a.md", "weekly/c.md"]
    assert paths(library.articles("path")) == [
        "dated.md",
        "weekly/a.md",
        "weekly/b.md",
        "weekly/c.md",
    ]
    assert paths(library.articles("title", reverse=True)) == [
        "weekly/b.md",
        "weekly/a.md",
        "weekly/c.md",
        "dated.md",
    ]
    assert paths(library.articles(tag="PYTHON")) == ["dated.md", "weekly/a.md"]
    assert paths(library.articles(tag="#周报")) == ["weekly/b.md", "weekly/a.md"]
    assert library.articles(tag="没有") == []
    # Equally used spellings: the first in path order (dated.md says "python").
    assert [(t.name, t.articles) for t in library.tags()] == [("python", 2), ("周报", 2)]
    assert [f.path for f in library.folders().folders] == ["weekly"]


def test_unread_and_last_read_come_from_the_user_state(library: Library) -> None:
    assert library.unread_count() == 4
    library.state.set_read_many(["weekly/a.md", "weekly/b.md"])
    assert library.unread_count() == 2
    library.state.set_read_many(["weekly/a.md"], read=False)
    assert library.unread_count() == 3
    library.state.set_last_open("weekly/c.md")
    library.state.set_last_open("weekly/a.md")
    order = paths(library.articles("last_read"))
    assert order[:2] == ["weekly/a.md", "weekly/c.md"]
    # weekly/b.md was marked read before it was ever opened: it counts from then.
    assert order[2] == "weekly/b.md"


def test_preferences_are_remembered_per_library(library: Library, tmp_path: Path) -> None:
    assert library.state.library_preference("sort") is None
    library.state.set_library_preference("sort", "title")
    library.close()
    again = open_library(library.root)
    assert again.state.library_preference("sort") == "title"
    other_root = tmp_path / "other"
    other_root.mkdir()
    assert open_library(other_root).state.library_preference("sort") is None

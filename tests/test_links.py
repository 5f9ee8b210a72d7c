"""Following links: relative paths into the library, anchors, external URLs, never outside."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader import open_library
from reader.store import Library
from reader.text.links import ExternalLink, LibraryLink, UnusableLink, classify_link


@pytest.mark.parametrize(
    ("url", "from_path", "first_candidate", "anchor"),
    [
        ("b.md", "a.md", "b.md", None),
        ("b", "a.md", "b", None),
        ("./b.md#intro", "a.md", "b.md", "intro"),
        ("../b.md", "sub/a.md", "b.md", None),
        ("%E4%B8%AD%E6%96%87.md", "sub/a.md", "sub/中文.md", None),
        ("deeper/../c.md", "a.md", "c.md", None),
        ("/top.md", "sub/deeper/a.md", "top.md", None),
        ("#%E4%BA%8C%E6%94%BF%E7%AD%96", "sub/a.md", "sub/a.md", "二政策"),
        ("b.md?x=1#frag", "a.md", "b.md", "frag"),
        ("sub\\b.md", "a.md", "sub/b.md", None),
    ],
)
def test_library_links(url: str, from_path: str, first_candidate: str, anchor: str | None) -> None:
    destination = classify_link(url, from_path)
    assert isinstance(destination, LibraryLink)
    assert destination.candidates[0] == first_candidate
    assert destination.anchor == anchor


def test_a_link_without_a_suffix_tries_each_article_suffix_then_a_folder_index() -> None:
    destination = classify_link("notes/第12期", "a.md")
    assert isinstance(destination, LibraryLink)
    assert destination.candidates[:4] == (
        "notes/第12期",
        "notes/第12期.md",
        "notes/第12期.markdown",
        "notes/第12期.txt",
    )
    assert "notes/第12期/index.md" in destination.candidates
    page = classify_link("b.html", "a.md")
    assert isinstance(page, LibraryLink) and "b.md" in page.candidates
    folder = classify_link("sub/", "a.md")
    assert isinstance(folder, LibraryLink) and folder.candidates[0] == "sub/index.md"


@pytest.mark.parametrize(
    "url",
    ["http://example.com/x.md", "https://a.b/", "mailto:x@y.z", "//cdn.example/x", "ftp://h/f"],
)
def test_external_urls_are_only_reported(url: str) -> None:
    assert classify_link(url, "a.md") == ExternalLink(url)


@pytest.mark.parametrize(
    "url", ["../x.md", "../../etc/passwd", "sub/../../x.md", "%2E%2E/x.md", "..", ""]
)
def test_nothing_leads_outside_the_library(url: str) -> None:
    destination = classify_link(url, "a.md")
    assert isinstance(destination, UnusableLink)


def write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def linked(tmp_path: Path) -> Library:
    root = tmp_path / "lib"
    write(
        root / "index.md",
        "# 目录\n\n[第11期](issues/第11期.md#二、政策) [第12期](issues/第12期)"
        " [缺](issues/没有.md) [外](https://example.com) [出](../outside.md)"
        " [大写](ISSUES/第12期.MD) [文件夹](issues/) [无锚](issues/第11期.md#没有)\n",
    )
    write(
        root / "issues" / "第11期.md",
        "---\ntitle: 第11期\n---\n# 第11期\n\n## 一、背景\n\n正文。\n\n## 二、政策\n\n政策正文。\n",
    )
    write(root / "issues" / "第12期.md", "# 第12期\n\n[回目录](../index.md)\n")
    write(root / "issues" / "README.md", "# 说明\n")
    write(tmp_path / "outside.md", "# 不在库里\n")
    library = open_library(root)
    library.sync(facts=False)
    return library


def test_resolving_against_the_library(linked: Library) -> None:
    links = {link.text: link.url for link in linked.outline("index.md").links}

    policy = linked.resolve_link("index.md", links["第11期"])
    assert (policy.kind, policy.path) == ("article", "issues/第11期.md")
    target = linked.article("issues/第11期.md")
    assert target is not None and policy.offset is not None
    assert target.text[policy.offset :].startswith("二、政策")

    no_suffix = linked.resolve_link("index.md", links["第12期"])
    assert (no_suffix.kind, no_suffix.path, no_suffix.offset) == (
        "article",
        "issues/第12期.md",
        None,
    )

    back = linked.resolve_link("issues/第12期.md", "../index.md")
    assert (back.kind, back.path) == ("article", "index.md")

    other_case = linked.resolve_link("index.md", links["大写"])
    assert other_case.path == "issues/第12期.md"

    folder = linked.resolve_link("index.md", links["文件夹"])
    assert folder.path == "issues/README.md"

    missing = linked.resolve_link("index.md", links["缺"])
    assert missing.kind == "missing" and missing.problem and "issues/没有.md" in missing.problem

    external = linked.resolve_link("index.md", links["外"])
    assert (external.kind, external.url) == ("external", "https://example.com")

    outside = linked.resolve_link("index.md", links["出"])
    assert outside.kind == "missing" and outside.problem and "outside" in outside.problem

    no_anchor = linked.resolve_link("index.md", links["无锚"])
    assert (no_anchor.kind, no_anchor.path, no_anchor.offset) == (
        "article",
        "issues/第11期.md",
        None,
    )
    assert no_anchor.problem and "没有" in no_anchor.problem


def test_an_anchor_in_the_same_article(linked: Library) -> None:
    here = linked.resolve_link("issues/第11期.md", "#一背景")
    article = linked.article("issues/第11期.md")
    assert article is not None and here.offset is not None
    assert here.path == "issues/第11期.md"
    assert article.text[here.offset :].startswith("一、背景")

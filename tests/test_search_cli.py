"""`kbreader search`: JSON and table output, on the bundled library and on a folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.cli import main
from reader.text.normalize import fold_query

SEED_NAME = "000_5e142f96c0527c7e.txt"


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> list[dict[str, object]]:
    assert main(["search", *argv, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert isinstance(data, dict) and set(data) == {"query", "total", "offset", "results"}
    results = data["results"]
    assert isinstance(results, list) and data["total"] >= len(results)
    return results


@pytest.mark.parametrize(
    "query", ["图日林", "升哲", "iasp", "ＩＡＳＰ", "荷", "2025", '"一带一路" 北京']
)
def test_done_queries_find_the_seed(
    capsys: pytest.CaptureFixture[str], seed_text: str, query: str
) -> None:
    results = run_json(capsys, query)
    assert [r["path"] for r in results] == [SEED_NAME]
    (result,) = results
    assert set(result) == {"path", "title", "date", "score", "match", "snippet", "hits"}
    terms = {fold_query(term.strip('"')) for term in query.split(" ")}
    hits = result["hits"]
    assert isinstance(hits, list) and hits
    for start, end in hits:
        assert fold_query(seed_text[start:end]) in terms


def test_table_output_marks_nothing_raw(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "a.md").write_text("# 标题[red]x[/red]\n\n北京\x1b[2J科技\n", encoding="utf-8")
    assert main(["search", "北京", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "\x1b[2J" not in out
    assert "[red]x[/red]" in out  # shown as text, not taken as markup
    assert "a.md" in out


def test_no_match_and_limit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for name in ("a.md", "b.md", "c.md"):
        (tmp_path / name).write_text(f"# {name}\n\n共同的词\n", encoding="utf-8")
    assert len(run_json(capsys, "共同", str(tmp_path), "--limit", "2")) == 2
    assert len(run_json(capsys, "共同", str(tmp_path), "--limit", "0")) == 3
    assert run_json(capsys, "没有这个", str(tmp_path)) == []
    assert main(["search", "没有这个", str(tmp_path)]) == 0
    assert "no articles match" in capsys.readouterr().out


def test_bad_arguments(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_info:
        main(["search", "x", "--limit", "-1"])
    assert exit_info.value.code == 2
    assert main(["search", "x", str(tmp_path / "missing")]) == 2
    assert "no such folder" in capsys.readouterr().err


def test_counts_say_how_many_and_how_to_see_more(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    for n in range(25):
        (tmp_path / f"{n:02d}.md").write_text(f"# 第{n}篇\n\n共同的词\n", encoding="utf-8")
    assert main(["search", "共同", str(tmp_path)]) == 0
    assert "20 of 25 matches (1–20; --offset 20 for more)" in capsys.readouterr().out
    assert main(["search", "共同", str(tmp_path), "--offset", "20"]) == 0
    assert "5 of 25 matches (21–25)" in capsys.readouterr().out
    assert main(["search", "共同", str(tmp_path), "--json", "--limit", "3"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 25 and len(data["results"]) == 3 and data["offset"] == 0


def test_a_tag_lists_its_articles_as_the_search_bar_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text(
        "---\ntags: [旅行, News]\ndate: 2024-01-02\n---\n# 第一篇\n\n北京。\n", encoding="utf-8"
    )
    (tmp_path / "b.md").write_text("---\ntags: news\n---\n# 第二篇\n\n#news 上海。\n", "utf-8")
    (tmp_path / "c.md").write_text("# 三\n\n无标签 news。\n", encoding="utf-8")
    # Case-blind, either width of #; newest first; paged like results.
    assert main(["search", "#NEWS", str(tmp_path), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["total"] == 2
    assert [(r["path"], r["tags"]) for r in data["results"]] == [
        ("a.md", ["旅行", "News"]),
        ("b.md", ["news"]),
    ]
    assert main(["search", "＃旅行", str(tmp_path), "--json", "--offset", "0"]) == 0
    assert [r["path"] for r in json.loads(capsys.readouterr().out)["results"]] == ["a.md"]
    assert main(["search", "#news", str(tmp_path), "--limit", "1"]) == 0
    out = capsys.readouterr().out
    assert "1 of 2 tagged" in out and "--offset 1 for more" in out and "第一篇" in out
    assert main(["search", "#没有", str(tmp_path)]) == 0
    assert "no articles tagged #没有" in capsys.readouterr().out
    # Two words are a search, not a tag filter.
    assert main(["search", "#news 上海", str(tmp_path), "--json"]) == 0
    assert [r["path"] for r in json.loads(capsys.readouterr().out)["results"]] == ["b.md"]


def test_pinyin_before_facts_says_names_are_not_matched_yet(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.md").write_text("# 一篇\n\n王济武在北京。\n", encoding="utf-8")
    assert main(["search", "beijing", str(tmp_path)]) == 0
    captured = capsys.readouterr()
    assert "no articles match beijing" in captured.out
    assert "names are matched once facts are extracted (1 article lacks them" in captured.err
    assert main(["index", str(tmp_path)]) == 0
    capsys.readouterr()
    assert main(["search", "beijing", str(tmp_path), "--json"]) == 0
    captured = capsys.readouterr()
    assert [r["path"] for r in json.loads(captured.out)["results"]] == ["a.md"]
    assert captured.err == ""
    assert main(["search", "北京", str(tmp_path)]) == 0  # not pinyin: no word about names
    assert capsys.readouterr().err == ""

"""Search: completeness, query language, ranking, snippets, index maintenance."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.store import open_library
from reader.store.search_index import make_snippet, parse_date, parse_query
from reader.text.normalize import fold, fold_query
from tests.search_fixtures import Store, make_store

SEED_QUERIES = [
    "图日林",
    "升哲",
    "iasp",
    "ＩＡＳＰ",
    "IASP",
    "Iasp",
    "荷",
    "2025",
    "ias",
    "025",
    "日林",
]


@pytest.fixture
def seed_store(seed_text: str) -> Store:
    others = [
        ("other/a.md", "国家队集训", "2024-01-01", "他入选了国家队，表现出色。"),
        ("other/b.md", "家庭", "2024-01-02", "许多中国家庭都在讨论。"),
        ("other/c.md", "分开", "2022-05-05", "北京是首都。\n\n科技发展很快。"),
        ("other/d.md", "北京科技周", "2021-03-03", "北京科技周开幕了。"),
    ]
    return make_store(
        [("seed.txt", "在“一带一路”播撒科创“种子”", "2023-10-19", seed_text), *others]
    )


def paths(results: list) -> list[str]:  # type: ignore[type-arg]
    return [r.path for r in results]


@pytest.mark.parametrize("query", SEED_QUERIES)
def test_seed_terms_find_the_seed_with_exact_hits(
    seed_store: Store, seed_text: str, query: str
) -> None:
    results = seed_store.search(query, limit=None)
    assert "seed.txt" in paths(results)
    seed = next(r for r in results if r.path == "seed.txt")
    assert seed.hits, query
    assert seed.hits == sorted(seed.hits)
    for start, end in seed.hits:
        assert fold_query(seed_text[start:end]) == fold_query(query)
    # Every occurrence is a hit.
    assert len(seed.hits) == fold(seed_text).text.count(fold_query(query))


def test_phrase_and_term(seed_store: Store, seed_text: str) -> None:
    results = seed_store.search('"一带一路" 北京')
    assert paths(results) == ["seed.txt"]
    texts = {seed_text[s:e] for s, e in results[0].hits}
    assert texts == {"一带一路", "北京"}


def test_terms_must_all_match_and_minus_excludes(seed_store: Store) -> None:
    assert paths(seed_store.search("北京 首都")) == ["other/c.md"]
    assert "other/c.md" not in paths(seed_store.search("北京 -首都"))
    assert seed_store.search("北京 不存在的词") == []
    assert seed_store.search("-北京") == []  # only exclusions: nothing to look for


@pytest.mark.parametrize("query", ["", "   ", "\u3000", '"', '""', '-"', "\n\t"])
def test_empty_queries_give_nothing(seed_store: Store, query: str) -> None:
    assert seed_store.search(query) == []


def test_a_lone_minus_is_a_literal_term(seed_store: Store) -> None:
    assert "seed.txt" in paths(seed_store.search("-"))  # the seed has dates like 2023-10-19


def test_unbalanced_quote_runs_to_the_end(seed_store: Store) -> None:
    assert paths(seed_store.search('"北京是首都')) == ["other/c.md"]
    query = parse_query('a "b c')
    assert [t.text for t in query.include] == ["a", "b c"]


def test_phrase_spaces_match_any_whitespace() -> None:
    conn = make_store([("x.md", "t", None, "hello\n  world and more")])
    assert paths(conn.search('"hello world"')) == ["x.md"]
    assert conn.search('"hello world"')[0].hits == [(0, 13)]


def test_operators_and_sql_are_plain_text() -> None:
    conn = make_store([("x.md", "t", None, "NEAR(a b) AND x OR y NOT z ^start col:val a* 'quote'")])
    for query in ["NEAR(a b)", "AND", "OR", "NOT z", "^start", "col:val", "a*", "'quote'"]:
        assert paths(conn.search(query)) == ["x.md"], query
    assert conn.search("'; DROP TABLE articles; --") == []
    assert conn.count() == 1


def test_punctuation_only_query_is_verified_by_scanning(seed_store: Store) -> None:
    assert "seed.txt" in paths(seed_store.search("“一带一路”"))
    assert "seed.txt" in paths(seed_store.search("——"))
    assert "seed.txt" in paths(seed_store.search("◎"))


def test_phrase_across_punctuation_is_not_a_match() -> None:
    # The index skips punctuation, so FTS5 proposes "a-b" for "ab"; verification rejects it.
    conn = make_store([("x.md", "t", None, "a-b 北，京")])
    assert conn.search("ab") == []
    assert conn.search("北京") == []
    assert paths(conn.search("北，京")) == ["x.md"]


def test_normalisation_maps_hits_to_the_original_text() -> None:
    text = "ﬁne ＩＡＳＰ ㍱ Straße"
    conn = make_store([("x.md", "t", None, text)])
    for query, original in [
        ("fi", "ﬁ"),
        ("FINE", "ﬁne"),
        ("iasp", "ＩＡＳＰ"),
        ("hpa", "㍱"),
        ("strasse", "Straße"),
        ("ss", "ß"),
    ]:
        (result,) = conn.search(query)
        assert [text[s:e] for s, e in result.hits] == [original], query


def test_jieba_words_apart_rank_below_contiguous(seed_store: Store) -> None:
    results = seed_store.search("北京科技", limit=None)
    found = paths(results)
    assert "other/c.md" in found  # 北京 ... 科技 apart
    contiguous = [r for r in results if r.contiguous]
    apart = [r for r in results if not r.contiguous]
    assert {r.path for r in contiguous} >= {"seed.txt", "other/d.md"}
    assert min(r.score for r in contiguous) > max(r.score for r in apart)
    assert found.index("other/c.md") > found.index("other/d.md")
    # Without jieba the apart match is not proposed, but contiguous matches still are.
    plain = paths(seed_store.search("北京科技", limit=None, use_jieba=False))
    assert "other/c.md" not in plain and "other/d.md" in plain


def test_quoted_phrase_never_falls_back_to_words(seed_store: Store) -> None:
    assert "other/c.md" not in paths(seed_store.search('"北京科技"', limit=None))


def test_whole_word_hit_ranks_above_one_across_words() -> None:
    body_a = "他们谈到了国家队的训练安排。"
    body_b = "他们谈到了中国家庭的训练安排。"
    conn = make_store([("b.md", "x", "2024-01-01", body_b), ("a.md", "x", "2023-01-01", body_a)])
    assert paths(conn.search("国家")) == ["a.md", "b.md"]


def test_title_match_ranks_first_and_newest_wins_ties() -> None:
    body = "这是关于海洋保护的一篇报道。"
    conn = make_store(
        [
            ("old.md", "其他", "2020-01-01", body),
            ("new.md", "其他", "2024-01-01", body),
            ("undated.md", "其他", None, body),
            ("title.md", "海洋保护", "2019-01-01", body),
        ]
    )
    assert paths(conn.search("海洋")) == ["title.md", "new.md", "old.md", "undated.md"]


def test_limit(seed_store: Store) -> None:
    assert len(seed_store.search("北京", limit=1)) == 1
    assert seed_store.search("北京", limit=0) == []
    assert paths(seed_store.search("北京", limit=None)) == ["other/d.md", "seed.txt", "other/c.md"]


def test_snippet_is_short_visible_and_marks_hits() -> None:
    text = "前" * 100 + "\x1b[2J危险\n图日林" + "后" * 100
    conn = make_store([("x.md", "t", None, text)])
    (result,) = conn.search("图日林")
    assert cell_len(result.snippet) <= 80
    assert "\x1b" not in result.snippet and "\n" not in result.snippet
    assert [result.snippet[s:e] for s, e in result.snippet_hits] == ["图日林"]
    assert result.snippet.startswith("…") and result.snippet.endswith("…")


def test_snippet_edges() -> None:
    assert make_snippet("", []) == ("", [])
    snippet, marks = make_snippet("short text", [(0, 5)])
    assert (snippet, marks) == ("short text", [(0, 5)])
    long_hit = "字" * 300
    snippet, marks = make_snippet(long_hit, [(0, 300)])
    assert cell_len(snippet) <= 80 and marks == [(0, len(snippet) - 1)]


def test_result_to_dict_is_json(seed_store: Store) -> None:
    (result,) = seed_store.search("图日林")
    data = result.to_dict()
    assert set(data) == {"path", "title", "date", "score", "match", "snippet", "hits"}
    assert data["date"] == "2023-10-19"
    json.dumps(data)


def test_parse_date() -> None:
    assert parse_date("2023-10-19") == dt.date(2023, 10, 19)
    assert parse_date("2023-10-19T22:02:00") == dt.datetime(2023, 10, 19, 22, 2)
    assert isinstance(parse_date("2023-10-19T22:02:00Z"), dt.datetime)
    assert parse_date(None) is None and parse_date("garbage") is None


def test_reindex_replaces_and_remove_leaves_no_trace() -> None:
    conn = make_store([("x.md", "旧标题", None, "旧的内容 alpha")])
    conn.put([(1, "x.md", "新标题", None, "新的内容 beta")])
    assert conn.search("alpha") == [] and conn.search("旧") == []
    assert paths(conn.search("beta")) == ["x.md"]
    conn.put([(2, "y.md", "别的", None, "别的内容 gamma")], removed=[1])
    assert conn.search("beta") == [] and conn.search("新") == []
    assert paths(conn.search("内容")) == ["y.md"]
    # No trace: the index holds the one article (and its meta document), nothing removed.
    searcher = conn.index._searcher()
    assert searcher.num_docs == 2
    assert searcher.doc_freq("body", "b") == 0 and searcher.doc_freq("body", "g") == 1


def test_library_sync_keeps_the_index_current(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "one.md").write_text("# 第一篇\n\n图日林教授来访。\n", encoding="utf-8")
    (root / "two.md").write_text("# 第二篇\n\n升哲公司成立。\n", encoding="utf-8")
    library = open_library(root)
    try:
        library.sync(facts=False)
        assert paths(library.search("图日林")) == ["one.md"]
        (root / "one.md").write_text("# 第一篇\n\n内容改了，ＩＡＳＰ大会。\n", encoding="utf-8")
        (root / "two.md").unlink()
        library.sync(facts=False)
        assert library.search("图日林") == []
        assert library.search("升哲") == []
        assert paths(library.search("iasp")) == ["one.md"]
    finally:
        library.close()

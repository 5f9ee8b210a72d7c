"""Search v2: traditional/simplified, pinyin, links, snippets, totals, bounds, rebuilds."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from rich.cells import cell_len

from reader.store import open_library, pinyin_names
from reader.store.search_query import MAX_QUERY_CHARS, QueryTooLong, parse_query
from reader.store.snippets import LINK_LABEL, make_snippet
from reader.text import pinyin
from reader.text.variants import variants_of
from tests.search_fixtures import make_store


def paths(results: list) -> list[str]:  # type: ignore[type-arg]
    return [r.path for r in results]


# --- traditional / simplified -----------------------------------------------------------------


@pytest.fixture
def chinese() -> object:
    return make_store(
        [
            ("trad.md", "臺灣報導", "2024-01-02", "臺灣的表現很好。後來他頭髮白了，關係很大。"),
            ("simp.md", "台湾报道", "2024-01-01", "台湾的表现很好。后来他头发白了，关系很大。"),
            ("other.md", "其他", "2023-01-01", "这里什么都没有。"),
        ]
    )


@pytest.mark.parametrize(
    "query", ["台湾", "臺灣", "表现", "表現", "后来", "後來", "头发", "頭髮", "关系", "關係"]
)
def test_traditional_and_simplified_find_each_other(chinese: object, query: str) -> None:
    results = chinese.search(query)  # type: ignore[attr-defined]
    assert sorted(paths(results)) == ["simp.md", "trad.md"]
    for result in results:
        text = {"trad.md": "臺灣的表現很好。後來他頭髮白了，關係很大。"}.get(result.path)
        if text is not None:
            # Hits point at the original characters, whichever form the query used.
            assert all(len(text[s - 6 : e - 6]) == len(query) for s, e in result.hits)


def test_hits_map_to_the_original_characters() -> None:
    text = "前言\n臺灣的表現"
    store = make_store([("t.md", "t", None, text)])
    (result,) = store.search("台湾 表现")
    assert [text[s:e] for s, e in result.hits] == ["臺灣", "表現"]


def test_one_to_many_characters_both_ways() -> None:
    assert set(variants_of("后")) >= {"后", "後"}
    assert set(variants_of("发")) >= {"发", "發", "髮"}
    assert set(variants_of("系")) >= {"系", "係", "繫"}
    store = make_store(
        [("a.md", "a", None, "頭髮"), ("b.md", "b", None, "發展"), ("c.md", "c", None, "聯繫")]
    )
    assert paths(store.search("发")) == ["a.md", "b.md"] or sorted(paths(store.search("发"))) == [
        "a.md",
        "b.md",
    ]
    assert paths(store.search("髮")) and sorted(paths(store.search("髮"))) == ["a.md", "b.md"]
    assert paths(store.search("联系")) == ["c.md"]


def test_the_switch_turns_folding_off() -> None:
    store = make_store(
        [("trad.md", "t", None, "臺灣"), ("simp.md", "s", None, "台湾")], variants=False
    )
    assert paths(store.search("台湾")) == ["simp.md"]
    assert paths(store.search("臺灣")) == ["trad.md"]


def test_library_rebuilds_when_the_switch_changes(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "t.md").write_text("# 標題\n\n臺灣\n", encoding="utf-8")
    library = open_library(root, variants=True)
    library.sync(facts=False)
    assert paths(library.search("台湾")) == ["t.md"]
    library.close()
    library = open_library(root, variants=False)
    assert any("traditional/simplified" in notice for notice in library.notices)
    assert library.search("台湾") == []
    assert paths(library.search("臺灣")) == ["t.md"]
    library.close()


# --- pinyin -----------------------------------------------------------------------------------


@pytest.fixture
def titled() -> object:
    return make_store(
        [
            ("ydyl.md", "一带一路十年", "2023-10-01", "十年来，合作不断深入。"),
            ("bank.md", "重庆银行年报", "2023-05-01", "年报发布。"),
            ("ai.md", "人工智能", "2023-01-01", "yidaiyilu is written here in letters."),
        ]
    )


@pytest.mark.parametrize("query", ["yidaiyilu", "ydyl", "yidaiyil", "YiDaiYiLu"])
def test_pinyin_finds_titles(titled: object, query: str) -> None:
    results = titled.search(query, limit=None)  # type: ignore[attr-defined]
    assert "ydyl.md" in paths(results)
    hit = next(r for r in results if r.path == "ydyl.md")
    assert hit.match == "pinyin"


def test_pinyin_ranks_below_literal_matches(titled: object) -> None:
    results = titled.search("yidaiyilu", limit=None)  # type: ignore[attr-defined]
    assert paths(results) == ["ai.md", "ydyl.md"]  # the literal match first
    assert results.total == 2
    assert results[0].match == "text" and results[0].score > results[1].score


def test_pinyin_reads_words_in_context(titled: object) -> None:
    assert paths(titled.search("chongqingyinhang")) == ["bank.md"]  # type: ignore[attr-defined]
    assert paths(titled.search("cqyh")) == ["bank.md"]  # type: ignore[attr-defined]
    assert titled.search("xyz") == []  # type: ignore[attr-defined]


def test_pinyin_matches_syllables_not_letters(titled: object) -> None:
    # "aiyi" is letters of "d-ai yi" but no reading of whole syllables.
    assert paths(titled.search("aiyi")) == ["ai.md"]  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("text", "spelled"),
    [
        ("重庆银行", "chong qing yin hang"),  # readings of a phrase
        ("举行会议", "ju xing hui yi"),  # 举行 keeps 行会 (hang hui) from taking 行
        ("长城", "chang cheng"),
    ],
)
def test_pinyin_spells_words_in_context_without_the_whole_dictionary(
    text: str, spelled: str
) -> None:
    assert pinyin.syllables(text) == spelled


def test_pinyin_spelled_by_another_version_is_spelled_again(
    titled: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert paths(titled.search("cqyh")) == ["bank.md"]  # type: ignore[attr-defined]
    conn = titled.conn  # type: ignore[attr-defined]
    conn.execute("UPDATE title_pinyin SET spelled = ' x', initials = ' x'")
    conn.commit()
    monkeypatch.setattr(pinyin, "SPELLING", "another spelling")
    monkeypatch.setattr(pinyin_names, "_up_to_date", {})
    assert paths(titled.search("cqyh")) == ["bank.md"]  # type: ignore[attr-defined]


def test_pinyin_of_entity_names(tmp_path: Path) -> None:
    root = tmp_path / "lib"
    root.mkdir()
    (root / "a.md").write_text(
        "# 新闻\n\n习近平在北京会见了来访的客人。北京是首都。\n", encoding="utf-8"
    )
    library = open_library(root)
    try:
        library.sync(facts=True)
        names = {e.name for e in library.entities()}
        assert "北京" in names
        results = library.search("beijing")
        assert paths(results) == ["a.md"] and results[0].match == "pinyin"
        text = library.article("a.md").text  # type: ignore[union-attr]
        assert {text[s:e] for s, e in results[0].hits} == {"北京"}
    finally:
        library.close()


# --- links and snippets -----------------------------------------------------------------------

LINKED = (
    "# 视频\n\n**http://news.example.com/v?id=AI2025**\n\n今天的新闻。\n\n"
    "[查看原文](https://example.com/video/AI_abc)\n"
)
PROSE = (
    "# 人工智能\n\n**AI** 正在改变 **世界**。\n\n> 引用：AI 很重要\n\n[相关链接](https://x.cn/a)\n"
)


def test_a_hit_only_inside_a_link_ranks_below_prose_and_says_so() -> None:
    store = make_store(
        [("linked.md", "视频", "2025-01-01", LINKED), ("prose.md", "t", None, PROSE)]
    )
    results = store.search("ai")
    assert paths(results) == ["prose.md", "linked.md"]
    assert results.total == 2
    prose, linked = results
    assert prose.match == "text" and not prose.in_link
    assert linked.in_link and linked.snippet.startswith(LINK_LABEL)
    for result, text in ((prose, PROSE), (linked, LINKED)):
        assert all(text[s:e].lower() == "ai" for s, e in result.hits)
        assert [result.snippet[s:e].lower() for s, e in result.snippet_hits] == ["ai"] * len(
            result.snippet_hits
        )


def test_link_text_is_prose_and_terms_across_a_link_are_found() -> None:
    store = make_store([("linked.md", "视频", None, LINKED)])
    assert store.search("查看原文")[0].match == "text"
    assert paths(store.search("id=ai2025")) == ["linked.md"]
    assert paths(store.search("(https://example")) == ["linked.md"]  # prose into a link
    assert paths(store.search("abc)")) == ["linked.md"]  # a link into prose


def test_snippets_show_the_text_as_the_reader_does() -> None:
    store = make_store([("prose.md", "t", None, PROSE)])
    (result,) = store.search("世界")
    assert "**" not in result.snippet and "#" not in result.snippet
    assert [result.snippet[s:e] for s, e in result.snippet_hits] == ["世界"]
    (quoted,) = store.search("引用")
    assert ">" not in quoted.snippet
    (linked,) = store.search("相关链接")
    assert "相关链接" in linked.snippet and "https" not in linked.snippet
    assert "](" not in linked.snippet


def test_snippet_hits_are_exact_after_dropped_marks() -> None:
    text = "前文 **重点**内容 [链接文字](http://a.b/c) 之后 *斜体* 结束"
    start = text.index("内容")
    snippet, marks = make_snippet(text, [(start, start + 2)])
    assert [snippet[s:e] for s, e in marks] == ["内容"]
    assert "**" not in snippet and "http" not in snippet and "链接文字" in snippet
    assert cell_len(snippet) <= 80


# --- totals -----------------------------------------------------------------------------------


def test_totals_are_never_capped_and_pages_follow_each_other() -> None:
    articles = [
        (f"{n:03d}.md", "t", f"2024-01-{1 + n % 28:02d}", f"共同的词 {n}") for n in range(45)
    ]
    store = make_store(articles)
    first = store.search("共同", limit=20)
    assert len(first) == 20 and first.total == 45 and first.more
    second = store.search("共同", limit=20, offset=20)
    third = store.search("共同", limit=20, offset=40)
    assert len(second) == 20 and len(third) == 5 and not third.more
    everything = paths(first) + paths(second) + paths(third)
    assert sorted(everything) == sorted(a[0] for a in articles)


# --- bounds -----------------------------------------------------------------------------------


def test_a_100_kb_query_honours_every_term() -> None:
    body = "甲乙丙丁戊己庚辛" * 20
    store = make_store([("a.md", "t", None, body)])
    terms = ["甲乙", "丙丁", "戊己"] * 10_000  # 100 kB with the spaces
    query = " ".join(terms)
    assert len(query) >= 89_000
    assert paths(store.search(query)) == ["a.md"]
    assert store.search(query + " 不在这里") == []  # the extra, absent term is honoured
    long_term = body[:150]
    assert paths(store.search(long_term)) == ["a.md"]
    assert store.search(long_term + "子") == []


def test_pasted_text_of_many_terms_is_checked_term_by_term() -> None:
    body = "".join(f"第{n}段内容，编号{n * 7}。" for n in range(60))
    store = make_store([("a.md", "t", None, body), ("b.md", "t", None, body[:200])])
    words = [f"第{n}段内容" for n in range(60)]  # 60 terms: past what the index is asked
    assert paths(store.search(" ".join(words))) == ["a.md"]
    assert store.search(" ".join(words) + " 不在") == []
    assert store.search(" ".join(words) + " -编号7。") == []
    linked = make_store([("l.md", "t", None, body + " http://x.cn/zzq")])
    (result,) = linked.search(" ".join(words) + " zzq")
    assert result.match == "link"  # one term only inside an address


def test_queries_past_the_bounds_are_refused_clearly() -> None:
    with pytest.raises(QueryTooLong, match="too long"):
        parse_query("字" * (MAX_QUERY_CHARS + 1))
    with pytest.raises(QueryTooLong, match="too many terms"):
        parse_query(" ".join(str(n) for n in range(5000)))


# --- the index is derived data ------------------------------------------------------------------


def _library(tmp_path: Path) -> Path:
    root = tmp_path / "lib"
    root.mkdir()
    for n in range(5):
        (root / f"{n}.md").write_text(f"# 第{n}篇\n\n内容{n}号，图日林来访。\n", encoding="utf-8")
    return root


def _search_folder(root: Path) -> Path:
    library = open_library(root)
    folder = library.search_index.folder
    library.close()
    assert folder is not None
    return folder


@pytest.mark.parametrize("damage", ["dropped", "emptied", "garbage", "old version"])
def test_a_damaged_index_is_rebuilt_with_right_answers(tmp_path: Path, damage: str) -> None:
    root = _library(tmp_path)
    library = open_library(root)
    library.sync(facts=False)
    assert len(library.search("图日林")) == 5
    library.close()
    folder = _search_folder(root)
    live = folder / (folder / "CURRENT").read_text(encoding="utf-8").strip()
    if damage == "dropped":
        shutil.rmtree(folder)
    elif damage == "emptied":
        for item in live.iterdir():
            item.unlink()
    elif damage == "garbage":
        # (Replaced, not rewritten in place: this process may still map the old files.)
        for item in live.iterdir():
            spare = item.with_name(item.name + ".new")
            spare.write_bytes(b"\x00garbage")
            os.replace(spare, item)
    else:
        (folder / "CURRENT").write_text("v1-old\n", encoding="utf-8")
    library = open_library(root)
    try:
        assert any("search index was" in notice for notice in library.notices), library.notices
        results = library.search("图日林")
        assert results.total == 5 and sorted(paths(results)) == [f"{n}.md" for n in range(5)]
        assert paths(library.search("内容3号")) == ["3.md"]
    finally:
        library.close()


def test_a_sync_killed_between_the_two_commits_is_repaired(tmp_path: Path) -> None:
    root = _library(tmp_path)
    library = open_library(root)
    library.sync(facts=False)
    library.close()
    (root / "new.md").write_text("# 新的\n\n升哲公司成立。\n", encoding="utf-8")
    (root / "0.md").write_text("# 改了\n\n荷兰来的消息。\n", encoding="utf-8")
    # A child syncs and dies right after the store's commit, before the index's.
    child = textwrap.dedent(
        f"""
        import os
        from reader.store import open_library, tantivy_index
        def die(self, *, force=False):
            if self._stamp is not None:
                os._exit(9)
        tantivy_index.IndexUpdater.flush = die
        open_library({str(root)!r}).sync(facts=False)
        """
    )
    done = subprocess.run([sys.executable, "-c", child], env=os.environ.copy(), check=False)
    assert done.returncode == 9
    library = open_library(root)
    try:
        assert any("out of step" in notice for notice in library.notices), library.notices
        assert paths(library.search("升哲")) == ["new.md"]
        assert paths(library.search("荷兰")) == ["0.md"]
        assert sorted(paths(library.search("图日林"))) == [f"{n}.md" for n in range(1, 5)]
        assert library.search("内容0号") == []
        report = library.sync(facts=False)
        assert report.unchanged == 6 and not report.changed
    finally:
        library.close()


def test_a_reader_during_a_sync_is_not_blocked_and_never_rebuilds(tmp_path: Path) -> None:
    root = _library(tmp_path)
    writer = open_library(root)
    writer.sync(facts=False)
    reader = open_library(root)
    index = writer.search_index
    with index.updater(writer.connection()):
        # The store moves on, the index has not committed yet: the reader answers from its
        # snapshot at once (no wait, no rebuild).
        writer.connection().execute("BEGIN IMMEDIATE")
        writer.connection().execute(
            "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'search_generation'"
        )
        writer.connection().execute("COMMIT")
        assert len(reader.search("图日林")) == 5
        assert not reader.notices
    reader.close()
    writer.close()


def test_an_index_that_breaks_while_answering_is_rebuilt(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _library(tmp_path)
    library = open_library(root)
    try:
        library.sync(facts=False)
        index = library.search_index
        real = type(index)._search
        calls: list[int] = []

        def broken_once(self: object, *args: object, **kwargs: object) -> object:
            calls.append(1)
            if len(calls) == 1:
                raise ValueError("Failed to open file for read: 'meta.json'")
            return real(self, *args, **kwargs)  # type: ignore[arg-type]

        monkeypatch.setattr(type(index), "_search", broken_once)
        shutil.rmtree(index.folder)  # type: ignore[arg-type]
        results = library.search("图日林")
        assert results.total == 5 and len(calls) == 2
        assert any("search index was missing" in notice for notice in library.notices)
    finally:
        library.close()

"""The shortcuts search takes for speed give exactly the answers of the plain way.

- Pair tokens of common characters (reader.store.common_pairs): a term made of them is looked
  up as a phrase of pairs; a term with some of them is narrowed by those pairs first.
- Hits found in the original text when it folds one for one (normalize.original_pattern).
- Article text kept as GB18030 (reader.store.article_text).

Each is checked against brute force over texts made to hit it hard.
"""

from __future__ import annotations

import itertools
import random

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.store import article_text, common_pairs
from reader.store.search_query import occurrences, parse_query
from reader.text.normalize import fold, fold_query, original_pattern
from tests.search_fixtures import Store, make_store

# A few common characters (long runs of them), a few rare ones, full-width and traditional
# forms, whitespace of two kinds: a small alphabet, so that near misses abound.
COMMON = "0123年月,"
assert set(COMMON) <= set(common_pairs.COMMON)
ALPHABET = COMMON * 4 + "龘後发" + "２，" + " \u3000"
ADDRESSES = ["http://a.cn/2020/1", "https://x.org/20-02", "http://n.cn/0年"]


def crowded_text(rng: random.Random, length: int) -> str:
    pieces: list[str] = []
    while sum(map(len, pieces)) < length:
        if rng.random() < 0.05:
            pieces.append(f" {rng.choice(ADDRESSES)} ")
        else:
            pieces.append(rng.choice(ALPHABET))
    return "".join(pieces)


@pytest.fixture(scope="module")
def crowded() -> tuple[Store, list[tuple[str, str, str]]]:
    rng = random.Random(11)
    articles = []
    for number in range(60):
        text = crowded_text(rng, rng.randint(20, 300))
        # Some titles the text lacks (they go in front of the body, behind a break).
        title = text[:8] if number % 3 else crowded_text(rng, 6)
        articles.append((f"a/{number:02d}.md", title, text))
    store = make_store([(path, title, None, text) for path, title, text in articles])
    return store, articles


def test_pairs_find_exactly_what_the_text_holds(
    crowded: tuple[Store, list[tuple[str, str, str]]],
) -> None:
    store, articles = crowded
    folded = [
        (path, fold(title, variants=True).text, fold(text, variants=True).text)
        for path, title, text in articles
    ]
    rng = random.Random(5)
    checked = 0
    for _ in range(800):
        if rng.random() < 0.7:
            _path, _title, text = rng.choice(folded)
            length = rng.randint(1, 9)
            start = rng.randrange(max(1, len(text) - length))
            needle = text[start : start + length]
        else:  # strings that may well not occur, made of the same characters
            needle = fold_query(crowded_text(rng, rng.randint(2, 7)), variants=True)
            needle = needle.replace(" ", "")
        needle = " ".join(needle.split())
        if not needle or '"' in needle or needle.startswith("-"):
            continue
        query = f'"{needle}"'
        parsed = parse_query(query)
        expected = {
            path for path, title, text in folded if parsed.matches(text) or parsed.matches(title)
        }
        results = store.search(query, limit=None, use_jieba=False)
        found = {result.path for result in results if result.match in ("text", "link")}
        assert found == expected, needle
        assert results.total == len(expected) == len(results), needle  # counted as listed
        texts = {path: text for path, _title, text in articles}
        for result in results:
            for start, end in result.hits:  # each hit is the needle, in the original
                hit = texts[result.path][start:end]
                assert " ".join(fold_query(hit, variants=True).split()) == needle
        checked += 1
    assert checked > 750


def test_pair_phrases_cover_every_character() -> None:
    for length in range(2, 12):
        tokens = list("0123456789年"[:length])
        phrase = common_pairs.pair_phrase(tokens)
        assert phrase is not None
        field, pairs = phrase
        assert field == common_pairs.PAIRS_FIELD
        offsets = [offset for offset, _pair in pairs]
        assert offsets[0] == 0 and offsets[-1] == length - 2
        assert all(b - a <= 2 for a, b in itertools.pairwise(offsets))
        assert all(pair == "".join(tokens[o : o + 2]) for o, pair in pairs)
    assert common_pairs.pair_phrase(["2"]) is None
    assert common_pairs.pair_phrase(["2", "龘"]) is None
    assert common_pairs.pair_runs(["7", "月", "1", "9", "龘", "2", "0"]) == [
        (common_pairs.PAIRS_FIELD, [(0, "7月"), (2, "19")]),
        (common_pairs.PAIRS_FIELD, [(0, "20")]),
    ]


_TEXT_CHARS = st.sampled_from(
    list("的一2年0a B，,ＡＢ后後發发髮臺台 \u3000\n\tﬁ㍱é…\ufdd0\ufdd5e\u0301ßΣ😀")
)


@settings(max_examples=400, deadline=None)
@given(st.lists(_TEXT_CHARS, max_size=40).map("".join), st.data())
def test_hits_found_in_the_original_are_the_folded_ones(text: str, data: st.DataObject) -> None:
    folded = fold(text, variants=True)
    if not folded.by_table:
        return
    assert len(folded.text) == len(text)
    for _ in range(5):
        if folded.text and data.draw(st.booleans()):
            start = data.draw(st.integers(0, len(folded.text) - 1))
            needle = folded.text[start : start + data.draw(st.integers(1, 4))]
        else:
            needle = fold_query(
                data.draw(st.lists(_TEXT_CHARS, max_size=4).map("".join)), variants=True
            )
        needle = " ".join(needle.split())
        if not needle:
            continue
        term = parse_query(f'"{needle}"').include[0]
        pattern = original_pattern(term.text, variants=True)
        assert [m.span() for m in pattern.finditer(text) if m.end() > m.start()] == occurrences(
            term, folded.text
        )
        plain = original_pattern(needle, variants=True, runs=False)
        assert [m.span() for m in plain.finditer(text)] == occurrences(needle, folded.text)


@pytest.mark.parametrize(
    ("text", "needle", "runs", "expected"),
    [
        ("北\ufdd0京 北\u3000\u3000京", "北 京", True, [(0, 3), (4, 8)]),
        ("北\ufdd0京 北\u3000\u3000京", "北 京", False, [(0, 3)]),
        ("ＡＩ ai Ai", "ai", True, [(0, 2), (3, 5), (6, 8)]),
        ("臺灣 台湾", "台湾", True, [(0, 2), (3, 5)]),
        ("2０２0", "2020", True, [(0, 4)]),
    ],
)
def test_original_pattern_examples(
    text: str, needle: str, runs: bool, expected: list[tuple[int, int]]
) -> None:
    assert fold(text, variants=True).by_table
    pattern = original_pattern(needle, variants=True, runs=runs)
    assert [m.span() for m in pattern.finditer(text)] == expected


def test_texts_that_need_care_never_take_the_shortcut() -> None:
    for text in ["ﬁne", "e\u0301", "Straße", "ΣΑΣ", "……", "①", "x\u00a0y"]:
        assert not fold(text * 30, variants=True).by_table, text
    for text in ["北京，ＡＢＣ２０２５年", "臺灣後來", "a b\u3000c"]:
        assert fold(text * 30, variants=True).by_table, text


def test_article_text_round_trips_every_code_point() -> None:
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    assert article_text.from_db(article_text.to_db(every)) == every
    assert article_text.to_db("北京2025")[:1] == article_text.GB18030_MARK
    assert len(article_text.to_db("北京2025")) == 1 + 4 + 4
    # A lone surrogate (a file that was not text) is kept, as UTF-16.
    broken = "a\udc80北"
    assert article_text.to_db(broken)[:1] == article_text.UTF16_MARK
    assert article_text.from_db(article_text.to_db(broken)) == broken
    # Text written by older versions (UTF-16) and plain UTF-8 still read back.
    assert article_text.from_db(b"\xff" + "北京".encode("utf-16-le")) == "北京"
    assert article_text.from_db("北京".encode()) == "北京"


def test_words_apart_leave_out_exactly_the_literal_hits() -> None:
    """The words-apart tier leaves out the literal hits by id when it holds all of them, and
    by their phrases when a page starts past them: both give the same, exact, set."""
    rng = random.Random(3)
    pieces = ["北京", "科技", "的人", "科学", "北京 科技"]
    articles = []
    for number in range(60):
        text = "，".join(rng.choice(pieces) for _ in range(rng.randint(1, 8)))
        if number % 7 == 0:  # a few literal hits, fewer than the tier's threshold
            text += "北京科技"
        articles.append((f"w/{number:02d}.md", f"标题{number}", None, text))
    store = make_store(articles)
    literal = {path for path, _t, _d, text in articles if "北京科技" in text}
    apart = {path for path, _t, _d, text in articles if "北京" in text and "科技" in text} - literal
    assert 0 < len(literal) < 20 and apart
    everything = store.search("北京科技", limit=None)
    assert everything.total == len(literal) + len(apart)
    assert {r.path for r in everything if r.match == "text"} == literal
    assert {r.path for r in everything if r.match == "words apart"} == apart
    paged = []
    for offset in range(0, everything.total, 4):
        page = store.search("北京科技", limit=4, offset=offset)
        assert page.total == everything.total
        paged += [r.path for r in page]
    assert paged == [r.path for r in everything]

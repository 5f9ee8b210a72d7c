"""Search guarantees over many inputs: no false negatives, no exceptions, sound offset maps.

One index is built per module and shared; jieba stays out of the loops (completeness never
depends on it), so a thousand searches take a couple of seconds.
"""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.text.normalize import Folded, fold, fold_query
from tests.search_fixtures import Store, make_store, synthetic_article, synthetic_library

SEED_PATH = Path(__file__).resolve().parent.parent / "seeds" / "000_5e142f96c0527c7e.txt"


@pytest.fixture(scope="module")
def library() -> Iterator[tuple[Store, list[tuple[str, str]]]]:
    seed = SEED_PATH.read_text(encoding="utf-8")
    articles = [("seed.txt", "seed", "2023-10-19", seed), *synthetic_library(40)]
    conn = make_store(articles)
    yield conn, [(path, text) for path, _title, _date, text in articles]
    conn.conn.close()


def test_every_substring_finds_its_article(
    library: tuple[Store, list[tuple[str, str]]],
) -> None:
    conn, articles = library
    rng = random.Random(20231019)
    checked = 0
    while checked < 1000:
        # Half the probes come from the seed, half from the synthetic articles.
        path, text = articles[0] if checked % 2 == 0 else rng.choice(articles[1:])
        length = rng.randint(1, 10)
        start = rng.randrange(0, len(text) - length)
        query = text[start : start + length]
        if '"' in query or query.startswith("-") or query.strip() != query or " " in query:
            # Whitespace, quotes and a leading minus are query syntax: search for the
            # substring as one quoted phrase instead (a '"' inside cannot be quoted).
            if '"' in query or not query.strip():
                continue
            query = '"' + query + '"'
        elif not fold_query(query).strip():
            continue
        results = conn.search(query, limit=None, use_jieba=False)
        assert path in [r.path for r in results], (query, path)
        checked += 1


def test_hostile_queries_never_raise(
    library: tuple[Store, list[tuple[str, str]]],
) -> None:
    conn, articles = library
    rng = random.Random(666)
    for _ in range(10_000):
        query = hostile_query(rng, articles[0][1])
        results = conn.search(query, limit=rng.choice([1, 5, 20]), use_jieba=False)
        for result in results:
            assert all(0 <= s < e for s, e in result.hits)
    assert conn.count() == len(articles)


def test_hostile_queries_with_jieba(
    library: tuple[Store, list[tuple[str, str]]],
) -> None:
    conn, articles = library
    rng = random.Random(999)
    for _ in range(300):
        conn.search(hostile_query(rng, articles[0][1]), limit=20, use_jieba=True)


_SYNTAX = [
    '"',
    '""',
    "'",
    "(",
    ")",
    "*",
    "^",
    ":",
    "+",
    "-",
    "--",
    "AND",
    "OR",
    "NOT",
    "NEAR",
    "NEAR(",
    "NEAR(a b, 2)",
    "{",
    "}",
    "title:",
    "body:",
    "{title body}:",
    "a*",
    "\\",
    ";",
    "'; DROP TABLE articles; --",
    '" OR 1=1 --',
    "%",
    "_",
    "?",
    "@1",
    "$x",
    "\x00",
    "\x1b[2J",
    "\u202e",
    "\ud800",
    "\udfff",
    "\ufffd",
    "\u3000",
    "\t",
    "\n",
    "\r",
    " ",
    "😀",
    "e\u0301",
    "\u0301",
    "ﬁ",
    "㍱",
    "ＡＮＤ",
    "（",
    "）",
    "＂",
    "　",
]


def hostile_query(rng: random.Random, seed: str) -> str:
    roll = rng.random()
    if roll < 0.01:
        # About 10 kB of text, sometimes with syntax sprinkled in.
        return "".join(rng.choice([*_SYNTAX, seed[i : i + 20]]) for i in range(0, 5000, 10))
    parts = []
    for _ in range(rng.randint(1, 8)):
        kind = rng.random()
        if kind < 0.5:
            parts.append(rng.choice(_SYNTAX))
        elif kind < 0.75:
            start = rng.randrange(len(seed) - 10)
            parts.append(seed[start : start + rng.randint(1, 10)])
        elif kind < 0.9:
            parts.append("".join(chr(rng.randrange(0x110000)) for _ in range(rng.randint(1, 4))))
        else:
            parts.append(synthetic_article(rng, 5)[:6])
    return rng.choice(["", " "]).join(parts)


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.text(max_size=40))
def test_fold_map_points_at_text_that_folds_to_the_hit(text: str) -> None:
    folded = fold(text)
    assert Folded.from_json(folded.text, folded.clusters_json()) == folded
    spans = [folded.to_original(index, index + 1) for index in range(len(folded.text))]
    for index, (start, end) in enumerate(spans):
        assert 0 <= start < end <= len(text)
        # The original range is a whole cluster; folding it alone gives this character.
        assert folded.text[index] in fold(text[start:end]).text
    # In order: each character maps to the same cluster as the one before, or a later one.
    for before, after in itertools.pairwise(spans):
        assert after == before or after[0] >= before[1]
    if not folded.clusters:
        assert len(folded.text) == len(text)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    st.lists(
        st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=30),
        min_size=1,
        max_size=25,
    )
)
def test_substrings_of_arbitrary_text_are_found(texts: list[str]) -> None:
    # Many texts in one index: a commit costs the same for one article as for 25.
    conn = make_store([(f"{number}.md", "t", None, text) for number, text in enumerate(texts)])
    by_path = {f"{number}.md": text for number, text in enumerate(texts)}
    for path, text in by_path.items():
        query = fold_query(text).strip()
        if not query or '"' in query or query.startswith("-") or any(c.isspace() for c in query):
            continue
        results = conn.search(query, limit=None, use_jieba=False)
        assert path in [r.path for r in results], (query, path)
        for result in results:  # and nothing that does not hold it
            found = by_path[result.path]
            if not result.hits:  # listed for its title alone (every title is "t")
                assert query in fold_query("t"), (query, result.path)
                continue
            for start, end in result.hits:
                assert query in fold_query(found[start:end]), (query, result.path)

"""Find in the article: every match as code-point ranges, folded as library search folds."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.text.find import find_matches, fold_for_search, match_after
from reader.text.normalize import fold_query


def shown(text: str, query: str) -> list[str]:
    return [text[start:end] for start, end in find_matches(text, query)]


def test_every_match_in_order_as_offsets_of_the_text() -> None:
    text = "北京市，北京大学；南京不是北京。"
    assert find_matches(text, "北京") == [(0, 2), (4, 6), (13, 15)]


def test_the_seed_count_of_beijing(seed_text: str) -> None:
    matches = find_matches(seed_text, "北京")
    assert len(matches) == seed_text.count("北京") > 20
    assert all(seed_text[start:end] == "北京" for start, end in matches)


def test_width_and_case_blind_like_search() -> None:
    text = "ＩＡＳＰ大会，iasp 与 Iasp；ＩＡＳＰ２０２５"
    assert shown(text, "IASP") == ["ＩＡＳＰ", "iasp", "Iasp", "ＩＡＳＰ"]
    assert shown(text, "ｉａｓｐ２０２５") == ["ＩＡＳＰ２０２５"]


def test_offsets_survive_characters_that_fold_to_several() -> None:
    text = "ﬁle ㍱ 与 file"
    assert shown(text, "file") == ["ﬁle", "file"]
    assert shown(text, "hpa") == ["㍱"]


def test_a_hard_wrapped_line_never_hides_a_match() -> None:
    text = "中俄数学中心由北\n京市推动建设；  北\n  京。"
    assert shown(text, "北京") == ["北\n京", "北\n  京"]


def test_spaces_in_the_query_match_any_white_space() -> None:
    text = "deep  learning and deep\nlearning, deeplearning"
    assert shown(text, "deep learning") == ["deep  learning", "deep\nlearning"]
    assert shown(text, "  deep ") == ["deep", "deep", "deep"]


def test_literal_text_never_pattern_syntax() -> None:
    text = "a.b a+b (x) [y] \\d $1 a*b"
    for query in ("a.b", "a+b", "(x)", "[y]", "\\d", "$1", "a*b"):
        assert shown(text, query) == [query]
    assert shown("aaa", "a.") == []


def test_nothing_to_find() -> None:
    assert find_matches("北京", "") == []
    assert find_matches("北京", "   ") == []
    assert find_matches("", "北京") == []
    assert find_matches("aaaa", "aa") == [(0, 2), (2, 4)]  # non-overlapping, like less


def test_a_long_query_still_answers() -> None:
    text = "前文" + "长" * 5000 + "后文"
    assert find_matches(text, "长" * 5000) == [(2, 5002)]
    twice = text * 2
    second = len(text) + 1
    assert find_matches(twice, "文" + "长" * 300) == [(1, 302), (second, second + 301)]


def test_the_fold_boundary_is_the_search_fold() -> None:
    folded = fold_for_search("ＡＢ ﬁ")
    assert folded.text == fold_query("ＡＢ ﬁ") == "ab fi"


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet="北京ＡaAｂＢb ﬁfi\n㍱é\u0301", max_size=40),
    st.text(alphabet="北京aAbB fié", min_size=1, max_size=4),
)
def test_every_match_folds_to_the_query(text: str, query: str) -> None:
    """A match covers what folds to the query (a whole ligature like ㍱ when the query is
    part of its fold, as search highlights it); every place the query occurs is found."""
    wanted = "".join(fold_query(query).split())
    previous_end = 0
    matches = find_matches(text, query)
    for start, end in matches:
        assert previous_end <= start < end <= len(text)
        assert wanted in "".join(fold_query(text[start:end]).split())
        previous_end = end
    if wanted and " " not in query.strip() and "\n" not in text:
        assert len(matches) >= (1 if wanted in fold_query(text) else 0)


def test_stepping_from_match_to_match_wraps_around() -> None:
    matches = find_matches("北京 北京 北京", "北京")  # starts 0, 3, 6
    assert match_after(matches, -1) == 0  # from the top: the first
    assert match_after(matches, 0) == 1
    assert match_after(matches, 6) == 0  # past the last: back to the first
    assert match_after(matches, 3, -1) == 0
    assert match_after(matches, 0, -1) == 2  # before the first: the last
    assert match_after(matches, 4, -1) == 1
    assert match_after([], 0) is None

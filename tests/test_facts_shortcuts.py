"""The rules' shortcuts skip only work whose answer is known: each cheap test is implied by
what it stands in for (a pattern matches only where its sign stands, a set phrase opens with
a listed opening), and rewritten patterns match what the plain ones did."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.facts import (
    dates,
    entities,
    entity_base,
    gazetteer,
    latin,
    lexicon,
    markup,
    numbers,
    numerals,
    organisations,
    vetting,
)
from reader.facts.crf_model import Article
from reader.facts.entity_base import FinderBase, Token
from reader.text import segment

# Characters the patterns care about, among ordinary ones: the texts hypothesis writes then
# hit the patterns often enough to say something.
_ALPHABET = (
    "0123456789０９.,，-/:：年月日号份至到—~比∶版本Vvn一二两十百千万亿第约超过有多余个位%％元"
    "美欧周天春夏秋冬季度半上下个今去明〇·・*_~`#>[]()!<@|+ \t\n\x1b\x07\u3000中国青山人"
)
_TEXTS = st.text(alphabet=_ALPHABET, max_size=80)


def _plain_number() -> re.Pattern[str]:
    """NUMBER as first written: Arabic digits with their tail, or Chinese numerals."""
    arabic = r"[0-9０-９]+(?:[,，][0-9]{3})*(?:[.．][0-9０-９]+)?(?:[十百千万亿]{1,3}(?![米克瓦]))?"
    return re.compile(f"(?:{arabic}|[{numerals._CN_CHARS}]+)")


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_rewritten_patterns_match_what_the_plain_ones_did(text: str) -> None:
    spans = [m.span() for m in re.finditer(numerals.NUMBER, text)]
    assert spans == [m.span() for m in _plain_number().finditer(text)]
    plain_year = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}")
    assert [m.span() for m in re.finditer(dates._FULL_YEAR, text)] == [
        m.span() for m in plain_year.finditer(text)
    ]
    plain_emphasis = re.compile(r"\*{1,3}|_{2,3}|~~")
    assert markup._MARKUP[0][0].sub("", text) == plain_emphasis.sub("", text)
    assert markup._INLINE_BLANK[3][0].sub("", text) == re.sub(r"`+[^`\n]*`+", "", text)
    for at in range(len(text)):
        reach = dates._REACH.match(text, at)
        assert reach is not None and dates._reach(text, at) == reach.end()


# Pieces of dates, and characters between them: long texts of many dates and near-dates.
_DATE_PIECES = (
    *"0123456789一二三十〇年月日号份季度半上下前今去明春秋个至到—-:：·. \t\n中说来的",
    *("2023年", "10月", "19日", "3日", "1至7月", "第一季度", "上半年", "22:02", "7·17"),
    *("2022-09-24", "秋季", "上午", "8时", "30分", "二〇二三年", "去年", "本月", "记者："),
    *("晚上", "凌晨", "～", "－", "~"),
)


@given(st.lists(st.sampled_from(_DATE_PIECES), max_size=150).map("".join))
@settings(max_examples=300, deadline=None)
def test_dates_found_around_anchors_are_those_of_the_whole_text(text: str) -> None:
    around = [(m.re.pattern, m.span()) for m in dates._matches(text)]
    whole = [(p.pattern, m.span()) for p in dates.DATE_PATTERNS for m in p.finditer(text)]
    assert around == whole


# Latin names among Chinese text: capitals, accented letters, digits and what joins them.
_LATIN_TEXTS = st.text(alphabet="AaBZzÀÉéİıǅḀỿ09_-.+' \t\n·中国5年人minipro", max_size=60)


@given(_LATIN_TEXTS)
@settings(max_examples=500, deadline=None)
def test_latin_patterns_check_the_letter_before_as_a_look_behind_first_did(text: str) -> None:
    letters, capitals = entity_base.LETTERS, entity_base._CAPITALS
    plain_name = re.compile(
        rf"(?<![{letters}])[{capitals}][{letters}'\-]+"
        rf"(?:[ \t]+[{capitals}][{letters}'\-]+){{1,3}}(?![{letters}])"
    )
    plain_latin = re.compile(
        rf"(?<![{letters}0-9_\-.])[{letters}][{letters}0-9]*(?:[\-.+][{letters}0-9]+)*"
        rf"(?:[ ](?:[A-Z0-9][{letters}0-9]*(?:[\-.][{letters}0-9]+)*"
        r"|mini|pro|max|plus|turbo|ultra|lite|nano))*"
        rf"(?![{letters}0-9_])"
    )
    for plain, rewritten in ((plain_name, entity_base.LATIN_NAME), (plain_latin, latin._LATIN)):
        assert [m.span() for m in rewritten.finditer(text)] == [
            m.span() for m in plain.finditer(text)
        ]


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_block_signs_are_what_markdown_it_needs(text: str) -> None:
    plain = re.compile(r"```|~~~|<|\t| {4}")
    for start in (0, len(text) // 2):
        found = any(text.find(sign, start) >= 0 for sign in markup._BLOCK_SIGNS)
        assert found == bool(plain.search(text, start))


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_markup_patterns_match_only_where_their_sign_stands(text: str) -> None:
    for pattern, sign in (*markup._INLINE_BLANK, *markup._MARKUP):
        if sign is not None and pattern.search(text):
            assert sign.search(text), pattern.pattern


@given(_TEXTS)
@settings(max_examples=300, deadline=None)
def test_number_patterns_match_only_next_to_their_characters(text: str) -> None:
    for at in range(len(text) + 1):
        after, before = text[at : at + 1], text[at - 1 : at]
        if numbers._SCORE.match(text, at):
            assert after in numbers._SCORE_AFTER_FIRST
        if numbers._UNIT.match(text, at):
            assert after in numbers._UNIT_FIRST
        if numbers._MARKER_AFTER.match(text, at):
            assert after in numbers._MARKER_AFTER_FIRST
        if numbers._VERSION_AFTER.match(text, at):
            assert after in numbers._VERSION_AFTER_FIRST
        if numbers._SCORE_BEFORE.search(text, max(0, at - 6), at):
            assert before in numbers._SCORE_BEFORE_LAST
        if numbers._VERSION_BEFORE.search(text, max(0, at - 3), at):
            assert before in numbers._VERSION_BEFORE_LAST
        if numbers._PRODUCT_BEFORE.search(text[max(0, at - 2) : at]):
            assert before in numbers._PRODUCT_BEFORE_LAST


def test_the_unit_pattern_takes_the_scale_before_a_currency_as_asked_one_by_one() -> None:
    # One pattern for every unit holds only because no currency begins with a scale.
    scales = ("万亿", "亿", "万", "千")
    assert not [c for c in numbers._CURRENCIES if c.startswith(tuple(s[0] for s in scales))]
    found = numbers._UNIT.match("万亿美元")
    assert found is not None and found.group("scale", "currency") == ("万亿", "美元")


def test_idiom_openings_are_jiebas_set_phrases() -> None:
    pytest.importorskip("jieba")  # the dev extra: pure-Python jieba's own dictionary
    from training.export_idiom_openings import jieba_dictionary, openings

    assert vetting._listed_openings() == frozenset(openings(jieba_dictionary()))


def _finder(text: str) -> FinderBase:
    return FinderBase(text, [Token(ch, "x", i, i + 1) for i, ch in enumerate(text)])


def test_a_piece_is_asked_only_when_a_set_phrase_opens_with_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    asked: list[str] = []
    monkeypatch.setattr(vetting, "tag", lambda piece: asked.append(piece))
    vetting._in_idiom(_finder("他说咬定青山不放松。"), 4, 6)
    assert asked and all(piece.startswith("咬定青山") for piece in asked)


def test_a_user_dictionary_may_list_set_phrases_of_its_own(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # 青山小馆 is no set phrase of jieba's: a user dictionary can make it one.
    said = {"青山小馆": "i"}
    monkeypatch.setattr(vetting, "tag", said.get)
    finder = _finder("他说青山小馆。")
    assert "青山小馆" not in vetting._listed_openings()
    assert not vetting._in_idiom(finder, 2, 4)
    monkeypatch.setattr(segment, "user_dictionaries", lambda: [Path("user.txt")])
    assert vetting._in_idiom(finder, 2, 4)


def _plain_sentence_ranges(article: Article) -> list[tuple[int, int]]:
    """``sentence_ranges`` as first written: every cut word asked in turn."""
    ranges: list[tuple[int, int]] = []
    words, starts, text = article.words, article.starts, article.text
    first = 0
    for i, word in enumerate(words):
        if word in entities._CUTS and (
            word in entities._SENTENCE_END
            or starts[i + 1] - starts[first] > entities._LONGEST_SENTENCE
        ):
            if text[starts[first] : starts[i + 1]].strip():
                ranges.append((first, i + 1))
            first = i + 1
    if first < len(words):
        ranges.append((first, len(words)))
    return ranges


# Words of sentences short and long (past the longest the tagger reads), with their commas.
_WORDS = st.sampled_from(
    ("中国", "人民", "，", ",", "、", "，,", "。", "！", "\n", " ", "的", "x" * 50, "y" * 130, "；")
)


@given(st.lists(_WORDS, max_size=60))
@settings(max_examples=500, deadline=None)
def test_sentence_ranges_ask_the_commas_of_long_sentences_only(words: list[str]) -> None:
    starts = [0]
    for word in words:
        starts.append(starts[-1] + len(word))
    article = Article("".join(words), words, ["x"] * len(words), starts)
    assert entities.sentence_ranges(article) == _plain_sentence_ranges(article)


@given(
    st.lists(
        st.sampled_from(("海域", "地区", "附近", "海", "域", "区", "北京", "\n", " ")), max_size=6
    )
)
@settings(max_examples=300, deadline=None)
def test_a_generic_tail_is_asked_only_where_a_piece_can_end_with_one(pieces: list[str]) -> None:
    piece = "".join(pieces)
    found, plain = gazetteer._generic_tail(piece), gazetteer._GENERIC_TAIL.search(piece)
    assert (found and found.span()) == (plain and plain.span())


def _plain_kinds_by_class(word: str) -> tuple[int, ...]:
    """``organisations._kinds_by_class`` as first written: ``_head_kind`` under every class."""
    kinds = organisations._KIND_CODES
    return tuple(
        kinds[organisations._head_kind(word, flag)] for flag in ("x", "nt", "nz", "j", "n")
    )


# Words ending like the suffixes, the abbreviations and the turned-down endings, and otherwise.
_HEAD_ALPHABET = "".join(
    sorted(
        {tail[-1] for tail in (*lexicon.ORG_SUFFIXES, *lexicon.EVENT_SUFFIXES)}
        | {*organisations._ABBREVIATION_ENDS, *"中国东西南北干交界处部总三五大学人民1a"}
    )
)


@given(
    st.one_of(
        st.text(alphabet=_HEAD_ALPHABET, min_size=1, max_size=6),
        st.sampled_from(
            [*lexicon.STANDALONE_ORGS, *lexicon.ORG_SUFFIXES, *lexicon.EVENT_SUFFIXES]
        ).flatmap(
            lambda tail: st.text(alphabet=_HEAD_ALPHABET, max_size=3).map(lambda head: head + tail)
        ),
    )
)
@settings(max_examples=1000, deadline=None)
def test_a_word_skips_the_suffix_search_only_when_no_suffix_can_end_it(word: str) -> None:
    assert tuple(organisations._kinds_by_class(word)) == _plain_kinds_by_class(word)


def test_every_word_of_jiebas_dictionary_heads_what_it_did() -> None:
    pytest.importorskip("jieba")  # the dev extra: pure-Python jieba's own dictionary
    from training.export_idiom_openings import jieba_dictionary

    lines = jieba_dictionary().read_text(encoding="utf-8").splitlines()
    words = [line.split(" ", 1)[0] for line in lines]
    assert len(words) > 300_000
    for word in words:
        assert tuple(organisations._kinds_by_class(word)) == _plain_kinds_by_class(word), word

"""Shared ground for the entity rules: tokens, spans, jieba's dictionary, the finder's state.

The rules themselves live in people.py, organisations.py and places.py as mixins of one
finder (entities.py), so each module stays small; this module holds what they all use.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import NamedTuple, TypeVar

import numpy as np
import numpy.typing as npt

from reader.facts import lexicon as lx
from reader.facts.crf_model import Article
from reader.facts.model import EntityType

K = TypeVar("K")
V = TypeVar("V")


class Token(NamedTuple):
    """A jieba word with its tag and code-point offsets (a tuple: an article has thousands)."""

    word: str
    flag: str
    start: int
    end: int


class Segmented(NamedTuple):
    """An article's tokens, and the same as columns: ``starts`` holds where each word begins
    and, last, where the last one ends."""

    tokens: list[Token]
    words: Sequence[str]
    flags: Sequence[str]
    starts: list[int]


class WordEdges(NamedTuple):
    """Where an article's words begin (-> the word's index) and end: made once per article
    for the number rules and the entity rules alike."""

    index_at: dict[int, int]
    ends: frozenset[int]


def word_edges(starts: list[int]) -> WordEdges:
    """The edges of the words whose starts (and, last, the last one's end) are ``starts``."""
    return WordEdges(dict(zip(starts, range(len(starts) - 1), strict=False)), frozenset(starts[1:]))


@dataclass
class Span:
    start: int
    end: int
    type: EntityType
    name: str
    aliases: list[str] = field(default_factory=list)


PROPER_FLAGS = frozenset(("ns", "nt", "nz", "nr", "nrt", "nrfg", "j", "eng"))
# Word classes that may stand inside an organisation's or event's name.
NAME_PART_FLAGS = PROPER_FLAGS | frozenset(("n", "vn", "b", "an", "ng", "nl", "l", "a", "s"))
CJK = re.compile(r"[\u4e00-\u9fff]")
CN_NUMERAL = re.compile(r"[一二三四五六七八九十两百千万]")
LONG_TITLES = tuple(t for t in lx.PERSON_TITLES if len(t) >= 2 and t not in ("代表", "委员"))
GENERIC_EVENTS = frozenset(
    lx.words("运动会 研讨会 交易会 博览会 展览会 发布会 座谈会 交流会 锦标赛")
)
EDITION = re.compile(r"(?:第?[0-9零〇一二三四五六七八九十百]+|首)届\s*$")
NOT_HEAD_FLAGS = frozenset(
    ("x", "nr", "nrfg", "v", "vd", "ad", "d", "m", "t", "r", "uj", "p", "c", "u")
)
NAME_ENDINGS = ("主义", "思想", "理论", "精神", "时代", "同志")
# One-character abbreviations that are also common words (法 law, 以 by, 非 not, 新 new ...).
AMBIGUOUS_ABBREVIATIONS = frozenset("中以法非加新亚欧马埃蒙墨意巴")
# Last characters of organisation words (委, 局, 社, 台, 协 ...), for jieba's bare "nt" words.
ORG_LAST_CHARS = frozenset("委办局厅部院所会社团行司队军盟联校台协大讯篮足组署报刊党")
PAIR_TAILS = frozenset(
    (
        "",
        "关系",
        "两国",
        "两国间",
        "两国关系",
        "双方",
        "边界",
        "友好",
        "之间",
        "两国之间",
        "合作",
        "建交",
        "会谈",
        "首脑",
    )
)
TITLED_NAME_FLAGS = frozenset(("nr", "nrt", "nrfg", "ns", "nz", "zg", "a", "ng", "j", "n"))
DOT = "·•‧・"
SMALL_WORDS = frozenset("东西南北中内外全局干头腹底顶上下前后左右各本该此某每总分")
ABBREVIATION = re.compile(r"[（(]([A-Z][A-Za-z0-9&.\-]{1,15}|[\u4e00-\u9fff]{2,8})[）)]")
# Latin letters with their accented forms (Latin-1, Extended-A/B, Extended Additional): a name
# neither starts nor stops next to one (Renée Fleming is not "Fleming", nor İstanbul "stanbul").
ACCENTED = "\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f\u1e00-\u1eff"
LETTERS = "A-Za-z" + ACCENTED
_CAPITALS = "A-Z\u00c0-\u00d6\u00d8-\u00de\u0100-\u024f\u1e00-\u1eff"
# (The check for a letter before a name stands after its first letter, as the look-behind
# (?<![letters]) would before it: a pattern that begins with a character class lets the engine
# skip to the next capital, where one that begins with a look-behind is tried at every
# position of the text.)
LATIN_NAME = re.compile(
    rf"[{_CAPITALS}](?<![{LETTERS}].)[{LETTERS}'\-]+"
    rf"(?:[ \t]+[{_CAPITALS}][{LETTERS}'\-]+){{1,3}}(?![{LETTERS}])"
)
BYLINE = re.compile(
    r"(?:^|(?<=[\s◎（(【\[、，])|(?<=本报)|(?<=新华社)|(?<=央视)|(?<=总台)|(?<=社))"
    r"(?:记者|通讯员|摄影|撰文|作者|编辑)[：: \t\u3000]*"
    r"(?P<name>[\u4e00-\u9fff][ \t\u3000]?[\u4e00-\u9fff](?:[ \t\u3000]?[\u4e00-\u9fff])?)"
    r"(?=[ \t\u3000]*(?:$|\n|[、，。）)]|[ \t\u3000]+))",
    re.M,
)
WORK = re.compile(r"《([^《》\n]{1,60})》")


class Remembered(dict[K, V]):
    """A function's results by argument: the missing ones are computed and kept (up to
    ``limit``). Looking up many words at once — ``map(cache.__getitem__, words)`` — costs no
    Python call for the ones already known, which in news is nearly all."""

    def __init__(self, compute: Callable[[K], V], limit: int = 65536) -> None:
        super().__init__()
        self._compute = compute
        self._limit = limit

    def __missing__(self, key: K) -> V:
        value = self._compute(key)
        if len(self) >= self._limit:
            self.clear()
        self[key] = value
        return value


@lru_cache(maxsize=65536)
def freq(word: str) -> int:
    """The word's count in jieba's dictionary (0: not listed); the segmenter is loaded by now."""
    from reader.text.segment import tokenizer

    return tokenizer().frequency(word)


@lru_cache(maxsize=65536)
def tag(word: str) -> str | None:
    from reader.text.segment import tokenizer

    return tokenizer().dictionary_tag(word)


_SPACE_BETWEEN_HANZI = re.compile(r"(?<=[\u4e00-\u9fff])[ \t\u3000]+(?=[\u4e00-\u9fff])")
_SPACES = re.compile(r"[ \t\u3000]+")


def compact(text: str) -> str:
    """A name without the spaces typesetters put between Chinese characters (华 凌 → 华凌)."""
    if " " not in text and "\t" not in text and "\u3000" not in text:
        return text.strip()  # (nearly every name: three scans of a few characters cost less)
    return _SPACES.sub(" ", _SPACE_BETWEEN_HANZI.sub("", text)).strip()


def placelike(word: str) -> bool:
    """Reject the common nouns jieba lists as places: 深度, 法典 (abstract), 海洋, 山区, 两国
    (made only of generic geographic characters). 东北, 西南 stay: compass regions are places."""
    if word[-1] in "性化力感率量典" or (word[-1] == "度" and word[0] in lx.MEASURE_CHARS):
        return False
    if len(word) == 2 and all(ch in lx.GENERIC_GEO_CHARS for ch in word):
        return len(word) == 2 and all(ch in "东南西北" for ch in word)
    return True


def transliterated_place(word: str) -> bool:
    """塞尔维亚, 哈萨克斯坦, 乌克兰, 约翰内斯堡: endings that name countries and cities."""
    return place_evidence(word) or word.endswith(lx.TRANSLIT_PLACE_ENDINGS)


def all_translit(word: str) -> bool:
    return all(ch in lx.TRANSLIT for ch in word)


@lru_cache(maxsize=4096)
def place_evidence(word: str) -> bool:
    """jieba's dictionary holds 莫斯科市, 卢森堡人, 科索沃省: the word names a place.

    A very common word needs two such compounds: 太阳队 alone does not make 太阳 a place."""
    found = sum(1 for suffix in lx.PLACE_EVIDENCE_SUFFIXES if freq(word + suffix))
    return found >= (2 if freq(word) > 3000 else 1)


@lru_cache(maxsize=65536)
def place_holder_prefix(word: str) -> str:
    for suffix in lx.PLACE_HOLDER_SUFFIXES:
        if word.endswith(suffix):
            return word[: -len(suffix)]
    return ""


def latin_at(text: str, index: int) -> bool:
    return 0 <= index < len(text) and text[index].isascii() and text[index].isalnum()


class FinderBase:
    """The text, its tokens, the spans found so far and which characters they claim."""

    def __init__(
        self,
        text: str,
        tokens: list[Token],
        columns: Segmented | None = None,
        edges: WordEdges | None = None,
    ) -> None:
        self.text = text
        self.tokens = tokens
        self.taken = bytearray(len(text))
        self.spans: list[Span] = []
        self.works_found: list[Span] = []
        self.model_spans: list[Span] = []
        if columns is None:
            starts = [tok.start for tok in tokens]
            columns = Segmented(
                tokens,
                [tok.word for tok in tokens],
                [tok.flag for tok in tokens],
                [*starts, tokens[-1].end if tokens else 0],
            )
        words, tags, bounds = columns.words, columns.flags, columns.starts
        if edges is None:
            edges = word_edges(bounds)
        self.index_at: dict[int, int] = edges.index_at
        self.token_ends: frozenset[int] = edges.ends
        # The segmentation as the tagger and the gazetteers read it.
        self.article = Article(text, words, tags, bounds, True)
        self._head_kinds: npt.NDArray[np.int8] | None = None

    def word_table(
        self, name: str, values_of: Callable[[str], Sequence[int]], width: int = 1
    ) -> npt.NDArray[np.int8]:
        """``values_of(word)`` (small integers) for every word of the article, as rows: found
        once per word a process meets, through the tagger's index of the article's words (the
        one dictionary look-up a word costs)."""
        from reader.facts.tagger import EntityTagger

        if not self.tokens:
            return np.zeros((0, width), dtype=np.int8)
        index, ids, _, _ = EntityTagger.shared().model.ids(self.article)
        return index.table_of(name, values_of, width).take(ids, axis=0)

    def inside_word(self, start: int, end: int) -> bool:
        """Whether [start, end) begins or ends inside a jieba word (a fragment of it)."""
        return start not in self.index_at or end not in self.token_ends

    def free(self, start: int, end: int) -> bool:
        return self.taken.find(1, start, end) < 0

    def add(self, span: Span) -> bool:
        if span.end <= span.start or not self.free(span.start, span.end):
            return False
        self.taken[span.start : span.end] = b"\x01" * (span.end - span.start)
        self.spans.append(span)
        return True

    def token_before(self, i: int) -> Token | None:
        j = i - 1
        while j >= 0 and not self.tokens[j].word.strip():
            j -= 1
        return self.tokens[j] if j >= 0 else None

    def token_after(self, i: int) -> Token | None:
        j = i + 1
        while j < len(self.tokens) and not self.tokens[j].word.strip():
            j += 1
        return self.tokens[j] if j < len(self.tokens) else None

    # (Words as a tuple: ``endswith``/``startswith`` ask them all in one call.)
    def text_before(self, start: int, words: tuple[str, ...]) -> bool:
        return self.text[max(0, start - 8) : start].rstrip().endswith(words)

    def text_after(self, end: int, words: tuple[str, ...]) -> bool:
        return self.text[end : end + 8].lstrip().startswith(words)

    def person_cue(self, start: int, end: int) -> bool:
        return self.text_before(start, lx.PERSON_TITLES) or self.text_after(
            end, (*lx.SPEECH_VERBS, *lx.PERSON_TITLES)
        )

    def _is_place(self, start: int, end: int) -> bool:
        return any(s.start == start and s.end == end and s.type == "place" for s in self.spans)

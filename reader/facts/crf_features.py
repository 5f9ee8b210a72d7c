"""What the entity tagger sees of each character: the one definition of its features.

Every character is described by itself and its neighbours, its class (digit, Latin, a
transliteration or surname character ...), the jieba word it sits in (position, tag, the word
itself and the words around it) and the gazetteers it falls in. ``features`` spells these out
as the attribute strings CRFsuite trains on (``training/train_ner.py``); the tagger computes the
same attributes as table look-ups over whole articles (``crf_model.py``), and a test holds the
two to each other. ``TEMPLATES`` is their order within a character, which is also the order in
which a character's weights are summed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from reader.facts import gazetteer
from reader.facts import lexicon as lx

# One attribute family a character: c the character, l/r its neighbours, lc/cr the pairs it is
# in, k the classes of the three, j its place and tag in its word, w the word, wl/wr the words
# before and after (on a word's first/last character), g the gazetteer mark.
TEMPLATES = ("c", "l", "r", "lc", "cr", "k", "j", "w", "wl", "wr", "g")
SENTENCE_START = "\x02"
SENTENCE_END = "\x03"
LONGEST_WORD_ATTRIBUTE = 8  # longer words are all "w=#"

# Characters as the model sees them: full-width forms folded, digits one class, Latin lower case.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD.update({ord(d): ord("0") for d in "0123456789"})
_FOLD.update({code - 0xFEE0: ord("0") for code in range(0xFF10, 0xFF1A)})

CLASS_LETTERS = "DLWPNTSBHO"


def _folded(code: int) -> str:
    """One character for one: ``str.lower`` of İ is two code points, and offsets must hold."""
    ch = chr(_FOLD.get(code, code))
    lower = ch.lower()
    return lower if len(lower) == 1 else ch


def char_class(ch: str) -> str:
    """One letter per character: D digit, L Latin, W space, P punctuation, N Chinese numeral,
    T transliteration character, S surname, B both, H other hanzi, O anything else."""
    if ch.isdigit():
        found = "D"
    elif ch.isascii() and ch.isalpha():
        found = "L"
    elif ch.isspace():
        found = "W"
    elif "\u4e00" <= ch <= "\u9fff" or "\u3400" <= ch <= "\u4dbf":
        if ch in "零〇一二两三四五六七八九十百千万亿":
            found = "N"
        elif ch in lx.TRANSLIT:
            found = "B" if ch in lx.SURNAMES else "T"
        else:
            found = "S" if ch in lx.SURNAMES else "H"
    elif ch.isalpha():
        found = "O"
    else:
        found = "P"
    return found


class _Table(dict[int, str]):
    """A ``str.translate`` table filled as characters come (a text has a few thousand
    distinct ones; the tables stay bounded)."""

    def compute(self, code: int) -> str:
        raise NotImplementedError

    def __missing__(self, code: int) -> str:
        found = self.compute(code)
        if len(self) < 100_000:
            self[code] = found
        return found


class _FoldTable(_Table):
    def compute(self, code: int) -> str:
        return _folded(code)


class _ClassTable(_Table):
    def compute(self, code: int) -> str:
        return char_class(chr(code))


FOLDED = _FoldTable()
CLASSES = _ClassTable()


def fold(text: str) -> str:
    """``text`` as the model reads it, one code point for one."""
    return text.translate(FOLDED)


def classes(text: str) -> str:
    """The class letter of every character of ``text``."""
    return text.translate(CLASSES)


def position_tags(word: str, tag: str) -> list[str]:
    """The ``j`` attribute values of a word's characters: S (single) or B, M ..., E, then the tag."""
    if len(word) == 1:
        return ["S" + tag]
    return ["B" + tag, *(["M" + tag] * (len(word) - 2)), "E" + tag]


def word_value(word: str) -> str:
    return word if len(word) <= LONGEST_WORD_ATTRIBUTE else "#"


class _WordBytes(NamedTuple):
    whole: bytes
    single: bytes
    begin: bytes
    middle: bytes
    end: bytes
    left: bytes
    right: bytes


def _word_bytes(word: str, tag: str) -> _WordBytes:
    encoded, flag = word.encode("utf-8", "surrogatepass"), tag.encode()
    return _WordBytes(
        b"w=" + word_value(word).encode("utf-8", "surrogatepass"),
        b"j=S" + flag,
        b"j=B" + flag,
        b"j=M" + flag,
        b"j=E" + flag,
        b"wl=" + encoded,
        b"wr=" + encoded,
    )


_START = _WordBytes(b"", b"", b"", b"", b"", b"wl=^", b"wr=^")
_STOP = _WordBytes(b"", b"", b"", b"", b"", b"wl=$", b"wr=$")


def _word_attributes(text: str, words: Sequence[tuple[str, str]]) -> list[list[bytes]]:
    """Per character: its place and tag in its jieba word, the word, and its neighbour words."""
    attrs: list[list[bytes]] = []
    info = [_word_bytes(word, tag) for word, tag in words if word]
    sizes = [len(word) for word, _ in words if word]
    count = len(info)
    for index, this in enumerate(info):
        size = sizes[index]
        before = info[index - 1] if index else _START
        after = info[index + 1] if index + 1 < count else _STOP
        if size == 1:
            attrs.append([this.single, this.whole, before.left, after.right])
            continue
        attrs.append([this.begin, this.whole, before.left])
        attrs.extend([this.middle, this.whole] for _ in range(size - 2))
        attrs.append([this.end, this.whole, after.right])
    if len(attrs) != len(text):  # the segmentation does not cover the text: ignore it
        return [[] for _ in text]
    return attrs


def features(text: str, words: Sequence[tuple[str, str]]) -> list[list[bytes]]:
    """The attribute strings of every character of ``text`` (bytes: CRFsuite takes them without
    re-encoding); ``words`` is its (word, tag) segmentation. For training: the tagger itself
    computes the same attributes as table look-ups (``crf_model.py``)."""
    if not text:
        return []
    padded = SENTENCE_START + fold(text) + SENTENCE_END
    kinds = "^" + classes(text) + "$"
    # (surrogatepass: a lone surrogate is an attribute like any other, one the model never saw.)
    rows = [
        [
            f"c={padded[i + 1]}".encode("utf-8", "surrogatepass"),
            f"l={padded[i]}".encode("utf-8", "surrogatepass"),
            f"r={padded[i + 2]}".encode("utf-8", "surrogatepass"),
            f"lc={padded[i : i + 2]}".encode("utf-8", "surrogatepass"),
            f"cr={padded[i + 1 : i + 3]}".encode("utf-8", "surrogatepass"),
            f"k={kinds[i : i + 3]}".encode(),
        ]
        for i in range(len(text))
    ]
    for row, extra in zip(rows, _word_attributes(text, words), strict=True):
        row += extra
    for i, mark in enumerate(gazetteer.marks(text, words)):
        if mark:
            rows[i].append(b"g=" + mark.encode())
    return rows

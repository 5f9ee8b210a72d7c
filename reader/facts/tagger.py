"""The trained entity tagger: a character-level CRF (CRFsuite) over people, places, organisations.

Each character is described by itself and its neighbours, its class (digit, Latin, a
transliteration or surname character ...), the jieba word it sits in (position, tag, the word
itself and the words around it) and the gazetteers it falls in. The same ``features`` function
serves training (``training/train_ner.py``) and tagging, so the two cannot drift apart.

The model ships inside the package (``reader/facts/models/ner.crfsuite``) and loads on first
use, once per process.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Any, NamedTuple

from reader.facts import gazetteer
from reader.facts import lexicon as lx

MODEL_PATH = Path(__file__).resolve().parent / "models" / "ner.crfsuite"
LABEL_TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}

# Characters as the model sees them: full-width forms folded, digits one class, Latin lower case.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD.update({ord(d): ord("0") for d in "0123456789"})
_FOLD.update({code - 0xFEE0: ord("0") for code in range(0xFF10, 0xFF1A)})


def _char_class(ch: str) -> str:
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


_CLASS_TRIGRAMS: dict[str, bytes] = {}


class _ClassTable(dict[int, str]):
    """str.translate's table of character classes, filled as characters come."""

    def __missing__(self, code: int) -> str:
        found = _char_class(chr(code))
        if len(self) < 100_000:
            self[code] = found
        return found


_CLASSES = _ClassTable()


def _class_table() -> _ClassTable:
    return _CLASSES


def features(text: str, words: Sequence[tuple[str, str]]) -> list[list[bytes]]:
    """The attributes of every character of ``text``; ``words`` is its (word, tag) segmentation.

    Built as bytes (CRFsuite takes bytes without re-encoding them), from caches of the
    strings already made: characters, pairs and class patterns repeat."""
    if not text:
        return []
    folded = text.translate(_FOLD).lower()
    classes = "^" + text.translate(_class_table()) + "$"
    padded = "\x02" + folded + "\x03"
    own = [_UNIGRAMS.get(ch) or _remember(_UNIGRAMS, ch, "c=") for ch in folded]
    left = [_LEFTS.get(ch) or _remember(_LEFTS, ch, "l=") for ch in padded[:-2]]
    right = [_RIGHTS.get(ch) or _remember(_RIGHTS, ch, "r=") for ch in padded[2:]]
    lefts, rights, trigrams = _LEFT_PAIRS, _RIGHT_PAIRS, _CLASS_TRIGRAMS
    rows = [
        [
            own[i],
            left[i],
            right[i],
            lefts.get(padded[i : i + 2]) or _remember(lefts, padded[i : i + 2], "lc="),
            rights.get(padded[i + 1 : i + 3]) or _remember(rights, padded[i + 1 : i + 3], "cr="),
            trigrams.get(classes[i : i + 3]) or _remember(trigrams, classes[i : i + 3], "k="),
        ]
        for i in range(len(folded))
    ]
    for row, extra in zip(rows, _word_attributes(text, words), strict=True):
        row += extra
    for i, mark in enumerate(gazetteer.marks(text, words)):
        if mark:
            rows[i].append(b"g=" + mark.encode())
    return rows


# Attribute strings made once and reused: characters, pairs and class patterns repeat.
_UNIGRAMS: dict[str, bytes] = {}
_LEFTS: dict[str, bytes] = {}
_RIGHTS: dict[str, bytes] = {}
_LEFT_PAIRS: dict[str, bytes] = {}
_RIGHT_PAIRS: dict[str, bytes] = {}
_CACHE_LIMIT = 60_000


def _remember(cache: dict[str, bytes], key: str, prefix: str) -> bytes:
    value = (prefix + key).encode()
    if len(cache) < _CACHE_LIMIT:
        cache[key] = value
    return value


class _WordBytes(NamedTuple):
    whole: bytes
    single: bytes
    begin: bytes
    middle: bytes
    end: bytes
    left: bytes
    right: bytes


_WORDS: dict[tuple[str, str], _WordBytes] = {}


def _word_bytes(word: str, tag: str) -> _WordBytes:
    """A word's attribute strings, made once per (word, tag): articles repeat their words."""
    found = _WORDS.get((word, tag))
    if found is None:
        encoded, flag = word.encode(), tag.encode()
        found = _WordBytes(
            b"w=" + (encoded if len(word) <= 8 else b"#"),
            b"j=S" + flag,
            b"j=B" + flag,
            b"j=M" + flag,
            b"j=E" + flag,
            b"wl=" + encoded,
            b"wr=" + encoded,
        )
        if len(_WORDS) < 200_000:
            _WORDS[(word, tag)] = found
    return found


_START = _WordBytes(b"", b"", b"", b"", b"", b"wl=^", b"wr=^")
_STOP = _WordBytes(b"", b"", b"", b"", b"", b"wl=$", b"wr=$")


def _word_attributes(text: str, words: Sequence[tuple[str, str]]) -> list[list[bytes]]:
    """Per character: its place and tag in its jieba word, the word, and its neighbour words."""
    attrs: list[list[bytes]] = []
    add = attrs.append
    info = [_word_bytes(word, tag) for word, tag in words if word]
    sizes = [len(word) for word, _ in words if word]
    count = len(info)
    for index, this in enumerate(info):
        size = sizes[index]
        before = info[index - 1] if index else _START
        after = info[index + 1] if index + 1 < count else _STOP
        if size == 1:
            add([this.single, this.whole, before.left, after.right])
            continue
        add([this.begin, this.whole, before.left])
        if size > 2:
            middle = [this.middle, this.whole]
            attrs.extend([middle] * (size - 2))
        add([this.end, this.whole, after.right])
    if len(attrs) != len(text):  # the segmentation does not cover the text: ignore it
        return [[] for _ in text]
    return attrs


def spans_from_labels(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    """BIOES labels (B-PER, I-PER, E-PER, S-LOC, O) to [start, end, type) spans; a broken
    sequence (I without B) is read as far as it is consistent."""
    spans: list[tuple[int, int, str]] = []
    start = -1
    current = ""
    for i, label in enumerate(labels):
        if label == "O":
            start = -1
            continue
        head, kind = label[0], label[2:]
        if head == "S":
            spans.append((i, i + 1, kind))
            start = -1
        elif head == "B":
            start, current = i, kind
        elif head == "I":
            if start < 0 or kind != current:
                start = -1
        elif head == "E":
            if start >= 0 and kind == current:
                spans.append((start, i + 1, kind))
            start = -1
    return spans


def labels_from_spans(length: int, spans: Sequence[tuple[int, int, str]]) -> list[str]:
    labels = ["O"] * length
    for start, end, kind in spans:
        if end - start == 1:
            labels[start] = "S-" + kind
            continue
        labels[start] = "B-" + kind
        for i in range(start + 1, end - 1):
            labels[i] = "I-" + kind
        labels[end - 1] = "E-" + kind
    return labels


class EntityTagger:
    """The CRF model, opened once; ``spans`` tags one sentence."""

    _lock = threading.Lock()
    _shared: EntityTagger | None = None

    def __init__(self, path: Path = MODEL_PATH) -> None:
        import pycrfsuite

        self._tagger: Any = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._use = threading.Lock()  # one CRFsuite tagger: one sentence at a time

    @classmethod
    def shared(cls) -> EntityTagger:
        if cls._shared is None:
            with cls._lock:
                if cls._shared is None:
                    cls._shared = cls()
        return cls._shared

    def spans(self, text: str, words: Sequence[tuple[str, str]]) -> list[tuple[int, int, str]]:
        if not text.strip():
            return []
        with self._use:
            labels: list[str] = self._tagger.tag(features(text, words))
        return spans_from_labels(labels)

    def marginal(self, label: str, position: int) -> float:
        """The model's probability of ``label`` at ``position`` of the sentence just tagged."""
        return float(self._tagger.marginal(label, position))

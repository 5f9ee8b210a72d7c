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
from typing import Any

from reader.facts import gazetteer
from reader.facts import lexicon as lx

MODEL_PATH = Path(__file__).resolve().parent / "models" / "ner.crfsuite"
LABEL_TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}

# Characters as the model sees them: full-width forms folded, digits one class, Latin lower case.
_FOLD = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FOLD[0x3000] = 0x20
_FOLD.update({ord(d): ord("0") for d in "0123456789"})
_FOLD.update({code - 0xFEE0: ord("0") for code in range(0xFF10, 0xFF1A)})

_CLASS_OF: dict[str, str] = {}


def _char_class(ch: str) -> str:
    """One letter per character: D digit, L Latin, W space, P punctuation, N Chinese numeral,
    T transliteration character, S surname, B both, H other hanzi, O anything else."""
    found = _CLASS_OF.get(ch)
    if found is not None:
        return found
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
    if len(_CLASS_OF) < 100_000:
        _CLASS_OF[ch] = found
    return found


_CLASS_TRIGRAMS: dict[str, bytes] = {}


def features(text: str, words: Sequence[tuple[str, str]]) -> list[list[bytes]]:
    """The attributes of every character of ``text``; ``words`` is its (word, tag) segmentation.

    Built as bytes, template by template: CRFsuite takes bytes without re-encoding them, and
    list comprehensions keep this at about a microsecond a character."""
    if not text:
        return []
    chars = [ch.encode() for ch in text.translate(_FOLD).lower()]
    left = [b"\x02", *chars[:-1]]
    right = [*chars[1:], b"\x03"]
    classes = "^" + "".join(map(_char_class, text)) + "$"
    trigrams = _CLASS_TRIGRAMS
    rows = [
        [b"c=" + c, b"l=" + a, b"r=" + b, b"lc=" + a + c, b"cr=" + c + b, k]
        for a, c, b, k in zip(
            left,
            chars,
            right,
            [
                trigrams.get(classes[i : i + 3]) or _trigram(classes[i : i + 3])
                for i in range(len(text))
            ],
            strict=True,
        )
    ]
    for row, extra in zip(rows, _word_attributes(text, words), strict=True):
        row += extra
    for i, mark in enumerate(gazetteer.marks(text, words)):
        if mark:
            rows[i].append(b"g=" + mark.encode())
    return rows


def _trigram(classes: str) -> bytes:
    value = ("k=" + classes).encode()
    _CLASS_TRIGRAMS[classes] = value
    return value


def _word_attributes(text: str, words: Sequence[tuple[str, str]]) -> list[list[bytes]]:
    """Per character: its place and tag in its jieba word, the word, and its neighbour words."""
    attrs: list[list[bytes]] = []
    count = len(words)
    encoded = [(word.encode(), tag.encode()) for word, tag in words]
    for index, (word, tag) in enumerate(encoded):
        size = len(words[index][0])
        if size == 0:
            continue
        whole = b"w=" + (word if size <= 8 else b"#")
        before = encoded[index - 1][0] if index else b"^"
        after = encoded[index + 1][0] if index + 1 < count else b"$"
        if size == 1:
            attrs.append([b"j=S" + tag, whole, b"wl=" + before, b"wr=" + after])
            continue
        attrs.append([b"j=B" + tag, whole, b"wl=" + before])
        middle = [b"j=M" + tag, whole]
        attrs.extend([middle] * (size - 2))
        attrs.append([b"j=E" + tag, whole, b"wr=" + after])
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
        head, _, kind = label.partition("-")
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
        else:
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

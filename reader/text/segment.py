"""The one segmenter: jieba's dictionary and algorithm, compiled (rjieba, the jieba-rs binding).

Facts and search both segment through this module. rjieba tags about 30× faster than
``jieba.posseg`` and loads in a tenth of a second and about 33 MB; on the 550 news items of
news-dev it agrees with jieba.posseg on 93.1% of (word, tag) pairs, 93.9% of word boundaries
and 97.1% of proper-noun tags (measured: ``benchmarks/compare_segmenters.py``). It is still
loaded lazily, from a worker: nothing imports rjieba at module import time.

Every function covers its text exactly: the words put together are the text, and offsets are
code points. Lone surrogates (which the compiled side cannot encode) are segmented as U+FFFD,
one code point for one, so offsets stay right.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

_lock = threading.Lock()
_segmenter: Segmenter | None = None
_user_dicts: list[Path] = []
# Dictionaries that could not be read, with the reason: a bad file must not break segmentation.
user_dictionary_errors: list[str] = []

_SURROGATE = re.compile("[\ud800-\udfff]")
# jieba's user dictionary line: a word, then optionally its frequency and its tag.
_USER_LINE = re.compile(r"^(.+?)(?:[ \t]+([0-9]+))?(?:[ \t]+([A-Za-z]+))?[ \t]*$")


def _encodable(text: str) -> str:
    return _SURROGATE.sub("\ufffd", text)


class Segmenter:
    """jieba's surface (``cut``/``tokenize`` with ``HMM=``) plus the dictionary lookups facts use."""

    def __init__(self, engine: Any) -> None:
        self._engine = engine

    def cut(self, text: str, HMM: bool = True) -> list[str]:  # noqa: N803 - jieba's spelling
        try:
            words: list[str] = self._engine.cut(text, HMM)
        except UnicodeEncodeError:
            words = _restore(text, self._engine.cut(_encodable(text), HMM))
        return words

    def tokenize(self, text: str, HMM: bool = True) -> list[tuple[str, int, int]]:  # noqa: N803
        try:
            found: list[tuple[str, int, int]] = self._engine.tokenize(text, "default", HMM)
        except UnicodeEncodeError:
            found = self._engine.tokenize(_encodable(text), "default", HMM)
            found = [(text[start:end], start, end) for _, start, end in found]
        return found

    def posseg(self, text: str, HMM: bool = True) -> list[tuple[str, str]]:  # noqa: N803
        try:
            pairs: list[tuple[str, str]] = self._engine.tag(text, HMM)
        except UnicodeEncodeError:
            pairs = self._engine.tag(_encodable(text), HMM)
            words = _restore(text, [word for word, _ in pairs])
            pairs = [(word, flag) for word, (_, flag) in zip(words, pairs, strict=True)]
        return pairs

    def has_word(self, word: str) -> bool:
        """Whether jieba's dictionary (or a user dictionary) lists ``word``."""
        try:
            return bool(word) and bool(self._engine.has_word(word))
        except UnicodeEncodeError:  # a lone surrogate: in no dictionary
            return False

    def frequency(self, word: str) -> int:
        """The word's count in jieba's dictionary, 0 when it is not listed.

        jieba-rs's ``suggest_freq`` of a listed word that segments whole is its own count
        plus one (what makes it win), which is the count within one."""
        if not self.has_word(word):
            return 0
        return max(int(self._engine.suggest_freq(word)) - 1, 1)

    def dictionary_tag(self, word: str) -> str | None:
        """The part-of-speech tag jieba's dictionary gives ``word``, or None if not listed."""
        if not self.has_word(word):
            return None
        pairs = self._engine.tag(word, False)
        return str(pairs[0][1]) if len(pairs) == 1 else None

    def add_word(self, word: str, frequency: int | None = None, tag: str | None = None) -> None:
        self._engine.add_word(word, frequency, tag)


def _restore(text: str, words: list[str]) -> list[str]:
    """The original characters under words segmented from a sanitised copy of ``text``."""
    out: list[str] = []
    offset = 0
    for word in words:
        out.append(text[offset : offset + len(word)])
        offset += len(word)
    return out


def add_user_dictionary(path: Path) -> None:
    """Register a jieba-format user dictionary; applied at load, or at once if already loaded."""
    with _lock:
        _user_dicts.append(path)
        if _segmenter is not None:
            _load_user_dictionary(_segmenter, path)


def user_dictionaries() -> list[Path]:
    return list(_user_dicts)


def use_user_dictionaries(paths: list[Path]) -> None:
    """Register dictionaries in a fresh process (a child that extracts facts)."""
    for path in paths:
        add_user_dictionary(path)


def _load_user_dictionary(segmenter: Segmenter, path: Path) -> None:
    """jieba's format, one entry a line: ``word [frequency] [tag]``; blank lines skipped."""
    try:
        lines = path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeError) as error:
        user_dictionary_errors.append(f"user dictionary {path} not loaded: {error}")
        return
    for number, line in enumerate(lines, 1):
        line = line.strip()
        if not line:
            continue
        match = _USER_LINE.match(line)
        if match is None or _SURROGATE.search(line):
            user_dictionary_errors.append(f"user dictionary {path}:{number}: not read: {line!r}")
            continue
        word, frequency, tag = match.groups()
        segmenter.add_word(word, int(frequency) if frequency else None, tag)


def tokenizer() -> Segmenter:
    """The shared segmenter, loaded on first use (about 0.1 s): call from a worker thread."""
    global _segmenter
    if _segmenter is not None:
        return _segmenter
    with _lock:
        if _segmenter is None:
            import rjieba

            segmenter = Segmenter(rjieba)
            segmenter.posseg("初始化")  # the dictionary itself loads on import; warm the tables
            for path in _user_dicts:
                _load_user_dictionary(segmenter, path)
            _segmenter = segmenter
    return _segmenter


def is_loaded() -> bool:
    return _segmenter is not None


def cut(text: str) -> list[str]:
    """Accurate-mode segmentation (HMM on), as a list of words covering the text exactly."""
    return tokenizer().cut(text, HMM=True)


def tokenize(text: str, hmm: bool = True) -> Iterator[tuple[str, int, int]]:
    """Words with their code-point ``[start, end)`` offsets."""
    return iter(tokenizer().tokenize(text, HMM=hmm))


def posseg(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech flag) pairs covering the text exactly."""
    return tokenizer().posseg(text, HMM=True)

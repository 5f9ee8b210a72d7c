"""Pinyin of titles and names, so that ``yidaiyilu`` and ``ydyl`` find 一带一路十年.

pypinyin (phrases pick the reading in context: 银行 is yin hang) gives one
syllable per hanzi; other characters end a run, so a pinyin match never spans 一带一路 and
the 十年 after a "2023". A run is written as space-separated syllables, runs separated by
" | ": ``"yi dai yi lu | shi nian"``. Index and query both use these strings, so the query
side never needs pypinyin (about half a second to import).
"""

from __future__ import annotations

import functools
import json
import os
import re
import threading
from collections.abc import Callable
from pathlib import Path

RUN_BREAK = "|"
# Stored spellings of another value are made again (the phrase table decides readings).
SPELLING = "pypinyin phrases 8289"
_HANZI_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0003134f]+")


def hanzi_runs(text: str) -> list[tuple[int, int]]:
    """``[start, end)`` of every run of hanzi in ``text``."""
    return [match.span() for match in _HANZI_RUN.finditer(text)]


def syllables(text: str) -> str:
    """``"yi dai yi lu | shi nian"`` for 一带一路2023十年; "" when there is no hanzi."""
    runs = hanzi_runs(text)
    if not runs:
        return ""
    spelled = []
    for start, end in runs:
        run = _spell(text[start:end])
        # One syllable per hanzi; pypinyin keeps a character it cannot read as itself.
        if len(run) != end - start:
            run = [s if s.isascii() and s.isalpha() else "?" for s in run][: end - start]
            run += ["?"] * (end - start - len(run))
        spelled.append(" ".join(s.lower() if s.isascii() and s.isalpha() else "?" for s in run))
    return f" {RUN_BREAK} ".join(spelled)


_WORDS: dict[str, list[str]] = {}
_MAX_WORDS = 200_000


def _spell(run: str) -> list[str]:
    """pypinyin's reading of a run of hanzi, word by word through pypinyin's own segmenter.

    Titles share most of their words, and pypinyin spends its time per word (about 0.1 ms),
    so each word is read once: ten times faster over a library, the same syllables.
    """
    lazy_pinyin, seg = _pypinyin()
    out: list[str] = []
    for word in seg(run):
        spelled = _WORDS.get(word)
        if spelled is None:
            spelled = lazy_pinyin(word)
            if len(_WORDS) >= _MAX_WORDS:
                _WORDS.clear()
            _WORDS[word] = spelled
        out.extend(spelled)
    return out


_PHRASES = Path(__file__).with_name("data") / "pinyin_phrases.json"
_NO_WHOLE_DICTIONARY = {"PYPINYIN_NO_PHRASES": "1", "PYPINYIN_NO_DICT_COPY": "1"}
_load_lock = threading.Lock()


@functools.cache
def _pypinyin() -> tuple[Callable[[str], list[str]], Callable[[str], list[str]]]:
    """pypinyin with only the phrases that change a toneless spelling.

    Its whole phrase dictionary costs about 45 MB of memory and a third of a second; the
    8,289 phrases of ``data/pinyin_phrases.json`` (``training/export_pinyin_phrases.py``)
    spell all but 0.01% of news syllables as it does. pypinyin reads its switches from the
    environment when first imported, so they are set for that import only.
    """
    with _load_lock:
        saved = {name: os.environ.get(name) for name in _NO_WHOLE_DICTIONARY}
        os.environ.update(_NO_WHOLE_DICTIONARY)
        try:
            import pypinyin
            from pypinyin.seg.simpleseg import seg
        finally:
            for name, value in saved.items():
                if value is None:
                    os.environ.pop(name, None)
                else:
                    os.environ[name] = value
        pypinyin.load_phrases_dict(json.loads(_PHRASES.read_text(encoding="utf-8")))

    def spell(word: str) -> list[str]:
        return list(pypinyin.lazy_pinyin(word, style=pypinyin.Style.NORMAL, errors="default"))

    def words(run: str) -> list[str]:
        return list(seg(run))

    return spell, words


def initials(spelled: str) -> str:
    """``"y d y l | s n"``: each syllable's first letter (zh, ch, sh give z, c, s)."""
    return " ".join(s if s == RUN_BREAK else s[0] for s in spelled.split(" ") if s)


def segmentations(letters: str, vocabulary: frozenset[str], most: int = 16) -> list[list[str]]:
    """Ways to read ``letters`` as whole syllables of ``vocabulary``, the last one possibly
    cut short (typing "yidaiyil" already finds 一带一路). ``xian`` gives [xian], [xi, an]."""
    prefixes = _prefixes(vocabulary)
    found: list[list[str]] = []

    def walk(start: int, path: list[str]) -> None:
        for end in range(start + 1, min(len(letters), start + 6) + 1):
            if len(found) >= most:
                return
            piece = letters[start:end]
            if end == len(letters):
                if piece in prefixes:
                    found.append([*path, piece])
            elif piece in vocabulary:
                walk(end, [*path, piece])

    walk(0, [])
    return found


_prefix_cache: dict[frozenset[str], frozenset[str]] = {}


def _prefixes(vocabulary: frozenset[str]) -> frozenset[str]:
    cached = _prefix_cache.get(vocabulary)
    if cached is None:
        cached = frozenset(s[:cut] for s in vocabulary for cut in range(1, len(s) + 1))
        _prefix_cache.clear()
        _prefix_cache[vocabulary] = cached
    return cached


def find(spelled: str, letters: str, vocabulary: frozenset[str]) -> list[tuple[int, int]]:
    """Where ``letters`` reads as pinyin of ``spelled``: ``(first hanzi, count)`` pairs.

    By full pinyin (syllables, the last possibly cut short) or by initials (two letters or
    more, one per syllable). Hanzi are counted in order across the runs.
    """
    syllables_ = [s for s in spelled.split(" ") if s]
    hanzi_index: list[int] = []
    count = 0
    for syllable in syllables_:
        hanzi_index.append(-1 if syllable == RUN_BREAK else count)
        count += syllable != RUN_BREAK
    found: set[tuple[int, int]] = set()
    readings = [reading for reading in segmentations(letters, vocabulary) if len(reading) >= 2]
    for first in range(len(syllables_)):
        for reading in readings:
            window = syllables_[first : first + len(reading)]
            if (
                len(window) == len(reading)
                and RUN_BREAK not in window
                and window[:-1] == reading[:-1]
                and window[-1].startswith(reading[-1])
            ):
                found.add((hanzi_index[first], len(reading)))
        window = syllables_[first : first + len(letters)]
        if (
            len(letters) >= 2
            and len(window) == len(letters)
            and RUN_BREAK not in window
            and all(s[0] == c for s, c in zip(window, letters, strict=True))
        ):
            found.add((hanzi_index[first], len(letters)))
    return sorted(found)

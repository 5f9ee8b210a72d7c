"""The one shared jieba tokenizer, loaded lazily and at most once per process.

jieba's dictionary load takes most of a second, so nothing imports jieba at module import
time: callers ask for :func:`tokenizer` (or the helpers below) from a worker thread. The
dictionary cache goes to kbreader's cache folder rather than jieba's default of /tmp.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from reader.paths import cache_dir

if TYPE_CHECKING:
    import jieba
    import jieba.posseg

_lock = threading.Lock()
_tokenizer: jieba.Tokenizer | None = None
_pos_tokenizer: jieba.posseg.POSTokenizer | None = None
_user_dicts: list[Path] = []
# Dictionaries jieba refused, with the reason: a bad file must not break segmentation.
user_dictionary_errors: list[str] = []


def add_user_dictionary(path: Path) -> None:
    """Register a jieba user dictionary; applied at load, or at once if already loaded."""
    with _lock:
        _user_dicts.append(path)
        if _tokenizer is not None:
            _load_user_dictionary(_tokenizer, path)


def user_dictionaries() -> list[Path]:
    return list(_user_dicts)


def use_user_dictionaries(paths: list[Path]) -> None:
    """Register dictionaries in a fresh process (a child that extracts facts)."""
    for path in paths:
        add_user_dictionary(path)


def _load_user_dictionary(tok: jieba.Tokenizer, path: Path) -> None:
    try:
        tok.load_userdict(str(path))
    except Exception as error:  # noqa: BLE001 - jieba raises ValueError, OSError, UnicodeError...
        user_dictionary_errors.append(f"user dictionary {path} not loaded: {error}")


def tokenizer() -> jieba.Tokenizer:
    global _tokenizer, _pos_tokenizer
    if _tokenizer is not None:
        return _tokenizer
    with _lock:
        if _tokenizer is None:
            import jieba
            import jieba.posseg

            jieba.setLogLevel(logging.WARNING)
            folder = cache_dir()
            folder.mkdir(parents=True, exist_ok=True)
            tok = jieba.dt  # posseg's default tokenizer wraps this one
            tok.tmp_dir = str(folder)
            tok.initialize()
            for path in _user_dicts:
                _load_user_dictionary(tok, path)
            _pos_tokenizer = jieba.posseg.POSTokenizer(tok)
            _tokenizer = tok
    return _tokenizer


def is_loaded() -> bool:
    return _tokenizer is not None


def cut(text: str) -> list[str]:
    """Accurate-mode segmentation (HMM on), as a list of words covering the text exactly."""
    return list(tokenizer().cut(text, HMM=True))


def tokenize(text: str) -> Iterator[tuple[str, int, int]]:
    """Words with their code-point ``[start, end)`` offsets."""
    words: Iterator[tuple[str, int, int]] = tokenizer().tokenize(text, HMM=True)
    return words


def posseg(text: str) -> list[tuple[str, str]]:
    """(word, part-of-speech flag) pairs covering the text exactly."""
    tokenizer()
    assert _pos_tokenizer is not None
    return [(pair.word, pair.flag) for pair in _pos_tokenizer.cut(text, HMM=True)]

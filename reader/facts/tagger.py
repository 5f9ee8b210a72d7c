"""The trained entity tagger: a character-level CRF over people, places and organisations.

Trained with CRFsuite (``training/train_ner.py``), shipped as arrays (``models/ner.npz``,
``crf_model.py``) and decoded with numpy (``viterbi.py``), an article's sentences all at once:
the labels are CRFsuite's, at a fraction of the cost. The model loads on first use, once per
process.
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from itertools import groupby
from operator import itemgetter
from pathlib import Path

import numpy as np

from reader.facts.crf_model import ARRAYS_PATH, Article, CrfModel
from reader.facts.viterbi import Labels, decode_all

LABEL_TYPES = {"PER": "person", "LOC": "place", "ORG": "organization"}
Spans = list[tuple[int, int, str]]


def spans_from_labels(labels: Sequence[str]) -> Spans:
    """BIOES labels (B-PER, I-PER, E-PER, S-LOC, O) to [start, end, type) spans; a broken
    sequence (I without B) is read as far as it is consistent."""
    return _spans(list(enumerate(labels)))


def _spans(labelled: list[tuple[int, str]]) -> Spans:
    """``spans_from_labels`` over the (position, label) pairs that are not O, in order."""
    spans: Spans = []
    start = -1
    current = ""
    previous = -2
    for i, label in labelled:
        if i != previous + 1:
            start = -1  # an O came between
        previous = i
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
    """The tagger, loaded once; ``spans_of`` tags the sentences of an article together."""

    _lock = threading.Lock()
    _shared: EntityTagger | None = None

    def __init__(self, path: Path = ARRAYS_PATH) -> None:
        self.model = CrfModel.load(path)
        self._outside = self.model.labels.index("O")
        self._use = threading.Lock()  # the model's word caches fill as articles come

    @classmethod
    def shared(cls) -> EntityTagger:
        if cls._shared is None:
            with cls._lock:
                if cls._shared is None:
                    cls._shared = cls()
        return cls._shared

    def labels_of(self, article: Article, sentences: Sequence[tuple[int, int]]) -> list[Labels]:
        """Label indices (into ``model.labels``) of every character of every sentence, a
        [first, last) range of the article's words."""
        if not sentences:
            return []
        labels, ends = self._labels(article, sentences)
        return np.split(labels, ends[:-1])

    def _labels(
        self, article: Article, sentences: Sequence[tuple[int, int]]
    ) -> tuple[Labels, Labels]:
        """``labels_of`` for all the sentences one after another, and where each one ends."""
        with self._use:
            scores, ends = self.model.state_scores(article, sentences)
        return decode_all(scores, ends, self.model.transitions), ends

    def spans_of(self, article: Article, sentences: Sequence[tuple[int, int]]) -> list[Spans]:
        """[start, end, type) spans of each sentence, offsets into the article's text."""
        out: list[Spans] = [[] for _ in sentences]
        starts = article.starts
        tagged = [
            k
            for k, (first, last) in enumerate(sentences)
            if article.text[starts[first] : starts[last]].strip()
        ]
        if not tagged:
            return out
        labels, ends = self._labels(article, [sentences[k] for k in tagged])
        # The characters of all the sentences outside O, each with its sentence and its
        # place in the text.
        entity = (labels != self._outside).nonzero()[0]
        which = np.searchsorted(ends, entity, side="right")
        firsts = np.array([starts[sentences[k][0]] for k in tagged], dtype=np.intp)
        at = entity + (firsts - np.concatenate([[0], ends[:-1]])).take(which)
        names = self.model.labels
        kinds = map(names.__getitem__, labels.take(entity).tolist())
        rows = zip(which.tolist(), zip(at.tolist(), kinds, strict=True), strict=True)
        for index, group in groupby(rows, key=itemgetter(0)):
            out[tagged[index]] = _spans([pair for _, pair in group])
        return out

    def spans(self, text: str, words: Sequence[tuple[str, str]]) -> Spans:
        """The spans of one sentence segmented as ``words``."""
        article = Article.of(text, words)
        return self.spans_of(article, [(0, len(article.words))])[0]

"""The tagger of another checkout against this one's, in one process, article by article in turn.

    python benchmarks/compare_tagger.py OLD_CHECKOUT [--news /work/shared/data/news-dev]
                                        [--rounds 7] [--extraction]

Loads OLD_CHECKOUT's ``reader/facts/crf_model.py`` and ``viterbi.py`` beside this checkout's
(the rest of ``reader`` is this one's), checks that both give every article the same labels,
then times each article's state scores and decoding with one and then the other (the order
alternating), so that a busy machine slows both alike. Each article's word indexes and
gazetteer matches are cleared before each call, as ``extract_facts`` meets them. Prints the
median CPU time of a pass over the articles for each side.

With ``--extraction``, the tagger is timed where it runs: ``extract_facts`` over the texts, the
shared tagger using one side's model and decoder for an article and the other's for the next
(the rest of the extraction evicts the tagger's tables between articles, which the first way
does not show). A pair of rounds gives each side every article once; prints the medians over
the pairs of the tagger's CPU time (``EntityTagger._labels``) and of the whole extraction's.
"""

from __future__ import annotations

import argparse
import importlib.util
import statistics
import sys
import time
from pathlib import Path
from types import ModuleType
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

import numpy as np  # noqa: E402
from check_tagger import _articles  # noqa: E402

from reader.facts import crf_model, viterbi  # noqa: E402
from reader.facts.crf_model import Article  # noqa: E402


def _module(name: str, path: Path) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


class Side:
    """One checkout's model and decoder, and the CPU time it took (state scores, decoding)."""

    def __init__(self, name: str, model_module: Any, decoder: Any) -> None:
        self.name = name
        self.model = model_module.CrfModel.load()
        self.decoder = decoder
        self.passes: list[tuple[float, float]] = []

    def labels(self, article: Article, ranges: list[tuple[int, int]]) -> tuple[Any, float, float]:
        article._ids = None  # as a fresh article meets the tagger
        article._listed = None
        started = time.process_time()
        scores, ends = self.model.state_scores(article, ranges)
        scored = time.process_time()
        labels = self.decoder.decode_all(scores, ends, self.model.transitions)
        return labels, scored - started, time.process_time() - scored


def in_extraction(old: Side, new: Side, folder: Path, rounds: int) -> int:
    """The ``--extraction`` comparison (see the module's documentation)."""
    from reader.facts import extract_facts, tagger

    shared = tagger.EntityTagger.shared()
    labels_of = tagger.EntityTagger._labels
    current = [new]
    spent = {side.name: [0.0, 0.0] for side in (old, new)}  # tagger, extraction

    def timed(self: tagger.EntityTagger, article: Article, sentences: Any) -> Any:
        started = time.process_time()
        out = labels_of(self, article, sentences)
        spent[current[0].name][0] += time.process_time() - started
        return out

    def use(side: Side) -> None:
        current[0] = side
        shared.model = side.model
        tagger.decode_all = side.decoder.decode_all  # type: ignore[attr-defined]

    tagger.EntityTagger._labels = timed  # type: ignore[method-assign]
    paths = sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".txt"))
    texts = [path.read_text(encoding="utf-8", errors="replace") for path in paths]
    facts = {}
    for side in (old, new):  # the same facts, and every cache filled
        use(side)
        facts[side.name] = [extract_facts(text) for text in texts]
    if facts["old"] != facts["new"]:
        print("different facts")
        return 1
    pairs: dict[str, list[tuple[float, float]]] = {"old": [], "new": []}
    for round_ in range(2 * max(1, rounds // 2)):
        for k, text in enumerate(texts):
            use(old if (k + round_) % 2 else new)
            started = time.process_time()
            extract_facts(text)
            spent[current[0].name][1] += time.process_time() - started
        if round_ % 2:
            for side in (old, new):
                pairs[side.name].append((spent[side.name][0], spent[side.name][1]))
                spent[side.name] = [0.0, 0.0]
    medians = {}
    for side in (old, new):
        tagging = statistics.median(t for t, _ in pairs[side.name])
        whole = statistics.median(w for _, w in pairs[side.name])
        medians[side.name] = (tagging, whole)
        print(
            f"{side.name}: tagger {tagging:.3f} s, extract_facts {whole:.3f} s (CPU a pass, median"
            f" of {len(pairs[side.name])} pairs of rounds over {len(texts)} texts)"
        )
    change = [100 * (n / o - 1) for o, n in zip(medians["old"], medians["new"], strict=True)]
    print(f"change: tagger {change[0]:+.1f}%, extract_facts {change[1]:+.1f}%")
    return 0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old", type=Path, help="the other checkout")
    parser.add_argument("--news", type=Path, default=Path("/work/shared/data/news-dev"))
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--extraction", action="store_true", help="time it in extract_facts")
    args = parser.parse_args()
    facts = args.old / "reader" / "facts"
    old = Side(
        "old",
        _module("old_crf_model", facts / "crf_model.py"),
        _module("old_viterbi", facts / "viterbi.py"),
    )
    new = Side("new", crf_model, viterbi)
    if args.extraction:
        return in_extraction(old, new, args.news, args.rounds)
    inputs = _articles(args.news)
    for article, ranges in inputs:  # the same labels, and the word indexes filled
        if not np.array_equal(old.labels(article, ranges)[0], new.labels(article, ranges)[0]):
            print(f"different labels: {article.text[:40]!r}")
            return 1
    for round_ in range(args.rounds):
        totals = {side.name: [0.0, 0.0] for side in (old, new)}
        for k, (article, ranges) in enumerate(inputs):
            for side in (old, new) if (k + round_) % 2 == 0 else (new, old):
                _, scoring, decoding = side.labels(article, ranges)
                totals[side.name][0] += scoring
                totals[side.name][1] += decoding
        for side in (old, new):
            scoring, decoding = totals[side.name]
            side.passes.append((scoring, decoding))
    medians = {}
    for side in (old, new):
        scoring = statistics.median(s for s, _ in side.passes)
        decoding = statistics.median(d for _, d in side.passes)
        whole = statistics.median(s + d for s, d in side.passes)
        medians[side.name] = (scoring, decoding, whole)
        print(
            f"{side.name}: state scores {scoring:.3f} s, decoding {decoding:.3f} s,"
            f" tagger {whole:.3f} s (CPU, median of {args.rounds} passes of {len(inputs)} articles)"
        )
    change = [100 * (n / o - 1) for o, n in zip(medians["old"], medians["new"], strict=True)]
    print(
        f"change: state scores {change[0]:+.1f}%, decoding {change[1]:+.1f}%, tagger {change[2]:+.1f}%"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

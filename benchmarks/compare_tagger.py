"""The tagger of another checkout against this one's, in one process, article by article in turn.

    python benchmarks/compare_tagger.py OLD_CHECKOUT [--news /work/shared/data/news-dev]
                                        [--rounds 7]

Loads OLD_CHECKOUT's ``reader/facts/crf_model.py`` and ``viterbi.py`` beside this checkout's
(the rest of ``reader`` is this one's), checks that both give every article the same labels,
then times each article's state scores and decoding with one and then the other (the order
alternating), so that a busy machine slows both alike. Each article's word indexes and
gazetteer matches are cleared before each call, as ``extract_facts`` meets them. Prints the
median CPU time of a pass over the articles for each side.
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


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("old", type=Path, help="the other checkout")
    parser.add_argument("--news", type=Path, default=Path("/work/shared/data/news-dev"))
    parser.add_argument("--rounds", type=int, default=7)
    args = parser.parse_args()
    facts = args.old / "reader" / "facts"
    old = Side(
        "old",
        _module("old_crf_model", facts / "crf_model.py"),
        _module("old_viterbi", facts / "viterbi.py"),
    )
    new = Side("new", crf_model, viterbi)
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

"""The app's tagger (exported arrays, numpy decoding) against CRFsuite's on the same model.

    python benchmarks/check_tagger.py [--news /work/shared/data/news-dev]
                                      [--sentences /work/shared/data/ner-dev/peoplesdaily_dev.jsonl]

CRFsuite (python-crfsuite, the dev extra) tags with ``training/ner.crfsuite`` and the string
attributes of ``reader.facts.crf_features.features``; the app tags with ``ner.npz`` exported
from it. Both read the same sentences: a news article's, as ``extract_facts`` cuts them
(markup blanked, rjieba's words), and ner-dev's one a line. Prints how many sentences and
characters get the same labels, and each side's time.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.facts.crf_features import features  # noqa: E402
from reader.facts.crf_model import Article  # noqa: E402
from reader.facts.entities import sentence_ranges  # noqa: E402
from reader.facts.extract import tokens_of  # noqa: E402
from reader.facts.markup import prose_only  # noqa: E402
from reader.facts.tagger import EntityTagger  # noqa: E402
from reader.text.segment import posseg  # noqa: E402

CRFSUITE_MODEL = ROOT / "training" / "ner.crfsuite"


def _articles(folder: Path) -> list[tuple[Article, list[tuple[int, int]]]]:
    out = []
    for path in sorted(p for p in folder.rglob("*") if p.suffix in (".md", ".txt")):
        prose = prose_only(path.read_text(encoding="utf-8", errors="replace"))
        tokens = tokens_of(prose)
        if not tokens:
            continue
        article = Article(
            prose,
            [t.word for t in tokens],
            [t.flag for t in tokens],
            [*(t.start for t in tokens), tokens[-1].end],
        )
        ranges = [
            (first, last)
            for first, last in sentence_ranges(article)
            if prose[article.starts[first] : article.starts[last]].strip()
        ]
        out.append((article, ranges))
    return out


def _lines(path: Path) -> list[tuple[Article, list[tuple[int, int]]]]:
    out = []
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            text = json.loads(line)["text"]
            if text.strip():
                article = Article.of(text, posseg(text))
                out.append((article, [(0, len(article.words))]))
    return out


def compare(name: str, inputs: list[tuple[Article, list[tuple[int, int]]]], crf: Any) -> None:
    tagger = EntityTagger.shared()
    names = tagger.model.labels
    started = time.process_time()
    ours = [tagger.labels_of(article, ranges) for article, ranges in inputs]
    numpy_seconds = time.process_time() - started

    started = time.process_time()
    theirs: list[list[list[str]]] = []
    for article, ranges in inputs:
        labelled = []
        for first, last in ranges:
            text = article.text[article.starts[first] : article.starts[last]]
            pairs = list(zip(article.words[first:last], article.tags[first:last], strict=True))
            labelled.append(crf.tag(features(text, pairs)))
        theirs.append(labelled)
    crfsuite_seconds = time.process_time() - started

    sentences = same_sentences = characters = same_characters = 0
    for mine, other in zip(ours, theirs, strict=True):
        for labels, expected in zip(mine, other, strict=True):
            got = [names[i] for i in labels]
            sentences += 1
            same_sentences += got == expected
            characters += len(expected)
            same_characters += sum(a == b for a, b in zip(got, expected, strict=True))
    print(
        f"{name}: {same_sentences}/{sentences} sentences and {same_characters}/{characters}"
        f" characters labelled alike ({100 * same_characters / max(characters, 1):.3f}%);"
        f" CPU: numpy {numpy_seconds:.2f} s (features and decoding), CRFsuite"
        f" {crfsuite_seconds:.2f} s (attribute strings and tagging)"
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--news", type=Path, default=Path("/work/shared/data/news-dev"))
    parser.add_argument(
        "--sentences",
        type=Path,
        default=Path("/work/shared/data/ner-dev/peoplesdaily_dev.jsonl"),
    )
    args = parser.parse_args()
    import pycrfsuite

    crf = pycrfsuite.Tagger()
    crf.open(str(CRFSUITE_MODEL))
    if args.news.is_dir():
        compare(args.news.name, _articles(args.news), crf)
    if args.sentences.is_file():
        compare(args.sentences.name, _lines(args.sentences), crf)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Train the facts entity tagger (a character CRF) and export it into the package.

    python training/train_ner.py [--data ../shared/data/ner-train] [--dev FILE] [--out PATH]
                                 [--teacher FILE.jsonl] [--c1 0.1] [--c2 0.01] [--iterations 100]

Training data: every ``*.jsonl`` under ``--data`` (the ner-train format: ``{"text",
"entities": [{"start", "end", "type"}]}``; types other than PER/LOC/ORG are read as "not an
entity"), plus ``--teacher`` files labelled by an offline teacher (``training/teacher_lac.py``).
The features are ``reader.facts.crf_features.features``: what the app computes at run time.
CRFsuite writes ``training/ner.crfsuite``; ``export_ner.py`` then turns it into the arrays the
app tags with (``reader/facts/models/ner.npz``), and the model card (``ner.json`` beside them)
records the data files' SHA-256, the parameters, both files' SHA-256 and the dev score. The run
is deterministic: same data, same parameters, same bytes.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import time
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import export_ner  # noqa: E402

from reader.facts import gazetteer  # noqa: E402
from reader.facts.crf_features import features  # noqa: E402
from reader.facts.crf_model import ARRAYS_PATH  # noqa: E402
from reader.facts.tagger import EntityTagger, labels_from_spans  # noqa: E402
from reader.text.segment import posseg  # noqa: E402

KEPT = ("PER", "LOC", "ORG")


def _spans(item: dict[str, Any]) -> tuple[list[tuple[int, int, str]], list[bool]]:
    """The sentence's PER/LOC/ORG spans (longest first where two overlap), and which
    characters any annotated span (of whatever type) covers."""
    found = sorted(
        ((int(e["start"]), int(e["end"]), str(e["type"])) for e in item["entities"]),
        key=lambda s: (-(s[1] - s[0]), s[0]),
    )
    taken = [False] * len(item["text"])
    kept: list[tuple[int, int, str]] = []
    addresses = {
        (int(e["start"]), int(e["end"]))
        for e in item["entities"]
        if e.get("orig_type") == "address"
    }
    for start, end, kind in found:
        if not 0 <= start < end <= len(taken) or any(taken[start:end]):
            continue
        for i in range(start, end):
            taken[i] = True
        if (start, end) in addresses:
            # CLUENER marks 北京市海淀区 as one address; news annotation marks each place.
            for begin, stop in gazetteer.split_address(item["text"][start:end]):
                kept.append((start + begin, start + stop, kind))
        elif kind in KEPT:
            kept.append((start, end, kind))
    return sorted(kept), taken


def with_gazetteer(
    text: str, words: list[tuple[str, str]], spans: list[tuple[int, int, str]], taken: list[bool]
) -> list[tuple[int, int, str]]:
    """Add the listed places and institutions that the annotators left unmarked.

    CLUENER marks addresses, not every country or city (中国 is unmarked in 4 of 10 of its
    sentences), while news annotation marks them all; unmarked, the tagger learns to skip
    中国 and 美国. A listed name on jieba's word boundaries that overlaps no annotated span
    of any type is added as LOC (or ORG for institutions)."""
    added = list(spans)
    marks = gazetteer.marks(text, words)
    i = 0
    while i < len(text):
        mark = marks[i]
        if not mark or mark[0] not in "BS":
            i += 1
            continue
        kind = mark[2:]
        end = i + 1
        while mark[0] == "B" and end < len(text) and marks[end][:1] in ("I", "E"):
            end += 1
            if marks[end - 1][0] == "E":
                break
        if not any(taken[i:end]):
            label = "ORG" if kind in gazetteer.ORG_TYPES else "LOC"
            added.append((i, end, label))
        i = end
    return sorted(added)


def read(paths: list[Path]) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    for path in paths:
        with path.open(encoding="utf-8") as handle:
            items.extend(json.loads(line) for line in handle if line.strip())
    return items


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def evaluate(arrays: Path, items: list[dict[str, Any]]) -> dict[str, float]:
    tagger = EntityTagger(arrays)
    tp = fp = fn = 0
    for item in items:
        text = item["text"]
        gold = {(int(e["start"]), int(e["end"]), e["type"]) for e in item["entities"]}
        guess = set(tagger.spans(text, posseg(text)))
        tp += len(gold & guess)
        fp += len(guess - gold)
        fn += len(gold - guess)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def main() -> int:
    root = Path(__file__).resolve().parent.parent
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    # ../shared/data/ner-train from a clone (or from a worktree one level deeper).
    found = [p for p in (root.parent, root.parent.parent) if (p / "shared/data/ner-train").is_dir()]
    default_data = (found[0] if found else root.parent) / "shared/data/ner-train"
    parser.add_argument("--data", type=Path, default=default_data)
    parser.add_argument("--teacher", type=Path, action="append", default=[])
    parser.add_argument("--dev", type=Path, default=None, help="a gold set to score the model on")
    parser.add_argument(
        "--out", type=Path, default=export_ner.MODEL_PATH, help="the CRFsuite model"
    )
    parser.add_argument("--arrays", type=Path, default=ARRAYS_PATH, help="the exported arrays")
    parser.add_argument("--c1", type=float, default=0.1)
    parser.add_argument("--c2", type=float, default=0.01)
    parser.add_argument("--iterations", type=int, default=100)
    parser.add_argument("--minfreq", type=float, default=1)
    parser.add_argument(
        "--no-gazetteer",
        dest="gazetteer",
        action="store_false",
        help="do not add unannotated listed places and institutions to the training labels",
    )
    parser.add_argument(
        "--repeat",
        action="append",
        default=[],
        metavar="NAME=N",
        help="use the sentences of the data file NAME N times (a heavier weight)",
    )
    args = parser.parse_args()

    import pycrfsuite

    files = sorted(args.data.glob("*.jsonl")) + list(args.teacher)
    if not files:
        print(f"no .jsonl files in {args.data}", file=sys.stderr)
        return 2
    repeats = {name: int(times) for name, _, times in (r.partition("=") for r in args.repeat)}
    items = [item for path in files for item in read([path]) * repeats.get(path.name, 1)]
    started = time.perf_counter()
    trainer = pycrfsuite.Trainer(verbose=False)
    for item in items:
        text = item["text"]
        if not text:
            continue
        words = posseg(text)
        spans, taken = _spans(item)
        if args.gazetteer:
            spans = with_gazetteer(text, words, spans, taken)
        trainer.append(features(text, words), labels_from_spans(len(text), spans))
    prepared = time.perf_counter() - started
    params = {
        "c1": args.c1,
        "c2": args.c2,
        "max_iterations": args.iterations,
        "feature.minfreq": args.minfreq,
        "feature.possible_transitions": True,
    }
    trainer.set_params(params)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(args.out))
    trained = time.perf_counter() - started - prepared
    export_ner.write(export_ner.export(args.out), args.arrays)
    card: dict[str, Any] = {
        "model": args.out.name,
        "model_sha256": sha256(args.out),
        "arrays": args.arrays.name,
        "arrays_sha256": sha256(args.arrays),
        "trained_on": {p.name: sha256(p) for p in files},
        "repeats": repeats,
        "gazetteer_labels": args.gazetteer,
        "sentences": len(items),
        "algorithm": "lbfgs",
        "params": params,
        "bytes": args.out.stat().st_size,
        "seconds": {"features": round(prepared, 1), "training": round(trained, 1)},
    }
    if args.dev is not None:
        card["dev"] = {args.dev.name: evaluate(args.arrays, read([args.dev]))}
    args.arrays.with_suffix(".json").write_text(
        json.dumps(card, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
    )
    print(json.dumps(card, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

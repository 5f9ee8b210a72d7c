"""Facts extraction speed and memory, beside raw jieba.posseg on the same texts.

    python benchmarks/bench_facts.py LIBRARY [--limit N] [--repeat R]
    python benchmarks/bench_facts.py /work/shared/data/news-dev     # 550 real news items

Throughput is UTF-8 kilobytes of article text per second of wall time, for ``extract_facts``
and for ``jieba.posseg.lcut`` (the pure-Python jieba, as the issue's baseline) over the same
texts in the same process, interleaved in rounds so that a noisy machine slows both alike;
the ratio is the figure that counts (CPU time too: it suffers less from neighbours on a
shared machine). Then, in fresh processes: the first ``extract_facts`` call on the seed
article (imports, segmenter and model load included) and the peak RSS of a process that has
extracted facts once. Those processes run as an installed copy would, with their bytecode
compiled once beforehand (pip compiles at install; here into a temporary PYTHONPYCACHEPREFIX,
whatever PYTHONDONTWRITEBYTECODE says). The seed figure is the median of R warm runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEED = ROOT / "seeds" / "000_5e142f96c0527c7e.txt"

_FRESH = """
import json, sys, time
start = time.perf_counter()
import reader.facts
imported = time.perf_counter() - start
from reader.facts import extract_facts
text = open(sys.argv[1], encoding="utf-8").read()
extract_facts(text)
first = time.perf_counter() - start
# VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
status = open("/proc/self/status").read().split("VmHWM:")[1].split()[0]
print(json.dumps({"import": imported, "first": first, "rss": int(status) / 1024}))
"""


def _seconds(texts: list[str], run: Callable[[str], object]) -> tuple[float, float]:
    """Wall and CPU seconds of ``run`` over ``texts`` (CPU time suffers less from neighbours
    on a shared machine; both are reported)."""
    wall, cpu = time.perf_counter(), time.process_time()
    for text in texts:
        run(text)
    return time.perf_counter() - wall, time.process_time() - cpu


def fresh_process(path: Path, pycache: str) -> dict[str, float]:
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    env["PYTHONPYCACHEPREFIX"] = pycache
    out = subprocess.run(
        [sys.executable, "-c", _FRESH, str(path)],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env=env,
    )
    result: dict[str, float] = json.loads(out.stdout)
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("library", type=Path, help="a folder of .md/.txt articles")
    parser.add_argument("--limit", type=int, default=0, help="only the first N files")
    parser.add_argument("--repeat", type=int, default=30, help="seed runs (default 30)")
    parser.add_argument("--rounds", type=int, default=5, help="interleaved rounds (default 5)")
    parser.add_argument("--fresh", type=int, default=5, help="fresh-process runs (default 5)")
    args = parser.parse_args()

    import logging

    import jieba
    import jieba.posseg

    from reader.facts import extract_facts

    files = sorted(p for p in args.library.rglob("*") if p.suffix in (".md", ".markdown", ".txt"))
    if args.limit:
        files = files[: args.limit]
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in files]
    if not texts:
        print(f"no articles in {args.library}", file=sys.stderr)
        return 2
    seed = SEED.read_text(encoding="utf-8")

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    for text in texts[:5]:  # warm-up: dictionaries, model, regex and lru caches
        extract_facts(text)
        jieba.posseg.lcut(text)

    size_kb = sum(len(t.encode("utf-8")) for t in texts) / 1024
    ours: list[tuple[float, float]] = []
    raw: list[tuple[float, float]] = []
    for _ in range(args.rounds):
        raw.append(_seconds(texts, jieba.posseg.lcut))
        ours.append(_seconds(texts, extract_facts))
    seed_runs = []
    for _ in range(args.repeat):
        start = time.perf_counter()
        extract_facts(seed)
        seed_runs.append((time.perf_counter() - start) * 1000)
    with tempfile.TemporaryDirectory() as pycache:
        fresh_process(SEED, pycache)  # compiles the bytecode, as an install does
        fresh = [fresh_process(SEED, pycache) for _ in range(args.fresh)]

    print(
        f"machine: {platform.machine()} {platform.python_implementation()} "
        f"{platform.python_version()}"
    )
    print(f"library: {len(texts)} articles, {size_kb:.0f} KB; {args.rounds} interleaved rounds")
    for clock, index in (("wall", 0), ("cpu", 1)):
        raw_kbs = statistics.median(size_kb / r[index] for r in raw)
        our_kbs = statistics.median(size_kb / o[index] for o in ours)
        ratios = [r[index] / o[index] for o, r in zip(ours, raw, strict=True)]
        print(
            f"{clock:>4}: jieba.posseg.lcut {raw_kbs:7.1f} KB/s, extract_facts {our_kbs:7.1f} KB/s;"
            f" ratio per round {', '.join(f'{x:.2f}' for x in ratios)}x"
            f" (median {statistics.median(ratios):.2f}x)"
        )
    print(
        f"seed ({len(seed.encode('utf-8')) / 1024:.1f} KB), warm: "
        f"median {statistics.median(seed_runs):.1f} ms over {len(seed_runs)} runs"
    )
    firsts = [f["first"] for f in fresh]
    imports = [f["import"] for f in fresh]
    rss = [f["rss"] for f in fresh]
    print(
        f"fresh process ({len(fresh)} runs), first extract_facts on the seed: median"
        f" {statistics.median(firsts):.2f} s (max {max(firsts):.2f}; of which import reader.facts"
        f" {1000 * statistics.median(imports):.0f} ms); peak RSS median"
        f" {statistics.median(rss):.0f} MB (max {max(rss):.0f})"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

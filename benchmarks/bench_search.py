"""Search latency, index build throughput and size, compared with grep.

    python benchmarks/make_corpus.py 10000 /tmp/corpus10k
    python benchmarks/bench_search.py /tmp/corpus10k [--json OUT]

200 fixed queries (1–8 characters; common and rare; Chinese, Latin, mixed, phrases): 60 written
out below, 140 substrings sampled from the library with a fixed seed. Each is timed in process
(``Library.search(query, limit=20)``) after a warm-up pass (jieba loaded, pages cached).
Every query is also run as `grep -rlF` over the same files (the query text without quotes,
byte matching with LC_ALL=C), and the medians compared. The index build is timed alone:
the search index rebuilt from the store into a fresh folder. A few queries are also timed
as `kbreader search QUERY PATH --json` from the shell (a new process each). The cache goes
to a fresh temporary XDG_CACHE_HOME.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

FIXED_QUERIES = [
    # common Chinese, one and two characters
    "的",
    "是",
    "中",
    "国",
    "年",
    "发展",
    "中国",
    "国家",
    "经济",
    "科技",
    "北京",
    "合作",
    # longer words and names, some absent from a synthetic library
    "一带一路",
    "科学技术",
    "国际合作",
    "人工智能",
    "图日林",
    "升哲",
    "阿列克谢",
    "生态环境保护",
    "北京科技",
    "中关村",
    "数字化转型",
    "荷",
    "鑫",
    "龘",
    # Latin and digits in every width and case, prefixes and infixes
    "IASP",
    "iasp",
    "ＩＡＳＰ",
    "Iasp",
    "ias",
    "asp",
    "GDP",
    "gdp",
    "5G",
    "AI",
    "ai",
    "Python",
    "pyth",
    "chatgpt",
    "GPT",
    "2025",
    "025",
    "2020年",
    "10",
    "3",
    "wto",
    # mixed, multi-term, phrases and exclusions
    "IASP 2025年",
    "5G网络",
    "AI 发展",
    '"一带一路" 北京',
    '"科技创新"',
    "中国 -美国",
    '"人工智能" 发展',
    "经济 合作 国际",
    "2020年6月",
    "ＧＤＰ增长",
    "《",
    "“中国”",
    "科技 -北京",
]
SAMPLED = 140
CLI_QUERIES = ["图日林", "中国", "的", "iasp", '"一带一路" 北京']


def sample_queries(files: list[Path], count: int, seed: int = 20231019) -> list[str]:
    """Substrings of 1–8 characters from random articles (rare ones, mostly)."""
    rng = random.Random(seed)
    queries: list[str] = []
    while len(queries) < count:
        text = rng.choice(files).read_text(encoding="utf-8")
        length = rng.randint(1, 8)
        start = rng.randrange(0, max(1, len(text) - length))
        query = text[start : start + length].strip()
        if query and '"' not in query and not query.startswith("-") and "\n" not in query:
            queries.append(query)
    return queries


def hundred_kb_queries(files: list[Path]) -> list[str]:
    """Three queries of about 100 kB: an article pasted whole (one long term per line), ten
    thousand words, and the same with one absent word (which must empty the result)."""
    text = files[0].read_text(encoding="utf-8")
    pasted = (text * (100_000 // len(text) + 1))[:100_000]
    rng = random.Random(7)
    # Words of the article itself (so it matches), none of them query syntax (- or ").
    words = [w for w in text.replace('"', " ").split() if not w.startswith("-")]
    pieces = [w[i : i + rng.randint(2, 8)] for w in words for i in range(0, len(w), 5)]
    pieces = [p for p in pieces if not p.startswith("-")]
    many = " ".join(rng.choice(pieces) for _ in range(25_000))[:99_000].rsplit(" ", 1)[0]
    return [pasted, many, many + " 龘龘龘"]


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_queries(search: Callable[..., object], queries: list[str]) -> list[float]:
    timings = []
    for query in queries:
        start = time.perf_counter()
        search(query, limit=20)
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def grep_timings(root: Path, queries: list[str]) -> list[float]:
    timings = []
    env = {**os.environ, "LC_ALL": "C"}  # byte matching: grep's fastest mode
    for query in queries:
        needle = query.replace('"', "")
        start = time.perf_counter()
        subprocess.run(
            ["grep", "-rlF", "--", needle, str(root)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
            check=False,
        )
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def build_index_alone(library_db: Path, out: Path) -> tuple[float, float, float]:
    """Rebuild the search index from the store into a fresh folder: seconds, text MB, index MB."""
    from reader.store.database import connect
    from reader.store.tantivy_index import TantivyIndex

    source = connect(library_db)  # the store's own connection: it reads the text column
    text_mb = sum(len(t.encode("utf-8")) for (t,) in source.execute("SELECT text FROM articles"))
    index = TantivyIndex(out)
    start = time.perf_counter()
    index.rebuild(source, "new")
    seconds = time.perf_counter() - start
    index.close()
    source.close()
    size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
    return seconds, text_mb / 1e6, size / 1e6


def cli_timings(root: Path, queries: list[str], env: dict[str, str]) -> list[float]:
    """Wall time of `kbreader search QUERY PATH --json` (a fresh process each time)."""
    command = [sys.executable, "-m", "reader", "search"]
    timings = []
    for query in queries:
        start = time.perf_counter()
        subprocess.run(
            [*command, query, str(root), "--json"],
            stdout=subprocess.DEVNULL,
            env=env,
            check=True,
        )
        timings.append((time.perf_counter() - start) * 1000)
    return timings


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("library", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args()
    files = sorted(p for p in args.library.rglob("*") if p.suffix in {".md", ".markdown", ".txt"})
    queries = FIXED_QUERIES + sample_queries(files, SAMPLED)
    assert len(queries) == 200

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp, "cache"))
        os.environ["XDG_DATA_HOME"] = str(Path(tmp, "data"))
        from reader.store import open_library

        library = open_library(args.library)
        start = time.perf_counter()
        report = library.sync(facts=False)
        sync_seconds = time.perf_counter() - start
        build_seconds, text_mb, index_mb = build_index_alone(
            library.db_path, Path(tmp, "index-only.sqlite3")
        )

        time_queries(library.search, queries)  # warm-up: jieba, SQLite pages
        timed = time_queries(library.search, queries)
        again = time_queries(library.search, queries)
        counts = [library.search(q, limit=1).total for q in queries[:60]]
        long_queries = hundred_kb_queries(files)
        long_ms = []
        for query in long_queries:
            start = time.perf_counter()
            library.search(query, limit=20)
            long_ms.append(round((time.perf_counter() - start) * 1000))
        peak_rss_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        library.close()
        cli = cli_timings(args.library, CLI_QUERIES, dict(os.environ))

    grep = grep_timings(args.library, queries)
    figures = {
        "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {sqlite3.sqlite_version}",
        "articles": report.added,
        "text_mb": round(text_mb, 1),
        "sync_seconds": round(sync_seconds, 2),
        "index_build_seconds": round(build_seconds, 2),
        "index_build_mb_per_s": round(text_mb / build_seconds, 1),
        "index_mb": round(index_mb, 1),
        "cli_search_wall_ms": [round(ms) for ms in cli],
        "100kB_query_ms (pasted text, 10k words, 10k words + one absent)": long_ms,
        "peak_rss_mb": round(peak_rss_mb),
        "search_p50_ms": round(statistics.median(timed), 2),
        "search_p95_ms": round(percentile(timed, 0.95), 2),
        "search_max_ms": round(max(timed), 2),
        "second_pass_p50_ms": round(statistics.median(again), 2),
        "second_pass_p95_ms": round(percentile(again, 0.95), 2),
        "grep_p50_ms": round(statistics.median(grep), 2),
        "grep_p95_ms": round(percentile(grep, 0.95), 2),
        "grep_over_search_p50": round(statistics.median(grep) / statistics.median(timed), 1),
        "slowest": [
            (round(ms, 1), q)
            for ms, q in sorted(zip(timed, queries, strict=True), reverse=True)[:8]
        ],
        "matches_fixed_queries": dict(zip(queries[:60], counts, strict=True)),
    }
    for key, value in figures.items():
        print(f"{key}: {value}")
    if args.json:
        args.json.write_text(json.dumps(figures, ensure_ascii=False, indent=2), encoding="utf-8")


if __name__ == "__main__":
    main()

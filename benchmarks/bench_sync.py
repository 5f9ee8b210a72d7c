"""Time a full sync and a no-change re-sync of a library, and report peak RSS.

    python benchmarks/make_corpus.py 10000 /tmp/corpus10k
    python benchmarks/bench_sync.py /tmp/corpus10k [--facts]

The cache goes to a fresh temporary XDG_CACHE_HOME, so the first sync is a real full sync.
The previous release is measured with this same script by putting its source first on the
path (``PYTHONPATH=/path/to/old/checkout``).
Without --facts only files and the search index are synced (fact extraction is measured by
benchmarks/bench_facts.py).
"""

from __future__ import annotations

import argparse
import os
import platform
import resource
import sys
import tempfile
import time
from pathlib import Path


def peak_rss_mb() -> float:
    # ru_maxrss is KiB on Linux, bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * scale / 1e6


def cpu_seconds() -> float:
    """CPU time of this process, all threads: steadier than wall time on a shared machine."""
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("library", type=Path)
    parser.add_argument("--facts", action="store_true", help="also extract facts during the sync")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        os.environ["XDG_CACHE_HOME"] = str(Path(tmp, "cache"))
        os.environ["XDG_DATA_HOME"] = str(Path(tmp, "data"))
        from reader import open_library

        library = open_library(args.library)
        start = time.perf_counter()
        cpu_start = cpu_seconds()
        report = library.sync(facts=args.facts)
        full = time.perf_counter() - start
        full_cpu = cpu_seconds() - cpu_start
        rss_full = peak_rss_mb()

        start = time.perf_counter()
        again = library.sync(facts=args.facts)
        resync = time.perf_counter() - start
        # The store (with its WAL) and the search index folder next to it.
        cache = [*library.db_path.parent.glob(library.db_path.name + "*")]
        cache += [p for p in library.db_path.with_suffix(".search").rglob("*") if p.is_file()]
        size_mb = sum(p.stat().st_size for p in cache if p.is_file()) / 1e6

    corpus_mb = sum(p.stat().st_size for p in args.library.rglob("*") if p.is_file()) / 1e6
    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {__import__('sqlite3').sqlite_version}"
    )
    print(f"library: {report.added} articles, {corpus_mb:.1f} MB; cache {size_mb:.1f} MB")
    print(
        f"full sync{' with facts' if args.facts else ''}: {full:.2f} s ({corpus_mb / full:.1f} MB/s)"
        f"; CPU {full_cpu:.1f} s (all threads)"
    )
    print(f"no-change re-sync: {resync * 1000:.0f} ms (unchanged={again.unchanged})")
    print(f"peak RSS: {rss_full:.0f} MB after full sync, {peak_rss_mb():.0f} MB at the end")


if __name__ == "__main__":
    main()

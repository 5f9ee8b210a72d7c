"""Time the timeline of a big library: from the key to its first screen, filters, deep pages.

    python benchmarks/make_corpus.py 10000 /tmp/corpus10k
    python benchmarks/bench_timeline.py /tmp/corpus10k [--facts dates|full] [--keep DIR] [--rebuild]

The library is synced into a fresh cache (or the one kept in ``--keep DIR`` from an earlier
run). Facts: ``dates`` (the default) caches, for every article, the dates the facts
extractor's date rules find in its prose — real dates with real offsets, written through the
store's own facts path (so the timeline is indexed as it is in use) without jieba's minutes
of entity work; ``full`` runs the whole extractor (``library.update_facts()``).

"Open" is what the key costs the core: ``library.timeline()`` (its check against the store
and the row count) plus the first page of 60 rows, measured cold (a new Library, as after a
start) and warm; medians of the runs, with ``library.articles()`` (the list's load, the
sidebar's equivalent) timed in the same run as a yardstick.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import platform
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

FIRST_SCREEN = 60
RUNS = 9


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def cache_dates(library_path: Path) -> int:
    """Facts made of the date rules alone, saved as the extractor's facts would be."""
    from reader import open_library
    from reader.facts.dates import find_dates
    from reader.facts.markup import prose_only
    from reader.facts.model import Facts
    from reader.store import facts_cache
    from reader.store.transaction import immediate

    library = open_library(library_path)
    conn = library.connection()
    done = 0
    articles = library.articles()
    for start in range(0, len(articles), 200):
        with immediate(conn):
            for article in articles[start : start + 200]:
                published = article.date
                day = published.date() if isinstance(published, dt.datetime) else published
                found = sorted(
                    find_dates(prose_only(article.text), day),
                    key=lambda fact: (fact.start, -fact.end),
                )
                numbers, reach = [], -1
                for fact in found:  # overlapping matches: the longest of each, as extraction does
                    if fact.start >= reach:
                        numbers.append(fact)
                        reach = fact.end
                facts_cache._save(conn, article.id, Facts(numbers=numbers).to_dict(), None)
                done += 1
    library.close()
    return done


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("library", type=Path)
    parser.add_argument("--facts", choices=("dates", "full"), default="dates")
    parser.add_argument("--keep", type=Path, help="XDG folder to keep (and reuse) the cache in")
    parser.add_argument(
        "--rebuild", action="store_true", help="also time building the timeline from cached facts"
    )
    args = parser.parse_args()

    home = args.keep or Path(tempfile.mkdtemp(prefix="bench-timeline-"))
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    from reader import open_library
    from reader.store import timeline as timeline_module

    library = open_library(args.library)
    start = time.perf_counter()
    report = library.sync(facts=False)
    print(f"sync: {time.perf_counter() - start:.1f} s ({report.added} added)")
    has_facts = library.connection().execute("SELECT count(*) FROM facts").fetchone()[0]
    if not has_facts:
        start = time.perf_counter()
        if args.facts == "full":
            count = library.update_facts()
        else:
            library.close()
            count = cache_dates(args.library)
            library = open_library(args.library)
        print(
            f"facts ({args.facts}) cached for {count} articles: {time.perf_counter() - start:.1f} s"
        )

    conn = library.connection()
    rebuild: float | None = None
    if args.rebuild:
        # Indexing from cached facts alone (a cache made before the timeline existed).
        from reader.facts.model import FACTS_VERSION

        conn.execute("DELETE FROM meta WHERE key = 'timeline_version'")
        start = time.perf_counter()
        timeline_module.refresh(conn, FACTS_VERSION)
        rebuild = time.perf_counter() - start

    rows = library.timeline().total
    articles = library.count()

    def open_cold() -> object:
        fresh = open_library(args.library)
        try:
            return fresh.timeline().page(0, FIRST_SCREEN)
        finally:
            fresh.close()

    def open_warm() -> object:
        return library.timeline().page(0, FIRST_SCREEN)

    entity_row = conn.execute(
        "SELECT name FROM entity_mentions GROUP BY name ORDER BY count(*) DESC LIMIT 1"
    ).fetchone()
    # A fact's text from the middle of the timeline: a filter as a reader would type it.
    sample = library.timeline().page(rows // 2, 1)[0].text

    figures = {
        "open, cold (new Library + timeline() + first screen)": median_ms(open_cold),
        "open, warm": median_ms(open_warm),
        "total (the scrollbar's length), after the first screen": median_ms(
            lambda: library.timeline().total
        ),
        "library.articles() (the list's load), warm": median_ms(library.articles),
        f"text filter {sample!r}, first screen": median_ms(
            lambda: library.timeline(text=sample).page(0, FIRST_SCREEN)
        ),
        f"text filter {sample!r}, its total": median_ms(
            lambda: library.timeline(text=sample).total
        ),
        "text filter matching nothing, first screen (a full scan)": median_ms(
            lambda: library.timeline(text="不会有的句子").page(0, FIRST_SCREEN)
        ),
        "oldest first": median_ms(
            lambda: library.timeline(newest_first=False).page(0, FIRST_SCREEN)
        ),
        "last screen (G)": median_ms(
            lambda: library.timeline().page(max(rows - FIRST_SCREEN, 0), FIRST_SCREEN)
        ),
        "jump to a year (index_of + that screen)": median_ms(
            lambda: (lambda t: t.page(t.index_of("2015"), FIRST_SCREEN))(library.timeline())
        ),
    }
    if entity_row is not None:
        figures[f"entity filter {entity_row[0]!r}"] = median_ms(
            lambda: library.timeline(entity=entity_row[0]).page(0, FIRST_SCREEN)
        )

    print(
        f"machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"SQLite {__import__('sqlite3').sqlite_version}; load {os.getloadavg()[0]:.1f}"
    )
    print(f"library: {articles} articles, {rows} timeline rows ({args.facts} facts)")
    if rebuild is not None:
        print(
            f"timeline built from cached facts: {rebuild:.1f} s ({articles / rebuild:.0f} articles/s)"
        )
    warm_list = figures["library.articles() (the list's load), warm"]
    for name, value in figures.items():
        print(
            f"{name}: {value:.1f} ms (median of {RUNS}; {value / warm_list:.2f}× the list's load)"
        )
    library.close()


if __name__ == "__main__":
    main()

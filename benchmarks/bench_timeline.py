"""Time the timeline of a big library: from the key to its first screen, filters, deep pages.

    python benchmarks/make_corpus.py 10000 /tmp/corpus10k
    python benchmarks/bench_timeline.py /tmp/corpus10k [--facts dates|full] [--keep DIR] [--rebuild]

The library is synced into a fresh cache (or the one kept in ``--keep DIR`` from an earlier
run). Facts: ``dates`` (the default) caches, for every article, the dates the facts
extractor's date rules find in its prose — real dates with real offsets, written through the
store's own facts path (so the timeline is indexed as it is in use) without jieba's minutes
of entity work; ``full`` runs the whole extractor (``library.update_facts()``).

"T → painted" is the whole key in the app: a headless Pilot run of the reader on the library
(120×40, facts already cached), from pressing T on the reading screen to the timeline's first
row drawn, each run closing the timeline with Esc and opening it again (the first run is the
first after start). "Open" is what the key costs the core: ``library.timeline()`` (its check against the store
and the row count) plus the first page of 60 rows, measured cold (a new Library, as after a
start) and warm; medians of the runs, with ``library.articles()`` (the list's load, the
sidebar's equivalent) timed in the same run as a yardstick.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
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

FIRST_SCREEN = 60
RUNS = 9


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def app_key_to_paint(library_path: Path, runs: int = RUNS) -> list[float]:
    """Seconds from pressing T in the app to the timeline's first row on screen, per run."""
    from reader.config import Config
    from reader.ui.app import KbReaderApp
    from reader.ui.pace import Pace
    from reader.ui.timeline_list import TimelineList
    from reader.ui.timeline_screen import TimelineScreen

    painted: list[float] = []
    draw = TimelineList.render_line

    def render_line(self: TimelineList, y: int) -> object:
        strip = draw(self, y)
        if y == 0 and self.entry(0) is not None and not painted:
            painted.append(time.perf_counter())
        return strip

    TimelineList.render_line = render_line  # type: ignore[assignment,method-assign]

    async def run() -> list[float]:
        app = KbReaderApp(library_path, Config(), Pace(background_facts=False))
        times = []
        async with app.run_test(size=(120, 40)) as pilot:
            # The start-up sync (no change), the list, the open article and its facts, jieba's
            # dictionary: measured once the reader has nothing left to do, as a reader finds it.
            while not (app.main_screen.state.synced and app.main_screen.state.listed) or any(
                worker.is_running for worker in app.workers
            ):
                await pilot.pause(0.05)
            for _ in range(runs):
                painted.clear()
                start = time.perf_counter()
                await pilot.press("T")
                while not painted:
                    await pilot.pause(0.005)
                times.append(painted[0] - start)
                assert isinstance(app.screen, TimelineScreen)
                await pilot.press("escape")
                await pilot.pause(0.05)
        return times

    try:
        return asyncio.run(run())
    finally:
        TimelineList.render_line = draw  # type: ignore[method-assign]


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
    parser.add_argument("--app-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()

    home = args.keep or Path(tempfile.mkdtemp(prefix="bench-timeline-"))
    os.environ["XDG_CACHE_HOME"] = str(home / "cache")
    os.environ["XDG_DATA_HOME"] = str(home / "data")
    os.environ["XDG_CONFIG_HOME"] = str(home / "config")
    if args.app_only:  # (in a fresh process of its own, started below)
        print(json.dumps(app_key_to_paint(args.library)))
        return
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
    # In a process of its own, as a reader starts it (this one holds a warm store).
    command = [sys.executable, __file__, str(args.library), "--keep", str(home), "--app-only"]
    answer = subprocess.run(command, capture_output=True, text=True, check=True)
    key_to_paint = [float(seconds) for seconds in json.loads(answer.stdout.splitlines()[-1])]
    figures["app: T → first row painted (headless Pilot, 120×40)"] = (
        statistics.median(key_to_paint) * 1000
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
    print(
        "app: T → first row painted, each run (ms): "
        + ", ".join(f"{seconds * 1000:.0f}" for seconds in key_to_paint)
        + f"; the first after start {key_to_paint[0] * 1000:.0f} ms, slowest {max(key_to_paint) * 1000:.0f} ms"
    )
    library.close()


if __name__ == "__main__":
    main()

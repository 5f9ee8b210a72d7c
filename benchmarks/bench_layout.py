"""How long laying out an article takes at width 80, and whether it grows linearly.

Run by hand:  python benchmarks/bench_layout.py
The text is the bundled seed article repeated (Chinese prose with headings, bold, a URL and an
image), cut to 10k, 100k and 1M characters. Each size is parsed fresh (the parse cache is
cleared) and the best of several runs is reported. Goal: 100k characters in under 100 ms.
"""

from __future__ import annotations

import gc
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from reader.text.layout import lay_out  # noqa: E402
from reader.text.markdown_blocks import parse_blocks  # noqa: E402

SIZES = (10_000, 100_000, 1_000_000)
WIDTH = 80


def article_of(size: int) -> str:
    seed = (ROOT / "seeds" / "000_5e142f96c0527c7e.txt").read_text(encoding="utf-8")
    return (seed * (size // len(seed) + 1))[:size]


def best_time(text: str, repeats: int, *, collect: bool = True) -> tuple[float, int]:
    best = float("inf")
    rows = 0
    for _ in range(repeats):
        parse_blocks.cache_clear()
        gc.collect()
        if not collect:
            gc.disable()
        try:
            started = time.perf_counter()
            layout = lay_out(text, WIDTH)
            best = min(best, time.perf_counter() - started)
        finally:
            gc.enable()
        rows = len(layout)
    return best, rows


def main() -> None:
    print(f"Python {sys.version.split()[0]}, width {WIDTH}")
    # The second timing runs without the cyclic garbage collector, whose full collections
    # traverse markdown-it's token list (about one object per 10 characters): it separates
    # the layout's own cost from the collector's.
    print(f"{'characters':>12} {'rows':>8} {'ms':>9} {'µs/char':>8} {'ms, no gc':>10}")
    per_char = []
    for size in SIZES:
        text = article_of(size)
        repeats = 7 if size < 1_000_000 else 3
        seconds, rows = best_time(text, repeats)
        no_gc, _ = best_time(text, repeats, collect=False)
        per_char.append(seconds / size)
        print(
            f"{size:>12,} {rows:>8,} {seconds * 1000:>9.1f} {seconds / size * 1e6:>8.3f}"
            f" {no_gc * 1000:>10.1f}"
        )
    ratio = per_char[-1] / per_char[0]
    print(f"cost per character, 1M vs 10k: {ratio:.2f}x (1.0 = perfectly linear)")


if __name__ == "__main__":
    main()

"""Big files: time and peak memory of a sync, and of fact extraction, on one huge article.

    python benchmarks/bench_big_files.py [--sizes 5,50] [--previous /path/to/old/source]

Each measurement runs `kbreader` in a child process (its own XDG folders in a temporary
directory) and reads the child's peak RSS from wait4(). The big article is synthetic text
from make_corpus.py, repeated to the size asked for (UTF-8 MB). With --previous (a source
tree of an older release, e.g. from `git archive`), the same commands run on it too, in
the same run, for ratios. The goals: sync memory within 4x the largest file and 1 GB; a
5 MB article's facts in 10 s; a library with one 50 MB file gets every other article's
facts, each committed on its own.
"""

from __future__ import annotations

import argparse
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def big_text(megabytes: float, corpus: Path) -> str:
    pieces = [path.read_text(encoding="utf-8") for path in sorted(corpus.rglob("*.md"))]
    body = "\n\n".join(piece.split("\n", 1)[1] for piece in pieces)
    target = int(megabytes * 1_000_000)
    repeats = target // len(body.encode()) + 1
    text = f"# 一篇很长的文章 {megabytes} MB\n\n" + "\n\n".join([body] * repeats)
    return text.encode()[:target].decode("utf-8", "ignore")


# The sync with the search index left out: what reading, decoding, parsing and storing cost.
WITHOUT_INDEX = (
    "import sys; from reader.store import tantivy_index;"
    " tantivy_index.IndexUpdater.put = lambda *a: None;"
    " tantivy_index.IndexUpdater.remove = lambda *a: None;"
    " from reader import open_library; open_library(sys.argv[1]).sync(facts=False)"
)


def measure(args: list[str], home: Path, source: Path | None) -> tuple[float, int, str]:
    """Seconds, peak RSS in bytes, stdout of `kbreader ARGS` in a child."""
    env = dict(os.environ)
    for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        env[var] = str(home / var.lower())
    if source is not None:
        env["PYTHONPATH"] = str(source)
    home.mkdir(parents=True, exist_ok=True)
    out = home / "out.txt"
    started = time.monotonic()
    command = ["-c", args[1], *args[2:]] if args[0] == "-c" else ["-m", "reader", *args]
    with out.open("w") as handle:
        child = subprocess.Popen(
            [sys.executable, *command],
            stdout=handle,
            stderr=subprocess.DEVNULL,
            env=env,
            cwd=source or HERE.parent,
        )
        _, _, usage = os.wait4(child.pid, 0)
    seconds = time.monotonic() - started
    return seconds, usage.ru_maxrss * 1024, out.read_text(encoding="utf-8", errors="replace")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="5,50", help="MB, comma-separated")
    parser.add_argument("--previous", type=Path, help="source tree of an older release")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="kbreader-big-"))
    corpus = work / "corpus"
    subprocess.run([sys.executable, str(HERE / "make_corpus.py"), "60", str(corpus)], check=True)
    builds: list[tuple[str, Path | None]] = [("this", None)]
    if args.previous is not None:
        builds.append(("previous", args.previous.resolve()))
    for size in (float(s) for s in args.sizes.split(",")):
        library = work / f"lib-{size:g}"
        library.mkdir()
        big = library / "big.md"
        big.write_text(big_text(size, corpus), encoding="utf-8")
        file_mb = big.stat().st_size / 1e6
        for name, source in builds:
            if name == "previous" and size > 10:
                continue  # the previous release needs GBs here (3.6 GB at 50 MB)
            home = work / f"home-{name}-{size:g}"
            seconds, rss, _ = measure(["index", str(library), "--no-facts"], home, source)
            print(
                f"{name:8s} index --no-facts, one {file_mb:.1f} MB file: {seconds:6.1f} s,"
                f" peak RSS {rss / 1e6:7.0f} MB = {rss / big.stat().st_size:5.1f}x the file"
            )
            seconds, rss, _ = measure(["-c", WITHOUT_INDEX, str(library)], home / "bare", source)
            print(
                f"{name:8s} the same without the search index: {seconds:6.1f} s,"
                f" peak RSS {rss / 1e6:7.0f} MB = {rss / big.stat().st_size:5.1f}x the file"
            )
            if size <= 10:
                seconds, rss, _ = measure(["facts", str(big), "--json"], home, source)
                print(
                    f"{name:8s} facts of the {file_mb:.1f} MB file: {seconds:6.1f} s,"
                    f" peak RSS {rss / 1e6:7.0f} MB"
                )
    # One 50 MB file among 47 articles: every other article's facts land.
    mixed = work / "mixed"
    mixed.mkdir()
    for path in sorted(corpus.rglob("*.md"))[:47]:
        (mixed / path.name).write_bytes(path.read_bytes())
    (mixed / "big.md").write_text(big_text(50, corpus), encoding="utf-8")
    home = work / "home-mixed"
    seconds, rss, out = measure(["index", str(mixed), "--json"], home, None)
    report = json.loads(out)
    print(
        f"this     index with facts, 47 articles + one 50 MB file: {seconds:.1f} s,"
        f" peak RSS {rss / 1e6:.0f} MB; problems: {[p['reason'][:60] for p in report['problems']]}"
    )
    os.environ.update(
        {v: str(home / v.lower()) for v in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")}
    )
    os.environ["XDG_CONFIG_HOME"] = str(home / "xdg_config_home")
    sys.path.insert(0, str(HERE.parent))
    from reader import open_library

    opened = open_library(mixed)
    conn = sqlite3.connect(opened.db_path)
    with_facts = conn.execute("SELECT count(*) FROM facts").fetchone()[0]
    print(f"         articles with cached facts afterwards: {with_facts} of {opened.count()}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""kill -9 a sync at random moments, then re-sync and check that nothing is lost or wrong.

    python benchmarks/kill_sync.py [--rounds 20] [--articles 400] [--seed 13]

Each round changes the library a little (edits, additions, deletions), starts
`kbreader index` in a child (facts included), kills it with SIGKILL at a random moment of its
run, then re-syncs in this process and checks: exactly the files' articles with their
current titles, a search for each article's unique token finds it and only it, and the
reading state (bookmarks, positions) made before the kills is intact. Everything lives in a
temporary folder (XDG_* point there). Exit status 0 when every round held.
"""

from __future__ import annotations

import argparse
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BODY = "北京科技新闻报道，市民踊跃参加活动，全年超过4700万人次。" * 40


def article_text(number: int, version: int) -> str:
    return f"# 第{number}篇文章 v{version}\n\n日期：2023-05-{number % 28 + 1:02d}\n\n编号Q{number:05d}Z。{BODY}\n"


def write(root: Path, number: int, version: int) -> None:
    (root / f"{number:05d}.md").write_text(article_text(number, version), encoding="utf-8")


def check(root: Path, expected: dict[int, int], marks: set[str], position: int) -> list[str]:
    from reader import open_library

    library = open_library(root)
    library.sync(facts=False)
    failures = []
    articles = {a.path: a.title for a in library.articles()}
    wanted = {f"{n:05d}.md": f"第{n}篇文章 v{v}" for n, v in expected.items()}
    if articles != wanted:
        missing = sorted(wanted.keys() - articles.keys())[:5]
        extra = sorted(articles.keys() - wanted.keys())[:5]
        wrong = sorted(p for p in wanted.keys() & articles.keys() if wanted[p] != articles[p])
        failures.append(f"articles differ: missing {missing} extra {extra} stale {wrong[:5]}")
    for number in expected:
        hits = [r.path for r in library.search(f"Q{number:05d}Z", limit=5)]
        if hits != [f"{number:05d}.md"]:
            failures.append(f"search Q{number:05d}Z gave {hits}")
    if library.state.bookmarks() != marks:
        failures.append(f"bookmarks {sorted(library.state.bookmarks())} != {sorted(marks)}")
    if library.state.position(sorted(marks)[0]) != position:
        failures.append("position lost")
    library.close()
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--articles", type=int, default=400)
    parser.add_argument("--seed", type=int, default=13)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    home = Path(tempfile.mkdtemp(prefix="kbreader-kill-"))
    for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
        os.environ[var] = str(home / var.lower())
    root = home / "library"
    root.mkdir()
    expected = {number: 0 for number in range(args.articles)}
    for number in expected:
        write(root, number, 0)

    from reader import open_library

    library = open_library(root)
    marks = {f"{n:05d}.md" for n in range(0, args.articles, 50)}
    for path in marks:
        library.state.toggle_bookmark(path)
    position = 1234
    library.state.set_position(sorted(marks)[0], position)
    library.close()

    # How long a full first sync (with facts) takes: kills land anywhere in it.
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "reader", "index", str(root), "--json"],
        check=True,
        capture_output=True,
        env=os.environ,
    )
    full = time.monotonic() - started
    started = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "reader", "index", str(root), "--json"],
        check=True,
        capture_output=True,
        env=os.environ,
    )
    idle = time.monotonic() - started  # start-up and a sync with nothing to do
    # Start the kills on a fresh cache, so the first rounds hit a first sync too.
    for stale in (home / "xdg_cache_home").rglob("*.sqlite3*"):
        stale.unlink()
    next_number = args.articles
    held = kills = round_number = 0
    changed = len(expected)
    while kills < args.rounds and round_number < 3 * args.rounds:
        round_number += 1
        if round_number > 1:  # change the library: a third of it, a few added and deleted
            changed = max(1, len(expected) // 3)
            for number in rng.sample(sorted(expected), k=changed):
                expected[number] += 1
                write(root, number, expected[number])
            for _ in range(rng.randint(0, 5)):
                expected[next_number] = 0
                write(root, next_number, 0)
                next_number += 1
            for number in rng.sample(sorted(set(expected) - {int(m[:5]) for m in marks}), k=3):
                (root / f"{number:05d}.md").unlink()
                del expected[number]
        # A moment anywhere in this round's run: start-up, reading, storing, facts, exit.
        delay = rng.uniform(0.05, idle + (full - idle) * changed / len(expected))
        child = subprocess.Popen(
            [sys.executable, "-m", "reader", "index", str(root), "--json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=os.environ,
        )
        time.sleep(delay)
        killed = child.poll() is None
        if killed:
            os.kill(child.pid, signal.SIGKILL)
        child.wait()
        failures = check(root, expected, marks, position)
        what = f"killed after {delay:.2f} s" if killed else f"finished before {delay:.2f} s"
        print(f"round {round_number:2d}: {what}; {len(expected)} articles;", end=" ")
        print("held" if not failures else "FAILED: " + "; ".join(failures[:3]), flush=True)
        held += not failures
        kills += killed
    broken = sorted(p.name for p in home.rglob("*.broken-*"))
    print(
        f"{held}/{round_number} rounds held, {kills} of them killed mid-run;"
        f" full sync with facts {full:.1f} s, idle sync {idle:.1f} s;"
        f" moved-aside copies: {broken or 'none'}"
    )
    return 0 if held == round_number else 1


if __name__ == "__main__":
    raise SystemExit(main())

"""Time to first paint and peak RSS of the real `kbreader` in tmux, seed library vs a big one.

    python benchmarks/bench_startup.py /tmp/corpus10k [--runs 5]

Each library is indexed first (`kbreader index --no-facts`) into a temporary XDG cache, so the
figure is the start-up a returning user sees. "First paint" is the time from launching the
process until the footer is on the screen; "list filled" is until the first article title shows.
Peak RSS is the process's maximum resident set, read after `q`.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KBREADER = Path(sys.executable).parent / "kbreader"


TYPED = "北京科技发展"
SETTLE = float(os.environ.get("KB_BENCH_SETTLE", "1.0"))  # seconds between list fill and typing


def typing_latency(tmux: list[str]) -> list[float]:
    """Seconds from sending each character of TYPED to seeing the search box show it."""
    subprocess.run([*tmux, "send-keys", "/"], check=True)
    time.sleep(0.5)
    latencies = []
    for index, char in enumerate(TYPED):
        expected = TYPED[: index + 1]
        start = time.perf_counter()
        subprocess.run([*tmux, "send-keys", char], check=True)
        while time.perf_counter() - start < 10:
            screen = subprocess.run(
                [*tmux, "capture-pane", "-p"], capture_output=True, text=True
            ).stdout
            if expected in screen:
                break
            time.sleep(0.002)
        latencies.append(time.perf_counter() - start)
    subprocess.run([*tmux, "send-keys", "Escape"], check=True)
    time.sleep(0.5)  # or Escape and the next key arrive together as Alt+key
    return latencies


def run_once(
    library: Path | None, env: dict[str, str], socket: Path
) -> tuple[float, float, float, list[float]]:
    rss_file = socket.with_suffix(".rss")
    target = [str(KBREADER)] + ([str(library)] if library else [])
    runner = (
        "import resource, subprocess, sys;"
        f"subprocess.run({target!r});"
        f"open({str(rss_file)!r}, 'w').write(str(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss))"
    )
    tmux = ["tmux", "-S", str(socket)]
    start = time.perf_counter()
    subprocess.run(
        [*tmux, "new-session", "-d", "-x", "120", "-y", "40", sys.executable, "-c", runner],
        env=env,
        check=True,
    )
    first_paint = filled = 0.0
    deadline = start + 60
    while time.perf_counter() < deadline:
        screen = subprocess.run(
            [*tmux, "capture-pane", "-p"], capture_output=True, text=True
        ).stdout
        now = time.perf_counter() - start
        if not first_paint and "Search" in screen:
            first_paint = now
        if first_paint and (
            "●" in screen or "★" in screen or re.search(r"\d+ articles? ·", screen)
        ):
            filled = now
            break
        time.sleep(0.005)
    time.sleep(SETTLE)
    latencies = typing_latency(tmux)
    subprocess.run([*tmux, "send-keys", "q"], check=True)
    while not rss_file.exists() and time.perf_counter() < deadline + 10:
        time.sleep(0.05)
    rss_mb = int(rss_file.read_text()) / 1024 if rss_file.exists() else float("nan")
    rss_file.unlink(missing_ok=True)
    subprocess.run([*tmux, "kill-server"], capture_output=True)
    return first_paint, filled, rss_mb, latencies


def measure(name: str, library: Path | None, runs: int) -> tuple[float, float, float]:
    with tempfile.TemporaryDirectory() as tmp:
        env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        env.update(
            XDG_CACHE_HOME=f"{tmp}/cache",
            XDG_DATA_HOME=f"{tmp}/data",
            XDG_CONFIG_HOME=f"{tmp}/config",
        )
        env.setdefault("TERM", "xterm-256color")
        subprocess.run(
            [str(KBREADER), "index", "--no-facts", *([str(library)] if library else [])],
            env=env,
            check=True,
            capture_output=True,
        )
        samples = [run_once(library, env, Path(tmp, f"s{i}.sock")) for i in range(runs)]
    paint = statistics.median(s[0] for s in samples)
    filled = statistics.median(s[1] for s in samples)
    rss = max(s[2] for s in samples)
    typing = sorted(latency for s in samples for latency in s[3])
    print(
        f"{name:>28}: first paint {paint * 1000:5.0f} ms, list filled {filled * 1000:5.0f} ms, "
        f"peak RSS {rss:4.0f} MB, keystroke echo median {statistics.median(typing) * 1000:.0f} ms "
        f"/ max {typing[-1] * 1000:.0f} ms (includes tmux polling)"
    )
    return paint, filled, rss


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("library", type=Path)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if shutil.which("tmux") is None:
        sys.exit("needs tmux")
    seed = measure("seed library", None, args.runs)
    big = measure(f"{args.library.name}", args.library, args.runs)
    print(f"first paint ratio big/seed: {big[0] / seed[0]:.2f}")


if __name__ == "__main__":
    main()

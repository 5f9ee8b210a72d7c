"""A real full disk: kbreader's cache on a tiny tmpfs, in a private mount namespace.

    sudo python benchmarks/disk_full.py        (needs root or user namespaces: `unshare -m`)

The cache folder is a 2 MB tmpfs mounted in a mount namespace of this process alone (nothing
outside sees it). `kbreader index` on a library bigger than that must print one line naming
the folder and its free space, exit non-zero, write no damage marker and move nothing aside;
the state must be untouched. Then the tmpfs grows to 256 MB and the same command must finish
the sync. The user state folder gets its own 64 kB tmpfs, filled up, to check the app-start
path (state backup) under a full disk too.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

BODY = "北京科技新闻报道，市民踊跃参加活动，全年超过4700万人次。" * 60


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=os.environ
    )


def inside(home: Path) -> int:
    cache = home / "cache"
    data = home / "data"
    for folder, size in ((cache, "2m"), (data, "64k")):
        folder.mkdir(parents=True)
        subprocess.run(
            ["mount", "-t", "tmpfs", "-o", f"size={size}", "tmpfs", str(folder)], check=True
        )
    for var, folder in (
        ("XDG_CACHE_HOME", cache),
        ("XDG_DATA_HOME", data),
        ("XDG_CONFIG_HOME", home / "config"),
        ("XDG_STATE_HOME", home / "state"),
    ):
        os.environ[var] = str(folder)
    library = home / "library"
    library.mkdir()
    for number in range(300):
        (library / f"{number:03d}.md").write_text(f"# 文章{number}\n\n{BODY}\n", encoding="utf-8")
    ok = True

    first = run("index", str(library), "--no-facts")
    print(f"full disk: exit {first.returncode}; stderr: {first.stderr.strip()!r}")
    lines = first.stderr.strip().splitlines()
    markers = [p.name for p in cache.rglob("*") if ".damaged" in p.name or ".broken-" in p.name]
    print(f"  stderr lines: {len(lines)}; markers or moved-aside copies: {markers or 'none'}")
    ok &= first.returncode != 0 and len(lines) == 1 and "disk is full" in first.stderr
    ok &= not markers and "Traceback" not in first.stderr

    again = run("index", str(library), "--no-facts")
    print(f"still full, second run: exit {again.returncode}; {again.stderr.strip()!r}")
    ok &= again.returncode != 0 and not any(".broken-" in p.name for p in cache.rglob("*"))

    subprocess.run(["mount", "-o", "remount,size=256m", str(cache)], check=True)
    resumed = run("index", str(library), "--no-facts", "--json")
    print(f"space back: exit {resumed.returncode}; {resumed.stdout.strip()[:120]!r}")
    listing = run("list", str(library), "--json")
    count = listing.stdout.count('"path"')
    print(f"  articles listed: {count}")
    ok &= resumed.returncode == 0 and count == 300

    # The state folder full: the app's start (state check + backup) must still work.
    filler = data / "filler"
    with filler.open("wb", buffering=0) as handle:
        try:
            while True:
                handle.write(b"\0" * 4096)
        except OSError:
            pass
    state_run = run("list", str(library))
    print(f"state folder full: exit {state_run.returncode}; stderr: {state_run.stderr.strip()!r}")
    ok &= state_run.returncode == 0 and "Traceback" not in state_run.stderr
    print("HELD" if ok else "FAILED")
    return 0 if ok else 1


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--inside":
        return inside(Path(sys.argv[2]))
    home = Path(tempfile.mkdtemp(prefix="kbreader-diskfull-"))
    try:
        # A private mount namespace: the tmpfs mounts vanish with the child.
        command = ["unshare", "-m", sys.executable, __file__, "--inside", str(home)]
        if os.geteuid() != 0:
            command.insert(1, "-r")
        return subprocess.run(command, check=False).returncode
    finally:
        shutil.rmtree(home, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())

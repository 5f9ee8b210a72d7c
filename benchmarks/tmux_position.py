"""Issue 15's flow in a real terminal (run by hand; needs tmux and an installed ``kbreader``).

    python benchmarks/tmux_position.py --first 80x24 --then 200x50

On the bundled library: ``/`` 图日林 Enter, wait, Esc f Esc, ``/`` KOSAL Enter, about 1.5 s
later ``q`` (or ``--hang-up``: kill the tmux session, which sends SIGHUP), then start
``kbreader`` again at the other size and check that KOSAL is on screen. Exits non-zero if not.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

KBREADER = Path(sys.executable).parent / "kbreader"


class Terminal:
    def __init__(self, home: Path, name: str) -> None:
        self.tmux = ["tmux", "-S", str(home / "tmux.sock")]
        self.name = name
        self.env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
        for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            self.env[var] = str(home / var.lower())
        self.env.setdefault("TERM", "xterm-256color")

    def start(self, size: str) -> None:
        width, height = size.split("x")
        command = [*self.tmux, "new-session", "-d", "-s", self.name, "-x", width, "-y", height]
        subprocess.run([*command, f"{KBREADER}; sleep 30"], env=self.env, check=True)

    def screen(self) -> str:
        result = subprocess.run(
            [*self.tmux, "capture-pane", "-p", "-t", self.name], capture_output=True, text=True
        )
        return result.stdout

    def wait(self, needle: str, timeout: float = 30) -> str:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            shown = self.screen()
            if needle in shown:
                return shown
            time.sleep(0.2)
        raise SystemExit(f"{needle!r} never appeared:\n{self.screen()}")

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", self.name, *keys], check=True)

    def kill(self) -> None:
        subprocess.run([*self.tmux, "kill-session", "-t", self.name], capture_output=True)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--first", default="80x24")
    parser.add_argument("--then", default="200x50")
    parser.add_argument("--hang-up", action="store_true", help="close the terminal, not q")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        home = Path(folder)
        first = Terminal(home, "first")
        first.start(args.first)
        first.wait("播撒科创")
        first.keys("/")
        time.sleep(0.3)
        first.keys("图日林")
        first.wait("search: 图日林")
        first.keys("Enter")
        first.wait("hit 1/2")
        time.sleep(2)
        for key in ("Escape", "f", "Escape", "/"):
            first.keys(key)
            time.sleep(0.4)
        first.keys("KOSAL")
        first.wait("search: KOSAL")
        first.keys("Enter")
        first.wait("hit 1/1")
        assert "KOSAL" in first.screen()
        time.sleep(1.5)
        if args.hang_up:
            first.kill()  # tmux sends SIGHUP to what runs in the pane
        else:
            first.keys("q")
        time.sleep(2)
        first.kill()
        then = Terminal(home, "then")
        then.start(args.then)
        shown = then.wait(" article")
        time.sleep(1)
        shown = then.screen()
        then.kill()
        subprocess.run([*then.tmux, "kill-server"], capture_output=True)
    found = "KOSAL" in shown
    how = "hang-up" if args.hang_up else "q"
    print(f"{args.first} -> {how} -> {args.then}: KOSAL {'in view' if found else 'NOT in view'}")
    if not found:
        print(shown)
    return 0 if found else 1


if __name__ == "__main__":
    sys.exit(main())

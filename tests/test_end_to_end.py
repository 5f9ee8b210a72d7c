"""The installed `kbreader` in a real terminal (tmux), read back from the screen."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

KBREADER = Path(sys.executable).parent / "kbreader"

pytestmark = pytest.mark.skipif(
    shutil.which("tmux") is None or not KBREADER.exists(),
    reason="needs tmux and an installed kbreader next to this Python",
)


def test_new_user_flow_in_tmux(isolated_home: Path) -> None:
    session = f"kbreader-e2e-{uuid.uuid4().hex[:8]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith("TMUX")}
    env.setdefault("TERM", "xterm-256color")
    socket = isolated_home / "tmux.sock"
    tmux = ["tmux", "-S", str(socket)]
    command = f"{KBREADER}; sleep 5"
    subprocess.run(
        [*tmux, "new-session", "-d", "-s", session, "-x", "80", "-y", "24", command],
        env=env,
        check=True,
    )

    def screen_text() -> str:
        return subprocess.run(
            [*tmux, "capture-pane", "-p", "-t", session], capture_output=True, text=True, check=True
        ).stdout

    def wait(needle: str, timeout: float = 30.0) -> str:
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = screen_text()
            if needle in text:
                return text
            time.sleep(0.2)
        raise AssertionError(f"{needle!r} never appeared; screen was:\n{text}")

    def keys(*sequence: str) -> None:
        subprocess.run([*tmux, "send-keys", "-t", session, *sequence], check=True)

    try:
        first = wait("播撒科创")
        assert "Traceback" not in first
        keys("/")
        time.sleep(0.5)
        keys("图日林")
        wait("search: 图日林")
        keys("Enter")
        screen = wait("hit 1/2")
        assert "图日林" in screen
        keys("q")
        time.sleep(1.0)
        assert "Traceback" not in screen_text()
    finally:
        subprocess.run([*tmux, "kill-server"], check=False, capture_output=True)

"""Write docs/screenshot.svg: the real app on the bundled seed, via Textual's SVG export.

    python docs/make_screenshot.py

Uses a temporary XDG home, so your own index and state are untouched.
"""

from __future__ import annotations

import asyncio
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


async def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            os.environ[var] = f"{home}/{var.lower()}"
        sys.path.insert(0, str(ROOT))
        from reader.config import Config
        from reader.ui.app import KbReaderApp

        app = KbReaderApp(None, Config())
        async with app.run_test(size=(140, 40)) as pilot:
            screen = app.main_screen
            deadline = time.monotonic() + 30
            while screen.facts_for is None and time.monotonic() < deadline:
                await pilot.pause(0.1)
            await pilot.press("slash", *"图日林")
            await pilot.pause(1.0)
            await pilot.press("enter")
            await pilot.pause(0.5)
            app.save_screenshot(filename="screenshot.svg", path=str(ROOT / "docs"))
    print(ROOT / "docs" / "screenshot.svg")


if __name__ == "__main__":
    asyncio.run(main())

"""Write the README's screenshots: the real app on the bundled seed, via Textual's SVG export.

    python docs/make_screenshot.py             # docs/screenshot.svg: an article and its facts
    python docs/make_screenshot.py timeline    # docs/timeline.svg: the seed's timeline (T)

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


async def main(which: str) -> None:
    with tempfile.TemporaryDirectory() as home:
        for var in ("XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_CONFIG_HOME"):
            os.environ[var] = f"{home}/{var.lower()}"
        sys.path.insert(0, str(ROOT))
        from reader.config import Config
        from reader.store import open_library
        from reader.ui.app import KbReaderApp
        from reader.ui.state import FactsReady

        if which == "timeline":
            open_library(None).sync()  # the facts the background pass would extract
        app = KbReaderApp(None, Config())
        async with app.run_test(size=(140, 40) if which != "timeline" else (110, 32)) as pilot:
            screen = app.main_screen
            deadline = time.monotonic() + 30
            while not isinstance(screen.state.facts, FactsReady) and time.monotonic() < deadline:
                await pilot.pause(0.1)
            if which == "timeline":
                await pilot.press("T")
                await pilot.pause(1.0)
                name = "timeline.svg"
            else:
                await pilot.press("slash", *"图日林")
                await pilot.pause(1.0)
                await pilot.press("enter")
                await pilot.pause(0.5)
                name = "screenshot.svg"
            app.save_screenshot(filename=name, path=str(ROOT / "docs"))
    print(ROOT / "docs" / name)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1] if len(sys.argv) > 1 else "article"))

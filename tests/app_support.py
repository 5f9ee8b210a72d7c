"""Shared helpers for the app's Pilot tests.

Nothing here waits on the clock: the app runs with ``IMMEDIATE`` pace (no debounce, no
position-save delay, no child process), and :func:`settle` waits for every worker to finish and
every message it posted to be handled, again and again until nothing is left to do.
"""

from __future__ import annotations

import asyncio
import io
import shutil
from collections.abc import Callable
from pathlib import Path

from rich.console import Console
from textual.pilot import Pilot
from textual.worker import Worker

from reader.config import Config
from reader.ui.app import KbReaderApp
from reader.ui.article_list import ArticleList
from reader.ui.article_view import ArticleView
from reader.ui.facts_panel import FactsPanel
from reader.ui.main_screen import MainScreen
from reader.ui.pace import IMMEDIATE, Pace
from tests.conftest import SEED_PATH
from tests.pilot_waits import handled

SEED = SEED_PATH.name
OTHER_ARTICLE = (
    "# 上海港口新闻\n\n日期：2022-01-05\n\n上海港集装箱吞吐量创新高，全年超过4700万标准箱。\n"
)
THIRD_ARTICLE = "# 深圳科技周\n\n日期：2021-03-01\n\n深圳举办科技周活动，吸引10万名观众。\n"
CODE_ARTICLE = """---
title: 代码示例
date: 2024-03-01
author: 张三
source: https://example.com/code
tags: [编程, 示例]
---

# 正文标题

说明文字。

```python
def hello(name):
    return "你好" + name
```
"""


def make_library(root: Path) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    shutil.copy(SEED_PATH, root / SEED_PATH.name)
    (root / "shanghai.md").write_text(OTHER_ARTICLE, encoding="utf-8")
    (root / "shenzhen.md").write_text(THIRD_ARTICLE, encoding="utf-8")
    return root


def make_app(
    library: Path | None, config: Config | None = None, pace: Pace = IMMEDIATE
) -> KbReaderApp:  # noqa: E501
    return KbReaderApp(library, config if config is not None else Config(), pace)


async def settle(pilot: Pilot[None], *, besides: str | None = None) -> None:
    """Until no worker runs and every message is handled (workers post, handlers may start
    more workers, and so on); then one refresh, so the screen shows the result. ``besides``:
    a worker group not waited for (one a test holds back on purpose)."""
    app = pilot.app

    def running() -> list[Worker[object]]:
        return [worker for worker in app.workers if worker.group != besides]

    for _ in range(200):
        # (A worker that raised is done too: the app's handler has shown its error.)
        await asyncio.gather(*(worker.wait() for worker in running()), return_exceptions=True)
        await handled(app)
        if not running():
            await pilot.pause()  # layout and paint
            if not running():
                return
    raise AssertionError(f"workers never settled: {running()}")


async def until(pilot: Pilot[None], predicate: Callable[[], object]) -> None:
    """Settle, then insist: the condition must hold once the app has nothing left to do."""
    await settle(pilot)
    assert predicate(), "condition does not hold once the app has settled"


def hold_searches(app: KbReaderApp) -> None:
    """From now on, results-as-you-type wait (for an hour): what a reader types next is not
    searched until Enter, as when the answer is slower than the typing."""
    app.main_screen.sidebar.debounce = 3600


def parts(app: KbReaderApp) -> tuple[MainScreen, ArticleList, ArticleView, FactsPanel]:
    screen = app.main_screen
    return (
        screen,
        screen.query_one(ArticleList),
        screen.query_one(ArticleView),
        screen.query_one(FactsPanel),
    )


async def screen_text(pilot: Pilot[None]) -> str:
    """The terminal as a reader sees it now, as plain text."""
    await pilot.pause()  # paint what the last key or message changed
    app = pilot.app
    console = Console(record=True, width=app.size.width, height=app.size.height, file=io.StringIO())
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False)


def status(app: KbReaderApp) -> str:
    """The status bar's left part."""
    return str(app.main_screen.query_one("#status").render())
